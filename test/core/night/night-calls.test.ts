import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { planForecast } from '../../../core/forecast-race.ts';
import { ModelParametersSchema } from '../../../core/model/parameters.ts';
import type { RaceOutcomes } from '../../../core/night/race-outcomes.ts';
import { summarizeNight } from '../../../core/night/summarize-night.ts';
import { NightSummarySchema, type CountFile, type NightSummary } from '../../../core/schemas/index.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../../core/simulate-draws.ts';
import { closeNight, TEST_NIGHT } from '../../fixtures/night-races.ts';

const DRAWS = 20_000;
const AT = '2024-11-05T23:00:00-08:00';

/** Each race simulated on its own with a shared swing of share `share`, blocks in the order given. */
function outcomesOf(files: readonly CountFile[], share: number, draws = DRAWS, seed = 'calls', blockOrder?: readonly number[]): RaceOutcomes[] {
  const parameters = ModelParametersSchema.parse({ sharedSwingShare: share });
  return files.map((countFile) => {
    const plan = planForecast({ countFile, seed, draws, parameters });
    const buffers = allocateDrawBuffers(plan.race, draws);
    for (const block of blockOrder ?? Array.from({ length: plan.blocks }, (_, index) => index)) simulateBlocks(plan.race, plan.run, block, block + 1, buffers);
    return plan.outcomes(buffers);
  });
}

/** The close night with the desk calling race `raceId` for candidate `candidate`. */
function calledNight(raceId: string, candidate: string): CountFile[] {
  return closeNight().map((file) => (file.race.id === raceId ? { ...file, desk: { calls: [{ candidate, by: 'Decision desk', at: AT }] } } : file));
}

const seat = (summary: NightSummary, raceId: string, candidateId: string) =>
  summary.races.find((race) => race.raceId === raceId)!.candidates.find((candidate) => candidate.id === candidateId)!;

/** Four standard errors of a share, from the summary's effective number of draws. */
const tolerance = (p: number, summary: NightSummary) => 4 * Math.sqrt(Math.max(p * (1 - p), 1 / DRAWS) / (summary.calls?.effectiveDraws ?? summary.draws));

describe('a called race in the night summary', () => {
  it('is decided for the called candidate, even one the model thought behind, with the model\'s own chance beside it', () => {
    const summary = summarizeNight(TEST_NIGHT, outcomesOf(calledNight('south', 'd'), 0.5));
    const uncalled = summarizeNight(TEST_NIGHT, outcomesOf(closeNight(), 0.5));

    expect(NightSummarySchema.safeParse(summary).error).toBeUndefined();
    expect(seat(summary, 'south', 'd')).toMatchObject({ seatProbability: 1, modelSeatProbability: seat(uncalled, 'south', 'd').seatProbability });
    expect(seat(summary, 'south', 'r').seatProbability).toBe(0);
    expect(summary.races.find((race) => race.raceId === 'south')?.call).toMatchObject({ candidate: 'd', source: 'desk' });
    // Dem holds south in every draw: never 0 seats.
    expect(summary.parties[0].distribution[0]).toBe(0);
    expect(summary.calls).toMatchObject({ calledRaces: 1, contradictionWeight: 0.01 });
    expect(summary.calls!.effectiveDraws).toBeLessThan(DRAWS);
    expect(summary.monteCarloError).toBeGreaterThan(uncalled.monteCarloError);
  });

  it('weights each draw ε per call its winner contradicts, exactly (hand-made outcomes)', () => {
    const [north, south] = outcomesOf(closeNight().slice(0, 2), 0, 4);
    const races = [
      { ...north, call: { candidate: 'd', by: 'AP', at: AT }, seatWinners: Int16Array.of(0, 1, 0, 0) },
      { ...south, seatWinners: Int16Array.of(0, 0, 1, 1) },
    ];
    const summary = summarizeNight(TEST_NIGHT, races);

    expect(seat(summary, 'south', 'd').seatProbability).toBe(Math.round((1.01 / 3.01) * 1e6) / 1e6);
    expect(summary.calls!.effectiveDraws).toBe(Math.round((3.01 ** 2 / 3.0001) * 10) / 10);
  });

  it('with a shared swing of 0, leaves the other races\' chances as they were, within Monte Carlo error', () => {
    const called = summarizeNight(TEST_NIGHT, outcomesOf(calledNight('south', 'd'), 0));
    const uncalled = summarizeNight(TEST_NIGHT, outcomesOf(closeNight(), 0));
    for (const raceId of ['north', 'east', 'west']) {
      const before = seat(uncalled, raceId, 'd').seatProbability;
      expect(Math.abs(seat(called, raceId, 'd').seatProbability - before), raceId).toBeLessThan(tolerance(before, called));
    }
  });

  it("with a shared swing, calling a race for a party raises the party's chance in the other close races", () => {
    const called = summarizeNight(TEST_NIGHT, outcomesOf(calledNight('south', 'd'), 0.9));
    const uncalled = summarizeNight(TEST_NIGHT, outcomesOf(closeNight(), 0.9));
    for (const raceId of ['north', 'east', 'west']) {
      const before = seat(uncalled, raceId, 'd').seatProbability;
      expect(seat(called, raceId, 'd').seatProbability - before, raceId).toBeGreaterThan(tolerance(before, called));
    }
    expect(called.parties[0].expectedSeats).toBeGreaterThan(uncalled.parties[0].expectedSeats + 1 - seat(uncalled, 'south', 'd').seatProbability);
  });

  it('is the same summary with one seed however the races and their blocks were split', () => {
    const files = calledNight('north', 'r');
    const together = summarizeNight(TEST_NIGHT, outcomesOf(files, 0.6, 3000, 'split'));
    const split = summarizeNight(TEST_NIGHT, outcomesOf([...files].reverse(), 0.6, 3000, 'split', [2, 0, 1]));

    expect(JSON.stringify(split)).toBe(JSON.stringify(together));
  });
});

describe('a night without calls', () => {
  it("has the bytes that summarizeNight gave before calls counted (SHA-256 from commit 084d647's code)", () => {
    // Seat winners made by hand, not by the model, so the pin holds the summary's own arithmetic only.
    const summary = summarizeNight(TEST_NIGHT, handMadeOutcomes(closeNight(), 3000));

    expect(summary.calls).toBeUndefined();
    expect(createHash('sha256').update(JSON.stringify(summary)).digest('hex')).toBe('60686c4560e1c7992241f7e19d91348fd6d4581caa066ab92d42d7d5b0786b98');
  });
});

/** Seat winners from a fixed integer sequence: a shared part (the draw) and each race's own (its state). */
function handMadeOutcomes(files: readonly CountFile[], draws: number): RaceOutcomes[] {
  return files.map((file, index) => {
    const seatWinners = new Int16Array(draws);
    let state = 7 + index;
    for (let draw = 0; draw < draws; draw++) {
      state = (state * 48271) % 2147483647;
      seatWinners[draw] = (draw % 5 < 2 ? 0 : 1) ^ (state % 4 === 0 ? 1 : 0);
    }
    return {
      raceId: file.race.id,
      raceName: file.race.name,
      electionId: TEST_NIGHT.id,
      rule: file.race.rule,
      asOf: file.releases[0].asOf,
      releaseIndex: 0,
      seed: 'golden',
      draws,
      modelVersion: '3.3.0',
      inputHash: 'a'.repeat(64),
      candidates: file.race.candidates.map(({ id, name, party }) => ({ id, name, ...(party === undefined ? {} : { party }) })),
      seatWinners,
    };
  });
}
