import { summarizeNight } from '../../../core/night/summarize-night.ts';
import type { Forecast, NightSummary } from '../../../core/schemas/index.ts';
import { runNightRaces } from '../../../runtime/run-forecasts.ts';
import type { ForecastState } from '../../../web/src/night/race-rows.ts';
import { closeNight, nightRace, TEST_NIGHT } from '../../fixtures/night-races.ts';

/**
 * The four close races of the test night and two safe ones, forecast and summarized by the real code, with
 * every forecast read.
 */
export async function testNight(): Promise<{ summary: NightSummary; forecasts: Map<string, Forecast>; states: Map<string, ForecastState> }> {
  const countFiles = [
    ...closeNight(),
    nightRace('safe-dem', { counted: [9000, 5000], outstanding: 1000 }),
    nightRace('safe-rep', { counted: [2000, 8000], outstanding: 500 }),
  ];
  const runs = await runNightRaces(countFiles.map((countFile) => ({ countFile, seed: 'night-page', draws: 2000 })));
  const summary = summarizeNight(TEST_NIGHT, runs.map((run) => run.outcomes));
  const forecasts = new Map(runs.map(({ forecast }) => [forecast.raceId, forecast]));
  const states = new Map<string, ForecastState>([...forecasts].map(([raceId, forecast]) => [raceId, { kind: 'ready', forecast }]));
  return { summary, forecasts, states };
}
