import { describe, expect, it } from 'vitest';
import { planForecast } from '../../../core/forecast-race.ts';
import { ModelParametersSchema } from '../../../core/model/parameters.ts';
import type { RaceOutcomes } from '../../../core/night/race-outcomes.ts';
import { summarizeNight } from '../../../core/night/summarize-night.ts';
import { NO_SEAT } from '../../../core/rules/seat-winners.ts';
import { NightSummarySchema, type CountFile, type Election } from '../../../core/schemas/index.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../../core/simulate-draws.ts';
import { closeNight, TEST_NIGHT } from '../../fixtures/night-races.ts';

const DRAWS = 20_000;

/** Every race's outcomes, each race simulated on its own, with a shared swing of share `share`. */
function nightOutcomes(files: readonly CountFile[], share: number, seed = 'night', draws = DRAWS): RaceOutcomes[] {
  const parameters = ModelParametersSchema.parse({ sharedSwingShare: share });
  return files.map((countFile) => {
    const plan = planForecast({ countFile, seed, draws, parameters });
    const buffers = allocateDrawBuffers(plan.race, draws);
    simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
    return plan.outcomes(buffers);
  });
}

/** Hand-made outcomes of a race of the test night: candidates d (dem), r (rep), i (no party). */
function handMade(raceId: string, winners: readonly number[], rule: RaceOutcomes['rule'] = { kind: 'plurality' }): RaceOutcomes {
  return {
    raceId,
    raceName: raceId,
    electionId: TEST_NIGHT.id,
    rule,
    asOf: '2024-11-05T22:00:00-08:00',
    releaseIndex: 0,
    seed: 's',
    draws: winners.length,
    modelVersion: 'm',
    inputHash: 'sha256:0',
    candidates: [
      { id: 'd', name: 'D', party: 'dem' },
      { id: 'r', name: 'R', party: 'rep' },
      { id: 'i', name: 'I' },
    ],
    seatWinners: Int16Array.from(winners),
  };
}

/** P(exactly N seats) for independent races won with probabilities p_i: the Poisson-binomial convolution. */
function convolution(probabilities: readonly number[]): number[] {
  let distribution = [1];
  for (const p of probabilities) {
    distribution = [...distribution, 0].map((value, seats) => value * (1 - p) + (seats > 0 ? distribution[seats - 1] * p : 0));
  }
  return distribution;
}

const seatProbabilities = (summary: ReturnType<typeof summarizeNight>, party: string) =>
  summary.races.map((race) => race.candidates.find((candidate) => candidate.party === party)?.seatProbability ?? 0);

describe('summarizeNight on hand-made outcomes', () => {
  // Four draws of three races: dem takes 2, 1, 1 and 0 seats.
  const races = [
    handMade('b', [0, 0, 1, 2]),
    handMade('a', [0, 1, 0, 1]),
    handMade('c', [1, 1, 1, NO_SEAT], { kind: 'majority' }),
  ];
  const summary = summarizeNight(TEST_NIGHT, races);

  it('follows the schema, with races in id order', () => {
    expect(NightSummarySchema.parse(summary)).toEqual(summary);
    expect(summary.races.map((race) => race.raceId)).toEqual(['a', 'b', 'c']);
  });

  it('counts each party\'s seats per draw: distribution, at least N, expected and most likely', () => {
    const [dem, rep] = summary.parties;
    expect(dem).toMatchObject({ id: 'dem', name: 'Democratic', expectedSeats: 1, distribution: [0.25, 0.5, 0.25, 0], atLeast: [1, 0.75, 0.25, 0] });
    expect(dem.mostLikely).toEqual([{ seats: 1, probability: 0.5 }, { seats: 0, probability: 0.25 }, { seats: 2, probability: 0.25 }]);
    // rep seats per draw: 1 (c), 2 (a, c), 2 (b, c), 1 (a).
    expect(rep).toMatchObject({ expectedSeats: 1.5, distribution: [0, 0.5, 0.5, 0] });
    expect(summary.noParty).toMatchObject({ expectedSeats: 0.25, distribution: [0.75, 0.25, 0, 0] });
    expect(summary.noSeat).toMatchObject({ expectedSeats: 0.25, distribution: [0.75, 0.25, 0, 0] });
  });

  it('gives each race its chances, and a majority race its chance of no winner', () => {
    expect(summary.races[2].candidates.map((candidate) => candidate.seatProbability)).toEqual([0, 0.75, 0]);
    expect(summary.races[2].noSeatProbability).toBe(0.25);
    expect(summary.races[0].noSeatProbability).toBeUndefined();
  });

  it('measures how the races move together against independence', () => {
    // dem: seats 2, 1, 1, 0 → variance 0.5; races a and b each p = 1/2 → Σ p(1 − p) = 0.5; c never.
    expect(summary.parties[0].varianceRatio).toBe(1);
    expect(summary.parties[0].meanCorrelation).toBe(0);
    // Two races that always go the same way, and two that always go opposite ways.
    const together = summarizeNight(TEST_NIGHT, [handMade('a', [0, 0, 1, 1]), handMade('b', [0, 0, 1, 1])]);
    expect(together.parties[0]).toMatchObject({ varianceRatio: 2, meanCorrelation: 1 });
    const opposite = summarizeNight(TEST_NIGHT, [handMade('a', [0, 0, 1, 1]), handMade('b', [1, 1, 0, 0])]);
    expect(opposite.parties[0]).toMatchObject({ varianceRatio: 0, meanCorrelation: -1 });
  });

  it('leaves out noParty and noSeat when no race can have them, and names parties by id without a list', () => {
    const election: Election = { id: TEST_NIGHT.id, name: 'No list' };
    const plain = (race: RaceOutcomes) => ({ ...race, candidates: race.candidates.slice(0, 2) });
    const result = summarizeNight(election, [plain(handMade('a', [0, 1])), plain(handMade('b', [1, 1]))]);
    expect(result.parties.map((party) => [party.id, party.name])).toEqual([['dem', 'dem'], ['rep', 'rep']]);
    expect(result.noParty).toBeUndefined();
    expect(result.noSeat).toBeUndefined();
  });

  it('refuses outcomes that are not joint draws of one run of the election', () => {
    expect(() => summarizeNight(TEST_NIGHT, [])).toThrow(/at least one race/);
    expect(() => summarizeNight(TEST_NIGHT, [handMade('a', [0]), { ...handMade('b', [0]), seed: 't' }])).toThrow(/draws are joint only within one run/);
    expect(() => summarizeNight(TEST_NIGHT, [handMade('a', [0]), handMade('b', [0, 1])])).toThrow(/draws are joint only within one run/);
    expect(() => summarizeNight(TEST_NIGHT, [{ ...handMade('a', [0]), electionId: 'other' }])).toThrow(/belongs to election other/);
    expect(() => summarizeNight(TEST_NIGHT, [handMade('a', [0]), handMade('a', [1])])).toThrow(/given twice/);
  });
});

