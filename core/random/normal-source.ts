import type { RandomStream } from './random-stream.ts';

/** Anything that gives standard normals one at a time, in a fixed order. */
export interface NormalSource {
  nextNormal(): number;
}

/**
 * A block's race-wide normals drawn from its stream in one call, then handed out one at a time: the same
 * values in the same order as that many `stream.nextNormal()` calls (kernelFillNormals), for a fraction of
 * the calls into the kernel. Reading past the end is a bug in the count, so it throws.
 */
export class PrefilledNormals implements NormalSource {
  private readonly values: Float64Array;
  private next = 0;

  constructor(stream: RandomStream, count: number) {
    this.values = new Float64Array(count);
    stream.fillNormals(this.values);
  }

  nextNormal(): number {
    if (this.next >= this.values.length) throw new RangeError('more normals read than were drawn for the block');
    return this.values[this.next++];
  }
}
