import type { ForecastRequest } from '../core/forecast-race.ts';
import type { PreparedRace } from '../core/model/prepare-race.ts';
import type { DrawBuffers } from '../core/model/simulate-block.ts';
import type { RaceOutcomes } from '../core/night/race-outcomes.ts';
import type { Forecast } from '../core/schemas/forecast.ts';

/** A contiguous range of blocks of one forecast for one worker; the buffers live in shared memory. */
export interface BlockJob {
  readonly kind: 'blocks';
  readonly race: PreparedRace;
  readonly run: { readonly seed: string; readonly raceId: string; readonly draws: number };
  readonly firstBlock: number;
  readonly endBlock: number;
  readonly buffers: DrawBuffers;
}

/** A whole forecast for one worker: planned, simulated and summarised there. */
export interface ForecastJob {
  readonly kind: 'forecast';
  readonly request: ForecastRequest;
  /** Also the seat winner of every draw, for the night's summary. */
  readonly withOutcomes: boolean;
}

export type WorkerJob = BlockJob | ForecastJob;

/** A forecast and, when asked for, the seat winner of every draw. */
export interface ForecastResult {
  readonly forecast: Forecast;
  readonly outcomes?: RaceOutcomes;
}

export type WorkerMessage =
  | { kind: 'block' }
  | { kind: 'done'; result?: ForecastResult }
  | { kind: 'failed'; message: string; rangeError: boolean };

/** Splits blocks [0, blocks) into at most `parts` contiguous ranges of nearly equal size. */
export function splitBlocks(blocks: number, parts: number): [number, number][] {
  const ranges: [number, number][] = [];
  const count = Math.max(1, Math.min(parts, blocks));
  for (let part = 0; part < count; part++) {
    const first = Math.floor((part * blocks) / count);
    const end = Math.floor(((part + 1) * blocks) / count);
    if (end > first) ranges.push([first, end]);
  }
  return ranges;
}
