import { volumeCorrection } from '../../../core/model/estimate-track-record.ts';
import { ModelParametersSchema } from '../../../core/model/parameters.ts';
import type { CountFile } from '../../../core/schemas/index.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';

// What the prepare-race*.test.ts files share: the parameters they prepare under, and the two-unit race's variants.

/**
 * The model without the terms fitted to real counts (the early lean, the remainder's own error and the
 * unit's own track record), so that each structural test checks one thing; those terms have tests of their
 * own in prepare-race-lean.test.ts and prepare-race-volume.test.ts.
 */
export const WITHOUT_REAL_COUNT_TERMS = { earlyLeanSd: 0, remainderErrorShare: 0, unitTrackWeight: 0 };
export const parameters = ModelParametersSchema.parse(WITHOUT_REAL_COUNT_TERMS);

/** The correction of the two-unit race's outstanding estimates at its second release, by their track record. */
export function trackRecordOfTwoUnitRace(): number {
  const history = [
    { counted: 3200, estimated: 3600 },
    { counted: 5250, estimated: 2000 },
  ];
  return volumeCorrection(history, { span: parameters.estimateTrackSpan, maxFactor: parameters.estimateTrackMaxFactor });
}

/** The two-unit race with a third unit, "c", that has counted nothing yet but has votes outstanding. */
export function withUncountedUnit(): CountFile {
  const file = structuredClone(twoUnitRace());
  for (const release of file.releases) {
    release.units.push({ id: 'c', counted: { ann: 0, bob: 0, cy: 0 }, outstanding: { expected: 500 } });
  }
  return file;
}
