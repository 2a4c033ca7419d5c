import { ZIGGURAT_TAIL, fn, kn, wn } from './ziggurat-tables.ts';

const UINT32_TO_UNIT = 2.3283064365386963e-10; // 2^-32

/**
 * One stream of random numbers: the sfc32 generator (Doty-Humphrey, PractRand; 128-bit state, passes
 * BigCrush) with uniform and standard normal draws. Normals use the 128-layer ziggurat of Marsaglia &
 * Tsang (2000), which needs one 32-bit draw in about 99% of calls, several times faster than Box-Muller
 * (bench/random.ts measures both). Create streams with `streamForBlock`, never directly in model code.
 *
 * State lives in initialised class fields: V8 keeps them as small integers, and the same code with
 * uninitialised fields or closures ran four times slower.
 */
export class RandomStream {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  // The tables as fields: V8 reads them faster than imported module bindings in the hot path.
  private readonly layerLimit = kn;
  private readonly layerScale = wn;

  constructor(a: number, b: number, c: number, d: number) {
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = d | 0;
    // Mix the seed words before the first output, as the reference implementation does.
    for (let i = 0; i < 12; i++) this.nextInt32();
  }

  /** A uniform signed 32-bit integer. */
  nextInt32(): number {
    const result = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + result) | 0;
    return result;
  }

  /** A uniform number strictly inside (0, 1), on a grid of 2^-32, so its logarithm is finite. */
  nextUniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) * UINT32_TO_UNIT;
  }

  /** A standard normal draw (mean 0, standard deviation 1). */
  nextNormal(): number {
    const bits = this.nextInt32();
    const layer = bits & 127;
    // Fast path: inside the layer's rectangle.
    if (Math.abs(bits) < this.layerLimit[layer]) return bits * this.layerScale[layer];
    return this.normalOutsideRectangle(bits, layer);
  }

  /**
   * Fills `target` with standard normals, in order: the same values as that many `nextNormal` calls. A hot
   * loop that draws all its normals first runs about 8% faster (bench/), as the generator's state stays put.
   */
  fillNormals(target: Float64Array): void {
    for (let index = 0; index < target.length; index++) target[index] = this.nextNormal();
  }

  /** The slow path of the ziggurat: the tail beyond the last layer, or the wedge beside a rectangle. */
  private normalOutsideRectangle(firstBits: number, firstLayer: number): number {
    let bits = firstBits;
    let layer = firstLayer;
    for (;;) {
      const x = bits * wn[layer];
      if (layer === 0) return this.normalTail(bits > 0);
      // Accept a wedge point when it falls under the density curve.
      if (fn[layer] + this.nextUniform() * (fn[layer - 1] - fn[layer]) < Math.exp(-0.5 * x * x)) return x;
      bits = this.nextInt32();
      layer = bits & 127;
      if (Math.abs(bits) < kn[layer]) return bits * wn[layer];
    }
  }

  /** Marsaglia's method for the normal tail beyond ZIGGURAT_TAIL. */
  private normalTail(positive: boolean): number {
    let x: number;
    let y: number;
    do {
      x = -Math.log(this.nextUniform()) / ZIGGURAT_TAIL;
      y = -Math.log(this.nextUniform());
    } while (y + y < x * x);
    return positive ? ZIGGURAT_TAIL + x : -ZIGGURAT_TAIL - x;
  }
}
