// The forecast's WebAssembly kernel, in AssemblyScript (not TypeScript: compiled by `npm run build:kernel`,
// which embeds the bytes in core/kernel/kernel-bytes.ts). It draws the normals (sfc32 + the 256-layer
// ziggurat, the same generator as core/random/random-stream.ts) and every open unit's votes, with one exp
// of its own: WebAssembly's float arithmetic is IEEE-exact, so these bytes give the same draws everywhere.
// Memory is laid out by core/kernel/wasm-kernel.ts; this file only reads and writes where it is told.

const LAYERS = 256;
/** The ziggurat's tables (written once by the host from core/random/ziggurat-tables.ts), then the state. */
const KN = memory.data(LAYERS * 8, 16);
const WN = memory.data(LAYERS * 8, 16);
const FN = memory.data(LAYERS * 8, 16);
/** sfc32's four words, written by the host before a call and read back after it. */
const STATE = memory.data(16, 16);
/** The units' generator: four sfc32 lanes (a, b, c, d as i32x4 each), then a fallback sfc32 for slow paths. */
const LANES = memory.data(80, 16);
const ZIGGURAT_TAIL: f64 = 3.6541528853610088; // as core/random/ziggurat-tables.ts
const UINT32_TO_UNIT: f64 = 2.3283064365386963e-10;

/** Where the host finds the tables and the state; the first free byte after them is `__heap_base`. */
export function tablesPointer(): usize {
  return KN;
}
export function statePointer(): usize {
  return STATE;
}
export function lanesPointer(): usize {
  return LANES;
}
export function heapBase(): usize {
  return __heap_base;
}

// exp(x) = 2^(n/64) · exp(r): n = round(x · 64 / ln 2), r = x − n · ln2/64 in [−ln2/128, ln2/128] (Cody-Waite:
// ln2/64 in two parts, so that n · STEP_HI is exact). 2^(n/64) = 2^m · TWO_TO[j], n = 64m + j, from a table of
// the 64 correctly rounded values; exp(r) by its Taylor series to r^5 (truncation below 4e-17 relative), small
// terms first, so that only the last additions round at the scale of the result. Adding SHIFTER (1.5·2^52)
// rounds to the integer n and leaves it in the low bits: j in the low 6, m ready to shift into the exponent.
// x is clamped to ±700 first (pmin/pmax: one instruction each; NaN passes through). Within 2 ulp of exp(x).
const LIMIT: f64 = 700;
const STEPS_PER_LN2: f64 = 92.33248261689366; // 64 / ln 2
const SHIFTER: f64 = 6755399441055744.0;
const STEP_HI: f64 = 0.01083042469326756; // fdlibm's ln2_hi (32 significant bits) / 64
const STEP_LO: f64 = 2.9815858269852933e-12; // fdlibm's ln2_lo / 64
const C2: f64 = 0.5;
const C3: f64 = 0.16666666666666666;
const C4: f64 = 0.041666666666666664;
const C5: f64 = 0.008333333333333333;
/** 2^(j/64), j = 0…63, correctly rounded (computed with 50 digits by Python's decimal). */
const TWO_TO: usize = memory.data<f64>([
  1.0, 1.0108892860517005, 1.0218971486541166, 1.0330248790212284, 1.0442737824274138, 1.0556451783605572, 1.0671404006768237, 1.0787607977571199, 1.0905077326652577, 1.102382583307841, 1.1143867425958924, 1.1265216186082418, 1.1387886347566916, 1.1511892299529827, 1.1637248587775775, 1.1763969916502812, 1.189207115002721, 1.202156731452703, 1.215247359980469, 1.22848053610687, 1.241857812073484, 1.255380757024691, 1.2690509571917332, 1.2828700160787783, 1.2968395546510096, 1.3109612115247644, 1.3252366431597413, 1.339667524053303, 1.3542555469368927, 1.3690024229745905, 1.383909881963832, 1.3989796725383112, 1.4142135623730951, 1.42961333839197, 1.4451808069770467, 1.460917794180647, 1.4768261459394993, 1.4929077282912648, 1.5091644275934228, 1.5255981507445384, 1.5422108254079407, 1.559004400237837, 1.5759808451078865, 1.593142151342267, 1.6104903319492543, 1.6280274218573478, 1.645755478153965, 1.6636765803267364, 1.681792830507429, 1.7001063537185235, 1.718619298122478, 1.7373338352737062, 1.7562521603732995, 1.7753764925265212, 1.7947090750031072, 1.8142521755003989, 1.8340080864093424, 1.8539791250833855, 1.8741676341103, 1.8945759815869656, 1.9152065613971474, 1.9360617934922943, 1.9571441241754002, 1.978456026387951
], 16);
const LOW_SIX: i64 = 63;

