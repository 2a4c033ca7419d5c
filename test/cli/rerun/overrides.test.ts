import { describe, expect, it } from 'vitest';
import { countFileAsOf } from '../../../core/provenance/canonical-input.ts';
import { applyOverrides } from '../../../cli/rerun/overrides.ts';
import { exampleCountFile, twoUnitRace } from '../../fixtures/count-files.ts';

/** The LA general as published at release 15: outstanding 331,612 (90% range 99,484–431,096). */
const generalAt15 = () => countFileAsOf(exampleCountFile('la-mayor-2022-general'), 14);
const lastOutstanding = (file: ReturnType<typeof generalAt15>, unit = 0) => file.releases.at(-1)!.units[unit].outstanding;

describe('applyOverrides of outstanding.expected', () => {
  it('scales low and high with expected for *k (the README example, *1.5)', () => {
    const result = applyOverrides(generalAt15(), ['los-angeles-city.outstanding.expected=*1.5']);

    expect(lastOutstanding(result)).toMatchObject({ expected: 497_418, low: 149_226, high: 646_644 });
  });

  it('moves low and high by the ratio new/old when expected is set to a number', () => {
    // 663,224 is twice 331,612, so the range doubles.
    const result = applyOverrides(generalAt15(), ['los-angeles-city.outstanding.expected=663224']);

    expect(lastOutstanding(result)).toMatchObject({ expected: 663_224, low: 198_968, high: 862_192 });
  });

  it('keeps low <= expected <= high when shrinking', () => {
    const result = applyOverrides(generalAt15(), ['los-angeles-city.outstanding.expected=*0.1']);
    const { expected, low, high } = lastOutstanding(result);

    expect(expected).toBe(33_161);
    expect(low).toBeLessThanOrEqual(expected);
    expect(high).toBeGreaterThanOrEqual(expected);
  });

  it('lets a later --set choose low or high after scaling expected', () => {
    const result = applyOverrides(generalAt15(), ['los-angeles-city.outstanding.expected=*1.5', 'los-angeles-city.outstanding.high=900000']);

    expect(lastOutstanding(result)).toMatchObject({ expected: 497_418, low: 149_226, high: 900_000 });
  });

  it('drops the range of a unit whose old estimate was 0, which gives no ratio', () => {
    const file = twoUnitRace();
    file.releases.at(-1)!.units[0].outstanding = { expected: 0, low: 0, high: 50 };

    const result = applyOverrides(file, ['a.outstanding.expected=500']);

    expect(lastOutstanding(result, 0)).toEqual({ expected: 500 });
  });

  it('scales every unit with *., leaving a unit without a range without one', () => {
    const result = applyOverrides(twoUnitRace(), ['*.outstanding.expected=*2']);

    expect(lastOutstanding(result, 0)).toEqual({ expected: 0 });
    expect(lastOutstanding(result, 1)).toEqual({ expected: 4000, low: 3000, high: 5200 });
  });

  it('does not change the count file it is given', () => {
    const file = Object.freeze(generalAt15());

    applyOverrides(file, ['los-angeles-city.outstanding.expected=*1.5']);

    expect(lastOutstanding(file)).toMatchObject({ expected: 331_612, low: 99_484, high: 431_096 });
  });
});
