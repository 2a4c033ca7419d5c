import { describe, expect, it } from 'vitest';
import { buildReport } from '../../calibration/evaluate/index.ts';
import { TAG_ORDER } from '../../calibration/race-tags.ts';
import { formatReport } from '../../calibration/report/format-report.ts';
import { scoreSyntheticRaces } from '../../calibration/score-synthetic-races.ts';

// A small version of `npm run calibrate`: 100 races at 30%, 60% and 90% counted, 1,000 draws each.
// With ~270 distinct forecasts, coverage has a standard error of ~2 points at 90% and ~3 at 50%, so the
// bands below are wide on purpose: they catch a broken model or scorer, not a few points of miscalibration.
const scored = scoreSyntheticRaces({ races: 100, seed: 'smoke', stages: [0.3, 0.6, 0.9], draws: 1000 });
const report = buildReport(scored, TAG_ORDER);

describe('calibration smoke run', () => {
  it('scores one forecast per race and stage, with every probability in [0, 1]', () => {
    const probabilities = scored.flatMap((forecast) => forecast.events.map((event) => event.predicted));

    expect(scored).toHaveLength(300);
    expect(probabilities.every((probability) => probability >= 0 && probability <= 1)).toBe(true);
  });

  it('covers the final margin with its 90% intervals 75–99% of the time', () => {
    expect(report.pooled.coverage.in90.rate).toBeGreaterThanOrEqual(0.75);
    expect(report.pooled.coverage.in90.rate).toBeLessThanOrEqual(0.99);
  });

  it('covers the final margin with its 50% intervals 30–70% of the time', () => {
    expect(report.pooled.coverage.in50.rate).toBeGreaterThanOrEqual(0.3);
    expect(report.pooled.coverage.in50.rate).toBeLessThanOrEqual(0.7);
  });

  it('beats the Brier score of giving every candidate 1/k', () => {
    const { allFirst, leaders } = report.pooled.eventSets;

    expect(allFirst.brierScore).toBeLessThan(allFirst.baselines!.uniform);
    expect(leaders.brierScore).toBeLessThan(leaders.baselines!.uniform);
  });

  it('rarely loses with a candidate given 99% or more', () => {
    // The target is below 1%; with ~200 such calls, a wide band is 3%.
    expect(report.pooled.eventSets.allFirst.falseCalls.confident.rate).toBeLessThan(0.03);
  });

  it('prints one PASS or FAIL line per target, after the tables', () => {
    const settings = { races: 100, seed: 'smoke', stages: [0.3, 0.6, 0.9], draws: 1000, overrides: {}, seconds: 1 };

    const text = formatReport(report, settings);
    const verdicts = text.split('\n').filter((line) => /^(PASS|FAIL) {2}/.test(line));

    expect(verdicts).toHaveLength(report.targets.length);
    expect(text.indexOf('== Targets ==')).toBeGreaterThan(text.indexOf('== Margin intervals'));
  });

  it('is reproducible: the same plan gives deep-equal scores', () => {
    const plan = { races: 5, seed: 'smoke', stages: [0.3, 0.6, 0.9], draws: 1000 };

    expect(scoreSyntheticRaces(plan)).toEqual(scored.slice(0, 15));
  });
});
