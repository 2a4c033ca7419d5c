import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { inputHash } from '../../../core/provenance/canonical-input.ts';
import { countFileJsonSchema, ID_PATTERN, IdSchema, idProblem, parseCountFile } from '../../../core/schemas/index.ts';
import { countFileErrors, twoUnitRace, withIds } from '../../fixtures/count-files.ts';

const ALLOWED = 'expected an id: 1 to 128 letters (either case), digits, "-", "_" or "."; not starting with "." or containing ".."; not "__proto__", "constructor" or "prototype"';

const errorsOf = countFileErrors;

describe('race, unit and candidate ids', () => {
  it('accepts the ids real feeds use, of either case, and keeps them as written', () => {
    const file = withIds(twoUnitRace(), {
      race: '20240305CA0016',
      candidates: { ann: 'Bass_K', bob: 'CARUSO.R', cy: 'deLeon-3' },
      units: { a: 'GA', b: '20210105GA-night' },
    });
    const result = parseCountFile(file);
    expect(result).toEqual({ ok: true, value: file });
  });

  it('treats ids that differ only in case as different ids', () => {
    const file = withIds(twoUnitRace(), { candidates: { ann: 'GA', bob: 'ga', cy: 'Ga' }, units: { a: 'PA', b: 'pa' } });
    expect(parseCountFile(file).ok).toBe(true);
  });

  it.each([
    ['race', (id: string) => withIds(twoUnitRace(), { race: id }), ['race.id']],
    ['candidate', (id: string) => withIds(twoUnitRace(), { candidates: { ann: id } }), ['race.candidates[0].id']],
    ['unit', (id: string) => withIds(twoUnitRace(), { units: { a: id } }), ['releases[0].units[0].id', 'releases[1].units[0].id']],
  ])('accepts a %s id of 128 characters and refuses one of 129', (_kind, withId, paths) => {
    expect(parseCountFile(withId(`A${'b'.repeat(127)}`)).ok).toBe(true);
    expect(errorsOf(withId(`A${'b'.repeat(128)}`))).toEqual(paths.map((path) => `${path}: ${ALLOWED}; got 129 characters`));
  });

  const refused: [string, unknown, string][] = [
    ['empty', '', 'got an empty string'],
    ['a slash', 'CA/0016', 'got "/"'],
    ['a backslash', 'CA\\0016', 'got "\\\\"'],
    ['a percent sign', 'CA%2F0016', 'got "%"'],
    ['a space', 'CA 0016', 'got " "'],
    ['a letter outside ASCII', 'Zoë', 'got "ë"'],
    ['a colon', 'sha256:x', 'got ":"'],
    ['a hash', 'RACE#GA', 'got "#"'],
    ['a single dot', '.', 'got a leading "."'],
    ['two dots', '..', 'got a leading "."'],
    ['dots only', '....', 'got a leading "."'],
    ['a leading dot', '.GA', 'got a leading "."'],
    ['".." inside', 'GA..night', 'got ".."'],
    ['__proto__', '__proto__', 'got the reserved id "__proto__"'],
    ['constructor', 'constructor', 'got the reserved id "constructor"'],
    ['prototype', 'prototype', 'got the reserved id "prototype"'],
  ];

  it.each(refused)('refuses %s, naming what is allowed', (_name, id, reason) => {
    expect(errorsOf(withIds(twoUnitRace(), { race: id as string }))).toEqual([`race.id: ${ALLOWED}; ${reason}`]);
    // First: a "__proto__" key of counted is then also missing, since zod never copies one.
    expect(errorsOf(withIds(twoUnitRace(), { candidates: { bob: id as string } }))[0]).toBe(`race.candidates[1].id: ${ALLOWED}; ${reason}`);
    expect(errorsOf(withIds(twoUnitRace(), { units: { b: id as string } }))).toEqual([
      `releases[0].units[1].id: ${ALLOWED}; ${reason}`,
      `releases[1].units[1].id: ${ALLOWED}; ${reason}`,
    ]);
  });

  it('refuses an id that is not a string, naming what is allowed', () => {
    const file = twoUnitRace() as unknown as { race: { id: unknown } };
    file.race.id = 16;
    expect(errorsOf(file)).toEqual([`race.id: expected an id as a string: ${ALLOWED.slice('expected an id: '.length)}`]);
  });

  it('allows a trailing dot, and "-" or "_" first', () => {
    for (const id of ['GA.', '-GA', '_GA', 'a.b.c', '06037']) expect(IdSchema.safeParse(id).success, id).toBe(true);
  });

  it('says the same as its one regular expression, which the JSON Schema publishes', () => {
    const schema = countFileJsonSchema() as { $defs: Record<string, any> };
    expect(schema.$defs.Id).toMatchObject({ type: 'string', pattern: ID_PATTERN.source });
    expect(schema.$defs.Race.properties.id).toEqual({ $ref: '#/$defs/Id' });
    expect(schema.$defs.Candidate.properties.id).toEqual({ $ref: '#/$defs/Id' });
    expect(schema.$defs.Unit.properties.id).toEqual({ $ref: '#/$defs/Id' });
    const published = new RegExp(schema.$defs.Id.pattern as string);
    const pieces = fc.constantFrom('a', 'Z', '0', '-', '_', '.', '..', '/', '%', ' ', '__proto__', 'constructor', 'prototype', 'x'.repeat(64));
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 6 }), (parts) => {
        const text = parts.join('');
        const accepted = IdSchema.safeParse(text).success;
        expect(idProblem(text) === undefined).toBe(accepted);
        expect(published.test(text)).toBe(accepted);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('candidate ids that are names of Object.prototype', () => {
  const PROTOTYPE_NAMES = { ann: 'toString', bob: 'valueOf', cy: 'hasOwnProperty' };

  it('are accepted, and a forecast of them is whole', () => {
    const file = withIds(twoUnitRace(), { race: 'GA', candidates: PROTOTYPE_NAMES });
    const parsed = parseCountFile(file);
    expect(parsed.ok).toBe(true);
    const forecast = forecastRace({ countFile: file, seed: '7', draws: 2000 });
    expect(forecast.candidates.map((candidate) => candidate.id)).toEqual(['toString', 'valueOf', 'hasOwnProperty']);
    const total = forecast.candidates.reduce((sum, candidate) => sum + candidate.winProbability, 0);
    expect(total).toBeCloseTo(1, 6);
    expect(forecast.candidates.map((candidate) => candidate.votesCounted)).toEqual([2600, 2200, 450]);
    expect(inputHash(file)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('are missing from a unit when the unit leaves them out, though every object has them by inheritance', () => {
    const file = withIds(twoUnitRace(), { candidates: PROTOTYPE_NAMES });
    delete (file.releases[0].units[1].counted as Record<string, number | undefined>)['toString'];
    expect(errorsOf(file)).toEqual(['releases[0].units[1].counted: missing candidate "toString"']);
  });

  it('are missing from a stated lean that leaves them out', () => {
    const file = withIds(twoUnitRace(), { candidates: PROTOTYPE_NAMES });
    file.releases[1].units[1].outstanding.lean = { toString: 0.6, hasOwnProperty: 0.4 };
    expect(errorsOf(file)).toEqual(['releases[1].units[1].outstanding.lean: missing candidate "valueOf"']);
  });

  it('still have counts that may not fall', () => {
    const file = withIds(twoUnitRace(), { candidates: PROTOTYPE_NAMES });
    (file.releases[1].units[1].counted as Record<string, number>)['valueOf'] = 1100;
    expect(errorsOf(file)).toEqual([
      'releases[1].units[1].counted.valueOf: went down from 1200 to 1100; set "correction": true on the unit if the office corrected it',
    ]);
  });

  it('name an unknown candidate when a unit counts one the race does not have', () => {
    const file = twoUnitRace();
    (file.releases[0].units[0].counted as Record<string, number>)['toString'] = 5;
    expect(errorsOf(file)).toEqual(['releases[0].units[0].counted.toString: unknown candidate "toString"; the race\'s candidates are ann, bob, cy']);
  });
});
