import { describe, expect, it } from 'vitest';
import { outstandingSpread, remainderLogSd } from '../../../core/model/outstanding-spread.ts';
import { ModelParametersSchema, Z90 } from '../../../core/model/parameters.ts';
import { prepareRace } from '../../../core/model/prepare-race.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';
import { parameters, trackRecordOfTwoUnitRace, withUncountedUnit, WITHOUT_REAL_COUNT_TERMS } from './prepare-race-fixtures.ts';

// How many votes prepareRace expects from each open unit, and how widely.

describe('prepareRace: the volume of each open unit', () => {
  it("takes each open unit's spread from outstandingSpread, with stated sides widened by estimateErrorLogSd", () => {
    const race = prepareRace(twoUnitRace(), 0, parameters);
    const { outstandingLogSd, estimateErrorLogSd } = parameters;
    const spreadOfA = outstandingSpread({ expected: 600, low: 400, high: 900 }, outstandingLogSd, estimateErrorLogSd);
    const spreadOfB = outstandingSpread({ expected: 3000 }, outstandingLogSd, estimateErrorLogSd);
    expect(spreadOfA.sdBelow).toBeCloseTo(Math.hypot(Math.log(601 / 401) / Z90, estimateErrorLogSd), 14);
    expect(spreadOfB.sdBelow).toBe(outstandingLogSd); // a side with no bound is not widened
    // Stored without a branch: below = mid − half, above = mid + half.
    const spreads = [spreadOfA, spreadOfB];
    spreads.forEach((spread, open) => {
      expect(race.sdMid[open] - race.sdHalf[open]).toBeCloseTo(spread.sdBelow, 14);
      expect(race.sdMid[open] + race.sdHalf[open]).toBeCloseTo(spread.sdAbove, 14);
    });
  });

  it("multiplies each open unit's expected votes and range by the estimates' track record", () => {
    // 2,050 votes were counted between the releases while the estimate fell by only 1,600.
    const factor = trackRecordOfTwoUnitRace();
    expect(factor).toBeGreaterThan(1);
    const race = prepareRace(twoUnitRace(), 1, parameters);
    const spread = outstandingSpread({ expected: 2000 * factor, low: 1500 * factor, high: 2600 * factor }, parameters.outstandingLogSd, parameters.estimateErrorLogSd);
    expect(race.logCenter[0]).toBe(spread.logCenter);
    expect(race.sdMid[0] - race.sdHalf[0]).toBeCloseTo(spread.sdBelow, 14);
    expect(race.sdMid[0] + race.sdHalf[0]).toBeCloseTo(spread.sdAbove, 14);
  });

  it('widens each side of an open unit\'s volume by log(1 + remainderErrorShare / R), in quadrature, capped', () => {
    const used = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, remainderErrorShare: 0.05, remainderMaxLogSd: 2 });
    const race = prepareRace(twoUnitRace(), 1, used);
    // Release 1: only unit b is open, R = 2000 / 5800, with its stated range corrected by the track record.
    const factor = trackRecordOfTwoUnitRace();
    const extra = Math.log1p(0.05 / (2000 / 5800));
    const spread = outstandingSpread({ expected: 2000 * factor, low: 1500 * factor, high: 2600 * factor }, used.outstandingLogSd, used.estimateErrorLogSd, extra);
    expect(race.sdMid[0]).toBeCloseTo((spread.sdBelow + spread.sdAbove) / 2, 12);
    expect(race.sdHalf[0]).toBeCloseTo((spread.sdAbove - spread.sdBelow) / 2, 12);
    expect(remainderLogSd(0.05, 0.001, 2)).toBe(2);
  });

  it('widens each side of an open unit\'s volume by how far its own earlier estimates missed, in quadrature', () => {
    const used = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, unitTrackWeight: 1 });
    const race = prepareRace(twoUnitRace(), 1, used);
    // Unit b said 3,000 were out at release 0; since then it counted 1,400 and says 2,000 remain: 3,400.
    const factor = trackRecordOfTwoUnitRace();
    const miss = Math.log1p(3400) - Math.log1p(3000);
    const spread = outstandingSpread({ expected: 2000 * factor, low: 1500 * factor, high: 2600 * factor }, used.outstandingLogSd, used.estimateErrorLogSd, miss);
    expect(race.sdMid[0]).toBeCloseTo((spread.sdBelow + spread.sdAbove) / 2, 12);
    expect(race.sdHalf[0]).toBeCloseTo((spread.sdAbove - spread.sdBelow) / 2, 12);
    expect(race.logCenter).toEqual(prepareRace(twoUnitRace(), 1, parameters).logCenter);
  });

  it("takes a desk's estimate as given, and judges the other units by the office's own figures", () => {
    const used = ModelParametersSchema.parse({ ...WITHOUT_REAL_COUNT_TERMS, unitTrackWeight: 1 });
    const office = withUncountedUnit(); // release 1: b and c are open
    const desk = { overrides: [{ unit: 'b', outstanding: { expected: 100 }, by: 'desk', at: '2030-01-01T00:00:00Z' }] };
    const race = prepareRace({ ...office, desk }, 1, used);
    const officeRace = prepareRace(office, 1, used);

    expect(race.logCenter[0]).toBe(Math.log1p(100)); // neither rescaled nor widened by the office's record
    expect(race.sdMid[0]).toBe(used.outstandingLogSd);
    expect(officeRace.logCenter[0]).toBeGreaterThan(Math.log1p(2000)); // the office's 2,000, rescaled up
    expect(race.logCenter[1]).toBe(officeRace.logCenter[1]);
    expect(race.sdMid[1]).toBe(officeRace.sdMid[1]);
  });
});
