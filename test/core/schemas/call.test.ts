import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { countFileJsonSchema, ForecastSchema, forecastJsonSchema, parseCountFile, type CountFile } from '../../../core/schemas/index.ts';
import { countFileErrors, twoUnitRace } from '../../fixtures/count-files.ts';

const CALL = { candidate: 'bob', by: 'AP', at: '2024-11-06T21:14:00-08:00' };

/** twoUnitRace with AP's call of Bob on its last release. */
function calledRace(): CountFile {
  const file = twoUnitRace();
  file.releases[1].call = { ...CALL };
  return file;
}

describe('a race call in the count file', () => {
  it('is accepted on a release, and kept as written', () => {
    const result = parseCountFile(calledRace());

    expect(result.ok && result.value.releases[1].call).toEqual(CALL);
  });

  it('must name a candidate of the race, a caller and a time with an offset', () => {
    const file = calledRace();
    file.releases[1].call = { candidate: 'dan', by: '', at: '2024-11-06 21:14' };

    expect(countFileErrors(file)).toEqual([
      'releases[1].call.by: expected a name of 1 to 200 characters and no control characters; got an empty string',
      'releases[1].call.at: expected an ISO 8601 date-time with an offset',
      'releases[1].call.candidate: unknown candidate "dan"; the race\'s candidates are ann, bob, cy',
    ]);
  });

  it('is strict: a misspelt key of the call is an error', () => {
    const file = calledRace() as unknown as { releases: { call: Record<string, unknown> }[] };
    file.releases[1].call.winner = 'bob';

    expect(countFileErrors(file)).toEqual([expect.stringMatching(/^releases\[1\]\.call: Unrecognized key: "winner"/)]);
  });
});

describe('a race call in the published JSON Schemas', () => {
  it('is an optional field of a release and of a forecast, with its own definition', () => {
    const countFile = countFileJsonSchema() as Record<string, any>;
    const forecast = forecastJsonSchema() as Record<string, any>;

    expect(countFile.$defs.Release.properties.call).toMatchObject({ $ref: '#/$defs/Call' });
    expect(countFile.$defs.Release.required).not.toContain('call');
    expect(countFile.$defs.Call).toMatchObject({ required: ['candidate', 'by', 'at'], additionalProperties: false });
    expect(forecast.$defs.Forecast.properties.call).toMatchObject({ $ref: '#/$defs/ForecastCall' });
    expect(forecast.$defs.Forecast.required).not.toContain('call');
  });
});

describe('a race call in the forecast', () => {
  it('is copied beside the probabilities, which stay byte-identical to the same file without it', () => {
    const withCall = forecastRace({ countFile: calledRace(), seed: 'call', draws: 2000 });
    const without = forecastRace({ countFile: twoUnitRace(), seed: 'call', draws: 2000 });

    expect(withCall.call).toEqual(CALL);
    expect(ForecastSchema.safeParse(withCall).error).toBeUndefined();
    // Only the provenance of the input (its hash and key) and the call itself may differ.
    const modelPart = ({ inputHash, input, call, ...rest }: typeof withCall) => rest;
    expect(JSON.stringify(modelPart(withCall))).toBe(JSON.stringify(modelPart(without)));
    expect(withCall.inputHash).not.toBe(without.inputHash);
  });

  it('is absent, and the JSON has no "call" key, when the release has none', () => {
    const forecast = forecastRace({ countFile: calledRace(), releaseIndex: 0, seed: 'call', draws: 500 });

    expect(Object.hasOwn(forecast, 'call')).toBe(false);
  });
});
