import { describe, expect, it } from 'vitest';
import { votesCounted } from '../../../core/schemas/votes-counted.ts';

describe('votesCounted', () => {
  it('sums a unit\'s votes over its candidates, 0 for none', () => {
    expect(votesCounted({ counted: { ann: 400, bob: 300, cy: 0 } })).toBe(700);
    expect(votesCounted({ counted: {} })).toBe(0);
  });
});
