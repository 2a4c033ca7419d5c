import { isDeepStrictEqual } from 'node:util';
import type { Race, Release } from '../../core/schemas/index.ts';
import type { AppendReleaseResult, StoredRace } from './race-store.ts';

// The rules of the RaceStore port that do not depend on how a store keeps its data: any implementation
// applies them to what it has read, inside its own conditional write.

/**
 * Why a release may not be appended, or undefined if it may. The order matters: a retry of the newest
 * release is a duplicate even when the caller's count is stale.
 */
export function judgeAppend(current: StoredRace, release: Release, hash: string, expectedSeq: number): AppendReleaseResult | undefined {
  const latest = current.latestRelease;
  if (latest !== undefined) {
    if (latest.asOf === release.asOf && latest.hash === hash) return { kind: 'duplicate', seq: latest.seq };
    if (latest.asOf === release.asOf) {
      return {
        kind: 'conflict',
        reason: `a different release with the same asOf (${release.asOf}) is already stored as release ${latest.seq}; releases are immutable`,
      };
    }
    if (!(Date.parse(release.asOf) > Date.parse(latest.asOf))) {
      return {
        kind: 'conflict',
        reason: `out of order: asOf ${release.asOf} is not after the newest release (${latest.seq}, asOf ${latest.asOf})`,
      };
    }
  }
  if (expectedSeq !== current.releaseCount) {
    return {
      kind: 'conflict',
      reason: `the race has ${current.releaseCount} releases, not ${expectedSeq}; reload and retry`,
    };
  }
  return undefined;
}

/** Why a race with releases may not become `next`: only names and parties may change then. */
export function fixedPartChanged(stored: Race, next: Race, releaseCount: number): string | undefined {
  const has = `the race has ${releaseCount} release${releaseCount === 1 ? '' : 's'}`;
  if (!isDeepStrictEqual(stored.rule, next.rule)) {
    return `the rule cannot change once ${has}: stored ${JSON.stringify(stored.rule)}, got ${JSON.stringify(next.rule)}`;
  }
  const storedIds = stored.candidates.map((candidate) => candidate.id);
  const nextIds = next.candidates.map((candidate) => candidate.id);
  if (!isDeepStrictEqual(storedIds, nextIds)) {
    return `candidates cannot be added, removed or reordered once ${has}: stored [${storedIds.join(', ')}], got [${nextIds.join(', ')}]`;
  }
  return undefined;
}