/** exp(x) for x in [−700, 700] (clamped outside), within 2 ulp (test/core/kernel/kernel-exp.test.ts). */
// @ts-ignore: decorator
@inline export function expScalar(input: f64): f64 {
  const below = LIMIT < input ? LIMIT : input; // f64x2.pmin(input, LIMIT)
  const x = below < -LIMIT ? -LIMIT : below; // f64x2.pmax(below, -LIMIT)
  const shifted = x * STEPS_PER_LN2 + SHIFTER;
  const n = shifted - SHIFTER;
  const r = x - n * STEP_HI - n * STEP_LO;
  const r2 = r * r;
  const r4 = r2 * r2;
  const p = 1.0 + (r + ((C2 + C3 * r) * r2 + (C4 + C5 * r) * r4));
  const bits = reinterpret<i64>(shifted);
  const scaled = load<f64>(TWO_TO + (<usize>(bits & LOW_SIX) << 3)) * p;
  return reinterpret<f64>(reinterpret<i64>(scaled) + ((bits & ~LOW_SIX) << 46));
}

// expPair's constants, each twice (one per lane), read from memory: V8 builds a v128.const afresh at each
// use, with several instructions, where a load from memory is one.
const PAIR: usize = memory.data<f64>([
  LIMIT, LIMIT, -LIMIT, -LIMIT, STEPS_PER_LN2, STEPS_PER_LN2, SHIFTER, SHIFTER, STEP_HI, STEP_HI, STEP_LO, STEP_LO,
  1.0, 1.0, C2, C2, C3, C3, C4, C4, C5, C5,
], 16);
const MASKS: usize = memory.data<i64>([LOW_SIX, LOW_SIX, ~LOW_SIX, ~LOW_SIX], 16);

// @ts-ignore: decorator
@inline function constant(index: usize): v128 {
  return v128.load(PAIR + (index << 4));
}

/** The same exp in both lanes of a vector, operation for operation, so each lane has expScalar's bits. */
// @ts-ignore: decorator
@inline export function expPair(input: v128): v128 {
  const x = f64x2.pmax(f64x2.pmin(input, constant(0)), constant(1));
  const shifted = f64x2.add(f64x2.mul(x, constant(2)), constant(3));
  const n = f64x2.sub(shifted, constant(3));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(n, constant(4))), f64x2.mul(n, constant(5)));
  const r2 = f64x2.mul(r, r);
  const r4 = f64x2.mul(r2, r2);
  const low = f64x2.mul(f64x2.add(constant(7), f64x2.mul(constant(8), r)), r2);
  const high = f64x2.mul(f64x2.add(constant(9), f64x2.mul(constant(10), r)), r4);
  const p = f64x2.add(constant(6), f64x2.add(r, f64x2.add(low, high)));
  const offsets = i64x2.shl(v128.and(shifted, v128.load(MASKS)), 3);
  const first = TWO_TO + <usize>i64x2.extract_lane(offsets, 0);
  const second = TWO_TO + <usize>i64x2.extract_lane(offsets, 1);
  const scaled = f64x2.mul(v128.load64_lane(second, v128.load64_zero(first), 1), p);
  return i64x2.add(scaled, i64x2.shl(v128.and(shifted, v128.load(MASKS, 16)), 46));
}

/** exp as the kernel computes it, for tests and the host. */
export function exp(x: f64): f64 {
  return expScalar(x);
}

// The generator's state while a slow path runs (the hot loops keep it in locals).
let sa: u32 = 0;
let sb: u32 = 0;
let sc: u32 = 0;
let sd: u32 = 0;

// @ts-ignore: decorator
@inline function nextBits(): i32 {
  const result = sa + sb + sd;
  sd += 1;
  sa = sb ^ (sb >>> 9);
  sb = sc + (sc << 3);
  sc = rotl<u32>(sc, 21) + result;
  return <i32>result;
}

function nextUniform(): f64 {
  return (<f64>(<u32>nextBits()) + 0.5) * UINT32_TO_UNIT;
}

/** The ziggurat's slow path, after a first draw outside its layer's rectangle: the wedge or the tail. */
function normalOutsideRectangle(firstBits: i32): f64 {
  let bits = firstBits;
  for (;;) {
    const layer = (<usize>(bits & 255)) << 3;
    const x = <f64>bits * load<f64>(WN + layer);
    if (layer == 0) return normalTail(bits > 0);
    const below = load<f64>(FN + layer);
    // Accept a wedge point when it falls under the density curve.
    if (below + nextUniform() * (load<f64>(FN + layer - 8) - below) < expScalar(-0.5 * x * x)) return x;
    bits = nextBits();
    const next = (<usize>(bits & 255)) << 3;
    if (abs(<f64>bits) < load<f64>(KN + next)) return <f64>bits * load<f64>(WN + next);
  }
  return unreachable();
}

/** Marsaglia's method for the normal tail beyond ZIGGURAT_TAIL. */
function normalTail(positive: bool): f64 {
  let x: f64;
  let y: f64;
  do {
    x = -Math.log(nextUniform()) / ZIGGURAT_TAIL;
    y = -Math.log(nextUniform());
  } while (y + y < x * x);
  return positive ? ZIGGURAT_TAIL + x : -ZIGGURAT_TAIL - x;
}

