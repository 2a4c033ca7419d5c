import { planForecast, type ForecastRequest, type PlannedForecast } from '../core/forecast-race.ts';
import type { DrawBuffers } from '../core/model/simulate-block.ts';
import { allocateDrawBuffers, simulateBlocks } from '../core/simulate-draws.ts';
import type { ForecastResult } from './block-job.ts';

/** Plans, simulates block by block and summarises one forecast on this thread. */
export function runForecastHere(request: ForecastRequest, withOutcomes: boolean, onBlock: () => void): ForecastResult {
  const plan = planForecast(request);
  return finishForecast(plan, simulateHere(plan, onBlock), withOutcomes);
}

/** Every block of a planned forecast on this thread, calling `onBlock` after each. */
export function simulateHere(plan: PlannedForecast, onBlock: () => void): DrawBuffers {
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws);
  for (let block = 0; block < plan.blocks; block++) {
    simulateBlocks(plan.race, plan.run, block, block + 1, buffers);
    onBlock();
  }
  return buffers;
}

/** The forecast's summary and, when asked for, the seat winner of every draw. */
export function finishForecast(plan: PlannedForecast, buffers: DrawBuffers, withOutcomes: boolean): ForecastResult {
  const forecast = plan.summarize(buffers);
  return withOutcomes ? { forecast, outcomes: plan.outcomes(buffers) } : { forecast };
}
