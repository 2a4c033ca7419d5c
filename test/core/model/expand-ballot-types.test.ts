import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { expandBallotTypes } from '../../../core/model/expand-ballot-types.ts';
import { ModelParametersSchema } from '../../../core/model/parameters.ts';
import { parseCountFile, type CountFile, type Unit } from '../../../core/schemas/index.ts';

type Split = { a: number; b: number; expected: number };

/** A unit of one county split into election-day and mail ballots. */
function typedUnit(id: string, day: Split, mail: Split): Unit {
  return {
    id,
    counted: { a: day.a + mail.a, b: day.b + mail.b },
    outstanding: { expected: day.expected + mail.expected },
    types: {
      election_day: { counted: { a: day.a, b: day.b }, outstanding: { expected: day.expected } },
      mail: { counted: { a: mail.a, b: mail.b }, outstanding: { expected: mail.expected } },
    },
  };
}

/**
 * Election-day votes lean 60–40 to a and are nearly done; mail leans 35–65 to b, and most of it is still out.
 * Two releases, so each type has a history.
 */
function typedRace(): CountFile {
  const file: CountFile = {
    schemaVersion: 1,
    race: { id: 'typed', name: 'Typed', rule: { kind: 'plurality' }, candidates: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] },
    releases: [
      { asOf: '2024-01-01T00:00:00Z', units: [typedUnit('county', { a: 30_000, b: 20_000, expected: 20_000 }, { a: 3_500, b: 6_500, expected: 60_000 })] },
      { asOf: '2024-01-02T00:00:00Z', units: [typedUnit('county', { a: 42_000, b: 28_000, expected: 1_000 }, { a: 7_000, b: 13_000, expected: 50_000 })] },
    ],
  };
  const parsed = parseCountFile(file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

/** The same counts with the types dropped: one history for the whole unit. */
function untyped(file: CountFile): CountFile {
  return { ...file, releases: file.releases.map((release) => ({ ...release, units: release.units.map(({ types: _, ...unit }) => unit) })) };
}

describe('expandBallotTypes', () => {
  it('makes one unit per ballot type, id unit/type, with the same race-wide sums', () => {
    const expanded = expandBallotTypes(typedRace());
    expect(expanded.releases[1].units.map((unit) => unit.id)).toEqual(['county/election_day', 'county/mail']);
    const sum = (units: readonly Unit[], key: 'a' | 'b') => units.reduce((total, unit) => total + unit.counted[key], 0);
    expect(sum(expanded.releases[1].units, 'a')).toBe(49_000);
    expect(sum(expanded.releases[1].units, 'b')).toBe(41_000);
  });

  it('returns a file without types unchanged', () => {
    const file = untyped(typedRace());
    expect(expandBallotTypes(file)).toBe(file);
  });
});

describe('a forecast with ballot types', () => {
  it("leans each type's outstanding votes on that type's own history", () => {
    // Without the early lean, which would (rightly) keep a type with 70% of its votes out far from sure.
    const parameters = ModelParametersSchema.parse({ earlyLeanSd: 0 });
    const typed = forecastRace({ countFile: typedRace(), seed: 'types', draws: 4_000, parameters });
    const whole = forecastRace({ countFile: untyped(typedRace()), seed: 'types', draws: 4_000, parameters });
    // 50,000 mail votes still out break about 35–65: b ends near 52.4%. Without types the unit's batches
    // (mostly election day) say about 57–43 for a, and a is the clear favourite.
    expect(typed.candidates[1].winProbability).toBeGreaterThan(0.8);
    expect(whole.candidates[0].winProbability).toBeGreaterThan(0.9);
    expect(typed.candidates[1].voteShare.mean).toBeGreaterThan(whole.candidates[1].voteShare.mean + 0.04);
  });
});
