import { describe, expect, it } from 'vitest';
import { correctionShift } from '../../../core/model/correction-shift.ts';
import { forecastRace } from '../../../core/forecast-race.ts';
import { ModelParametersSchema } from '../../../core/model/parameters.ts';
import { parseCountFile, type CountFile, type Release } from '../../../core/schemas/index.ts';

const release = (asOf: string, units: Release['units']): Release => ({ asOf, units });
const unit = (id: string, a: number, b: number, expected: number, correction?: true) => ({
  id,
  counted: { a, b },
  outstanding: { expected },
  ...(correction ? { correction } : {}),
});

/** A race whose last release swaps 3,000 votes from a to b in unit x and says so: b now leads by 1,000. */
function swappedRace(): CountFile {
  const file: CountFile = {
    schemaVersion: 1,
    race: { id: 'swap', name: 'Swap', rule: { kind: 'plurality' }, candidates: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] },
    releases: [
      release('2024-01-01T00:00:00Z', [unit('x', 52_000, 48_000, 0), unit('y', 10_000, 10_000, 0)]),
      release('2024-01-02T00:00:00Z', [unit('x', 49_000, 51_000, 0, true), unit('y', 10_000, 10_000, 0)]),
    ],
  };
  const parsed = parseCountFile(file);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

describe('correctionShift', () => {
  it('is the counts before the correction less the counts now, over the units marked', () => {
    const [before, after] = swappedRace().releases;
    expect(Array.from(correctionShift(after, before, ['a', 'b']) ?? [])).toEqual([3_000, -3_000]);
  });

  it('is undefined with no unit marked, or for the first release', () => {
    const [before, after] = swappedRace().releases;
    expect(correctionShift(before, undefined, ['a', 'b'])).toBeUndefined();
    const unmarked = { ...after, units: after.units.map(({ correction: _, ...rest }) => rest) };
    expect(correctionShift(unmarked, before, ['a', 'b'])).toBeUndefined();
  });
});

describe('a forecast after a correction', () => {
  it('keeps the counts before it as a live possibility, in correctionDoubt of the draws', () => {
    const draws = 20_000;
    const forecast = forecastRace({ countFile: swappedRace(), seed: 'swap', draws });
    const [a, b] = forecast.candidates;
    // Nothing is outstanding: a wins exactly in the draws that undo the swap.
    const tolerance = 4 * Math.sqrt(0.25 / draws);
    expect(a.winProbability).toBeGreaterThan(0.5 - tolerance);
    expect(a.winProbability).toBeLessThan(0.5 + tolerance);
    expect(a.winProbability + b.winProbability).toBeCloseTo(1, 6);
  });

  it('takes the corrected counts at face value with correctionDoubt 0', () => {
    const parameters = ModelParametersSchema.parse({ correctionDoubt: 0 });
    const forecast = forecastRace({ countFile: swappedRace(), seed: 'swap', draws: 2_000, parameters });
    expect(forecast.candidates.map((candidate) => candidate.winProbability)).toEqual([0, 1]);
  });
});
