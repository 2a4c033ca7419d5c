import { describe, expect, it } from 'vitest';
import { forecastRace, planForecast } from '../../../core/forecast-race.ts';
import { ModelParametersSchema } from '../../../core/model/parameters.ts';
import { sharedSwingOf, swingLean } from '../../../core/model/shared-swing.ts';
import { swingStreamForBlock } from '../../../core/random/stream-for-block.ts';
import { allocateDrawBuffers, simulateBlocks } from '../../../core/simulate-draws.ts';
import type { CountFile } from '../../../core/schemas/index.ts';
import { nightRace, TEST_NIGHT } from '../../fixtures/night-races.ts';

const withSwing = (share: number) => ModelParametersSchema.parse({ sharedSwingShare: share });
const COUNTS = { counted: [5000, 4900, 700], outstanding: 10_000 };

/** The per-draw margin share, Democrat minus Republican, of `draws` draws of a race. */
function demMargins(file: CountFile, share: number, draws: number, seed = 'swing'): Float64Array {
  const plan = planForecast({ countFile: file, seed, draws, parameters: withSwing(share) });
  const buffers = allocateDrawBuffers(plan.race, draws);
  simulateBlocks(plan.race, plan.run, 0, plan.blocks, buffers);
  const k = plan.race.candidateCount;
  return Float64Array.from({ length: draws }, (_, draw) => {
    const votes = buffers.finalVotes.subarray(draw * k, draw * k + k);
    return (votes[0] - votes[1]) / votes.reduce((a, b) => a + b, 0);
  });
}

function correlation(a: Float64Array, b: Float64Array): number {
  const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
  const [ma, mb] = [mean(a), mean(b)];
  let [ab, aa, bb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

describe('sharedSwingOf', () => {
  it('maps each candidate to its party, once per party, and -1 for no party', () => {
    const swing = sharedSwingOf(nightRace('x', COUNTS).race, 0.1);
    expect(swing).toEqual({ electionId: 'test-night', parties: ['dem', 'rep'], candidateParty: Int32Array.of(0, 1, -1), share: 0.1 });
  });

  it('is absent without an election, with a swing of 0, or with no party', () => {
    expect(sharedSwingOf(nightRace('x', COUNTS, null).race, 0.1)).toBeUndefined();
    expect(sharedSwingOf(nightRace('x', COUNTS).race, 0)).toBeUndefined();
    const race = nightRace('x', COUNTS).race;
    const partyless = { ...race, candidates: race.candidates.map(({ id, name }) => ({ id, name })) };
    expect(sharedSwingOf(partyless, 0.1)).toBeUndefined();
  });
});

describe('swingLean', () => {
  it('gives the log-ratio of candidate j against the reference sqrt(c / n)·(W[party j] − W[party of the reference])', () => {
    const swing = sharedSwingOf(nightRace('x', COUNTS).race, 0.36)!;
    const streams = () => swing.parties.map((party) => swingStreamForBlock('s', 'test-night', party, 0));
    // Reference: the Democrat (index 0); dimensions: the Republican (two parties), then the independent (one).
    const lean = swingLean(swing, streams(), Int32Array.of(1, 2), 0, 3);
    const [dem, rep] = streams();
    for (let draw = 0; draw < 3; draw++) {
      const [wDem, wRep] = [dem.nextNormal(), rep.nextNormal()];
      expect(lean.swingPart[draw * 2]).toBe(Math.sqrt(0.36 / 2) * (wRep - wDem));
      expect(lean.swingPart[draw * 2 + 1]).toBe(Math.sqrt(0.36 / 1) * (0 - wDem));
    }
    expect(Array.from(lean.ownWeight)).toEqual([0.8, 0.8]);
  });

  it('leaves a dimension whose two candidates share a party to the race alone', () => {
    const race = nightRace('x', COUNTS).race;
    const primary = { ...race, candidates: race.candidates.map((candidate) => ({ ...candidate, party: 'dem' })) };
    const swing = sharedSwingOf(primary, 0.5)!;
    const lean = swingLean(swing, [swingStreamForBlock('s', 'test-night', 'dem', 0)], Int32Array.of(1, 2), 0, 4);
    expect(Array.from(lean.swingPart)).toEqual(new Array(8).fill(0));
    expect(Array.from(lean.ownWeight)).toEqual([1, 1]);
  });
});

describe('the shared swing in forecasts', () => {
  it('leaves a race of an election byte-identical to the same race without one when its share is 0', () => {
    const inElection = forecastRace({ countFile: nightRace('x', COUNTS), seed: 'zero', draws: 3000, parameters: withSwing(0) });
    const alone = forecastRace({ countFile: nightRace('x', COUNTS, null), seed: 'zero', draws: 3000, parameters: withSwing(0.9) });
    expect(JSON.stringify({ ...inElection, inputHash: '', input: '' })).toBe(JSON.stringify({ ...alone, inputHash: '', input: '' }));
  });

  it('makes two races of one election move together, and leaves races of different elections apart', () => {
    const draws = 8000;
    const north = demMargins(nightRace('north', COUNTS), 0.9, draws);
    const south = demMargins(nightRace('south', COUNTS), 0.9, draws);
    const elsewhere = demMargins(nightRace('south', COUNTS, { ...TEST_NIGHT, id: 'other-night' }), 0.9, draws);
    // With n = 8,000 independent draws a correlation has a standard error of about 1 / sqrt(n) = 0.011.
    expect(correlation(north, south)).toBeGreaterThan(0.2);
    expect(Math.abs(correlation(north, elsewhere))).toBeLessThan(0.045);
    expect(Math.abs(correlation(north, demMargins(nightRace('south', COUNTS), 0, draws)))).toBeLessThan(0.045);
  });

  it("keeps a race's own spread: the swing takes its variance out of the race's common lean error", () => {
    const quantiles = (margins: Float64Array) => {
      const sorted = Float64Array.from(margins).sort();
      return [0.05, 0.25, 0.5, 0.75, 0.95].map((q) => sorted[Math.floor(q * sorted.length)]);
    };
    const alone = quantiles(demMargins(nightRace('x', COUNTS), 0, 20_000));
    const swung = quantiles(demMargins(nightRace('x', COUNTS), 0.9, 20_000));
    const width = alone[4] - alone[0];
    // Two runs of 20,000 draws: their quantiles differ by Monte Carlo error alone, about 1% of the 90% width.
    swung.forEach((value, index) => expect(Math.abs(value - alone[index])).toBeLessThan(0.04 * width));
  });

  it('gives every split of the blocks the same bytes', () => {
    const request = { countFile: nightRace('x', COUNTS), seed: 'split', draws: 2500, parameters: withSwing(0.6) };
    const plan = planForecast(request);
    const buffers = allocateDrawBuffers(plan.race, plan.run.draws);
    simulateBlocks(plan.race, plan.run, 2, 3, buffers);
    simulateBlocks(plan.race, plan.run, 0, 2, buffers);
    expect(JSON.stringify(plan.summarize(buffers))).toBe(JSON.stringify(forecastRace(request)));
  });
});
