import type { Race, Release } from '../../core/schemas/index.ts';
import { feedObservations, type FeedFormat, type ImportOptions } from '../import-feed.ts';
import type { RaceObservation } from '../observation.ts';
import type { FeedSnapshot } from '../recorded-snapshot.ts';
import { snapshotsToCountFiles } from '../snapshots-to-count-files.ts';

/** What is already stored of a race: the race as stored, and its newest release when it has one. */
export interface KnownRace {
  readonly race: Race;
  readonly latest?: Release;
}

/** The releases to post for each race a snapshot touched, oldest first, and the converter's notes. */
export interface NewReleases {
  readonly races: ReadonlyArray<{ readonly race: Race; readonly releases: readonly Release[] }>;
  readonly notes: readonly string[];
}

/**
 * The releases that new snapshots add to what is stored, by the same converter as `ballotcast import`.
 * Each race's newest stored release goes first, as if it were the snapshot before, so the rules of
 * snapshotsToCountFiles hold across polls: a unit the feed leaves out (AP's `nextrequest` answers carry
 * only what changed) keeps its stored counts, counts that fall are corrections, a snapshot that changes
 * nothing or goes back in time adds nothing. Only releases after the stored newest are returned, so
 * posting them twice is harmless: a poller that read them again finds none new.
 * @throws FeedError naming the source and field of a malformed snapshot.
 * @example newReleases('ap', [snapshot], new Map()) // { races: [{ race, releases: [one release] }], notes: [] }
 */
export function newReleases(
  format: FeedFormat,
  snapshots: readonly FeedSnapshot[],
  known: ReadonlyMap<string, KnownRace>,
  options: ImportOptions = {},
): NewReleases {
  const observations = snapshots.flatMap((snapshot) => feedObservations(format, snapshot, options));
  const raceIds = [...new Set(observations.map((observation) => observation.race.id))];
  const stored = raceIds.flatMap((raceId) => {
    const race = known.get(raceId);
    return race?.latest === undefined ? [] : [storedObservation(race.race, race.latest)];
  });
  const { countFiles, notes } = snapshotsToCountFiles([...stored, ...observations]);
  const races = countFiles.map((file) => {
    const latest = known.get(file.race.id)?.latest;
    const after = latest === undefined ? file.releases : file.releases.filter((release) => Date.parse(release.asOf) > Date.parse(latest.asOf));
    return { race: file.race, releases: after };
  });
  return { races: races.filter((race) => race.releases.length > 0), notes };
}

/** Race ids of the snapshots' races, in order of first appearance: what to look up before newReleases. */
export function raceIdsOf(format: FeedFormat, snapshots: readonly FeedSnapshot[], options: ImportOptions = {}): string[] {
  return [...new Set(snapshots.flatMap((snapshot) => feedObservations(format, snapshot, options)).map((observation) => observation.race.id))];
}

/** A stored release, seen again as the observation it came from. */
function storedObservation(race: Race, release: Release): RaceObservation {
  return {
    source: `stored release of race ${race.id} at ${release.asOf}`,
    race,
    asOf: release.asOf,
    units: release.units,
    ...(release.call === undefined ? {} : { call: release.call }),
  };
}
