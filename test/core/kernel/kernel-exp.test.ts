import { describe, expect, it } from 'vitest';
import { kernelExp } from '../../../core/kernel/wasm-kernel.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

/** |a − b| in units in the last place of b. */
const ulpsApart = (a: number, b: number) => Math.abs(a - b) / (Number.EPSILON * 2 ** Math.floor(Math.log2(Math.abs(b))));

describe("the kernel's exp", () => {
  it('is within 2 ulp of Math.exp over the range the model uses, within 1 ulp for 99% of arguments', () => {
    const stream = streamForBlock('exp', 'accuracy', 0);
    const apart: number[] = [];
    for (let i = 0; i < 200_000; i++) {
      // Dense where the model's arguments are (log votes, log odds), and sparse out to ±690.
      const x = i % 10 === 0 ? 1380 * stream.nextUniform() - 690 : 60 * stream.nextUniform() - 30;
      apart.push(ulpsApart(kernelExp(x), Math.exp(x)));
    }
    apart.sort((a, b) => a - b);
    expect(apart.at(-1)).toBeLessThanOrEqual(2);
    expect(apart[Math.floor(0.99 * apart.length)]).toBeLessThanOrEqual(1);
    // and the same bits for more than half of them (measured: 64%).
    expect(apart[Math.floor(0.5 * apart.length)]).toBe(0);
  });

  it('is exact at 0 and keeps to Math.exp near the table points (multiples of ln 2 / 64)', () => {
    expect(kernelExp(0)).toBe(1);
    for (const n of [-1280, -64, -1, 1, 37, 640, 6400]) expect(ulpsApart(kernelExp((n * Math.LN2) / 64), Math.exp((n * Math.LN2) / 64))).toBeLessThanOrEqual(1);
  });

  it('stays finite and ordered beyond ±690, and passes NaN through', () => {
    expect(kernelExp(800)).toBeGreaterThan(1e300);
    expect(Number.isFinite(kernelExp(800))).toBe(true);
    expect(kernelExp(-800)).toBeLessThan(1e-300);
    expect(kernelExp(Number.NaN)).toBeNaN();
  });
});
