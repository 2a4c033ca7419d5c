import { describe, expect, it } from 'vitest';
import { canonicalJson, inputHash } from '../../../core/provenance/canonical-input.ts';
import { freezeReleases } from '../../../core/provenance/freeze-releases.ts';
import { exampleCountFile } from '../../fixtures/count-files.ts';

describe('freezeReleases', () => {
  it('freezes every release all the way down, and leaves the canonical text and hash as they were', () => {
    const plain = exampleCountFile('la-mayor-2022-general');
    const frozen = freezeReleases(structuredClone(plain));
    expect(frozen.releases.every((release) => Object.isFrozen(release) && Object.isFrozen(release.units[0].counted))).toBe(true);
    expect(Object.isFrozen(plain.releases[0])).toBe(false);
    // Twice: the second text is built from the kept texts of the frozen releases.
    expect(canonicalJson(frozen)).toBe(canonicalJson(plain));
    expect(inputHash(frozen)).toBe(inputHash(plain));
  });

  it('makes a release that is changed afterwards throw, instead of leaving a stale kept text', () => {
    const frozen = freezeReleases(structuredClone(exampleCountFile('la-mayor-2022-general')));
    expect(() => {
      (frozen.releases[0] as { asOf: string }).asOf = '2030-01-01T00:00:00Z';
    }).toThrow(TypeError);
  });
});
