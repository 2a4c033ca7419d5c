import { describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { checkedOptions, modelParameters } from '../../calibration/harness-options.ts';
import { DEFAULT_PARAMETERS } from '../../core/model/parameters.ts';

describe('modelParameters (--model JSON of calibrate and backtest)', () => {
  it('lays the overrides over the defaults', () => {
    expect(modelParameters('{"priorBatches":4}')).toEqual({ overrides: { priorBatches: 4 }, parameters: { ...DEFAULT_PARAMETERS, priorBatches: 4 } });
    expect(modelParameters(undefined)).toEqual({ overrides: {}, parameters: DEFAULT_PARAMETERS });
  });

  it('says what is wrong with bad JSON, an unknown parameter or a value out of range, instead of throwing', () => {
    for (const text of ['{bad', '{"priorBatchez":4}', '{"correctionDoubt":2}']) {
      const result = modelParameters(text);
      expect('problem' in result && result.problem.length > 0, text).toBe(true);
    }
  });
});

describe('checkedOptions', () => {
  const schema = z.strictObject({ draws: z.coerce.number().int().min(1).default(10), help: z.boolean().optional() });

  it('gives the options, or exit code 2 for bad ones and 0 for --help', () => {
    const quiet = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'log').mockImplementation(() => {})];
    expect(checkedOptions(schema, { draws: '5' }, 'usage')).toEqual({ options: { draws: 5 } });
    expect(checkedOptions(schema, { draws: '-5' }, 'usage')).toEqual({ exitCode: 2 });
    expect(checkedOptions(schema, { help: true }, 'usage')).toEqual({ exitCode: 0 });
    quiet.forEach((spy) => spy.mockRestore());
  });
});
