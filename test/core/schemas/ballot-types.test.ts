import { describe, expect, it } from 'vitest';
import { parseCountFile, type CountFile, type Unit } from '../../../core/schemas/index.ts';

function unitWithTypes(mail: [number, number, number], day: [number, number, number]): Unit {
  return {
    id: 'fulton',
    counted: { a: mail[0] + day[0], b: mail[1] + day[1] },
    outstanding: { expected: mail[2] + day[2] },
    types: {
      mail: { counted: { a: mail[0], b: mail[1] }, outstanding: { expected: mail[2] } },
      election_day: { counted: { a: day[0], b: day[1] }, outstanding: { expected: day[2] } },
    },
  };
}

function file(...units: Unit[][]): CountFile {
  return {
    schemaVersion: 1,
    race: { id: 'typed', name: 'Typed', rule: { kind: 'plurality' }, candidates: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] },
    releases: units.map((releaseUnits, index) => ({ asOf: `2024-01-0${index + 1}T00:00:00Z`, units: releaseUnits })),
  };
}

const errorsOf = (input: unknown) => {
  const result = parseCountFile(input);
  return result.ok ? [] : result.errors;
};

describe('ballot types in a count file', () => {
  it('accepts a unit whose types add up to it', () => {
    expect(errorsOf(file([unitWithTypes([10, 20, 100], [30, 5, 10])], [unitWithTypes([40, 60, 50], [30, 5, 10])]))).toEqual([]);
  });

  it('names the unit when its types do not add up, in counts or in expected outstanding votes', () => {
    const unit = unitWithTypes([10, 20, 100], [30, 5, 10]);
    unit.counted.a = 41;
    unit.outstanding.expected = 100;
    expect(errorsOf(file([unit]))).toEqual([
      'releases[0].units[0].types: ballot types add up to 40 votes for "a", but the unit counts 41',
      'releases[0].units[0].types: ballot types expect 110 votes outstanding, but the unit expects 100',
    ]);
  });

  it("checks each type's candidates and range as a unit's", () => {
    const unit = unitWithTypes([10, 20, 100], [30, 5, 10]);
    delete (unit.types!.mail.counted as Record<string, number>).b;
    unit.types!.mail.outstanding.low = 200;
    expect(errorsOf(file([unit]))).toEqual(
      expect.arrayContaining([
        'releases[0].units[0].types.mail.counted: missing candidate "b"',
        'releases[0].units[0].types.mail.outstanding.low: expected low <= expected, got 200 > 100',
      ]),
    );
  });

  it("refuses a type's count that falls, unless the unit is marked as a correction", () => {
    const later = unitWithTypes([5, 25, 100], [35, 5, 5]);
    expect(errorsOf(file([unitWithTypes([10, 20, 100], [30, 5, 10])], [later]))).toEqual([
      'releases[1].units[0].types.mail.counted.a: went down from 10 to 5; set "correction": true on the unit if the office corrected it',
    ]);
    expect(errorsOf(file([unitWithTypes([10, 20, 100], [30, 5, 10])], [{ ...later, correction: true }]))).toEqual([]);
  });

  it('refuses a unit that stops reporting a type it has reported', () => {
    const later = unitWithTypes([10, 20, 100], [30, 5, 10]);
    delete later.types!.election_day;
    later.counted = { a: 10, b: 20 };
    later.outstanding = { expected: 100 };
    expect(errorsOf(file([unitWithTypes([10, 20, 100], [30, 5, 10])], [later]))).toContain(
      'releases[1].units[0].types: missing ballot type "election_day": a unit keeps every type it has reported',
    );
  });

  it('refuses a type name with characters outside the id set', () => {
    const unit = unitWithTypes([10, 20, 100], [30, 5, 10]);
    (unit.types as Record<string, unknown>)['mail/late'] = unit.types!.mail;
    delete unit.types!.mail;
    expect(errorsOf(file([unit]))).toEqual([
      expect.stringMatching(/^releases\[0\]\.units\[0\]\.types\["mail\/late"\]: expected a ballot type name as an id: .*; got "\/"$/),
    ]);
  });
});
