import { describe, expect, it } from 'vitest';
import { countFileJsonSchema, parseCountFile } from '../../../core/schemas/index.ts';
import { countFileErrors, contractCountFile, twoUnitRace } from '../../fixtures/count-files.ts';

const errorsOf = countFileErrors;

describe('count file schema', () => {
  it('accepts the contract example exactly as written', () => {
    const result = parseCountFile(contractCountFile());
    expect(result).toEqual({ ok: true, value: contractCountFile() });
  });

  it('accepts every rule kind, with and without a majority threshold', () => {
    for (const rule of [{ kind: 'plurality' }, { kind: 'majority' }, { kind: 'majority', threshold: 0.6 }, { kind: 'top-two' }]) {
      const file = { ...twoUnitRace(), race: { ...twoUnitRace().race, rule } };
      expect(parseCountFile(file).ok).toBe(true);
    }
  });

  it('names the path and the reason for a fractional or negative count', () => {
    const file = twoUnitRace();
    (file.releases[1].units[1].counted as Record<string, number>).bob = 1700.5;
    (file.releases[0].units[0].counted as Record<string, number>).ann = -1;
    expect(errorsOf(file)).toEqual([
      'releases[0].units[0].counted.ann: expected a whole number >= 0',
      'releases[1].units[1].counted.bob: expected a whole number >= 0',
    ]);
  });

  it('rejects NaN and Infinity', () => {
    const file = twoUnitRace();
    (file.releases[0].units[0].counted as Record<string, number>).ann = Number.NaN;
    (file.releases[0].units[0].outstanding as { expected: number }).expected = Number.POSITIVE_INFINITY;
    expect(errorsOf(file)).toEqual([
      'releases[0].units[0].counted.ann: expected a whole number >= 0',
      'releases[0].units[0].outstanding.expected: expected a whole number >= 0',
    ]);
  });

  it('is strict: a misspelt key is an error', () => {
    const file = structuredClone(contractCountFile()) as unknown as { releases: { units: Record<string, unknown>[] }[] };
    file.releases[0].units[0].outstandng = { expected: 1 };
    expect(errorsOf(file)).toEqual(['releases[0].units[0]: Unrecognized key: "outstandng"']);
  });

  it('rejects an unknown candidate and names the known ones', () => {
    const file = twoUnitRace();
    (file.releases[1].units[0].counted as Record<string, number>).dan = 5;
    expect(errorsOf(file)).toEqual([
      'releases[1].units[0].counted.dan: unknown candidate "dan"; the race\'s candidates are ann, bob, cy',
    ]);
  });

  it('rejects a unit that leaves out a candidate', () => {
    const file = twoUnitRace();
    delete (file.releases[0].units[1].counted as Record<string, number>).cy;
    expect(errorsOf(file)).toEqual(['releases[0].units[1].counted: missing candidate "cy"']);
  });

  it('rejects releases out of time order', () => {
    const file = twoUnitRace();
    file.releases[1].asOf = '2024-11-05T19:00:00-08:00';
    expect(errorsOf(file)[0]).toMatch(/^releases\[1\]\.asOf: expected a time after the previous release/);
  });

  it('compares release times as instants, whatever their offsets', () => {
    const file = twoUnitRace();
    file.releases[1].asOf = '2024-11-06T03:59:00Z'; // 19:59 Pacific, before the first release
    expect(errorsOf(file)[0]).toMatch(/^releases\[1\]\.asOf/);
    file.releases[1].asOf = '2024-11-06T04:01:00Z';
    expect(parseCountFile(file).ok).toBe(true);
  });

  it('rejects a count that goes down, unless the unit is marked as a correction', () => {
    const file = twoUnitRace();
    (file.releases[1].units[1].counted as Record<string, number>).bob = 1100;
    expect(errorsOf(file)).toEqual([
      'releases[1].units[1].counted.bob: went down from 1200 to 1100; set "correction": true on the unit if the office corrected it',
    ]);
    file.releases[1].units[1].correction = true;
    expect(parseCountFile(file).ok).toBe(true);
  });

  it('requires low <= expected <= high', () => {
    const file = twoUnitRace();
    file.releases[1].units[1].outstanding = { expected: 2000, low: 2100, high: 1900 };
    expect(errorsOf(file)).toEqual([
      'releases[1].units[1].outstanding.low: expected low <= expected, got 2100 > 2000',
      'releases[1].units[1].outstanding.high: expected high >= expected, got 1900 < 2000',
    ]);
  });

  it('rejects duplicate unit and candidate ids', () => {
    const file = twoUnitRace();
    file.releases[0].units[1].id = 'a';
    file.race.candidates[2].id = 'bob';
    const errors = errorsOf(file);
    expect(errors).toContain('race.candidates[2].id: duplicate candidate id "bob"; each candidate needs its own id');
    expect(errors).toContain('releases[0].units[1].id: duplicate unit id "a"');
  });

  it('lets a unit join in a later release, but not leave', () => {
    const joining = twoUnitRace();
    joining.releases[0].units.pop();
    expect(parseCountFile(joining).ok).toBe(true);
    const leaving = twoUnitRace();
    leaving.releases[1].units.pop();
    expect(errorsOf(leaving)).toEqual([
      'releases[1].units: missing unit "b": every release is a full snapshot of all units',
    ]);
  });

  it('explains a bad rule, date, id and schema version', () => {
    const file = structuredClone(contractCountFile()) as unknown as Record<string, any>;
    file.schemaVersion = 2;
    file.race.rule = { kind: 'ranked-choice' };
    file.race.id = 'LA Mayor';
    file.releases[0].asOf = 'yesterday';
    expect(errorsOf(file)).toEqual([
      'schemaVersion: expected schemaVersion 1',
      'race.id: expected an id: 1 to 128 letters (either case), digits, "-", "_" or "."; not starting with "." or containing ".."; not "__proto__", "constructor" or "prototype"; got " "',
      'race.rule.kind: expected kind to be one of "plurality", "majority", "top-two"',
      'releases[0].asOf: expected an ISO 8601 date-time with an offset',
    ]);
  });

  it('rejects input that is not an object', () => {
    expect(errorsOf(null)[0]).toMatch(/^\(root\): /);
    expect(errorsOf([])[0]).toMatch(/^\(root\): /);
  });
});

