import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import { pathsToVictory } from '../../../core/summaries/path-to-victory.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';

describe('pathsToVictory', () => {
  it('two candidates: half the outstanding votes plus half the deficit', () => {
    // Behind by 100 with 1,000 to count: 550 against 450 draws level.
    expect(pathsToVictory([600, 500], 1000)).toEqual([undefined, { leader: 0, votesBehind: 100, shareNeeded: 0.55, reachable: true }]);
  });

  it('three candidates: the others keep their counted share of what is left', () => {
    // Counted 500 / 300 / 200 of 1,000; 400 to count. For bob, cy's share q = 0.2: s = (0.8 + 200/400) / 2 = 0.65.
    const [ann, bob, cy] = pathsToVictory([500, 300, 200], 400);
    expect(ann).toBeUndefined();
    expect(bob).toEqual({ leader: 0, votesBehind: 200, shareNeeded: 0.65, reachable: true });
    // bob takes 0.65 × 400 = 260, cy 0.2 × 400 = 80, ann the other 60: 500 + 60 = 300 + 260 = 560.
    expect(500 + (1 - 0.2 - 0.65) * 400).toBeCloseTo(300 + 0.65 * 400, 9);
    // For cy, bob's share q = 0.3: s = (0.7 + 300/400) / 2 = 0.725 > 0.7: out of reach.
    expect(cy).toEqual({ leader: 0, votesBehind: 300, shareNeeded: 0.725, reachable: false });
  });

  it('gives a tied candidate the even split, the first listed leads a tie, and nothing when nothing is outstanding', () => {
    expect(pathsToVictory([400, 400], 100)).toEqual([undefined, { leader: 0, votesBehind: 0, shareNeeded: 0.5, reachable: true }]);
    expect(pathsToVictory([400, 300], 0)).toEqual([undefined, undefined]);
    expect(pathsToVictory([0, 0, 0], 50)[2]).toEqual({ leader: 0, votesBehind: 0, shareNeeded: 0.5, reachable: true });
  });
});

describe('the forecast\'s path to victory', () => {
  it('is on every trailing candidate, from the counted votes and the expected outstanding votes', () => {
    // Release 0 of the two-unit race: ann 1,400, bob 1,500, cy 300 counted; 600 + 3,000 = 3,600 expected.
    const forecast = forecastRace({ countFile: twoUnitRace(), releaseIndex: 0, seed: 'path', draws: 100 });
    const [ann, bob, cy] = forecast.candidates.map((candidate) => candidate.pathToVictory);
    expect(bob).toBeUndefined();
    // ann: q = 300 / 3,200 = 0.09375; s = (0.90625 + 100 / 3,600) / 2 = 0.467014 (rounded).
    expect(ann).toEqual({ leader: 'bob', votesBehind: 100, shareNeeded: 0.467014, reachable: true });
    // cy: q = 1,400 / 3,200 = 0.4375; s = (0.5625 + 1,200 / 3,600) / 2 = 0.447917.
    expect(cy).toEqual({ leader: 'bob', votesBehind: 1200, shareNeeded: 0.447917, reachable: true });
  });
});
