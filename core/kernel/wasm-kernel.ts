import type { PreparedRace } from '../model/prepare-race.ts';
import { fn, kn, LAYERS, wn } from '../random/ziggurat-tables.ts';
import { KERNEL_BASE64 } from './kernel-bytes.ts';

/** The little of the WebAssembly API used here (Node's types do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { readonly exports: object };
}

/** What the kernel (kernel/index.ts, AssemblyScript) exports; pointers are byte offsets into its memory. */
interface KernelExports {
  readonly memory: WasmMemory;
  exp(x: number): number;
  fillNormals(out: number, count: number): void;
  fillLaneNormals(out: number, count: number): void;
  lanesPointer(): number;
  nextNormal(scratch: number): number;
  heapBase(): number;
  statePointer(): number;
  tablesPointer(): number;
  twoCandidateUnits(...args: number[]): number;
  generalUnits(...args: number[]): number;
  drawBlock(...args: number[]): void;
}

/** Compiled once per thread at import: about 9 kB, synchronously (Node allows it at any size). */
const wasm = (globalThis as unknown as { readonly WebAssembly: WasmApi }).WebAssembly;
const kernel = new wasm.Instance(new wasm.Module(decodeBase64(KERNEL_BASE64))).exports as KernelExports;

/** A plain loop: Uint8Array.from(string, mapper) took 16–30 ms here at a cold start, this takes 0.5 ms. */
function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

const STATE = kernel.statePointer();
const LANES = kernel.lanesPointer();
/** The lanes' words: four sfc32 generators as four i32x4 (a, b, c, d), then the fallback's a, b, c, d. */
export const LANE_WORDS = 20;
/** Normals for the host's own calls (`fillNormals` of any length goes through it in chunks). */
const SCRATCH = align(kernel.heapBase());
const SCRATCH_NORMALS = 4096;
/** Where a race's parameters start: everything above belongs to the race loaded last. */
const RACE_BASE = SCRATCH + SCRATCH_NORMALS * 8;

function align(pointer: number): number {
  return Math.ceil(pointer / 16) * 16;
}

// Views of the memory, made again whenever it grows (growing detaches the old buffer).
let state = new Int32Array(kernel.memory.buffer, STATE, 4);
let lanes = new Int32Array(kernel.memory.buffer, LANES, LANE_WORDS);
let float64 = new Float64Array(kernel.memory.buffer);

function ensureBytes(end: number): void {
  const missing = end - kernel.memory.buffer.byteLength;
  if (missing <= 0) return;
  kernel.memory.grow(Math.ceil(missing / 65536));
  state = new Int32Array(kernel.memory.buffer, STATE, 4);
  lanes = new Int32Array(kernel.memory.buffer, LANES, LANE_WORDS);
  float64 = new Float64Array(kernel.memory.buffer);
}

function writeTables(): void {
  const tables = kernel.tablesPointer() / 8;
  float64.set(kn, tables);
  float64.set(wn, tables + LAYERS);
  float64.set(fn, tables + 2 * LAYERS);
}

writeTables();
ensureBytes(RACE_BASE);

/** One standard normal from the sfc32 stream whose four state words are `streamState`, which it advances. */
export function kernelNormal(streamState: Int32Array): number {
  state.set(streamState);
  const value = kernel.nextNormal(SCRATCH);
  streamState.set(state);
  return value;
}

/** Fills `target` with standard normals from the stream, in order: the same as as many `kernelNormal` calls. */
export function kernelFillNormals(streamState: Int32Array, target: Float64Array): void {
  state.set(streamState);
  fillThroughScratch(kernel.fillNormals, target);
  streamState.set(state);
}

/**
 * Fills `target` with standard normals from the units' generator `laneState` (LANE_WORDS words, advanced), as
 * a draw takes its units' normals: four lanes at a time, a group cut short at the end.
 */
export function kernelFillLaneNormals(laneState: Int32Array, target: Float64Array): void {
  lanes.set(laneState);
  fillThroughScratch(kernel.fillLaneNormals, target);
  laneState.set(lanes);
}

function fillThroughScratch(fill: (out: number, count: number) => void, target: Float64Array): void {
  for (let start = 0; start < target.length; start += SCRATCH_NORMALS) {
    const count = Math.min(SCRATCH_NORMALS, target.length - start);
    fill(SCRATCH, count);
    target.set(float64.subarray(SCRATCH / 8, SCRATCH / 8 + count), start);
  }
}

/** The kernel's exp: within 2 ulp of exp(x) for x in [−700, 700], the same bits on every machine. */
export function kernelExp(x: number): number {
  return kernel.exp(x);
}

/** Where one race's unit parameters and scratch sit in kernel memory (byte offsets). */
export interface KernelUnits {
  readonly race: PreparedRace;
  readonly logCenter: number;
  readonly sdMid: number;
  readonly sdHalf: number;
  readonly leanMean: number;
  readonly leanFactor: number;
  readonly dimensionCandidate: number;
  readonly normals: number;
  readonly votes: number;
  readonly sharedLean: number;
  readonly mixed: number;
  readonly exponentials: number;
  /** A whole block's race-wide normals, the counted votes, and the block's results (kernelDrawBlock). */
  readonly raceNormals: number;
  readonly counted: number;
  readonly blockVotes: number;
  readonly blockOutstanding: number;
  readonly blockDraws: number;
  readonly end: number;
}

/**
 * Plans where `race` goes in kernel memory, with room for blocks of up to `blockDraws` draws; it is copied
 * there by the first draw that needs it.
 */
