import type { Forecast } from '../../core/schemas/index.ts';
import { formatPercent, formatSignedPoints } from '../../core/summaries/number-format.ts';
import { plainTable } from '../format/plain-table.ts';

/** The first line where two texts differ (1-based), with both versions of it. */
export function firstDifference(published: string, recomputed: string) {
  const left = published.split('\n');
  const right = recomputed.split('\n');
  for (let line = 0; line < Math.max(left.length, right.length); line++) {
    if (left[line] !== right[line]) return { line: line + 1, published: left[line] ?? '(end)', recomputed: right[line] ?? '(end)' };
  }
  return undefined;
}

/** The headline numbers side by side: each candidate's chance, then the margin's median and 90% range. */
export function headlineTable(published: Forecast, recomputed: Forecast): string {
  const rows = published.candidates.map((candidate) => {
    const again = recomputed.candidates.find((other) => other.id === candidate.id);
    return [`${candidate.name ?? candidate.id} win`, formatPercent(candidate.winProbability), again === undefined ? '—' : formatPercent(again.winProbability)];
  });
  const margin = (forecast: Forecast) => {
    const { between, share } = forecast.margin;
    return `${between[0]} ${formatSignedPoints(share.p50)} (${formatSignedPoints(share.p05)} to ${formatSignedPoints(share.p95)})`;
  };
  rows.push(['margin (90% range)', margin(published), margin(recomputed)]);
  return plainTable(['', 'published', 'recomputed'], rows);
}
