import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastRace, planForecast } from '../../core/forecast-race.ts';
import { ForecastSchema, parseCountFile, type Forecast } from '../../core/schemas/index.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../core/simulate-draws.ts';
import { arbitraryCountFile, withNothingOutstanding } from '../fixtures/arbitrary-count-file.ts';

const DRAWS = 600;
const ROUNDING = 1e-5; // each probability is rounded to 6 decimals; up to 5 of them are summed
const runs = { numRuns: 60, seed: 20261121 };

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const probabilitiesOf = (forecast: Forecast) =>
  forecast.candidates.flatMap((c) => [c.winProbability, c.outrightProbability ?? 0, c.advanceProbability ?? 0]).concat(forecast.runoffProbability ?? 0);

describe('model invariants on arbitrary valid count files', () => {
  it('the generator makes only valid count files', () => {
    fc.assert(fc.property(arbitraryCountFile, (file) => parseCountFile(file).ok), runs);
  });

  it('gives forecasts that match the schema, with probabilities in [0, 1] summing as the rule says', () => {
    fc.assert(
      fc.property(arbitraryCountFile, (file) => {
        const forecast = forecastRace({ countFile: file, seed: 's', draws: DRAWS });
        expect(ForecastSchema.safeParse(forecast).error).toBeUndefined();
        for (const probability of probabilitiesOf(forecast)) expect(probability).toBeGreaterThanOrEqual(0);
        for (const probability of probabilitiesOf(forecast)) expect(probability).toBeLessThanOrEqual(1);
        expect(Math.abs(sum(forecast.candidates.map((c) => c.winProbability)) - 1)).toBeLessThan(ROUNDING);
        const rule = file.race.rule.kind;
        const advanced = sum(forecast.candidates.map((c) => c.advanceProbability ?? 0));
        if (rule === 'top-two') expect(Math.abs(advanced - 2)).toBeLessThan(ROUNDING);
        if (rule === 'majority') {
          const outright = sum(forecast.candidates.map((c) => c.outrightProbability ?? 0));
          expect(Math.abs(outright + (forecast.runoffProbability ?? 0) - 1)).toBeLessThan(ROUNDING);
          expect(Math.abs(advanced - (outright + 2 * (forecast.runoffProbability ?? 0)))).toBeLessThan(ROUNDING);
        }
      }),
      runs,
    );
  });

  it('never draws final votes below the votes already counted', () => {
    fc.assert(
      fc.property(arbitraryCountFile, (file) => {
        const plan = planForecast({ countFile: file, seed: 's', draws: DRAWS });
        const buffers = allocateDrawBuffers(plan.race, DRAWS);
        simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
        const candidates = plan.race.candidateCount;
        buffers.finalVotes.forEach((votes, index) => expect(votes).toBeGreaterThanOrEqual(plan.race.countedTotals[index % candidates]));
        buffers.outstandingVotes.forEach((votes) => expect(votes).toBeGreaterThanOrEqual(0));
      }),
      runs,
    );
  });

  it('is certain when nothing is outstanding anywhere', () => {
    fc.assert(
      fc.property(arbitraryCountFile, (file) => {
        const forecast = forecastRace({ countFile: withNothingOutstanding(file), seed: 's', draws: DRAWS });
        const counted = forecast.candidates.map((c) => c.votesCounted ?? 0);
        const top = Math.max(...counted);
        const leaders = counted.filter((votes) => votes === top).length;
        forecast.candidates.forEach((c, index) => expect(c.winProbability).toBeCloseTo(counted[index] === top ? 1 / leaders : 0, 6));
        const { p05, p95 } = forecast.margin.votes;
        expect(p05).toBe(p95);
        expect(forecast.votesOutstanding?.p95).toBe(0);
      }),
      runs,
    );
  });

  it('gives identical bytes for the same seed, and different draws for a different seed', () => {
    let comparedDraws = 0;
    fc.assert(
      fc.property(arbitraryCountFile, fc.string({ minLength: 1, maxLength: 8 }), (file, seed) => {
        const first = JSON.stringify(forecastRace({ countFile: file, seed, draws: DRAWS }));
        const again = JSON.stringify(forecastRace({ countFile: structuredClone(file), seed, draws: DRAWS }));
        expect(again).toBe(first);
        const plan = (s: string) => planForecast({ countFile: file, seed: s, draws: DRAWS });
        const draws = (s: string) => {
          const p = plan(s);
          const buffers = allocateDrawBuffers(p.race, DRAWS);
          simulateBlocks(p.race, p.run, 0, p.blocks, buffers);
          return buffers.outstandingVotes;
        };
        const anyOpen = plan(seed).race.openUnitCount > 0;
        if (anyOpen) {
          expect(draws(`${seed}!`)).not.toEqual(draws(seed));
          comparedDraws++;
        }
      }),
      { ...runs, numRuns: 30 },
    );
    // The seed comparison must have run, not been skipped for files with nothing outstanding.
    expect(comparedDraws).toBeGreaterThan(5);
  });

  it('reports a Monte Carlo error that shrinks as draws grow', () => {
    let uncertain = 0;
    fc.assert(
      fc.property(arbitraryCountFile, (file) => {
        const small = forecastRace({ countFile: file, seed: 'mc', draws: 250 }).monteCarloError;
        const large = forecastRace({ countFile: file, seed: 'mc', draws: 4000 }).monteCarloError;
        if (small > 0) {
          expect(large).toBeLessThan(small);
          uncertain++;
        } else expect(large).toBeLessThanOrEqual(small + 1 / Math.sqrt(4000));
      }),
      { ...runs, numRuns: 30 },
    );
    expect(uncertain).toBeGreaterThan(5);
  });
});

describe('Monte Carlo error', () => {
  it('matches the spread of win probabilities across seeds', () => {
    const file = fc.sample(arbitraryCountFile.filter((f) => f.releases.at(-1)!.units.some((u) => u.outstanding.expected > 0)), { seed: 7, numRuns: 1 })[0];
    const seeds = Array.from({ length: 40 }, (_, index) => `seed-${index}`);
    const forecasts = seeds.map((seed) => forecastRace({ countFile: file, seed, draws: 1000 }));
    const leader = forecasts[0].candidates.reduce((best, c, index, all) => (c.winProbability > all[best].winProbability ? index : best), 0);
    const chances = forecasts.map((f) => f.candidates[leader].winProbability);
    const mean = sum(chances) / chances.length;
    const spread = Math.sqrt(sum(chances.map((p) => (p - mean) ** 2)) / (chances.length - 1));
    const reported = sum(forecasts.map((f) => f.monteCarloError)) / forecasts.length;
    // The reported error is the largest over all probabilities, so it bounds this one's spread from above;
    // with 40 seeds the sample sd is itself uncertain by about 11%.
    expect(spread).toBeLessThan(reported * 1.35);
  });
});
