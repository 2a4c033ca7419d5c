import { describe, expect, it } from 'vitest';
import { forecastRace, planForecast } from '../../../core/forecast-race.ts';
import { raceOutcomesDocument, raceOutcomesFromDocument } from '../../../core/night/race-outcomes.ts';
import { NO_SEAT } from '../../../core/rules/seat-winners.ts';
import { roundShare } from '../../../core/summaries/rounding.ts';
import { RaceOutcomesDocumentSchema, raceOutcomesJsonSchema } from '../../../core/schemas/index.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../../core/simulate-draws.ts';
import { nightRace } from '../../fixtures/night-races.ts';

const COUNTS = { counted: [5000, 4900, 700], outstanding: 10_000 };

function outcomesOf(countFile = nightRace('x', COUNTS), draws = 1500) {
  const plan = planForecast({ countFile, seed: 'outcomes', draws });
  const buffers = allocateDrawBuffers(plan.race, draws);
  simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
  return { plan, buffers, get outcomes() { return plan.outcomes(buffers); } };
}

describe('raceOutcomes', () => {
  it('records the run and the candidates with their parties, and agrees with the forecast\'s win chances', () => {
    const { outcomes, plan } = outcomesOf();
    const forecast = forecastRace({ countFile: plan.input, seed: 'outcomes', draws: 1500 });
    expect(outcomes).toMatchObject({ raceId: 'x', electionId: 'test-night', seed: 'outcomes', draws: 1500, releaseIndex: 0, inputHash: forecast.inputHash });
    expect(outcomes.candidates).toEqual([
      { id: 'd', name: 'x Democrat', party: 'dem' },
      { id: 'r', name: 'x Republican', party: 'rep' },
      { id: 'i', name: 'x Independent' },
    ]);
    const wins = [0, 1, 2].map((candidate) => roundShare(outcomes.seatWinners.filter((winner) => winner === candidate).length / 1500));
    expect(wins).toEqual(forecast.candidates.map((candidate) => candidate.winProbability));
  });

  it('refuses a race of no election', () => {
    const { plan, buffers } = outcomesOf(nightRace('x', COUNTS, null));
    expect(() => plan.outcomes(buffers)).toThrow(/belongs to no election/);
  });
});

describe('the outcomes document', () => {
  it('round-trips through JSON, NO_SEAT and large indices included', () => {
    const { outcomes } = outcomesOf();
    const edited = { ...outcomes, seatWinners: Int16Array.from(outcomes.seatWinners, (winner, draw) => (draw === 0 ? NO_SEAT : draw === 1 ? 300 : winner)) };
    const document = RaceOutcomesDocumentSchema.parse(JSON.parse(JSON.stringify(raceOutcomesDocument(edited))));
    expect(document.seatWinners).toHaveLength(Math.ceil((1500 * 2) / 3) * 4);
    expect(raceOutcomesFromDocument(document)).toEqual(edited);
  });

  it('refuses seat winners of the wrong length, and has a JSON Schema', () => {
    const document = raceOutcomesDocument(outcomesOf().outcomes);
    expect(() => raceOutcomesFromDocument({ ...document, draws: 1499 })).toThrow(/3000 bytes, not 2 per draw of 1499/);
    const schema = raceOutcomesJsonSchema() as { $defs: Record<string, { required: string[] }> };
    expect(schema.$defs.RaceOutcomes.required).toEqual(expect.arrayContaining(['seatWinners', 'electionId']));
  });
});
