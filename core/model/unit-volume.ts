import type { Release, Unit } from '../schemas/count-file.ts';
import { volumeCorrection, type ReleaseTotals } from './estimate-track-record.ts';
import { outstandingSpread, remainderLogSd, scaledOutstanding, type OutstandingSpread } from './outstanding-spread.ts';
import type { ModelParameters } from './parameters.ts';
import { remainingShare } from './remaining-share.ts';
import { unitEstimateMissLogSd } from './unit-estimate-misses.ts';

/** What the volume of every open unit is judged by: the office's track record and whose estimate each is. */
export interface VolumeContext {
  readonly unitsByRelease: readonly ReadonlyMap<string, Unit>[];
  /** The race-wide correction of the office's estimates by their track record (section 1 of docs/model.md). */
  readonly officeFactor: number;
  /** Units whose current estimate is the desk's, not the office's. */
  readonly deskEstimates: ReadonlySet<string>;
  readonly parameters: ModelParameters;
}

/**
 * The race-wide track record of the office's estimates, read from the office's own figures: a desk's
 * estimate in the newest release says nothing about how the office's estimates fare.
 */
export function officeTrackRecord(
  officeReleases: readonly Release[],
  candidateIds: readonly string[],
  parameters: ModelParameters,
): number {
  return volumeCorrection(officeReleases.map((release) => releaseTotals(release, candidateIds)), {
    span: parameters.estimateTrackSpan,
    maxFactor: parameters.estimateTrackMaxFactor,
  });
}

/**
 * How many votes an open unit may still give, on the log scale. The office's estimate is rescaled by the
 * race's track record and widened by the unit's own earlier misses. A desk's estimate is taken as given:
 * both records judge the office, and a desk that overrides has already weighed them. Every estimate keeps
 * the widening of a stated range and of a small remainder.
 */
export function unitVolumeSpread(context: VolumeContext, unit: Unit): OutstandingSpread {
  const { parameters } = context;
  const byDesk = context.deskEstimates.has(unit.id);
  const ownMisses = byDesk
    ? 0
    : unitEstimateMissLogSd(unitHistory(context.unitsByRelease, unit.id), parameters.unitTrackHalfLife, parameters.unitTrackWeight);
  return outstandingSpread(
    scaledOutstanding(unit.outstanding, byDesk ? 1 : context.officeFactor),
    parameters.outstandingLogSd,
    parameters.estimateErrorLogSd,
    Math.hypot(remainderLogSd(parameters.remainderErrorShare, remainingShare(unit), parameters.remainderMaxLogSd), ownMisses),
  );
}

/** The unit as it stood in each release that has it, oldest first. */
export function unitHistory(unitsByRelease: readonly ReadonlyMap<string, Unit>[], unitId: string): Unit[] {
  return unitsByRelease.flatMap((units) => units.get(unitId) ?? []);
}

/** A release's votes counted and estimated outstanding, summed over its units. */
function releaseTotals(release: Release, candidateIds: readonly string[]): ReleaseTotals {
  let counted = 0;
  let estimated = 0;
  for (const unit of release.units) {
    for (const id of candidateIds) counted += unit.counted[id];
    estimated += unit.outstanding.expected;
  }
  return { counted, estimated };
}
