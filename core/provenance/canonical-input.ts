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
 * The canonical JSON text of a count file: the JSON Canonicalization Scheme (RFC 8785) — object keys
 * sorted by UTF-16 code units, no white space, numbers in ECMAScript's shortest round-trip form. Two
 * files that differ only in key order or white space have the same canonical text.
 */
export function canonicalJson(countFile: CountFile): string {
  const text = canonicalize(countFile);
  if (text === undefined) throw new Error('count file has no JSON form');
  return text;
}

/**
 * `sha256:` and the hex SHA-256 digest of the canonical JSON text, encoded as UTF-8.
 * @example inputHash(file) // 'sha256:3f1c…' (64 hex digits)
 */
export function inputHash(countFile: CountFile): string {
  return `sha256:${createHash('sha256').update(canonicalJson(countFile), 'utf8').digest('hex')}`;
}
