import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { parseCountFile, type CountFile } from '../../../core/schemas/index.ts';

/** One unit, one release: `counted` of 100,000 votes counted, the first candidate holding `lead` of them. */
function firstRelease(counted: number, lead: number): CountFile {
  const votes = Math.round(100_000 * counted);
  const file = {
    schemaVersion: 1,
    race: { id: 'early', name: 'Early', rule: { kind: 'plurality' }, candidates: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] },
    releases: [
      {
        asOf: '2024-11-05T21:00:00-08:00',
        units: [{ id: 'u', counted: { a: Math.round(votes * lead), b: votes - Math.round(votes * lead) }, outstanding: { expected: 100_000 - votes } }],
      },
    ],
  };
  const parsed = parseCountFile(file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

describe('the first releases (the early lean, model defaults)', () => {
  it.each([0.05, 0.1])('never gives 99%% on a running lead alone, of up to 50 points, with %s counted', (counted) => {
    for (const lead of [0.6, 0.7, 0.75]) {
      const forecast = forecastRace({ countFile: firstRelease(counted, lead), seed: 'early', draws: 4_000 });
      expect(forecast.candidates[0].winProbability, `lead ${lead}`).toBeLessThan(0.99);
    }
  });

  it('grows more sure as the count goes on, for the same lead', () => {
    const chance = (counted: number) => forecastRace({ countFile: firstRelease(counted, 0.6), seed: 'early', draws: 4_000 }).candidates[0].winProbability;
    const chances = [0.05, 0.25, 0.5, 0.9].map(chance);
    expect(chances[0]).toBeLessThan(chances[1]);
    expect(chances[1]).toBeLessThan(chances[2]);
    expect(chances[2]).toBeLessThan(chances[3]);
    expect(chances[3]).toBeGreaterThan(0.99);
  });
});
