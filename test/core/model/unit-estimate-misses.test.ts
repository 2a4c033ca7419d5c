import { describe, expect, it } from 'vitest';
import { unitEstimateMissLogSd } from '../../../core/model/unit-estimate-misses.ts';

const at = (counted: number, expected: number) => ({ counted: { a: counted }, outstanding: { expected } });

describe('unitEstimateMissLogSd', () => {
  it('is the miss of the one earlier estimate: votes counted since plus today\'s estimate, against it', () => {
    expect(unitEstimateMissLogSd([at(0, 100), at(300, 100)], 2, 1)).toBeCloseTo(Math.log(401 / 101), 12);
  });

  it('is 0 for an estimate that held, with no earlier release, or with weight 0', () => {
    expect(unitEstimateMissLogSd([at(0, 100), at(60, 40)], 2, 1)).toBe(0);
    expect(unitEstimateMissLogSd([at(60, 40)], 2, 1)).toBe(0);
    expect(unitEstimateMissLogSd([at(0, 100), at(300, 100)], 2, 0)).toBe(0);
  });

  it('counts an office that stopped while it said votes remained as a miss too', () => {
    // Said 1,000 out; counted 10 since and now says 100: 110 realised against 1,000.
    expect(unitEstimateMissLogSd([at(5000, 1000), at(5010, 100)], 2, 1)).toBeCloseTo(Math.log(1001 / 111), 12);
  });

  it('skips releases that estimated nothing, and weighs a release halfLife back half as much', () => {
    const history = [at(0, 100), at(100, 0), at(200, 100), at(400, 50)];
    const old = Math.log1p(450) - Math.log1p(100);
    const recent = Math.log1p(250) - Math.log1p(100);
    const weightOld = 0.5 ** (3 / 2);
    const weightRecent = 0.5 ** (1 / 2);
    const rms = Math.sqrt((weightOld * old ** 2 + weightRecent * recent ** 2) / (weightOld + weightRecent));
    expect(unitEstimateMissLogSd(history, 2, 1)).toBeCloseTo(rms, 12);
    expect(unitEstimateMissLogSd(history, 2, 1.5)).toBeCloseTo(1.5 * rms, 12);
  });
});
