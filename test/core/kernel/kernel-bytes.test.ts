import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKernel, KERNEL_MODULE, kernelModuleText } from '../../../scripts/build-kernel.mjs';

describe('the committed WebAssembly kernel (core/kernel/kernel-bytes.ts)', () => {
  it('is what `npm run build:kernel` compiles from kernel/', async () => {
    const bytes = await compileKernel();
    expect(readFileSync(KERNEL_MODULE, 'utf8')).toBe(kernelModuleText(bytes));
  });
});