export function kernelUnits(race: PreparedRace, blockDraws: number): KernelUnits {
  const units = race.openUnitCount;
  const dimensions = race.candidateCount - 1;
  let next = RACE_BASE;
  const take = (count: number) => {
    const pointer = next;
    next = align(next + count * 8);
    return pointer;
  };
  return {
    race,
    logCenter: take(units),
    sdMid: take(units),
    sdHalf: take(units),
    leanMean: take(units * dimensions),
    leanFactor: take(units * dimensions * dimensions),
    dimensionCandidate: take(dimensions),
    normals: take(units * race.candidateCount + 3), // the lanes write whole groups of 4
    votes: take(race.candidateCount),
    sharedLean: take(dimensions),
    mixed: take(dimensions),
    exponentials: take(dimensions),
    raceNormals: take(blockDraws * raceNormalsPerDraw(race)),
    counted: take(race.candidateCount),
    blockVotes: take(blockDraws * race.candidateCount),
    blockOutstanding: take(blockDraws),
    blockDraws,
    get end() {
      return next;
    },
  };
}

/** The race-wide normals of one draw: the volume's, the t scale's ν, and one per lean dimension. */
export function raceNormalsPerDraw(race: PreparedRace): number {
  return 1 + race.leanTailDegrees + race.candidateCount - 1;
}

let loaded: KernelUnits | undefined;

function load(units: KernelUnits): void {
  if (loaded === units) return;
  const { race } = units;
  ensureBytes(units.end);
  float64.set(race.logCenter, units.logCenter / 8);
  float64.set(race.sdMid, units.sdMid / 8);
  float64.set(race.sdHalf, units.sdHalf / 8);
  float64.set(race.leanMean, units.leanMean / 8);
  float64.set(race.leanFactor, units.leanFactor / 8);
  new Int32Array(kernel.memory.buffer, units.dimensionCandidate, race.dimensionCandidate.length).set(race.dimensionCandidate);
  loaded = units;
}

/**
 * One draw of every open unit of the race (core/model/add-open-units.ts): draws their normals from the lanes,
 * adds their votes to `votes` and returns their outstanding total. `pairs`: the two-candidate loop, which
 * gives the same bits as the general one two units at a time.
 */
export function kernelDrawUnits(
  units: KernelUnits,
  laneState: Int32Array,
  draw: { readonly sharedVolume: number; readonly unitLeanWeight: number; readonly sharedLean: Float64Array; readonly votes: Float64Array },
  pairs: boolean,
): number {
  load(units);
  const { race } = units;
  lanes.set(laneState);
  float64.set(draw.votes, units.votes / 8);
  float64.set(draw.sharedLean, units.sharedLean / 8);
  const total = pairs
    ? kernel.twoCandidateUnits(race.openUnitCount, units.logCenter, units.sdMid, units.sdHalf, units.leanMean, units.leanFactor, units.normals, units.votes,
        race.referenceCandidate, race.dimensionCandidate[0], race.unitWeight, draw.sharedVolume, draw.sharedLean[0], draw.unitLeanWeight)
    : kernel.generalUnits(race.openUnitCount, race.candidateCount - 1, units.logCenter, units.sdMid, units.sdHalf, units.leanMean, units.leanFactor,
        units.dimensionCandidate, race.referenceCandidate, units.normals, units.votes, units.sharedLean, units.mixed, units.exponentials,
        race.unitWeight, draw.sharedVolume, draw.unitLeanWeight);
  // A loop, not subarray: no object to allocate in each draw.
  for (let candidate = 0, at = units.votes / 8; candidate < race.candidateCount; candidate++) draw.votes[candidate] = float64[at + candidate];
  laneState.set(lanes);
  return total;
}

/**
 * Every draw of a block of `units.race`, for a race with no correction to doubt and no election swing
 * (kernel/units.ts, drawBlock): its race-wide normals from `streams.state`, its units' from `streams.lanes`,
 * both advanced as draw-by-draw simulation would (the two are separate generators, so drawing the race-wide
 * normals of up to `units.blockDraws` draws at once keeps every sequence). Writes draws [firstDraw,
 * firstDraw + drawCount) of `buffers`.
 */
export function kernelDrawBlock(
  units: KernelUnits,
  streams: { readonly state: Int32Array; readonly lanes: Int32Array },
  firstDraw: number,
  drawCount: number,
  buffers: { readonly finalVotes: Float64Array; readonly outstandingVotes: Float64Array },
): void {
  load(units);
  const { race } = units;
  const candidates = race.candidateCount;
  float64.set(race.countedTotals, units.counted / 8);
  lanes.set(streams.lanes);
  for (let done = 0; done < drawCount; done += units.blockDraws) {
    const count = Math.min(units.blockDraws, drawCount - done);
    state.set(streams.state);
    kernel.fillNormals(units.raceNormals, count * raceNormalsPerDraw(race));
    streams.state.set(state);
    kernel.drawBlock(count, race.openUnitCount, candidates - 1, race.leanTailDegrees, units.raceNormals, units.counted, units.blockVotes,
      units.blockOutstanding, units.logCenter, units.sdMid, units.sdHalf, units.leanMean, units.leanFactor, units.dimensionCandidate,
      race.referenceCandidate, units.normals, units.votes, units.sharedLean, units.mixed, units.exponentials, race.sharedWeight, race.unitWeight);
    const at = firstDraw + done;
    buffers.finalVotes.set(float64.subarray(units.blockVotes / 8, units.blockVotes / 8 + count * candidates), at * candidates);
    buffers.outstandingVotes.set(float64.subarray(units.blockOutstanding / 8, units.blockOutstanding / 8 + count), at);
  }
  streams.lanes.set(lanes);
}
