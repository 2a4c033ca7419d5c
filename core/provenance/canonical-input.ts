import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { withDeskAsOf } from '../desk/desk-as-of.ts';
import type { CountFile } from '../schemas/count-file.ts';

/**
 * The count file a forecast at `releaseIndex` is computed from: the race, the releases up to and including
 * that one, and the desk entries recorded before the next release (deskAsOf). Rerunning this file
 * reproduces the forecast without needing --as-of; applied to its own result it changes nothing.
 */
export function countFileAsOf(countFile: CountFile, releaseIndex: number): CountFile {
  return { ...withDeskAsOf(countFile, releaseIndex), releases: countFile.releases.slice(0, releaseIndex + 1) };
}

/**
 * Canonical texts of frozen releases. A release frozen by its owner (a store's cache of releases, which
 * never change once stored) is read by many runs, each hashing its whole count file: its text is made once.
 * Unfrozen releases may change, so they are never kept.
 */
const frozenReleaseTexts = new WeakMap<object, string>();

/** The canonical text of one release, kept if the release is frozen. */
function canonicalRelease(release: CountFile['releases'][number]): string {
  const kept = frozenReleaseTexts.get(release);
  if (kept !== undefined) return kept;
  const text = canonicalize(release);
  if (text === undefined) throw new Error('release has no JSON form');
  if (Object.isFrozen(release)) frozenReleaseTexts.set(release, text);
  return text;
}

/**
 * The canonical JSON text of a count file: the JSON Canonicalization Scheme (RFC 8785) — object keys
 * sorted by UTF-16 code units, no white space, numbers in ECMAScript's shortest round-trip form. Two
 * files that differ only in key order or white space have the same canonical text. Built member by member
 * as canonicalize does, so that each release's text can be reused (canonicalRelease).
 */
export function canonicalJson(countFile: CountFile): string {
  const members = Object.keys(countFile)
    .sort()
    .filter((key) => countFile[key as keyof CountFile] !== undefined)
    .map((key) => {
      const value = key === 'releases' ? `[${countFile.releases.map(canonicalRelease).join(',')}]` : canonicalize(countFile[key as keyof CountFile]);
      return `${JSON.stringify(key)}:${value}`;
    });
  return `{${members.join(',')}}`;
}

/**
 * `sha256:` and the hex SHA-256 digest of the canonical JSON text, encoded as UTF-8.
 * @example inputHash(file) // 'sha256:3f1c…' (64 hex digits)
 */
export function inputHash(countFile: CountFile): string {
  return hashOfCanonicalJson(canonicalJson(countFile));
}

/**
 * inputHash of the count file whose canonical text (canonicalJson) is `text`, for a caller that needs both
 * and would otherwise build the text twice.
 */
export function hashOfCanonicalJson(text: string): string {
  return `sha256:${createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
