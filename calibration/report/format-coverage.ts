import { plainTable } from '../../cli/format/plain-table.ts';
import type { CoverageSummary } from '../evaluate/index.ts';
import { percent, points, withError } from './numbers.ts';

/**
 * A table of margin-interval coverage, one row per group: forecasts, 50% and 90% coverage with their
 * standard errors, the share of true margins in each quantile band, the median width of the 90% interval
 * and the median absolute error of the median, both in points.
 */
export function coverageTable(rows: readonly (readonly [string, CoverageSummary])[]): string {
  const head = ['', 'forecasts', '50% cover', '90% cover', '<p05', 'p05-25', 'p25-50', 'p50-75', 'p75-95', '>p95', '90% width', '|error|'];
  const body = rows.map(([label, coverage]) => [
    label,
    String(coverage.forecasts),
    withError(coverage.in50.rate, coverage.in50.standardError),
    withError(coverage.in90.rate, coverage.in90.standardError),
    ...coverage.bands.map((band) => percent(band.rate)),
    points(coverage.medianWidth90),
    points(coverage.medianAbsoluteError),
  ]);
  const calibrated = ['calibrated', '', '50%', '90%', '5%', '20%', '25%', '25%', '20%', '5%', '', ''];
  return plainTable(head, [...body, calibrated]);
}
