import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { parseCountFile, type CountFile, type Desk, type ParseResult, type Race, type Release } from '../schemas/index.ts';

/** A count file from a race and its releases, in order, and the desk's entries if it has any. */
export function assembleCountFile(race: Race, releases: readonly Release[], desk?: Desk): CountFile {
  return { schemaVersion: 1, race, releases: [...releases], ...(desk === undefined ? {} : { desk }) };
}

/** `sha256:` and the hex SHA-256 of the release's canonical JSON (RFC 8785): its identity for idempotency. */
export function releaseHash(release: Release): string {
  return `sha256:${createHash('sha256').update(canonicalize(release) ?? '', 'utf8').digest('hex')}`;
}

/**
 * Checks a posted release against its race and the releases before it, with every rule of the count
 * file: candidates, whole counts, ranges, time order, counts that never fall without a correction, units
 * that never disappear. Errors name fields of the posted release itself, e.g. `units[0].counted.bass`.
 */
export function checkNewRelease(race: Race, previous: readonly Release[], release: unknown): ParseResult<Release> {
  const result = parseCountFile({ schemaVersion: 1, race, releases: [...previous, release] });
  if (result.ok) return { ok: true, value: result.value.releases[previous.length] };
  const prefix = `releases[${previous.length}]`;
  const errors = result.errors.map((line) =>
    line.startsWith(`${prefix}.`) ? line.slice(prefix.length + 1) : line.startsWith(prefix) ? `(release)${line.slice(prefix.length)}` : line,
  );
  return { ok: false, errors };
}
