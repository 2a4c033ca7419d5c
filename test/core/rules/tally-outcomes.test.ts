import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tallyOutcomes } from '../../../core/rules/tally-outcomes.ts';
import type { Rule } from '../../../core/schemas/index.ts';

/** Draws × candidates, row-major, as the model writes them. */
const drawsOf = (rows: readonly (readonly number[])[]) => Float64Array.from(rows.flat());
const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

describe('tallyOutcomes', () => {
  it('plurality: the share of draws each candidate wins, ties split, and nothing else', () => {
    const draws = drawsOf([
      [10, 5, 1],
      [3, 8, 1],
      [4, 4, 1], // tie for first
      [1, 1, 9],
    ]);
    const outcomes = tallyOutcomes(draws, 3, { kind: 'plurality' });
    expect(Array.from(outcomes.first)).toEqual([0.375, 0.375, 0.25]);
    expect(outcomes.outright).toBeUndefined();
    expect(outcomes.advance).toBeUndefined();
    expect(outcomes.runoff).toBeUndefined();
  });

  it('majority: wins outright only strictly above half; exactly half is a runoff of the top two', () => {
    const draws = drawsOf([
      [60, 30, 10], // a outright
      [50, 30, 20], // a has exactly half: runoff a-b
      [40, 35, 25], // runoff a-b
      [20, 70, 10], // b outright
    ]);
    const outcomes = tallyOutcomes(draws, 3, { kind: 'majority' });
    expect(Array.from(outcomes.first)).toEqual([0.75, 0.25, 0]);
    expect(Array.from(outcomes.outright!)).toEqual([0.25, 0.25, 0]);
    expect(outcomes.runoff).toBe(0.5);
    expect(Array.from(outcomes.advance!)).toEqual([0.75, 0.75, 0]);
    // Advancing sums to 1 per outright win and 2 per runoff.
    expect(sum(outcomes.advance!)).toBeCloseTo(1 * sum(outcomes.outright!) + 2 * outcomes.runoff!, 15);
  });

  it('majority with a custom threshold of 0.6: 61% wins outright, exactly 60% and 55% go to a runoff', () => {
    const draws = drawsOf([
      [61, 39],
      [60, 40],
      [55, 45],
    ]);
    const outcomes = tallyOutcomes(draws, 2, { kind: 'majority', threshold: 0.6 });
    expect(Array.from(outcomes.outright!)).toEqual([1 / 3, 0]);
    expect(outcomes.runoff).toBeCloseTo(2 / 3, 15);
    expect(Array.from(outcomes.first)).toEqual([1, 0]);
    // With the default threshold the same draws are all outright wins.
    expect(tallyOutcomes(draws, 2, { kind: 'majority' }).runoff).toBe(0);
  });

  it('majority: a tie for the runoff spot splits the second advance', () => {
    const outcomes = tallyOutcomes(drawsOf([[40, 30, 30]]), 3, { kind: 'majority' });
    expect(outcomes.runoff).toBe(1);
    expect(Array.from(outcomes.advance!)).toEqual([1, 0.5, 0.5]);
  });

  it('top-two: the top two advance in every draw, with ties at second split', () => {
    const draws = drawsOf([
      [90, 5, 3, 2], // a outright in a majority race, but top-two still advances two
      [10, 40, 30, 20],
      [25, 25, 25, 25], // four-way tie
      [50, 20, 20, 10], // tie for second
    ]);
    const outcomes = tallyOutcomes(draws, 4, { kind: 'top-two' });
    // Per draw, in the order above.
    const first = [
      [1, 0, 0.25, 1],
      [0, 1, 0.25, 0],
      [0, 0, 0.25, 0],
      [0, 0, 0.25, 0],
    ];
    const advance = [
      [1, 0, 0.5, 1],
      [1, 1, 0.5, 0.5],
      [0, 1, 0.5, 0.5],
      [0, 0, 0.5, 0],
    ];
    expect(Array.from(outcomes.first)).toEqual(first.map((draws) => sum(draws) / 4));
    expect(Array.from(outcomes.advance!)).toEqual(advance.map((draws) => sum(draws) / 4));
    expect(outcomes.outright).toBeUndefined();
    expect(outcomes.runoff).toBeUndefined();
  });

  it('gives probabilities in [0, 1] that sum as the rule says (property)', () => {
    // First places sum to 1; top-two advances to 2; majority advances to P(outright) + 2·P(runoff).
    const candidates = fc.integer({ min: 2, max: 5 });
    const rule = fc.constantFrom<Rule>(
      { kind: 'plurality' },
      { kind: 'majority' },
      { kind: 'majority', threshold: 0.6 },
      { kind: 'top-two' },
    );
    const drawOf = (count: number) => fc.array(fc.integer({ min: 0, max: 6 }), { minLength: count, maxLength: count });
    const arbitrary = candidates.chain((count) =>
      fc.tuple(
        fc.constant(count),
        fc.array(drawOf(count), { minLength: 1, maxLength: 30 }), // small counts: many ties
        rule,
      ),
    );
    fc.assert(
      fc.property(arbitrary, ([count, rows, drawnRule]) => {
        const outcomes = tallyOutcomes(drawsOf(rows), count, drawnRule);
        const all = [...outcomes.first, ...(outcomes.outright ?? []), ...(outcomes.advance ?? [])];
        for (const p of all) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(sum(outcomes.first)).toBeCloseTo(1, 12);
        if (drawnRule.kind === 'top-two') expect(sum(outcomes.advance!)).toBeCloseTo(2, 12);
        if (drawnRule.kind === 'majority') {
          expect(sum(outcomes.outright!) + outcomes.runoff!).toBeCloseTo(1, 12);
          expect(sum(outcomes.advance!)).toBeCloseTo(sum(outcomes.outright!) + 2 * outcomes.runoff!, 12);
        }
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('the majority threshold at its exact value', () => {
  it('counts exactly the threshold share as no outright win (63 of 90 at 0.7)', () => {
    const outcomes = tallyOutcomes(Float64Array.of(63, 27), 2, { kind: 'majority', threshold: 0.7 });
    expect(outcomes.runoff).toBe(1);
    expect(Array.from(outcomes.outright ?? [])).toEqual([0, 0]);
  });

  it('counts one vote over the threshold as an outright win (64 of 90 at 0.7)', () => {
    const outcomes = tallyOutcomes(Float64Array.of(64, 26), 2, { kind: 'majority', threshold: 0.7 });
    expect(outcomes.runoff).toBe(0);
    expect(Array.from(outcomes.outright ?? [])).toEqual([1, 0]);
  });
});
