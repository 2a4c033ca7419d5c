import type { CountFile, Release, Unit } from '../../core/schemas/index.ts';
import { countUnitBallots, type UnitCount } from './count-ballots.ts';
import { drawUnitSchedule, type UnitSchedule } from './counting-schedule.ts';
import { drawReleaseLogError, estimateOutstanding } from './estimate-outstanding.ts';
import type { RaceSpec } from './race-spec.ts';
import { decideOutcome, sharesOf, type RaceTruth } from './race-truth.ts';
import type { Random } from './random.ts';
import { drawReleaseTimes } from './release-times.ts';
import { drawUnitElectorates, type UnitElectorate } from './unit-electorate.ts';

/** A synthetic race: its count file, as an election office would publish it, and the truth behind it. */
export interface SyntheticRace {
  readonly countFile: CountFile;
  readonly truth: RaceTruth;
}

/** One unit with its ballots, its counting schedule and its count. */
interface UnitHistory {
  readonly electorate: UnitElectorate;
  readonly schedule: UnitSchedule;
  readonly count: UnitCount;
}

/**
 * Generates one race from its spec: draws every unit's ballots, counts them over the releases, and
 * publishes each release with cumulative counts and distorted estimates of the outstanding votes.
 * Candidates are `c1`, `c2`, … in the order of `spec.baseShares`; units are `u001`, `u002`, …. The
 * count file passes `parseCountFile`, and its final release has every vote counted.
 */
export function generateRace(spec: RaceSpec, random: Random): SyntheticRace {
  const candidateIds = spec.baseShares.map((_, index) => `c${index + 1}`);
  const units = drawUnitElectorates(spec, random).map((electorate, unitIndex) => {
    const totalVotes = electorate.votesByType.reduce((sum, votes) => sum + votes, 0);
    // u001 leads: it is in the first release and counts some votes there, so no release is empty.
    const schedule = drawUnitSchedule(totalVotes, unitIndex === 0, spec.counting, random);
    return { electorate, schedule, count: countUnitBallots(electorate, schedule, spec.batchNoiseSd, random) };
  });
  const releases = drawReleaseTimes(spec.counting, random).map((asOf, release) =>
    buildRelease(asOf, release, units, candidateIds, spec, random),
  );
  const countFile: CountFile = {
    schemaVersion: 1,
    race: {
      id: spec.id,
      name: spec.name,
      rule: spec.rule,
      candidates: candidateIds.map((id, index) => ({ id, name: `Candidate ${index + 1}` })),
    },
    releases,
  };
  return { countFile, truth: buildTruth(spec, units, candidateIds, releases.at(-1)!) };
}

/** One published release: every unit that has joined, with its cumulative counts and outstanding estimate. */
function buildRelease(
  asOf: string,
  release: number,
  units: readonly UnitHistory[],
  candidateIds: readonly string[],
  spec: RaceSpec,
  random: Random,
): Release {
  const releaseLogError = drawReleaseLogError(spec.estimates, random);
  const published: Unit[] = units
    .filter((unit) => unit.schedule.firstRelease <= release)
    .map((unit) => {
      const counted = unit.count.countedByRelease[release];
      const unitBallots = unit.schedule.countedBallots.at(-1)!;
      const trueRemaining = unitBallots - unit.schedule.countedBallots[release];
      return {
        id: unit.electorate.id,
        counted: recordOf(candidateIds, counted),
        outstanding: estimateOutstanding(trueRemaining, unitBallots, releaseLogError, spec.estimates, random),
      };
    });
  return { asOf, units: published };
}

/** The truth: final votes and shares, the rule's verdict, and final votes by vote type. */
function buildTruth(
  spec: RaceSpec,
  units: readonly UnitHistory[],
  candidateIds: readonly string[],
  finalRelease: Release,
): RaceTruth {
  const finalRows = finalRelease.units.map((unit) => candidateIds.map((id) => unit.counted[id]));
  const finalVotes = recordOf(candidateIds, sumRows(finalRows));
  const votesByType = Object.fromEntries(
    spec.voteTypes.map((type, typeIndex) => {
      const typeRows = units.map((unit) => unit.count.finalByType[typeIndex]);
      return [type.id, recordOf(candidateIds, sumRows(typeRows))];
    }),
  );
  const totalVotes = Object.values(finalVotes).reduce((sum, votes) => sum + votes, 0);
  const verdict = decideOutcome(spec.rule, finalVotes);
  return { finalVotes, finalShares: sharesOf(finalVotes), totalVotes, ...verdict, votesByType };
}

/** Element-wise sum of equal-length rows. */
function sumRows(rows: readonly (readonly number[])[]): number[] {
  const sums = new Array<number>(rows[0].length).fill(0);
  for (const row of rows) row.forEach((value, index) => (sums[index] += value));
  return sums;
}

function recordOf(ids: readonly string[], values: readonly number[]): Record<string, number> {
  return Object.fromEntries(ids.map((id, index) => [id, values[index]]));
}
