import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, hashOfCanonicalJson, inputHash } from '../../../core/provenance/canonical-input.ts';
import type { CountFile } from '../../../core/schemas/index.ts';
import { arbitraryCountFile } from '../../fixtures/arbitrary-count-file.ts';
import { exampleCountFile } from '../../fixtures/count-files.ts';

/** A copy whose releases are frozen all the way down, as a store's cache of releases keeps them. */
function withFrozenReleases(file: CountFile): CountFile {
  const freeze = (value: unknown): unknown => {
    if (typeof value === 'object' && value !== null) Object.values(value).forEach(freeze);
    return Object.freeze(value);
  };
  return { ...file, releases: structuredClone(file.releases).map((release) => freeze(release) as CountFile['releases'][number]) };
}

describe('canonicalJson', () => {
  it('is the RFC 8785 text of the whole file, releases frozen or not', () => {
    fc.assert(
      fc.property(arbitraryCountFile, (file) => {
        expect(canonicalJson(file)).toBe(canonicalize(file));
        expect(canonicalJson(withFrozenReleases(file))).toBe(canonicalize(file));
      }),
      { numRuns: 200 },
    );
  });

  it('reuses a frozen release across files: the same text for the file as of each release', () => {
    const file = withFrozenReleases(exampleCountFile('la-mayor-2022-general'));
    for (let count = 1; count <= file.releases.length; count++) {
      const asOf = { ...file, releases: file.releases.slice(0, count) };
      expect(canonicalJson(asOf)).toBe(canonicalize(asOf));
      expect(canonicalJson(asOf)).toBe(canonicalJson(asOf));
    }
  });

  it('reads an unfrozen release afresh, so a changed release changes the text', () => {
    const file = structuredClone(exampleCountFile('la-mayor-2022-general'));
    const before = canonicalJson(file);
    file.releases[0].units[0].id = 'renamed-unit';
    expect(canonicalJson(file)).not.toBe(before);
    expect(canonicalJson(file)).toBe(canonicalize(file));
  });
});

describe('hashOfCanonicalJson', () => {
  it('is inputHash of the file whose canonical text it is given', () => {
    const file = exampleCountFile('la-mayor-2022-primary');
    expect(hashOfCanonicalJson(canonicalJson(file))).toBe(inputHash(file));
    expect(inputHash(file)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