/** Fills `count` f64 at `out` with standard normals from the stream at STATE, and leaves its state there. */
export function fillNormals(out: usize, count: i32): void {
  let a = load<u32>(STATE);
  let b = load<u32>(STATE, 4);
  let c = load<u32>(STATE, 8);
  let d = load<u32>(STATE, 12);
  for (let index = 0; index < count; index++) {
    const result = a + b + d;
    d += 1;
    a = b ^ (b >>> 9);
    b = c + (c << 3);
    c = rotl<u32>(c, 21) + result;
    const bits = <f64>(<i32>result);
    const layer = (<usize>(result & 255)) << 3;
    let value: f64;
    if (abs(bits) < load<f64>(KN + layer)) {
      value = bits * load<f64>(WN + layer);
    } else {
      sa = a;
      sb = b;
      sc = c;
      sd = d;
      value = normalOutsideRectangle(<i32>result);
      a = sa;
      b = sb;
      c = sc;
      d = sd;
    }
    store<f64>(out + ((<usize>index) << 3), value);
  }
  store<u32>(STATE, a);
  store<u32>(STATE, b, 4);
  store<u32>(STATE, c, 8);
  store<u32>(STATE, d, 12);
}

/**
 * Fills `count` f64 at `out` with standard normals from the four sfc32 lanes at LANES, four at a time (lane
 * 0 to 3; the last group is written whole, so `out` needs room for `count` rounded up to 4). A draw outside
 * its layer's rectangle takes the slow path's further numbers from the fallback generator, in order.
 */
export function fillLaneNormals(out: usize, count: i32): void {
  let a = v128.load(LANES);
  let b = v128.load(LANES, 16);
  let c = v128.load(LANES, 32);
  let d = v128.load(LANES, 48);
  sa = load<u32>(LANES, 64);
  sb = load<u32>(LANES, 68);
  sc = load<u32>(LANES, 72);
  sd = load<u32>(LANES, 76);
  const one = i32x4.splat(1);
  for (let index = 0; index < count; index += 4) {
    const result = i32x4.add(i32x4.add(a, b), d);
    d = i32x4.add(d, one);
    a = v128.xor(b, i32x4.shr_u(b, 9));
    b = i32x4.add(c, i32x4.shl(c, 3));
    c = i32x4.add(v128.or(i32x4.shl(c, 21), i32x4.shr_u(c, 11)), result);
    const at = out + ((<usize>index) << 3);
    // The fast path for all four at once (94% of groups); otherwise lane by lane, with the same bits.
    const offsets = i32x4.shl(v128.and(result, i32x4.splat(LAYERS - 1)), 3);
    const first = <usize>i32x4.extract_lane(offsets, 0);
    const second = <usize>i32x4.extract_lane(offsets, 1);
    const third = <usize>i32x4.extract_lane(offsets, 2);
    const fourth = <usize>i32x4.extract_lane(offsets, 3);
    const low = f64x2.convert_low_i32x4_s(result);
    const high = f64x2.convert_low_i32x4_s(v128.shuffle<i32>(result, result, 2, 3, 0, 1));
    const limitLow = v128.load64_lane(KN + second, v128.load64_zero(KN + first), 1);
    const limitHigh = v128.load64_lane(KN + fourth, v128.load64_zero(KN + third), 1);
    const inside = v128.and(f64x2.lt(f64x2.abs(low), limitLow), f64x2.lt(f64x2.abs(high), limitHigh));
    if (i64x2.all_true(inside)) {
      v128.store(at, f64x2.mul(low, v128.load64_lane(WN + second, v128.load64_zero(WN + first), 1)));
      v128.store(at, f64x2.mul(high, v128.load64_lane(WN + fourth, v128.load64_zero(WN + third), 1)), 16);
    } else {
      store<f64>(at, laneNormal(i32x4.extract_lane(result, 0)));
      store<f64>(at, laneNormal(i32x4.extract_lane(result, 1)), 8);
      store<f64>(at, laneNormal(i32x4.extract_lane(result, 2)), 16);
      store<f64>(at, laneNormal(i32x4.extract_lane(result, 3)), 24);
    }
  }
  v128.store(LANES, a);
  v128.store(LANES, b, 16);
  v128.store(LANES, c, 32);
  v128.store(LANES, d, 48);
  store<u32>(LANES, sa, 64);
  store<u32>(LANES, sb, 68);
  store<u32>(LANES, sc, 72);
  store<u32>(LANES, sd, 76);
}

/** The ziggurat on one lane's 32 bits; the slow path draws from the fallback generator (sa…sd). */
// @ts-ignore: decorator
@inline function laneNormal(result: i32): f64 {
  const bits = <f64>result;
  const layer = (<usize>(result & 255)) << 3;
  return abs(bits) < load<f64>(KN + layer) ? bits * load<f64>(WN + layer) : normalOutsideRectangle(result);
}

/** One normal from the stream at STATE. */
export function nextNormal(scratch: usize): f64 {
  fillNormals(scratch, 1);
  return load<f64>(scratch);
}
