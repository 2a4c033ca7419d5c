import type { Election, Race, Release } from '../core/schemas/count-file.ts';
import { RandomStream } from '../core/random/random-stream.ts';

// The contests of `npm run bench:night`: one election, unit counts spread as on a real night (many small
// contests, a few that span a state), each counted over the same releases. Numbers are plausible, not real.

export const BENCH_ELECTION: Election = {
  id: 'bench-night',
  name: 'Benchmark night',
  parties: [
    { id: 'dem', name: 'Democratic' },
    { id: 'rep', name: 'Republican' },
  ],
};

export const MAX_UNITS = 2000;

/**
 * Units of contest `index` of `count`: 2000^(q³) at q = index / (count − 1), from 1 to 2,000. For 430
 * contests: median 3, mean 101, 291 contests of 10 units or fewer, 14 of 1,000 or more (43,283 units in
 * all), as a general election's ballot has many local contests and a few statewide ones. The CA 2024
 * primary's 161 contests had 1 to 58 counties, median 2 (corpus/ca-2024-primary); by precinct, a county
 * is tens to thousands of units.
 */
export function contestUnits(index: number, count: number): number {
  const quantile = count === 1 ? 1 : index / (count - 1);
  return Math.max(1, Math.round(MAX_UNITS ** (quantile ** 3)));
}

/** A contest of the bench night: its race and how each unit's votes come in. */
export interface BenchContest {
  readonly race: Race;
  /** Each unit's final votes, its candidates' shares, and the release at which it starts to report. */
  readonly units: readonly { readonly total: number; readonly shares: readonly number[]; readonly firstRelease: number }[];
}

/** Contest `index` of `count`: 2 or 3 candidates (every third has an independent), units per contestUnits. */
export function benchContest(index: number, count: number, releases: number): BenchContest {
  const stream = new RandomStream(index + 1, 7, 11, 13);
  const candidates = [
    { id: 'd', name: `Contest ${index} Democrat`, party: 'dem' },
    { id: 'r', name: `Contest ${index} Republican`, party: 'rep' },
    ...(index % 3 === 2 ? [{ id: 'i', name: `Contest ${index} Independent` }] : []),
  ];
  const lean = 0.4 + 0.2 * stream.nextUniform();
  const units = Array.from({ length: contestUnits(index, count) }, () => {
    const dem = Math.min(0.9, Math.max(0.1, lean + 0.2 * (stream.nextUniform() - 0.5)));
    const independent = candidates.length === 3 ? 0.08 : 0;
    const shares = [dem * (1 - independent), (1 - dem) * (1 - independent), independent].slice(0, candidates.length);
    return { total: Math.round(200 + 3000 * stream.nextUniform()), shares, firstRelease: Math.floor(stream.nextUniform() * (releases / 2)) };
  });
  const id = `contest-${String(index).padStart(3, '0')}`;
  return { race: { id, name: `Contest ${index}`, rule: { kind: 'plurality' }, candidates, election: BENCH_ELECTION }, units };
}

/**
 * Release `release` (0-based) of `releases`: a unit reports from its first release on, a fixed share more each
 * release until all is counted at the last; the rest is outstanding, with a 90% range of ±25%.
 */
export function benchRelease(contest: BenchContest, release: number, releases: number): Release {
  const start = Date.parse('2024-11-06T04:00:00Z');
  return {
    asOf: new Date(start + release * 30 * 60_000).toISOString().replace('.000Z', 'Z'),
    units: contest.units.map((unit, index) => {
      const done = release < unit.firstRelease ? 0 : (release - unit.firstRelease + 1) / (releases - unit.firstRelease);
      const counted = Math.round(unit.total * done);
      const outstanding = unit.total - counted;
      return {
        id: `u${index}`,
        counted: Object.fromEntries(contest.race.candidates.map((candidate, which) => [candidate.id, Math.round(counted * unit.shares[which])])),
        outstanding: { expected: outstanding, low: Math.round(outstanding * 0.75), high: Math.round(outstanding * 1.25) },
      };
    }),
  };
}
