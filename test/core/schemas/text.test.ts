import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH, MAX_NAME_LENGTH, parseCountFile, RaceSchema, textProblem } from '../../../core/schemas/index.ts';
import { countFileErrors, twoUnitRace } from '../../fixtures/count-files.ts';

const errorsOf = countFileErrors;

describe('names and labels', () => {
  it('accepts names up to the limit, with accents, curly quotes and emoji', () => {
    const file = twoUnitRace();
    file.race.name = 'x'.repeat(MAX_NAME_LENGTH);
    file.race.candidates[0].name = 'Zoë O’Brien-Núñez 🗳';
    file.releases[0].label = 'y'.repeat(MAX_LABEL_LENGTH);
    expect(parseCountFile(file).ok).toBe(true);
  });

  it('refuses a name one character too long, naming the field and the limit', () => {
    const file = twoUnitRace();
    file.race.name = 'x'.repeat(MAX_NAME_LENGTH + 1);
    expect(errorsOf(file)).toEqual([`race.name: expected a name of 1 to ${MAX_NAME_LENGTH} characters and no control characters; got ${MAX_NAME_LENGTH + 1} characters`]);
  });

  it('refuses a 500 KB race name and a huge label', () => {
    const file = twoUnitRace();
    file.race.name = 'x'.repeat(500_000);
    file.releases[1].label = 'y'.repeat(100_000);
    const errors = errorsOf(file);
    expect(errors.some((line) => line.startsWith('race.name: ') && line.includes('got 500000 characters'))).toBe(true);
    expect(errors.some((line) => line.startsWith('releases[1].label: ') && line.includes(`0 to ${MAX_LABEL_LENGTH} characters`))).toBe(true);
  });

  it.each([
    ['NUL', '\u0000', 'U+0000'],
    ['ESC', '\u001b[31m', 'U+001B'],
    ['newline', 'a\nb', 'U+000A'],
    ['tab', 'a\tb', 'U+0009'],
    ['DEL', 'a\u007f', 'U+007F'],
    ['C1 CSI', 'a\u009b', 'U+009B'],
  ])('refuses %s in every name, party and label, naming the field', (_what, text, code) => {
    const file = twoUnitRace();
    file.race.name = `Race ${text}`;
    file.race.candidates[0].name = `Ann ${text}`;
    (file.race.candidates[1] as { party?: string }).party = `Party ${text}`;
    (file.releases[0].units[0] as { name?: string }).name = `Unit ${text}`;
    file.releases[0].label = `Label ${text}`;
    const errors = errorsOf(file);
    for (const field of ['race.name', 'race.candidates[0].name', 'race.candidates[1].party', 'releases[0].units[0].name', 'releases[0].label']) {
      expect(errors.find((line) => line.startsWith(`${field}: `)), field).toContain(code);
    }
  });

  it.each([
    ['a lone high surrogate', 'x\ud800', 'U+D800'],
    ['a lone low surrogate', '\udc00x', 'U+DC00'],
    ['a reversed pair', '\udc00\ud800', 'U+DC00'],
  ])('refuses %s, which no UTF-8 can store', (_what, text, code) => {
    const file = twoUnitRace();
    file.releases[0].label = text;
    const errors = errorsOf(file);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^releases\[0\]\.label: /);
    expect(errors[0]).toContain(`unpaired surrogate ${code}`);
  });

  it('says what is wrong with a text', () => {
    expect(textProblem('Zoë’s ward', 200)).toBeUndefined();
    expect(textProblem('a\u0000b', 200)).toBe('got the control character U+0000 at position 1');
    expect(textProblem('abc', 2)).toBe('got 3 characters');
    expect(textProblem('🗳', 2)).toBeUndefined();
    expect(textProblem('a\ud800', 200)).toBe('got the unpaired surrogate U+D800 at position 1, which is no character');
  });
});

describe('candidates of a race', () => {
  it('refuses a duplicate candidate id, naming it', () => {
    const race = twoUnitRace().race;
    race.candidates.push({ ...race.candidates[0], name: 'Someone else' });
    const result = RaceSchema.safeParse(race);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      [`candidates.${race.candidates.length - 1}.id`, `duplicate candidate id "${race.candidates[0].id}"; each candidate needs its own id`],
    ]);
  });
});
