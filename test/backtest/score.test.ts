import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { backtestFile } from '../../backtest/score/backtest-file.ts';
import { finalTruth } from '../../backtest/score/final-truth.ts';
import { releaseTotals } from '../../backtest/score/release-totals.ts';
import { shareBucket } from '../../backtest/score/share-buckets.ts';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { twoUnitRace } from '../fixtures/count-files.ts';

/** A fixture count file of test/backtest/fixtures/corpus, validated. */
function fixtureFile(name: string): CountFile {
  const parsed = parseCountFile(JSON.parse(readFileSync(new URL(`./fixtures/corpus/${name}`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
}

describe('releaseTotals', () => {
  it('sums counted votes and expected outstanding votes over units', () => {
    const release = twoUnitRace().releases[0];

    expect(releaseTotals(release, ['ann', 'bob', 'cy'])).toEqual({
      counted: { ann: 1400, bob: 1500, cy: 300 },
      countedTotal: 3200,
      outstandingExpected: 3600,
    });
  });
});

describe('finalTruth', () => {
  it('takes the last release, summed over units, and applies the rule', () => {
    const truth = finalTruth(twoUnitRace({ kind: 'majority' }));

    // Last release: ann 2,600, bob 2,200, cy 450 of 5,250; ann has 49.5%, so a runoff.
    expect(truth.finalVotes).toEqual({ ann: 2600, bob: 2200, cy: 450 });
    expect(truth.ranking).toEqual(['ann', 'bob', 'cy']);
    expect(truth.outcome).toBe('runoff');
    expect(truth.winnerIds).toEqual(['ann', 'bob']);
  });
});

describe('shareBucket', () => {
  it.each([
    [0, '<50%'],
    [0.4999, '<50%'],
    [0.5, '50-80%'],
    [0.7999, '50-80%'],
    [0.8, '80-95%'],
    [0.95, '>=95%'],
    [1.01, '>=95%'],
  ] as const)('puts %f counted in %s', (share, bucket) => {
    expect(shareBucket(share)).toBe(bucket);
  });
});

describe('backtestFile on a race that flips, with nothing ever said to be outstanding', () => {
  // Releases: ann 100 v bob 200, 300 v 250, 400 v 300; final 500 v 300. With no outstanding votes the
  // model and both baselines are certain of the current leader at each release.
  const file = { path: 'flip.json', label: { source: 'small', estimates: 'derived' as const }, countFile: fixtureFile('derived-small/flip.json') };
  const forecasts = backtestFile(file, { draws: 200, seed: 'test' });

  it('forecasts every release but the last, with the share counted of the final total', () => {
    expect(forecasts.map((forecast) => forecast.releaseIndex)).toEqual([0, 1, 2]);
    expect(forecasts.map((forecast) => forecast.fractionCounted)).toEqual([300 / 800, 550 / 800, 700 / 800]);
    expect(forecasts.every((forecast) => forecast.truth.winner === 'ann')).toBe(true);
  });

  it('gives the count leader certainty, and the baselines their hand-computed values', () => {
    expect(forecasts.map((forecast) => forecast.probabilities.ann)).toEqual([0, 1, 1]);
    expect(forecasts[0].baselines.countedSplit).toEqual({ ann: 1 / 3, bob: 2 / 3 });
    expect(forecasts[0].baselines.fixedSwing).toEqual({ ann: 0, bob: 1 });
    expect(forecasts[1].baselines.fixedSwing).toEqual({ ann: 1, bob: 0 });
  });

  it('scores the margin against the final one: never covered, since the count moved after each release', () => {
    expect(forecasts.map((forecast) => forecast.margin.trueMargin)).toEqual([-0.25, 0.25, 0.25]);
    expect(forecasts.some((forecast) => forecast.margin.in90)).toBe(false);
  });

  it('judges the estimate of 0 outstanding, in hindsight, as under half of the votes still out', () => {
    expect(forecasts.map((forecast) => forecast.estimateAccuracy)).toEqual(['under half', 'under half', 'under half']);
  });

  it('is reproducible, and labels each forecast with its file and source', () => {
    expect(backtestFile(file, { draws: 200, seed: 'test' })).toEqual(forecasts);
    expect(forecasts[0]).toMatchObject({ file: 'flip.json', source: 'small', estimates: 'derived', asOf: '2024-11-05T20:00:00-08:00' });
  });
});
