import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { ModelParametersSchema, type ModelParameters } from '../../../core/model/parameters.ts';
import { defaultSeed } from '../../../core/pipeline/default-seed.ts';
import { countFileAsOf, inputHash } from '../../../core/provenance/canonical-input.ts';
import { countFileJsonSchema, parseCountFile, type CountFile, type Forecast } from '../../../core/schemas/index.ts';
import { countFileErrors, twoUnitRace } from '../../fixtures/count-files.ts';

const BY = 'arn:aws:iam::123456789012:user/desk-chief';
/** Between the two releases of twoUnitRace, and after the second. */
const BETWEEN = '2024-11-06T10:00:00-08:00';
const AFTER = '2024-11-06T21:00:00-08:00';

function withDesk(desk: CountFile['desk'], file: CountFile = twoUnitRace()): CountFile {
  return { ...file, desk };
}

const run = (countFile: CountFile, releaseIndex?: number, parameters?: ModelParameters): Forecast =>
  forecastRace({ countFile, releaseIndex, seed: 'desk', draws: 2000, parameters });

/** Everything a forecast says but its call and provenance: what the draws gave. */
function drawn(forecast: Forecast) {
  const { call: _call, inputHash: _hash, input: _input, ...rest } = forecast;
  return rest;
}

describe('desk calls and overrides in a count file', () => {
  it('are accepted, with who, when and a note, and kept as written', () => {
    const desk = {
      calls: [{ candidate: 'bob', by: BY, at: AFTER, note: 'the rest of b is Bob country' }],
      overrides: [{ unit: 'b', outstanding: { expected: 2500, low: 2000, high: 3200 }, lean: { ann: 0.4, bob: 0.5, cy: 0.1 }, by: BY, at: AFTER }],
    };
    const result = parseCountFile(withDesk(desk));

    expect(result.ok && result.value.desk).toEqual(desk);
  });

  it('name every bad field: candidate, unit, ballot type, lean, range, and an override that changes nothing', () => {
    const file = withDesk({
      calls: [{ candidate: 'dan', by: BY, at: AFTER }],
      overrides: [
        { unit: 'zz', lean: { ann: 1, bob: 0, cy: 0 }, by: BY, at: AFTER },
        { unit: 'b', type: 'mail', outstanding: { expected: 10, low: 20 }, lean: { ann: 0.5, bob: 0.6 }, by: BY, at: AFTER },
        { unit: 'a', by: BY, at: AFTER },
      ],
    } as CountFile['desk']);

    expect(countFileErrors(file)).toEqual([
      'desk.overrides[2]: expected "outstanding" or "lean" (or both): an override changes at least one',
      'desk.calls[0].candidate: unknown candidate "dan"; the race\'s candidates are ann, bob, cy',
      'desk.overrides[0].unit: unknown unit "zz"; the newest release\'s units are a, b',
      'desk.overrides[1].type: unit "b" reports no ballot types; leave "type" out',
      'desk.overrides[1].outstanding.low: expected low <= expected, got 20 > 10',
      'desk.overrides[1].lean: missing candidate "cy"',
      'desk.overrides[1].lean: expected shares summing to 1, got 1.1',
    ]);
  });

  it('are strict: a misspelt key is an error', () => {
    const file = withDesk({ calls: [{ candidate: 'bob', by: BY, at: AFTER, winner: 'bob' }] } as unknown as CountFile['desk']);

    expect(countFileErrors(file)).toEqual([expect.stringMatching(/^desk\.calls\[0\]: Unrecognized key: "winner"/)]);
  });

  it('are in the published JSON Schema', () => {
    const schema = countFileJsonSchema() as Record<string, any>;

    expect(schema.$defs.CountFile.properties.desk).toMatchObject({ $ref: '#/$defs/Desk' });
    expect(schema.$defs.DeskCall).toMatchObject({ required: ['candidate', 'by', 'at'], additionalProperties: false });
    expect(schema.$defs.UnitOverride.required).toEqual(['unit', 'by', 'at']);
  });
});

describe('a desk call in the forecast', () => {
  it('is shown beside the probabilities, which stay the model\'s own', () => {
    const called = run(withDesk({ calls: [{ candidate: 'cy', by: BY, at: AFTER, note: 'long shot' }] }));
    const uncalled = run(twoUnitRace());

    expect(called.call).toEqual({ candidate: 'cy', by: BY, at: AFTER, note: 'long shot', source: 'desk' });
    expect(drawn(called)).toEqual(drawn(uncalled));
  });

  it("wins over the feed's call; the latest desk call stands, and withdrawing it brings the feed's back", () => {
    const file = twoUnitRace();
    file.releases[1].call = { candidate: 'bob', by: 'AP', at: BETWEEN };
    const early = { candidate: 'ann', by: BY, at: BETWEEN };
    const late = { candidate: 'cy', by: 'Night editor', at: AFTER };

    expect(run(withDesk({ calls: [late, early] }, file)).call).toMatchObject({ candidate: 'cy', source: 'desk' });
    expect(run(withDesk({ calls: [early, { candidate: null, by: BY, at: AFTER }] }, file)).call).toEqual(file.releases[1].call);
  });
});

