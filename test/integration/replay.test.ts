import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRecording } from '../../cli/read-recording.ts';
import type { CountFile, Forecast } from '../../core/schemas/index.ts';
import type { HistoryPoint } from '../../core/pipeline/records.ts';
import { scheduleReleases } from '../../feeds/release-schedule.ts';
import { LocalApiClient } from '../../local/api-client.ts';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { replayReleases } from '../../local/replay-releases.ts';
import { FEED_FIXTURES } from '../feeds/feed-fixtures.ts';
import { STACK_HOOK_TIMEOUT_MS, useLocalStack } from './local-stack-fixture.ts';

// A recorded night replayed through the real local stack (DynamoDB Local, s3rver, the HTTP API and the run
// handler): one published forecast per release, in time order, each computed from the right release.
const TOKEN = 'replay-test-token';
const GOVERNOR = '20221108AL1005';
const LIEUTENANT = '20221108AL1010';

describe('a recorded night replayed through the local stack', () => {
  const stack = useLocalStack();
  let pipeline: LocalPipeline;
  let server: { url: string; close: () => Promise<void> } | undefined;
  let api: LocalApiClient;

  beforeAll(async () => {
    pipeline = buildLocalPipeline(stack());
    server = await startLocalApiServer(pipeline.routes, TOKEN);
    api = new LocalApiClient(server.url, TOKEN);
  }, STACK_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
  });

  /** Each history point of the race, with the run's forecast and the count file it was computed from. */
  async function publishedNight(raceId: string) {
    const points: HistoryPoint[] = (await api.readPublic(`races/${raceId}/history.json`)).points;
    return Promise.all(
      points.map(async (point) => {
        const forecast: Forecast = await api.readPublic(`races/${raceId}/runs/${point.runId}.json`);
        const input: CountFile = await api.readPublic(`races/${raceId}/inputs/${forecast.inputHash}.json`);
        return { point, forecast, input };
      }),
    );
  }

  /** One point per release, in order, each run's input being the race's releases up to that one. */
  async function expectOneForecastPerRelease(file: CountFile): Promise<Forecast[]> {
    const night = await publishedNight(file.race.id);
    expect(night.map(({ point }) => [point.releaseIndex, point.asOf])).toEqual(file.releases.map((release, index) => [index, release.asOf]));
    for (const [index, { forecast, input }] of night.entries()) {
      expect(forecast.release?.index).toBe(index);
      expect(input.releases).toEqual(file.releases.slice(0, index + 1));
      expect(forecast.call).toEqual(file.releases[index].call);
    }
    return night.map(({ forecast }) => forecast);
  }

  it('publishes one forecast per release in time order, a race added mid-night included', { timeout: 180_000 }, async () => {
    const recording = await readRecording(`${FEED_FIXTURES}ap`);
    const schedule = scheduleReleases(recording.countFiles, 60);
    const waits: number[] = [];
    const posted: string[] = [];

    await replayReleases(api, schedule, {
      sleep: async (ms) => void waits.push(ms),
      afterEach: (item, status) => void posted.push(`${item.race.id} ${item.releaseIndex + 1} ${status}`),
    });
    await pipeline.queue.drain();

    expect(pipeline.queue.failures).toEqual([]);
    // The lieutenant governor's race first appears in the second snapshot, and is created then.
    expect(posted).toEqual([
      `${GOVERNOR} 1 201`,
      `${GOVERNOR} 2 201`,
      `${LIEUTENANT} 1 201`,
      `${GOVERNOR} 3 201`,
      `${LIEUTENANT} 2 201`,
      `${GOVERNOR} 4 201`,
      `${GOVERNOR} 5 201`,
    ]);
    // Feed times 01:02, 01:31, 01:33, 02:08, 02:09, 02:37, 03:12, at 60 times: a minute of the night a second.
    expect(waits).toEqual([29_000, 2_000, 35_000, 1_000, 28_000, 35_000]);
    const [governor, lieutenant] = recording.countFiles;
    expect([governor.race.id, lieutenant.race.id]).toEqual([GOVERNOR, LIEUTENANT]);
    const governorForecasts = await expectOneForecastPerRelease(governor);
    await expectOneForecastPerRelease(lieutenant);
    // AP's winner flag in the last snapshot is published beside the model's own chances.
    expect(governorForecasts.at(-1)?.call).toEqual({ candidate: '8002', by: 'AP', at: '2022-11-09T03:15:00Z' });
    expect((await api.readPublic(`races/${GOVERNOR}/latest.json`)).release.index).toBe(4);
    const index = await api.readPublic('index.json');
    expect(index.races.map((race: { raceId: string }) => race.raceId).sort()).toEqual([GOVERNOR, LIEUTENANT]);
  });

  it("publishes the 27 releases of the LA recording in order, AP's call on the last seven", { timeout: 180_000 }, async () => {
    const recording = await readRecording('examples/recordings/la-mayor-2022-ap');

    await replayReleases(api, scheduleReleases(recording.countFiles, Number.POSITIVE_INFINITY));
    await pipeline.queue.drain();

    expect(pipeline.queue.failures).toEqual([]);
    const forecasts = await expectOneForecastPerRelease(recording.countFiles[0]);
    expect(forecasts).toHaveLength(27);
    expect(forecasts.map((forecast) => forecast.call?.candidate ?? '-').join('')).toBe('-'.repeat(20) + 'bass'.repeat(7));
  });

  it('passes over releases the API already holds when a night is replayed again', { timeout: 60_000 }, async () => {
    const recording = await readRecording(`${FEED_FIXTURES}ap`);
    const statuses: number[] = [];

    await replayReleases(api, scheduleReleases(recording.countFiles, Number.POSITIVE_INFINITY), { afterEach: (_, status) => void statuses.push(status) });
    await pipeline.queue.drain();

    expect(statuses).toEqual(Array(7).fill(200));
    expect((await api.readPublic(`races/${GOVERNOR}/history.json`)).points).toHaveLength(5);
  });
});
