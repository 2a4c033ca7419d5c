import { plainTable } from '../../cli/format/plain-table.ts';
import { TARGETS, type ReliabilityBin } from '../evaluate/index.ts';
import { percent, points, signedPoints, withError } from './numbers.ts';

/**
 * A reliability table: for each bin of forecast probability, the forecasts in it, their mean, the
 * observed rate with its standard error, the gap in points, and the gap in standard errors of a
 * calibrated bin (z). The last column flags |z| > 2 (`>2se`), and, for a bin with at least 100 forecasts, beyond the 5-point target (`TARGET`).
 */
export function reliabilityText(bins: readonly ReliabilityBin[]): string {
  const head = ['bin', 'forecasts', 'predicted', 'observed', 'gap', 'z', ''];
  const rows = bins.map((bin) => {
    const gapInErrors = bin.gap / bin.calibratedStandardError;
    const flags = [
      bin.count >= TARGETS.binMinimumCount && Math.abs(bin.gap) > TARGETS.binTolerance ? 'TARGET' : '',
      Math.abs(gapInErrors) > 2 ? '>2se' : '',
    ].filter(Boolean);
    return [
      `${points(bin.low, 0)}-${points(bin.high, 0)}%`,
      String(bin.count),
      percent(bin.meanPredicted),
      withError(bin.observedRate, bin.standardError),
      signedPoints(bin.gap),
      Number.isFinite(gapInErrors) ? gapInErrors.toFixed(1) : '—',
      flags.join(' '),
    ];
  });
  return plainTable(head, rows);
}
