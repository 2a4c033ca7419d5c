import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRace } from '../../bench/synthetic-race.ts';
import { planForecast } from '../../core/forecast-race.ts';
import { DEFAULT_THREADING_THRESHOLD } from '../../runtime/run-forecasts.ts';
import { cli, type CliResult, GENERAL, temporaryDirectory } from './cli-harness.ts';


/**
 * Runs a command line and samples this process's active handles meanwhile: each worker thread holds a
 * MessagePort, so the largest number of MessagePorts seen shows whether the pool was started.
 */
async function cliCountingPorts(argv: readonly string[]): Promise<CliResult & { ports: number }> {
  let ports = 0;
  const sample = () => {
    ports = Math.max(ports, process.getActiveResourcesInfo().filter((resource) => resource === 'MessagePort').length);
  };
  const timer = setInterval(sample, 2);
  try {
    return { ...(await cli(argv)), ports };
  } finally {
    clearInterval(timer);
    sample();
  }
}

describe('ballotcast forecast --threads', () => {
  const directory = temporaryDirectory();
  let syntheticFile = '';
  // runForecasts keeps a forecast on the calling thread below DEFAULT_THREADING_THRESHOLD unit-draws;
  // 1,000 units at this many draws cross it, so --threads 4 runs on the worker pool.
  const syntheticDraws = Math.ceil(DEFAULT_THREADING_THRESHOLD / 1000);

  beforeAll(() => {
    syntheticFile = directory.write('synthetic-1000x2.json', syntheticRace(1000, 2));
  });
  afterAll(() => directory.remove());

  it('gives the same bytes with 1 and 4 threads for the LA general', async () => {
    // The general has one unit, so it stays below the threshold and on the calling thread whatever
    // --threads says; this checks the CLI path only.
    const args = ['forecast', GENERAL, '--seed', '42', '--draws', '20000', '--as-of', '15'];
    const oneThread = await cli([...args, '--threads', '1']);
    const fourThreads = await cli([...args, '--threads', '4']);

    expect(oneThread.code).toBe(0);
    expect(fourThreads.code).toBe(0);
    expect(fourThreads.stdout).toBe(oneThread.stdout);
  });

  it('gives the same bytes with 1 and 4 threads for a race big enough to use worker threads', async () => {
    // Arrange: make sure this race really crosses the threshold, so --threads 4 runs on the worker pool.
    const race = syntheticRace(1000, 2);
    const plan = planForecast({ countFile: race, seed: '7', draws: syntheticDraws });
    expect(plan.race.openUnitCount * syntheticDraws).toBeGreaterThanOrEqual(DEFAULT_THREADING_THRESHOLD);

    const args = ['forecast', syntheticFile, '--seed', '7', '--draws', String(syntheticDraws)];
    const oneThread = await cliCountingPorts([...args, '--threads', '1']);
    const fourThreads = await cliCountingPorts([...args, '--threads', '4']);

    expect(oneThread.code).toBe(0);
    expect(fourThreads.code, fourThreads.stderr).toBe(0);
    expect(fourThreads.ports, 'worker threads were started').toBeGreaterThan(oneThread.ports);
    expect(fourThreads.stderr).toBe('');
    expect(JSON.parse(oneThread.stdout)).toMatchObject({ raceId: 'synthetic-1000x2', draws: syntheticDraws, seed: '7' });
    expect(fourThreads.stdout).toBe(oneThread.stdout);
  });
});
