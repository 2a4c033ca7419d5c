import { publishedKeys } from './published-keys.ts';
import type { HistoryPoint, IndexEntry } from './records.ts';

/**
 * history.json: one point per release, the newest published run of each, in release order. A rerun of a
 * release replaces its point, so a chart shows the night once.
 */
export function historyDocument(raceId: string, points: readonly HistoryPoint[]) {
  const newestPerRelease = new Map<number, HistoryPoint>();
  for (const point of points) {
    const kept = newestPerRelease.get(point.releaseIndex);
    if (kept === undefined || point.publishedAt >= kept.publishedAt) newestPerRelease.set(point.releaseIndex, point);
  }
  const ordered = [...newestPerRelease.values()].sort((a, b) => a.releaseIndex - b.releaseIndex);
  return { schemaVersion: 1, raceId, points: ordered };
}

/** What index.json says of one race (an IndexEntry, without the revision that orders its copies). */
export type IndexEntryInput = Omit<IndexEntry, 'revision'>;

/** index.json: every race with its status and where to read it, ordered by race id. */
export function indexDocument(entries: readonly IndexEntryInput[]) {
  const races = [...entries]
    .sort((a, b) => (a.race.id < b.race.id ? -1 : a.race.id > b.race.id ? 1 : 0))
    .map((entry) => ({
      raceId: entry.race.id,
      name: entry.race.name,
      rule: entry.race.rule,
      candidates: entry.race.candidates.map(({ id, name }) => ({ id, name })),
      status: entry.releaseCount === 0 ? 'awaiting results' : entry.publishedRunId === undefined ? 'counting, no forecast yet' : 'counting',
      releases: entry.releaseCount,
      ...(entry.latestAsOf === undefined ? {} : { latestAsOf: entry.latestAsOf }),
      updatedAt: entry.updatedAt,
      ...(entry.race.election === undefined
        ? {}
        : { election: { id: entry.race.election.id, name: entry.race.election.name, summary: publishedKeys.summary(entry.race.election.id) } }),
      ...(entry.publishedRunId === undefined
        ? {}
        : { latest: publishedKeys.latest(entry.race.id), history: publishedKeys.history(entry.race.id), runId: entry.publishedRunId }),
    }));
  return { schemaVersion: 1, races };
}

/**
 * The seed of an election's night: its id, so every race's night run draws the same shared swing in every
 * process, and `ballotcast night DIR --seed {electionId}` repeats the service's summary.
 * @example nightSeed('ga-2021-runoff') // 'ga-2021-runoff'
 */
export function nightSeed(electionId: string): string {
  return electionId;
}
