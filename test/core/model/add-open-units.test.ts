import { describe, expect, it } from 'vitest';
import { syntheticRace } from '../../../bench/synthetic-race.ts';
import { addOpenUnits, addOpenUnitsTwoCandidates, allocateScratch, type Scratch } from '../../../core/model/add-open-units.ts';
import { DEFAULT_PARAMETERS } from '../../../core/model/parameters.ts';
import { prepareRace, type PreparedRace } from '../../../core/model/prepare-race.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

const scratchFor = (race: PreparedRace, sharedLean = 0.37): Scratch => {
  const scratch = allocateScratch(race);
  scratch.sharedLean[0] = sharedLean;
  scratch.votes.set(race.countedTotals);
  return scratch;
};

describe('the two-candidate path', () => {
  it('gives bit-identical votes and outstanding totals to the general path', () => {
    const race = prepareRace(syntheticRace(200, 2), 2, DEFAULT_PARAMETERS);
    for (let draw = 0; draw < 50; draw++) {
      const general = scratchFor(race);
      const fast = scratchFor(race);
      const generalTotal = addOpenUnits(race, streamForBlock("s", "r", draw), -0.8, 0.9, general);
      const fastTotal = addOpenUnitsTwoCandidates(race, streamForBlock("s", "r", draw), -0.8, 0.9, fast);
      expect(fastTotal).toBe(generalTotal);
      expect(Array.from(fast.votes)).toEqual(Array.from(general.votes));
    }
  });

  it('stays bit-identical whatever the common lean normal of the draw (where the shared swing enters)', () => {
    const race = prepareRace(syntheticRace(200, 2), 2, DEFAULT_PARAMETERS);
    for (let draw = 0; draw < 20; draw++) {
      const general = scratchFor(race, 0.123 * (draw - 10));
      const fast = scratchFor(race, 0.123 * (draw - 10));
      const generalTotal = addOpenUnits(race, streamForBlock('s', 'r', draw), -0.8, 0.9, general);
      const fastTotal = addOpenUnitsTwoCandidates(race, streamForBlock('s', 'r', draw), -0.8, 0.9, fast);
      expect(fastTotal).toBe(generalTotal);
      expect(Array.from(fast.votes)).toEqual(Array.from(general.votes));
    }
  });
});
