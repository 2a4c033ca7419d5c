import { Logger } from '@aws-lambda-powertools/logger';
import { readCountFile } from '../cli/read-count-file.ts';
import type { Recording } from '../cli/read-recording.ts';
import { scheduleReleases } from '../feeds/release-schedule.ts';
import { LocalApiClient } from '../local/api-client.ts';
import { startLocalApiServer } from '../local/local-api-server.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { buildLocalPipeline } from '../local/pipeline.ts';
import { recoverPublishJobs, recoverRuns } from '../local/recover-runs.ts';
import { replayReleases } from '../local/replay-releases.ts';
import { buildWebAssets } from '../web/build.ts';
import { flagValue } from './dev/flag-value.ts';
import { flagsOrExit, loadRecordingOrExit } from './dev/load-recording.ts';
import { portProblem } from './dev/port-problem.ts';
import { replayFlags, type ReplayFlags } from './dev/replay-flags.ts';

// `npm run dev`: keeps the local stack up and serves the API and the newsroom graphic on localhost until
// Ctrl-C. `npm run dev -- --play` also posts the LA general's releases, one every 5 seconds (or
// `--play=SECONDS`), so the page can be watched as it redraws. `npm run dev -- --data DIR` keeps the
// servers' state in DIR, so a rehearsal survives a restart; runs left unfinished are queued again.
// `npm run dev -- --replay DIR --speed 60` posts a recorded feed night (docs/replay.md), 60 times faster
// than it happened.
const PORT = Number(process.env.PORT || 3000);
const TOKEN = process.env.BALLOTCAST_LOCAL_TOKEN ?? 'local-dev-token';
const EXAMPLE = 'examples/la-mayor-2022-general.json';
const playArgument = process.argv.find((argument) => argument === '--play' || argument.startsWith('--play='));
const PLAY_SECONDS = playArgument === undefined ? undefined : Number(playArgument.split('=')[1] ?? 5);
const DATA_DIR = dataDirArgument(process.argv.slice(2));
const REPLAY = flagsOrExit(() => replayFlags(process.argv.slice(2)), 'npm run dev');
// Read and converted before anything starts, so a bad recording is said at once.
const RECORDING = REPLAY === undefined ? undefined : await loadRecordingOrExit(REPLAY, 'npm run dev');

// Said plainly, and before the local stack starts, rather than as a stack trace from listen() after it.
const problem = await portProblem(process.env.PORT, 3000);
if (problem !== undefined) {
  console.error(`npm run dev: ${problem}`);
  process.exit(1);
}

const stack = await startLocalStack(DATA_DIR === undefined ? {} : { dataDir: DATA_DIR }).catch((error: Error) => {
  console.error(`npm run dev: ${error.message}`);
  process.exit(1);
});
const pipeline = buildLocalPipeline(stack, { logLevel: 'INFO', publicBaseUrl: `http://127.0.0.1:${PORT}/public` });
const server = await startLocalApiServer(pipeline.routes, TOKEN, PORT, { site: await buildWebAssets() });
const logger = new Logger({ serviceName: 'ballotcast-dev' });
logger.info('local stack up', { api: server.url, dynamo: stack.dynamoEndpoint, s3: stack.s3Endpoint, bucket: stack.bucketName, data: stack.dataDir ?? 'in memory' });
const recovered = await recoverRuns(pipeline.deps.store, pipeline.queue, new Date().toISOString());
if (stack.dataDir !== undefined) await recoverPublishJobs(pipeline.deps.jobs, pipeline.jobQueue);
console.log(`
ballotcast dev server on ${server.url} (write routes need: Authorization: Bearer ${TOKEN})

Newsroom graphic: ${server.url}/?race=${RECORDING?.countFiles[0].race.id ?? 'la-mayor-2022-general'}
  (it shows the race once a release is posted, and redraws within 10 s of each new one; add &poll=2 to poll faster)

  curl -X PUT ${server.url}/races/la-mayor-2022-general -H 'authorization: Bearer ${TOKEN}' \\
       -d "$(node -e 'console.log(JSON.stringify(require("./examples/la-mayor-2022-general.json").race))')"
  curl -X POST ${server.url}/races/la-mayor-2022-general/releases -H 'authorization: Bearer ${TOKEN}' \\
       -d "$(node -e 'console.log(JSON.stringify(require("./examples/la-mayor-2022-general.json").releases[0]))')"
  # Runs are asynchronous: latest.json is a 404 until the release's run is published (a second or so);
  # the POST's answer names the run, and README.md (The service) has a loop that waits for it.
  curl ${server.url}/public/races/la-mayor-2022-general/latest.json
  curl -X POST ${server.url}/races/la-mayor-2022-general/runs -H 'authorization: Bearer ${TOKEN}' -d '{"draws": 50000, "seed": "7"}'

${
  stack.dataDir === undefined
    ? 'State is in memory: Ctrl-C stops the servers and forgets every race. Keep it with: npm run dev -- --data DIR'
    : `State is kept in ${stack.dataDir}; ${recovered.length} unfinished run(s) from the last session queued again.`
}
Ctrl-C stops the servers.`);