describe('summarizeNight over simulated races', () => {
  it('with a shared swing of 0, gives the convolution of the races\' own chances, within Monte Carlo error', () => {
    const summary = summarizeNight(TEST_NIGHT, nightOutcomes(closeNight(), 0));
    for (const party of ['dem', 'rep']) {
      const seats = summary.parties.find((entry) => entry.id === party)!;
      const independent = convolution(seatProbabilities(summary, party));
      // Each P(exactly N) is a share of 20,000 draws: standard error sqrt(P(1 − P) / 20,000) <= 0.0035.
      // Four standard errors (with a floor of one draw's weight) is the tolerance.
      seats.distribution.forEach((probability, count) => {
        const tolerance = 4 * Math.sqrt(Math.max(independent[count] * (1 - independent[count]), 1 / DRAWS) / DRAWS);
        expect(Math.abs(probability - independent[count]), `${party}, ${count} seats`).toBeLessThan(tolerance);
      });
      // Var(S) / Σ p(1 − p): its standard error here is about sqrt(2 / 20,000) = 0.01.
      expect(Math.abs(seats.varianceRatio! - 1)).toBeLessThan(0.05);
    }
    expect(summary.parties[0].distribution.some((probability) => probability > 0.2 && probability < 0.8)).toBe(true);
  });

  it('with a positive shared swing, spreads the seat totals beyond the convolution', () => {
    const summary = summarizeNight(TEST_NIGHT, nightOutcomes(closeNight(), 0.9));
    const dem = summary.parties[0];
    const independentVariance = seatProbabilities(summary, 'dem').reduce((sum, p) => sum + p * (1 - p), 0);
    expect(dem.varianceRatio).toBeGreaterThan(1.3);
    expect(dem.meanCorrelation).toBeGreaterThan(0.1);
    // The tails: all four or none, more often than independent races would give.
    const independent = convolution(seatProbabilities(summary, 'dem'));
    expect(dem.distribution[0] + dem.distribution[4]).toBeGreaterThan(independent[0] + independent[4]);
    expect(independentVariance).toBeGreaterThan(0.5);
  });

  it('gives the same summary however the races were computed: together, one by one, in any order, any split of blocks', () => {
    const together = summarizeNight(TEST_NIGHT, nightOutcomes(closeNight(), 0.6, 'split', 3000));
    const oneByOne = closeNight()
      .reverse()
      .map((countFile) => {
        const plan = planForecast({ countFile, seed: 'split', draws: 3000, parameters: ModelParametersSchema.parse({ sharedSwingShare: 0.6 }) });
        const buffers = allocateDrawBuffers(plan.race, 3000);
        simulateBlocks(plan.race, plan.run, 1, 3, buffers);
        simulateBlocks(plan.race, plan.run, 0, 1, buffers);
        return plan.outcomes(buffers);
      });
    expect(JSON.stringify(summarizeNight(TEST_NIGHT, oneByOne))).toBe(JSON.stringify(together));
    expect(JSON.stringify(summarizeNight(TEST_NIGHT, nightOutcomes(closeNight(), 0.6, 'other seed', 3000)))).not.toBe(JSON.stringify(together));
  });
});
