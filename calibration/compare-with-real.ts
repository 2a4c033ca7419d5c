/**
 * Compares the generator's counts with the real corpus on what drives a forecast's error: how far the
 * votes still to count lean from the running share, and how far outstanding estimates miss, at about 30%,
 * 60% and 90% counted. Usage: npx tsx calibration/compare-with-real.ts [races=1000] [seed=compare]
 */
import { quantile } from 'simple-statistics';
import { fileURLToPath } from 'node:url';
import type { CountFile } from '../core/schemas/index.ts';
import { defaultInputs, findCountFiles } from '../backtest/corpus/find-count-files.ts';
import { loadCountFiles } from '../backtest/corpus/load-count-files.ts';
import { fractionCountedByRelease, generateRaces } from './generator/index.ts';

const STAGES = [0.3, 0.6, 0.9] as const;

type Totals = Record<string, number>;

function totalsOf(units: readonly { counted: Totals }[]): Totals {
  const totals: Totals = {};
  for (const unit of units) for (const [id, votes] of Object.entries(unit.counted)) totals[id] = (totals[id] ?? 0) + votes;
  return totals;
}
const sum = (votes: Totals) => Object.values(votes).reduce((total, value) => total + value, 0);

/** At the last release at or below `stage` counted: the rest's lean (leader's share of the rest − of the counted), and estimate ÷ truth. */
export function atStage(countFile: CountFile, stage: number): { lean: number; estimateRatio: number } | null {
  const fractions = fractionCountedByRelease(countFile);
  const index = fractions.findLastIndex((fraction) => fraction <= stage);
  if (index < 0 || fractions[index] < stage - 0.15) return null;
  const release = countFile.releases[index];
  const counted = totalsOf(release.units);
  const final = totalsOf(countFile.releases.at(-1)!.units);
  const rest = sum(final) - sum(counted);
  if (!(rest > 0) || !(sum(counted) > 0)) return null;
  const leader = Object.keys(counted).reduce((best, id) => (counted[id] > counted[best] ? id : best));
  const lean = (final[leader] - counted[leader]) / rest - counted[leader] / sum(counted);
  const expected = release.units.reduce((total, unit) => total + unit.outstanding.expected, 0);
  return { lean, estimateRatio: expected / rest };
}

function describe(label: string, files: readonly CountFile[]): void {
  for (const stage of STAGES) {
    const points = files.map((file) => atStage(file, stage)).filter((point) => point !== null);
    if (points.length < 10) continue;
    const leans = points.map((point) => Math.abs(point.lean));
    const ratios = points.map((point) => Math.log2(Math.max(point.estimateRatio, 1 / 64)));
    const q = (values: number[], p: number) => quantile(values, p).toFixed(3);
    console.log(
      `${label.padEnd(22)} ${String(Math.round(stage * 100)).padStart(2)}%  n ${String(points.length).padStart(4)}  ` +
        `|lean| p50 ${q(leans, 0.5)} p75 ${q(leans, 0.75)} p90 ${q(leans, 0.9)} p95 ${q(leans, 0.95)}  ` +
        `log2(estimate/true) p05 ${q(ratios, 0.05)} p50 ${q(ratios, 0.5)} p95 ${q(ratios, 0.95)}`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const [count = '1000', seed = 'compare'] = process.argv.slice(2);
  const { loaded } = loadCountFiles(findCountFiles(defaultInputs(root), root));
  const derived = loaded.filter((file) => file.label.estimates === 'derived');
  for (const source of [...new Set(derived.map((file) => file.label.source))]) {
    describe(source, derived.filter((file) => file.label.source === source).map((file) => file.countFile));
  }
  describe('generator', [...generateRaces(Number(count), seed)].map((race) => race.countFile));
}
