import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { formatPercent, formatSignedPoints, formatVotes } from '../core/summaries/number-format.ts';
import { readCountFile } from '../cli/read-count-file.ts';
import type { Forecast } from '../core/schemas/index.ts';
import { LocalApiClient } from '../local/api-client.ts';
import { copyBucket } from '../local/copy-bucket.ts';
import { startLocalApiServer } from '../local/local-api-server.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { buildLocalPipeline } from '../local/pipeline.ts';
import { buildWebAssets } from '../web/build.ts';

// `npm run demo`: the 2022 LA mayor general, release by release, through the real pipeline on local servers:
// the HTTP API, the ingest handlers, DynamoDB Local, the run handler and the published JSON in s3rver.
// The newsroom graphic is served at the API's root while the demo runs. With `--keep` (npm run demo -- --keep),
// the servers stay up afterwards on port $PORT (default 3000), so a person can open the page, until Ctrl-C.
const FILE = 'examples/la-mayor-2022-general.json';
const OUTPUT = 'demo-output';
const KEEP = process.argv.includes('--keep');

const stack = await startLocalStack();
const token = randomBytes(16).toString('hex');
const pipeline = buildLocalPipeline(stack);
const server = await startLocalApiServer(pipeline.routes, token, KEEP ? Number(process.env.PORT ?? 3000) : 0, { site: await buildWebAssets() });
let keptUp = false;
try {
  console.log(`Local stack: DynamoDB Local ${stack.dynamoEndpoint}, S3 (s3rver) ${stack.s3Endpoint}, API ${server.url}\n`);
  const api = new LocalApiClient(server.url, token);
  const countFile = await readCountFile(FILE);
  const pageUrl = `${server.url}/?race=${countFile.race.id}`;
  console.log(`Newsroom graphic (redraws as each release is published): ${pageUrl}\n`);
  const created = await api.send('PUT', `/races/${countFile.race.id}`, countFile.race);
  if (created.status >= 300) throw new Error(`PUT race: ${JSON.stringify(created.json)}`);
  console.log(`${countFile.race.name}: ${countFile.releases.length} releases, each posted, forecast and published in turn\n`);
  for (const release of countFile.releases) {
    const posted = await api.send('POST', `/races/${countFile.race.id}/releases`, release);
    if (posted.status !== 201) throw new Error(`POST release ${release.asOf}: ${JSON.stringify(posted.json)}`);
    await pipeline.queue.drain();
    console.log(timelineLine(await api.readPublic(`races/${countFile.race.id}/latest.json`)));
  }
  await rm(OUTPUT, { recursive: true, force: true });
  const keys = await copyBucket(stack.s3Client, stack.bucketName, OUTPUT);
  console.log(`\nPublished ${keys.length} objects; copies in ${OUTPUT}/:`);
  for (const key of keys.filter((k) => !k.includes('/runs/') && !k.includes('/inputs/'))) console.log(`  ${OUTPUT}/${key}`);
  console.log(`  ${OUTPUT}/races/${countFile.race.id}/runs/ (one immutable forecast per run) and inputs/ (their count files)`);
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

function timelineLine(forecast: Forecast): string {
  const chances = forecast.candidates.map((c) => `${c.name ?? c.id} ${formatPercent(c.winProbability).padStart(6)}`).join('  ');
  const { between, share } = forecast.margin;
  const leader = forecast.candidates.find((c) => c.id === between[0])?.name ?? between[0];
  const release = String((forecast.release?.index ?? 0) + 1).padStart(2);
  return `${release}  ${forecast.asOf}  counted ${formatVotes(forecast.votesCounted ?? 0).padStart(7)}  ${chances}  ` +
    `margin ${leader} ${formatSignedPoints(share.p50)} (${formatSignedPoints(share.p05)} to ${formatSignedPoints(share.p95)})`;
}
