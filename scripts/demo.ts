import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { formatPercent, formatSignedPoints, formatVotes } from '../core/summaries/number-format.ts';
import { readCountFile } from '../cli/read-count-file.ts';
import type { CountFile, Forecast } from '../core/schemas/index.ts';
import { scheduleReleases } from '../feeds/release-schedule.ts';
import { LocalApiClient } from '../local/api-client.ts';
import { copyBucket } from '../local/copy-bucket.ts';
import { startLocalApiServer } from '../local/local-api-server.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { buildLocalPipeline } from '../local/pipeline.ts';
import { replayReleases } from '../local/replay-releases.ts';
import { buildWebAssets } from '../web/build.ts';
import { flagsOrExit, loadRecordingOrExit } from './dev/load-recording.ts';
import { demoFlags } from './dev/replay-flags.ts';

// `npm run demo`: the 2022 LA mayor general, release by release, through the real pipeline on local servers:
// the HTTP API, the ingest handlers, DynamoDB Local, the run handler and the published JSON in s3rver.
// The newsroom graphic is served at the API's root while the demo runs. With `--keep` (npm run demo -- --keep),
// the servers stay up afterwards on port $PORT (default 3000), so a person can open the page, until Ctrl-C.
// With `--recording DIR [--format ap|clarity|csv]` it runs a recorded feed night instead (docs/replay.md):
// every race of it, every release in time order, without waiting between them.
const FILE = 'examples/la-mayor-2022-general.json';
const OUTPUT = 'demo-output';
const KEEP = process.argv.includes('--keep');
const RECORDING = flagsOrExit(() => demoFlags(process.argv.slice(2)), 'npm run demo');
const countFiles: CountFile[] = RECORDING === undefined ? [await readCountFile(FILE)] : (await loadRecordingOrExit(RECORDING, 'npm run demo')).countFiles;

const stack = await startLocalStack();
const token = randomBytes(16).toString('hex');
const pipeline = buildLocalPipeline(stack);
const server = await startLocalApiServer(pipeline.routes, token, KEEP ? Number(process.env.PORT ?? 3000) : 0, { site: await buildWebAssets() });
let keptUp = false;
try {
  console.log(`Local stack: DynamoDB Local ${stack.dynamoEndpoint}, S3 (s3rver) ${stack.s3Endpoint}, API ${server.url}\n`);
  const api = new LocalApiClient(server.url, token);
  const pageUrl = `${server.url}/?race=${countFiles[0].race.id}`;
  console.log(`Newsroom graphic (redraws as each release is published): ${pageUrl}\n`);
  for (const file of countFiles) console.log(`${file.race.name}: ${file.releases.length} releases`);
  console.log(`Each release is posted, forecast and published in turn${RECORDING === undefined ? '' : `, in time order, from ${RECORDING.dir}`}\n`);
  await replayReleases(api, scheduleReleases(countFiles, Number.POSITIVE_INFINITY), {
    afterEach: async (item) => {
      await pipeline.queue.drain();
      const forecast: Forecast = await api.readPublic(`races/${item.race.id}/latest.json`);
      console.log(`${countFiles.length > 1 ? `${item.race.id}  ` : ''}${timelineLine(forecast)}`);
    },
  });
  await rm(OUTPUT, { recursive: true, force: true });
  const keys = await copyBucket(stack.s3Client, stack.bucketName, OUTPUT);
  console.log(`\nPublished ${keys.length} objects; copies in ${OUTPUT}/:`);
  for (const key of keys.filter((k) => !k.includes('/runs/') && !k.includes('/inputs/'))) console.log(`  ${OUTPUT}/${key}`);
  for (const file of countFiles) {
    console.log(`  ${OUTPUT}/races/${file.race.id}/runs/ (one immutable forecast per run) and inputs/ (their count files)`);
  }
  if (KEEP) {
    keptUp = true;
    keepServing(pageUrl);
  } else {
    console.log('\nTo open the newsroom graphic in a browser, run `npm run demo -- --keep`: the servers then stay up after the demo.');
  }
} finally {
  if (!keptUp) await stopServers();
}

async function stopServers(): Promise<void> {
  await server.close();
  await stack.stop();
}

/** Keeps the servers up until Ctrl-C, with the page at `pageUrl`. */
function keepServing(pageUrl: string): void {
  console.log(`\nThe servers stay up. Open the newsroom graphic: ${pageUrl}\nCtrl-C stops them.`);
  const stop = () => {
    void stopServers().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** One release's forecast in a line; a race call, when the feed made one, at its end. */
function timelineLine(forecast: Forecast): string {
  const chances = forecast.candidates.map((c) => `${c.name ?? c.id} ${formatPercent(c.winProbability).padStart(6)}`).join('  ');
  const { between, share } = forecast.margin;
  const nameOf = (id: string) => forecast.candidates.find((c) => c.id === id)?.name ?? id;
  const release = String((forecast.release?.index ?? 0) + 1).padStart(2);
  const call = forecast.call === undefined ? '' : `  called for ${nameOf(forecast.call.candidate)} by ${forecast.call.by}`;
  return `${release}  ${forecast.asOf}  counted ${formatVotes(forecast.votesCounted ?? 0).padStart(7)}  ${chances}  ` +
    `margin ${nameOf(between[0])} ${formatSignedPoints(share.p50)} (${formatSignedPoints(share.p05)} to ${formatSignedPoints(share.p95)})${call}`;
}
