import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { ForecastSchema, forecastJsonSchema, ID_PATTERN } from '../../../core/schemas/index.ts';
import { contractForecast, twoUnitRace } from '../../fixtures/count-files.ts';

describe('forecast schema', () => {
  it('accepts the contract example exactly as written', () => {
    expect(ForecastSchema.safeParse(contractForecast()).success).toBe(true);
  });

  it('accepts what the model produces for every rule', () => {
    for (const rule of [{ kind: 'plurality' }, { kind: 'majority' }, { kind: 'top-two' }] as const) {
      const forecast = forecastRace({ countFile: twoUnitRace(rule), seed: '1', draws: 500 });
      expect(ForecastSchema.safeParse(forecast).error).toBeUndefined();
    }
  });

  it('rejects a probability outside [0, 1]', () => {
    const forecast = structuredClone(contractForecast()) as { candidates: { winProbability: number }[] };
    forecast.candidates[0].winProbability = 1.2;
    expect(ForecastSchema.safeParse(forecast).success).toBe(false);
  });

  it('publishes a JSON Schema that lets readers accept added fields', () => {
    const schema = forecastJsonSchema() as Record<string, any>;
    const forecast = schema.$defs.Forecast;
    expect(forecast.required).toEqual(
      expect.arrayContaining(['schemaVersion', 'raceId', 'asOf', 'draws', 'seed', 'modelVersion', 'inputHash', 'candidates', 'margin', 'monteCarloError']),
    );
    expect(forecast.additionalProperties).toBeUndefined();
  });

  it('publishes the id rule for the race and candidate ids readers build keys and look-ups from', () => {
    const schema = forecastJsonSchema() as Record<string, any>;
    expect(schema.$defs.Id.pattern).toBe(ID_PATTERN.source);
    expect(schema.$defs.Forecast.properties.raceId).toEqual({ $ref: '#/$defs/Id' });
    expect(schema.$defs.CandidateForecast.properties.id).toEqual({ $ref: '#/$defs/Id' });
    const mixedCase = { ...(contractForecast() as object), raceId: '20240305CA0016' };
    expect(ForecastSchema.safeParse(mixedCase).success).toBe(true);
    expect(ForecastSchema.safeParse({ ...mixedCase, raceId: '../x' }).success).toBe(false);
  });
});
