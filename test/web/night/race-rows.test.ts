import { beforeAll, describe, expect, it } from 'vitest';
import type { Forecast, NightSummary } from '../../../core/schemas/index.ts';
import { countedShare, raceRow, raceRows, type ForecastState } from '../../../web/src/night/race-rows.ts';
import { testNight } from './night-fixture.ts';

describe('a race of the night as a row of the table', () => {
  let summary: NightSummary;
  let forecasts: Map<string, Forecast>;
  let states: Map<string, ForecastState>;
  beforeAll(async () => ({ summary, forecasts, states } = await testNight()));

  it("lists every candidate's chance of the seat, most likely first, named with their party", () => {
    const row = raceRow(summary, summary.races.find((race) => race.raceId === 'safe-rep')!, { kind: 'loading' });
    expect(row.chances.map((chance) => chance.label)).toEqual(['safe-rep Republican (Republican)', 'safe-rep Democrat (Democratic)']);
    expect(row.chances[0].holder).toEqual({ kind: 'party', index: 1, id: 'rep' });
    expect(row.topChance).toBe(row.chances[0].probability);
    expect(row.chances.map((chance) => chance.probability)).toEqual([...row.chances.map((chance) => chance.probability)].sort((a, b) => b - a));
  });

  it("carries a called race's call, with the model's own chance beside it, and none for an uncalled race", () => {
    const race = summary.races.find((candidate) => candidate.raceId === 'north')!;
    const called = {
      ...race,
      call: { candidate: race.candidates[1].id, by: 'Decision desk', at: '2024-11-05T23:00:00-08:00', source: 'desk' as const },
      candidates: race.candidates.map((candidate, index) => ({ ...candidate, seatProbability: index === 1 ? 1 : 0, modelSeatProbability: candidate.seatProbability })),
    };
    expect(raceRow(summary, called, { kind: 'loading' }).call).toEqual({
      candidate: race.candidates[1].name,
      by: 'Decision desk',
      source: 'desk',
      modelProbability: race.candidates[1].seatProbability,
    });
    expect(raceRow(summary, race, { kind: 'loading' }).call).toBeUndefined();
    // The API stamps a desk call with the caller's IAM ARN; the row names the user.
    const byArn = { ...called, call: { ...called.call, by: 'arn:aws:iam::123456789012:user/desk-chief' } };
    expect(raceRow(summary, byArn, { kind: 'loading' }).call?.by).toBe('desk-chief');
  });

  it('names an independent without a party, and a runoff as a chance of its own', () => {
    const race = summary.races.find((candidate) => candidate.raceId === 'east')!;
    const runoff = { ...race, rule: { kind: 'majority' as const }, noSeatProbability: 0.5, candidates: race.candidates.map((candidate) => ({ ...candidate, seatProbability: candidate.seatProbability / 2 })) };
    const row = raceRow(summary, runoff, { kind: 'loading' });
    expect(row.chances[0]).toEqual({ label: 'Runoff', holder: { kind: 'no-seat' }, probability: 0.5 });
    expect(row.chances.find((chance) => chance.label === 'east Independent')?.holder).toEqual({ kind: 'no-party' });
  });

  it("takes the margin and the share counted from the race's forecast, once it is read", () => {
    const rows = raceRows(summary, states);
    const north = rows.find((row) => row.raceId === 'north')!;
    const forecast = forecasts.get('north')!;
    expect(north.margin).toEqual({
      first: forecast.candidates.find((candidate) => candidate.id === forecast.margin.between[0])!.name,
      second: forecast.candidates.find((candidate) => candidate.id === forecast.margin.between[1])!.name,
      p05: forecast.margin.share.p05,
      p50: forecast.margin.share.p50,
      p95: forecast.margin.share.p95,
    });
    expect(north.countedShare).toBeCloseTo(9900 / 19_900, 12);
    const loading = raceRows(summary, new Map()).find((row) => row.raceId === 'north')!;
    expect([loading.margin, loading.countedShare, loading.forecast.kind]).toEqual([undefined, undefined, 'loading']);
  });

  it('is searchable by race name, id and candidate names, in lower case', () => {
    const north = raceRows(summary, states).find((row) => row.raceId === 'north')!;
    expect(north.searchText).toBe('race north north north democrat north republican');
  });

  it('counts a race with nothing outstanding as fully counted, and one without counts as unknown', () => {
    expect(countedShare({ votesCounted: 600, votesOutstanding: { expected: 400, mean: 0, p05: 0, p50: 0, p95: 0 } })).toBe(0.6);
    expect(countedShare({ votesCounted: 0, votesOutstanding: { expected: 0, mean: 0, p05: 0, p50: 0, p95: 0 } })).toBe(1);
    expect(countedShare({})).toBeUndefined();
  });
});
