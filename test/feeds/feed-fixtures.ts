import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CountFile, Release, Unit } from '../../core/schemas/index.ts';
import type { FeedSnapshot } from '../../feeds/recorded-snapshot.ts';

/** The hand-written feed fixtures: test/fixtures/feeds/{ap,clarity,csv}/. */
export const FEED_FIXTURES = fileURLToPath(new URL('../fixtures/feeds/', import.meta.url));

/** The fixture files of one feed, in name order (the order they were "fetched"). */
export function fixturePaths(feed: 'ap' | 'clarity' | 'csv'): string[] {
  return readdirSync(join(FEED_FIXTURES, feed))
    .sort()
    .map((name) => join(FEED_FIXTURES, feed, name));
}

/** A fixture as a recorded snapshot fetched at `fetchedAt` (the fixture's own time when not given). */
export function fixtureSnapshot(path: string, fetchedAt?: string): FeedSnapshot {
  return { source: path, body: readFileSync(path, 'utf8'), ...(fetchedAt === undefined ? {} : { fetchedAt }) };
}

/** The count file of race `raceId` among `files`; throws if there is none. */
export function countFileOf(files: readonly CountFile[], raceId: string): CountFile {
  const file = files.find((candidate) => candidate.race.id === raceId);
  if (file === undefined) throw new Error(`no count file for race ${raceId}; have ${files.map((f) => f.race.id).join(', ')}`);
  return file;
}

/** A release's unit by id; throws if the release has none. */
export function unitOf(release: Release, unitId: string): Unit {
  const unit = release.units.find((candidate) => candidate.id === unitId);
  if (unit === undefined) throw new Error(`no unit ${unitId} at ${release.asOf}`);
  return unit;
}