describe('a desk override in the model', () => {
  it('of the estimate gives the forecast of a release with that estimate, taken as given: the office\'s records leave it', () => {
    const estimate = { expected: 3500, low: 3000 };
    const overridden = run(withDesk({ overrides: [{ unit: 'b', outstanding: estimate, by: BY, at: AFTER }] }));
    const edited = twoUnitRace();
    edited.releases[1].units[1].outstanding = estimate;
    // b is release 1's only open unit, so without the track records the edited race is the same race.
    const withoutRecords = ModelParametersSchema.parse({ estimateTrackMaxFactor: 1, unitTrackWeight: 0 });

    expect(drawn(overridden)).toEqual(drawn(run(edited, undefined, withoutRecords)));
    // Read as the office's, the same estimate would have been rescaled and widened by the records.
    expect(drawn(overridden)).not.toEqual(drawn(run(edited)));
    expect(overridden.votesOutstanding?.expected).toBe(3500);
  });

  it('of the lean gives the forecast of a release that states that lean, keeping the model\'s spread around it', () => {
    const lean = { ann: 0.3, bob: 0.6, cy: 0.1 };
    const overridden = run(withDesk({ overrides: [{ unit: 'b', lean, by: BY, at: AFTER }] }));
    const edited = twoUnitRace();
    edited.releases[1].units[1].outstanding.lean = lean;

    expect(drawn(overridden)).toEqual(drawn(run(edited)));
    expect(overridden.candidates[1].winProbability).toBeGreaterThan(run(twoUnitRace()).candidates[1].winProbability);
  });

  it('stands field by field until a later one replaces it, and null goes back to the release\'s figure', () => {
    const lean = { ann: 0.3, bob: 0.6, cy: 0.1 };
    const overrides = [
      { unit: 'b', outstanding: null, by: BY, at: AFTER },
      { unit: 'b', outstanding: { expected: 9000 }, lean, by: BY, at: BETWEEN },
    ];
    const edited = twoUnitRace();
    edited.releases[1].units[1].outstanding.lean = lean;

    expect(drawn(run(withDesk({ overrides })))).toEqual(drawn(run(edited)));
  });

  it('leaves the input unchanged, and its hash is of the input as written', () => {
    const file = withDesk({ overrides: [{ unit: 'b', outstanding: { expected: 1 }, by: BY, at: AFTER }] });
    const frozen = structuredClone(file);
    const forecast = run(Object.freeze(file));

    expect(file).toEqual(frozen);
    expect(forecast.inputHash).toBe(inputHash(file));
  });
});

describe('desk entries in the input of an earlier release', () => {
  it('are those recorded before the next release: the forecast of release 0 ignores later ones, bytes and hash', () => {
    const file = withDesk({
      calls: [{ candidate: 'cy', by: BY, at: AFTER }],
      overrides: [{ unit: 'b', outstanding: { expected: 9000 }, by: BY, at: AFTER }],
    });

    expect(run(file, 0)).toEqual(run(twoUnitRace(), 0));
    expect(countFileAsOf(file, 1).desk).toEqual(file.desk);
  });

  it('apply to the release newest when they were made, and later ones, and the cut is idempotent', () => {
    const file = withDesk({ calls: [{ candidate: 'cy', by: BY, at: '2024-11-05T21:00:00-08:00' }] });
    const asOf = countFileAsOf(file, 0);

    expect(asOf.desk?.calls).toHaveLength(1);
    expect(countFileAsOf(asOf, 0)).toEqual(asOf);
    expect(run(file, 0).call?.candidate).toBe('cy');
  });
});

describe("the seed of a run that asked for none", () => {
  it("is the input's hash without the desk's calls: a call keeps it, an override does not", () => {
    const plain = twoUnitRace();
    const called = withDesk({ calls: [{ candidate: 'cy', by: BY, at: AFTER }] });
    const overridden = withDesk({ overrides: [{ unit: 'b', lean: { ann: 0.2, bob: 0.7, cy: 0.1 }, by: BY, at: AFTER }] });

    expect(defaultSeed(plain)).toBe(inputHash(plain).slice('sha256:'.length, 'sha256:'.length + 16));
    expect(defaultSeed(called)).toBe(defaultSeed(plain));
    expect(defaultSeed({ ...overridden, desk: { ...overridden.desk, calls: called.desk?.calls } })).toBe(defaultSeed(overridden));
    expect(defaultSeed(overridden)).not.toBe(defaultSeed(plain));
  });
});
