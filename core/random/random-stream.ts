import seedrandom from 'seedrandom';
import { kernelFillLaneNormals, kernelFillNormals, kernelNormal, LANE_WORDS } from '../kernel/wasm-kernel.ts';

const UINT32_TO_UNIT = 2.3283064365386963e-10; // 2^-32

/**
 * One stream of random numbers: the sfc32 generator (Doty-Humphrey, PractRand; 128-bit state, passes
 * BigCrush) with uniform and standard normal draws. Normals use the 256-layer ziggurat of Marsaglia &
 * Tsang (2000), drawn by the WebAssembly kernel (kernel/kernel.ts) from this same state, so that one piece
 * of code draws every normal of a forecast. Create streams with `streamForBlock`, never directly in model code.
 *
 * The units' normals, the bulk of a forecast's draws, come from the stream's `lanes`: four more sfc32
 * generators that the kernel steps at once in SIMD, and a fifth for the ziggurat's rare slow path, keyed by
 * the stream's four seed words through seedrandom's ARC4.
 */
export class RandomStream {
  /** sfc32's four words (a, b, c, d): the kernel reads and advances them too. */
  readonly state = new Int32Array(4);
  private readonly seedWords: readonly number[];
  private laneState: Int32Array | undefined;

  constructor(a: number, b: number, c: number, d: number) {
    this.seedWords = [a | 0, b | 0, c | 0, d | 0];
    this.state.set(this.seedWords);
    // Mix the seed words before the first output, as the reference implementation does.
    for (let i = 0; i < 12; i++) this.nextInt32();
  }

  /** A uniform signed 32-bit integer. */
  nextInt32(): number {
    const s = this.state;
    const result = (((s[0] + s[1]) | 0) + s[3]) | 0;
    s[3] = (s[3] + 1) | 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) | 0;
    s[2] = (((s[2] << 21) | (s[2] >>> 11)) + result) | 0;
    return result;
  }

  /** A uniform number strictly inside (0, 1), on a grid of 2^-32, so its logarithm is finite. */
  nextUniform(): number {
    return ((this.nextInt32() >>> 0) + 0.5) * UINT32_TO_UNIT;
  }

  /** A standard normal draw (mean 0, standard deviation 1). */
  nextNormal(): number {
    return kernelNormal(this.state);
  }

  /** Fills `target` with standard normals, in order: the same values as that many `nextNormal` calls. */
  fillNormals(target: Float64Array): void {
    kernelFillNormals(this.state, target);
  }

  /** The units' generator (LANE_WORDS words), keyed on first use by the seed words alone; the kernel advances it. */
  get lanes(): Int32Array {
    if (this.laneState === undefined) {
      const keyed = seedrandom(JSON.stringify(['ballotcast-lanes-v1', ...this.seedWords]));
      this.laneState = Int32Array.from({ length: LANE_WORDS }, () => keyed.int32());
    }
    return this.laneState;
  }

  /** Fills `target` with standard normals from the lanes, as a draw takes its units' normals. */
  fillLaneNormals(target: Float64Array): void {
    kernelFillLaneNormals(this.lanes, target);
  }
}