describe('count file JSON Schema', () => {
  const schema = countFileJsonSchema() as Record<string, any>;
  const definitions = schema.$defs as Record<string, any>;

  it('is draft 2020-12 with the zod ids as definitions', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(Object.keys(definitions)).toEqual(expect.arrayContaining(['CountFile', 'Race', 'Rule', 'Release', 'Unit', 'Outstanding']));
  });

  it('carries the shape: strict units with whole, non-negative counts', () => {
    const unit = definitions.Unit;
    expect(unit.additionalProperties).toBe(false);
    expect(unit.required).toEqual(['id', 'counted', 'outstanding']);
    expect(unit.properties.counted.additionalProperties).toMatchObject({ type: 'integer', minimum: 0 });
  });

  it('lists the three rule kinds', () => {
    const kinds = (definitions.Rule.oneOf ?? definitions.Rule.anyOf).map((option: any) => option.properties.kind.const);
    expect(kinds).toEqual(['plurality', 'majority', 'top-two']);
  });
});

describe('a stated lean for the outstanding votes', () => {
  it('accepts shares of every candidate summing to 1', () => {
    const file = twoUnitRace();
    file.releases[1].units[1].outstanding.lean = { ann: 0.5, bob: 0.3, cy: 0.2 };
    expect(parseCountFile(file).ok).toBe(true);
  });

  it('names an unknown candidate, a missing one and a sum other than 1', () => {
    const file = twoUnitRace();
    file.releases[1].units[1].outstanding.lean = { ann: 0.5, dan: 0.3 };
    expect(errorsOf(file)).toEqual([
      'releases[1].units[1].outstanding.lean.dan: unknown candidate "dan"',
      'releases[1].units[1].outstanding.lean: missing candidate "bob"',
      'releases[1].units[1].outstanding.lean: missing candidate "cy"',
      'releases[1].units[1].outstanding.lean: expected shares summing to 1, got 0.8',
    ]);
  });

  it('rejects a share outside [0, 1]', () => {
    const file = twoUnitRace();
    file.releases[1].units[1].outstanding.lean = { ann: 1.5, bob: -0.5, cy: 0 };
    expect(errorsOf(file)).toContain('releases[1].units[1].outstanding.lean.ann: expected a share in [0, 1]');
  });
});
