import { nightSeed } from './documents.ts';
import type { NightEntry } from './records.ts';

/** The night entries one summary combines, and the races left out of it, each with why. */
export interface JointEntries {
  readonly joint: readonly NightEntry[];
  readonly leftOut: readonly { readonly raceId: string; readonly reason: string }[];
}

/**
 * Chooses the races whose latest night runs can be combined: draws are joint only within one seed, one
 * number of draws and one model (summarizeNight refuses a mix). Runs with another seed than the night's are
 * left out; of the rest, the largest group with one model version and draw count is kept (a deploy mid-night
 * changes the model version until every race has run again): ties go to `preferredModelVersion`, then to
 * more draws. Entries are returned in race-id order.
 * @example jointEntries('e', [a, b], '3.2.0') // { joint: [a, b], leftOut: [] } when both ran with seed 'e', one model and one draw count
 */
export function jointEntries(electionId: string, entries: readonly NightEntry[], preferredModelVersion: string): JointEntries {
  const seed = nightSeed(electionId);
  const ordered = [...entries].sort((a, b) => (a.raceId < b.raceId ? -1 : a.raceId > b.raceId ? 1 : 0));
  const seeded = ordered.filter((entry) => entry.seed === seed);
  const groups = new Map<string, NightEntry[]>();
  for (const entry of seeded) {
    const key = JSON.stringify([entry.modelVersion, entry.draws]);
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const rank = (group: readonly NightEntry[]) => [group.length, group[0].modelVersion === preferredModelVersion ? 1 : 0, group[0].draws];
  const best = [...groups.values()].sort((a, b) => compareRanks(rank(b), rank(a)))[0] ?? [];
  const kept = new Set(best);
  const leftOut = ordered
    .filter((entry) => !kept.has(entry))
    .map((entry) => ({
      raceId: entry.raceId,
      reason:
        entry.seed !== seed
          ? `run with seed ${entry.seed}, not the night's ${seed}`
          : `run with model ${entry.modelVersion} and ${entry.draws} draws; the summary's races with model ${best[0].modelVersion} and ${best[0].draws} draws`,
    }));
  return { joint: best, leftOut };
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] - b[index];
  return 0;
}
