import { describe, expect, it } from 'vitest';
import { nightSummaryJsonSchema } from '../../../core/schemas/index.ts';
import { raceHref, readNightConfig } from '../../../web/src/night/night-config.ts';
import { checkForecast, checkSummary } from '../../../web/src/night/night-documents.ts';
import { testNight } from './night-fixture.ts';

describe("the night page's query string", () => {
  it('reads the election, the base and the poll, as the race page reads its own', () => {
    expect(readNightConfig('http://127.0.0.1:3000/night.html?election=test-night&poll=5')).toEqual({
      baseUrl: 'http://127.0.0.1:3000/public/',
      electionId: 'test-night',
      pollSeconds: 5,
    });
    expect(readNightConfig('https://x.example/g/night.html?base=data/').baseUrl).toBe('https://x.example/g/data/');
    expect(readNightConfig('https://x.example/night.html?election=').electionId).toBeUndefined();
  });

  it('links a race to index.html beside it, keeping the base and the poll', () => {
    expect(raceHref('https://x.example/graphic/night.html?election=e&poll=5', 'north')).toBe('https://x.example/graphic/index.html?race=north&poll=5');
    expect(raceHref('https://x.example/night.html?election=e&base=https%3A%2F%2Fcdn.example%2Fp%2F', 'GA.2021_x')).toBe(
      'https://x.example/index.html?race=GA.2021_x&base=https%3A%2F%2Fcdn.example%2Fp%2F',
    );
  });
});

describe('the documents the night page reads', () => {
  it('accepts what summarizeNight and the forecast write, and names the field of a bad one', async () => {
    const { summary, forecasts } = await testNight();
    expect(checkSummary(JSON.parse(JSON.stringify(summary)))).toEqual({ ok: true, value: summary });
    const forecast = forecasts.get('north')!;
    expect(checkForecast(JSON.parse(JSON.stringify(forecast)))).toEqual({ ok: true, value: forecast });
    const bad = structuredClone(summary);
    bad.parties[1].distribution[0] = -1;
    const checked = checkSummary(bad);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problem).toContain('parties[1].distribution[0]');
    expect(checkForecast({ schemaVersion: 2 })).toMatchObject({ ok: false });
    expect(nightSummaryJsonSchema()).toHaveProperty('$defs');
  });
});
