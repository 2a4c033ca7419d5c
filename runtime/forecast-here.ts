import { planForecast, type ForecastRequest } from '../core/forecast-race.ts';
import { allocateDrawBuffers, simulateBlocks } from '../core/simulate-draws.ts';
import type { ForecastResult } from './block-job.ts';

/** Plans, simulates block by block and summarises one forecast on this thread. */
export function runForecastHere(request: ForecastRequest, withOutcomes: boolean, onBlock: () => void): ForecastResult {
  const plan = planForecast(request);
  const buffers = allocateDrawBuffers(plan.race, plan.run.draws);
  for (let block = 0; block < plan.blocks; block++) {
    simulateBlocks(plan.race, plan.run, block, block + 1, buffers);
    onBlock();
  }
  const forecast = plan.summarize(buffers);
  return withOutcomes ? { forecast, outcomes: plan.outcomes(buffers) } : { forecast };
}
