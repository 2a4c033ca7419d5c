import { describe, expect, it } from 'vitest';
import { syntheticRace } from '../../../bench/synthetic-race.ts';
import { addOpenUnits, addOpenUnitsTwoCandidates, type Scratch } from '../../../core/model/add-open-units.ts';
import { DEFAULT_PARAMETERS } from '../../../core/model/parameters.ts';
import { prepareRace } from '../../../core/model/prepare-race.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

const scratchFor = (countedTotals: Float64Array): Scratch => ({
  sharedLean: Float64Array.of(0.37),
  mixedNormals: new Float64Array(1),
  exponentials: new Float64Array(1),
  votes: Float64Array.from(countedTotals),
});

describe('the two-candidate path', () => {
  it('gives bit-identical votes and outstanding totals to the general path', () => {
    const race = prepareRace(syntheticRace(200, 2), 2, DEFAULT_PARAMETERS);
    for (let draw = 0; draw < 50; draw++) {
      const general = scratchFor(race.countedTotals);
      const fast = scratchFor(race.countedTotals);
      const generalTotal = addOpenUnits(race, streamForBlock("s", "r", draw), -0.8, 0.9, general);
      const fastTotal = addOpenUnitsTwoCandidates(race, streamForBlock("s", "r", draw), -0.8, 0.9, fast);
      expect(fastTotal).toBe(generalTotal);
      expect(Array.from(fast.votes)).toEqual(Array.from(general.votes));
    }
  });
});
