import { describe, expect, it } from 'vitest';
import { PrefilledNormals } from '../../../core/random/normal-source.ts';
import { streamForBlock } from '../../../core/random/stream-for-block.ts';

describe('PrefilledNormals', () => {
  it('hands out the values that as many nextNormal calls give, and leaves the stream where they would', () => {
    const one = streamForBlock('seed', 'race', 0);
    const direct = Array.from({ length: 5_000 }, () => one.nextNormal());
    const other = streamForBlock('seed', 'race', 0);
    const prefilled = new PrefilledNormals(other, 5_000);
    expect(Array.from({ length: 5_000 }, () => prefilled.nextNormal())).toEqual(direct);
    expect(other.nextNormal()).toBe(one.nextNormal());
  });

  it('throws when more normals are read than were drawn', () => {
    const prefilled = new PrefilledNormals(streamForBlock('seed', 'race', 0), 2);
    prefilled.nextNormal();
    prefilled.nextNormal();
    expect(() => prefilled.nextNormal()).toThrow(RangeError);
  });
});