const stop = async () => {
  await server.close();
  await stack.stop();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

if (PLAY_SECONDS !== undefined) await play(Number.isFinite(PLAY_SECONDS) && PLAY_SECONDS > 0 ? PLAY_SECONDS : 5);
if (REPLAY !== undefined && RECORDING !== undefined) await replay(REPLAY, RECORDING);

/** Posts the recording's releases through the API in time order, each after its real gap divided by the speed. */
async function replay(flags: ReplayFlags, recording: Recording): Promise<void> {
  const schedule = scheduleReleases(recording.countFiles, flags.speed);
  const races = recording.countFiles.length;
  console.log(`--replay: ${schedule.length} releases of ${races} race(s) from ${flags.dir} (${recording.format}), ${flags.speed} times faster than they came`);
  try {
    await replayReleases(new LocalApiClient(server.url, TOKEN), schedule, {
      afterEach: (item, status) =>
        console.log(`--replay: ${item.release.asOf} ${item.race.id} release ${item.releaseIndex + 1} of ${item.releaseCount}: HTTP ${status}`),
    });
  } catch (error) {
    // The servers stay up, with what was posted, so the refusal can be looked into.
    console.error(`--replay: stopped: ${(error as Error).message}`);
    return;
  }
  await pipeline.queue.drain();
  const pages = recording.countFiles.map((file) => `  ${server.url}/?race=${file.race.id}`).join('\n');
  console.log(`--replay: done: every release posted and forecast; the servers stay up until Ctrl-C. The races:\n${pages}`);
}

/** Posts the LA general's race and then its releases through the API, one every `seconds`. */
async function play(seconds: number): Promise<void> {
  const countFile = await readCountFile(EXAMPLE);
  const schedule = scheduleReleases([countFile], Number.POSITIVE_INFINITY).map((item, index) => ({ ...item, waitMs: index === 0 ? 0 : seconds * 1000 }));
  await replayReleases(new LocalApiClient(server.url, TOKEN), schedule, {
    afterEach: (item, status) => console.log(`--play: posted release ${item.releaseIndex + 1} of ${item.releaseCount} (${item.release.asOf}): HTTP ${status}`),
  });
  console.log('--play: every release posted; the servers stay up until Ctrl-C.');
}

/** The directory of `--data DIR` or `--data=DIR`; exits with a message when DIR is missing. */
function dataDirArgument(argv: readonly string[]): string | undefined {
  const value = flagValue(argv, 'data');
  if (value === '') {
    console.error('npm run dev: --data needs a directory, e.g. npm run dev -- --data rehearsal-state');
    process.exit(2);
  }
  return value;
}
