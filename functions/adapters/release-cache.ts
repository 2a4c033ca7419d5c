import type { Release } from '../../core/schemas/index.ts';
import { deepFreeze } from '../../core/provenance/freeze-releases.ts';

/**
 * Releases as read from a store, kept between runs by one process (a warm Lambda, the local pipeline).
 * A stored release never changes, so one is known by its race, sequence number and canonical hash; each
 * is frozen all the way down, so nothing can change a kept copy, and core keeps the canonical text of a
 * frozen release (canonicalJson) instead of building it again for every run of the race. Bounded by units
 * held: the least recently read releases go first.
 */
export class ReleaseCache {
  private readonly releases = new Map<string, Release>();
  private units = 0;

  /** @param maxUnits units of all releases kept, at most; about 280 bytes each with their canonical text. */
  constructor(private readonly maxUnits: number) {}

  /** The kept release, or undefined; a release read counts as recently used. */
  get(raceId: string, seq: number, hash: string): Release | undefined {
    const key = cacheKey(raceId, seq, hash);
    const release = this.releases.get(key);
    if (release === undefined) return undefined;
    this.releases.delete(key);
    this.releases.set(key, release);
    return release;
  }

  /** Keeps the release, frozen, and answers it: the caller must own it (it was just read and parsed). */
  keep(raceId: string, seq: number, hash: string, release: Release): Release {
    const frozen = deepFreeze(release);
    const key = cacheKey(raceId, seq, hash);
    if (!this.releases.has(key)) this.units += frozen.units.length;
    this.releases.set(key, frozen);
    for (const [oldest, kept] of this.releases) {
      if (this.units <= this.maxUnits) break;
      this.releases.delete(oldest);
      this.units -= kept.units.length;
    }
    return frozen;
  }
}

const cacheKey = (raceId: string, seq: number, hash: string) => `${raceId}\u0000${seq}\u0000${hash}`;
