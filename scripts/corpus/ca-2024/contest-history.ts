import type { UpdateRow } from './source-rows.ts';

/** A candidate as the SoS names it; `party` is empty for Prop 1's Yes and No. */
export type SourceCandidate = { name: string; party: string };

/**
 * A county's state in one contest: votes by candidate, in the contest's candidate order, and the snapshot
 * at which the source last emitted a change for it.
 */
export type UnitState = { votes: readonly number[]; precinctsTotal: number; changedAt: string };

/** The whole contest at one snapshot: every county seen so far, at its latest state at or before it. */
export type ContestSnapshot = { asOf: string; units: ReadonlyMap<string, UnitState> };

/** One contest of county_updates.csv, rebuilt as full snapshots, one per snapshot with a change. */
export type ContestHistory = {
  contestId: string;
  title: string;
  ruleHint: UpdateRow['ruleHint'];
  /** In the order of the source's first rows for the contest. */
  candidates: SourceCandidate[];
  /** Counties in the order they first appear. */
  counties: string[];
  /** In time order; the last is the final count. */
  snapshots: ContestSnapshot[];
};

/**
 * Groups county_updates.csv rows by contest (contests in id order) and rebuilds each contest's full
 * snapshots: at each snapshot with a row for the contest, every county takes its latest rows at or before
 * it. Throws when a county's rows at a snapshot do not name every candidate of the contest exactly once, or
 * when a contest changes title or rule.
 */
export function readContestHistories(rows: readonly UpdateRow[]): ContestHistory[] {
  const byContest = new Map<string, UpdateRow[]>();
  for (const row of rows) {
    const contestRows = byContest.get(row.contestId) ?? [];
    contestRows.push(row);
    byContest.set(row.contestId, contestRows);
  }
  return [...byContest.keys()].sort().map((contestId) => readContest(byContest.get(contestId) ?? []));
}

function readContest(rows: readonly UpdateRow[]): ContestHistory {
  const [first] = rows;
  const what = `contest ${first.contestId}`;
  if (rows.some((row) => row.contestTitle !== first.contestTitle || row.ruleHint !== first.ruleHint)) {
    throw new Error(`${what}: more than one title or rule hint`);
  }
  const candidates = uniqueBy(rows, (row) => row.candidate).map((row) => ({ name: row.candidate, party: row.party }));
  const counties = uniqueBy(rows, (row) => row.county).map((row) => row.county);
  const changes = groupChanges(rows, candidates, what);
  const snapshots: ContestSnapshot[] = [];
  let units = new Map<string, UnitState>();
  for (const asOf of [...changes.keys()].sort()) {
    units = new Map([...units, ...(changes.get(asOf) ?? [])]);
    snapshots.push({ asOf, units });
  }
  return { contestId: first.contestId, title: first.contestTitle, ruleHint: first.ruleHint, candidates, counties, snapshots };
}

/** The states emitted at each snapshot, by county. */
function groupChanges(
  rows: readonly UpdateRow[],
  candidates: readonly SourceCandidate[],
  what: string,
): Map<string, Map<string, UnitState>> {
  const grouped = new Map<string, Map<string, UpdateRow[]>>();
  for (const row of rows) {
    const atSnapshot = grouped.get(row.snapshot) ?? new Map<string, UpdateRow[]>();
    atSnapshot.set(row.county, [...(atSnapshot.get(row.county) ?? []), row]);
    grouped.set(row.snapshot, atSnapshot);
  }
  const order = new Map(candidates.map((candidate, index) => [candidate.name, index]));
  const changes = new Map<string, Map<string, UnitState>>();
  for (const [snapshot, byCounty] of grouped) {
    const states = new Map<string, UnitState>();
    for (const [county, unitRows] of byCounty) {
      const names = new Set(unitRows.map((row) => row.candidate));
      if (unitRows.length !== candidates.length || names.size !== candidates.length) {
        throw new Error(`${what}, ${county} at ${snapshot}: expected one row for each of ${candidates.length} candidates`);
      }
      const votes = new Array<number>(candidates.length).fill(0);
      for (const row of unitRows) votes[order.get(row.candidate) ?? -1] = row.votes;
      states.set(county, { votes, precinctsTotal: unitRows[0].precinctsTotal, changedAt: snapshot });
    }
    changes.set(snapshot, states);
  }
  return changes;
}

/** The first item for each key, in order. */
function uniqueBy<Item>(items: readonly Item[], key: (item: Item) => string): Item[] {
  const seen = new Map<string, Item>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
