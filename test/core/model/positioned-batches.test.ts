import { describe, expect, it } from 'vitest';
import { batchesOf } from '../../../core/model/batches.ts';
import { logRatios } from '../../../core/model/log-ratios.ts';
import { positionedBatches } from '../../../core/model/positioned-batches.ts';

describe('positionedBatches', () => {
  it('places each batch at its middle on the clock of expected final votes (the JSDoc example)', () => {
    const batches = positionedBatches([[60, 40], [110, 90]], 400, 0, 0.5);
    expect(batches.map((batch) => batch.midpoint)).toEqual([0.125, 0.375]); // (0 + 50) / 400, (100 + 50) / 400
    expect(batches.map((batch) => [batch.start, batch.end])).toEqual([[0, 0.25], [0.25, 0.5]]);
    expect(batches.map((batch) => batch.size)).toEqual([100, 100]);
    expect(Array.from(batches[0].ratios)).toEqual(Array.from(logRatios([60, 40], 0, 0.5)));
    expect(Array.from(batches[1].ratios)).toEqual(Array.from(logRatios([50, 50], 0, 0.5)));
  });

  it('finds the same batches as batchesOf, skipping corrections and empty steps', () => {
    const snapshots = [[60, 40], [60, 40], [55, 45], [100, 80]]; // empty step, then a correction
    const batches = positionedBatches(snapshots, 1000, 1, 0.5);
    const expected = batchesOf(snapshots);
    expect(batches.map((batch) => batch.size)).toEqual(expected.map((batch) => batch[0] + batch[1]));
    batches.forEach((batch, index) => expect(Array.from(batch.ratios)).toEqual(Array.from(logRatios(expected[index], 1, 0.5))));
  });

  it('starts the batch after a correction at the corrected total', () => {
    // 100 counted, corrected to 90 (not a batch), then 90 → 180: a batch of 90 from 90 to 180.
    const batches = positionedBatches([[60, 40], [50, 40], [100, 80]], 400, 0, 0.5);
    expect(batches.map((batch) => batch.midpoint)).toEqual([50 / 400, (90 + 45) / 400]);
  });

  it('never places a batch past the end when more is counted than was expected', () => {
    const batches = positionedBatches([[60, 40], [160, 140]], 200, 0, 0.5); // 300 counted, 200 expected
    expect(batches.map((batch) => batch.midpoint)).toEqual([50 / 200, (100 + 100) / 300]);
    for (const batch of batches) expect(batch.midpoint).toBeLessThanOrEqual(1);
  });
});
