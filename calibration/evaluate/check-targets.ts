import type { Proportion } from './proportion.ts';
import type { CalibrationSummary } from './summarize-forecasts.ts';

/** The targets of issue 3. */
export const TARGETS = {
  /** Share of final margins inside the 90% intervals. */
  coverage90: [0.87, 0.93],
  /** Share of final margins inside the 50% intervals. */
  coverage50: [0.45, 0.55],
  /** Every reliability bin with at least `binMinimumCount` forecasts within this of its observed rate. */
  binTolerance: 0.05,
  binMinimumCount: 100,
  /** Of the candidates given at least `falseCallThreshold` to finish first, fewer than this share may not. */
  falseCallThreshold: 0.99,
  falseCallRate: 0.01,
} as const;

/** One target, checked. */
export interface TargetResult {
  readonly name: string;
  readonly passed: boolean;
  /** The measured value with its Monte Carlo error and the requirement, in words. */
  readonly detail: string;
}

/**
 * Checks the targets: 90% and 50% margin coverage, over all forecasts and at each stage; every bin with
 * >= 100 forecasts of the headline reliability table (first place, two leading candidates, all stages)
 * within 5 points; fewer than 1% false calls among candidates given >= 99% to finish first (every
 * candidate, all stages). Per-stage reliability tables are printed but not gated: their bins hold ~100
 * events, whose standard error near 50% is itself 5 points.
 */
export function checkTargets(pooled: CalibrationSummary, byStage: ReadonlyMap<string, CalibrationSummary>): TargetResult[] {
  const groups: [string, CalibrationSummary][] = [['all stages', pooled], ...byStage];
  const results: TargetResult[] = [];
  for (const [label, summary] of groups) results.push(checkCoverage(`90% margin intervals, ${label}`, summary.coverage.in90, TARGETS.coverage90));
  for (const [label, summary] of groups) results.push(checkCoverage(`50% margin intervals, ${label}`, summary.coverage.in50, TARGETS.coverage50));
  results.push(checkReliability(pooled));
  results.push(checkFalseCalls(pooled));
  return results;
}

/** Passes when the coverage is inside [low, high] (and anything was covered); shared with the backtest. */
export function checkCoverage(name: string, coverage: Proportion, [low, high]: readonly [number, number]): TargetResult {
  return {
    name,
    passed: coverage.total > 0 && coverage.rate >= low && coverage.rate <= high,
    detail: `${describe(coverage)}; target ${percent(low)}–${percent(high)}`,
  };
}

/** Passes when every headline reliability bin with >= 100 forecasts is within 5 points; shared with the backtest. */
export function checkReliability(pooled: CalibrationSummary, name = 'reliability bins (first place, two leaders, all stages)'): TargetResult {
  const bins = pooled.eventSets.leaders.reliability.filter((bin) => bin.count >= TARGETS.binMinimumCount);
  const outside = bins.filter((bin) => !(Math.abs(bin.gap) <= TARGETS.binTolerance));
  const described = outside.map(
    (bin) => `[${bin.low.toFixed(1)}, ${bin.high.toFixed(1)}) predicted ${percent(bin.meanPredicted)}, ` +
      `observed ${percent(bin.observedRate)} ± ${percent(bin.standardError)} (n = ${bin.count})`,
  );
  return {
    name,
    passed: outside.length === 0,
    detail:
      `${bins.length - outside.length} of ${bins.length} bins with >= ${TARGETS.binMinimumCount} forecasts within ` +
      `${TARGETS.binTolerance * 100} points` + (described.length > 0 ? `; outside: ${described.join('; ')}` : ''),
  };
}

function checkFalseCalls(pooled: CalibrationSummary): TargetResult {
  const confident = pooled.eventSets.allFirst.falseCalls.confident;
  return {
    name: `false calls at >= ${percent(TARGETS.falseCallThreshold, 0)} (first place, every candidate, all stages)`,
    passed: confident.total === 0 || confident.rate < TARGETS.falseCallRate,
    detail: `${confident.count} of ${confident.total} lost: ${describe(confident, 2)}; target below ${percent(TARGETS.falseCallRate, 0)}`,
  };
}

function describe(value: Proportion, digits = 1): string {
  return `${percent(value.rate, digits)} ± ${percent(value.standardError, digits)} (n = ${value.total})`;
}

function percent(value: number, digits = 1): string {
  return Number.isNaN(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}
