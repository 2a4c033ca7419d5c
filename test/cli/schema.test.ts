import { describe, expect, it } from 'vitest';
import { cli, hasStackTrace } from './cli-harness.ts';

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

interface ObjectSchema {
  readonly type: string;
  readonly required: string[];
  readonly properties: Record<string, unknown>;
  readonly additionalProperties?: boolean;
}

/** A generated schema: the root refers to its definition by the id given in `.meta({ id })`. */
interface JsonSchema {
  readonly $schema: string;
  readonly $ref: string;
  readonly $defs: Record<string, ObjectSchema>;
}

/** The definition the root `$ref` points at. */
function rootDefinition(schema: JsonSchema, id: string): ObjectSchema {
  expect(schema.$ref).toBe(`#/$defs/${id}`);
  return schema.$defs[id];
}

describe('ballotcast schema', () => {
  it('prints the count-file JSON Schema by default', async () => {
    const result = await cli(['schema']);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const schema = JSON.parse(result.stdout) as JsonSchema;
    expect(schema.$schema).toBe(DRAFT_2020_12);
    const countFile = rootDefinition(schema, 'CountFile');
    expect(countFile).toMatchObject({ type: 'object', required: ['schemaVersion', 'race', 'releases'] });
    // Count files are written by hand, so the schema is strict: a misspelt key is an error.
    expect(countFile.additionalProperties).toBe(false);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Race', 'Release']));
  });

  it('prints the same schema for `schema count-file`', async () => {
    const named = await cli(['schema', 'count-file']);
    const byDefault = await cli(['schema']);

    expect(named.code).toBe(0);
    expect(named.stdout).toBe(byDefault.stdout);
  });

  it('prints the forecast JSON Schema for `schema forecast`', async () => {
    const result = await cli(['schema', 'forecast']);

    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as JsonSchema;
    expect(schema.$schema).toBe(DRAFT_2020_12);
    const forecast = rootDefinition(schema, 'Forecast');
    expect(forecast.required).toEqual(expect.arrayContaining(['raceId', 'asOf', 'draws', 'seed', 'inputHash', 'candidates', 'margin']));
    expect(Object.keys(forecast.properties)).toContain('monteCarloError');
  });

  it('prints the night summary and race outcomes JSON Schemas', async () => {
    const night = JSON.parse((await cli(['schema', 'night-summary'])).stdout) as JsonSchema;
    expect(rootDefinition(night, 'NightSummary').required).toEqual(expect.arrayContaining(['electionId', 'races', 'parties', 'monteCarloError']));
    expect(night.$defs.PartySeats.required).toEqual(expect.arrayContaining(['expectedSeats', 'atLeast', 'mostLikely']));
    const outcomes = JSON.parse((await cli(['schema', 'race-outcomes'])).stdout) as JsonSchema;
    expect(rootDefinition(outcomes, 'RaceOutcomes').required).toContain('seatWinners');
  });

  it('rejects an unknown schema with exit 2 and the schema help', async () => {
    const result = await cli(['schema', 'nope']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^ballotcast: schema: unknown schema "nope"\n/);
    expect(result.stderr).toContain('Usage: ballotcast schema [count-file|forecast|night-summary|race-outcomes]');
    expect(hasStackTrace(result.stderr)).toBe(false);
  });

  it.each(['constructor', 'toString', '__proto__'])('rejects `schema %s` like any unknown schema', async (name) => {
    const result = await cli(['schema', name]);

    expect(result).toMatchObject({ code: 2, stdout: '' });
  });
});
