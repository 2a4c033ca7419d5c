import type { CountFile, Outstanding, Release } from '../../../core/schemas/index.ts';
import { countedById, type CandidatePlan } from './candidates.ts';
import type { ContestHistory, ContestSnapshot } from './contest-history.ts';
import { slugify } from './slugs.ts';
import type { CountDecrease } from './source-rows.ts';

/** Outstanding votes of each county present in a snapshot, in the order of `counties`. */
export type OutstandingRule = (snapshot: ContestSnapshot, counties: readonly string[]) => Outstanding[];

/** The total of a county's votes by candidate. */
export function totalVotes(votes: readonly number[]): number {
  return votes.reduce((sum, count) => sum + count, 0);
}

/** The snapshots a count file keeps: all from the first with any vote counted anywhere. */
export function countedSnapshots(history: ContestHistory): ContestSnapshot[] {
  const first = history.snapshots.findIndex((snapshot) => [...snapshot.units.values()].some((state) => totalVotes(state.votes) > 0));
  return first < 0 ? [] : history.snapshots.slice(first);
}

/**
 * One contest's count file over the kept snapshots: one unit per county (id = slug of its name), votes by
 * race candidate, outstanding votes by `rule`, and `"correction": true` on a county wherever
 * count_decreases.csv lists a drop for it after the previous kept snapshot and up to this one.
 */
export function assembleCountFile(
  history: ContestHistory,
  plan: CandidatePlan,
  kept: readonly ContestSnapshot[],
  decreases: readonly CountDecrease[],
  rule: OutstandingRule,
): CountFile {
  const contestDecreases = decreases.filter((decrease) => decrease.contestId === history.contestId);
  const releases = kept.map((snapshot, index): Release => {
    const counties = history.counties.filter((county) => snapshot.units.has(county));
    const outstanding = rule(snapshot, counties);
    const corrected = correctedCounties(contestDecreases, kept[index - 1]?.asOf, snapshot.asOf);
    return {
      asOf: snapshot.asOf,
      units: counties.map((county, unitIndex) => ({
        id: slugify(county),
        name: county,
        counted: countedById(snapshot.units.get(county)?.votes ?? [], plan),
        outstanding: outstanding[unitIndex],
        ...(corrected.has(county) ? { correction: true } : {}),
      })),
    };
  });
  return {
    schemaVersion: 1,
    race: { id: history.contestId, name: history.title, rule: { kind: history.ruleHint }, candidates: plan.candidates },
    releases,
  };
}

/** Counties with a listed drop in (after, upTo]; none for the first kept snapshot (after undefined). */
function correctedCounties(decreases: readonly CountDecrease[], after: string | undefined, upTo: string): Set<string> {
  if (after === undefined) return new Set();
  const inWindow = decreases.filter(
    (decrease) => Date.parse(decrease.snapshot) > Date.parse(after) && Date.parse(decrease.snapshot) <= Date.parse(upTo),
  );
  return new Set(inWindow.map((decrease) => decrease.county));
}
