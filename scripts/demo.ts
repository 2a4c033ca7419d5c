import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { formatPercent, formatSignedPoints, formatVotes } from '../cli/format/number-format.ts';
import { readCountFile } from '../cli/read-count-file.ts';
import type { Forecast } from '../core/schemas/index.ts';
import { LocalApiClient } from '../local/api-client.ts';
import { copyBucket } from '../local/copy-bucket.ts';
import { startLocalApiServer } from '../local/local-api-server.ts';
import { startLocalStack } from '../local/local-stack.ts';
import { buildLocalPipeline } from '../local/pipeline.ts';

// `npm run demo`: the 2022 LA mayor general, release by release, through the real pipeline on local servers:
// the HTTP API, the ingest handlers, DynamoDB Local, the run handler and the published JSON in s3rver.
const FILE = 'examples/la-mayor-2022-general.json';
const OUTPUT = 'demo-output';

const stack = await startLocalStack();
const token = randomBytes(16).toString('hex');
const pipeline = buildLocalPipeline(stack);
const server = await startLocalApiServer(pipeline.routes, token);
try {
  console.log(`Local stack: DynamoDB Local ${stack.dynamoEndpoint}, S3 (s3rver) ${stack.s3Endpoint}, API ${server.url}\n`);
  const api = new LocalApiClient(server.url, token);
  const countFile = await readCountFile(FILE);
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
} finally {
  await server.close();
  await stack.stop();
}

function timelineLine(forecast: Forecast): string {
  const chances = forecast.candidates.map((c) => `${c.name ?? c.id} ${formatPercent(c.winProbability).padStart(6)}`).join('  ');
  const { between, share } = forecast.margin;
  const leader = forecast.candidates.find((c) => c.id === between[0])?.name ?? between[0];
  const release = String((forecast.release?.index ?? 0) + 1).padStart(2);
  return `${release}  ${forecast.asOf}  counted ${formatVotes(forecast.votesCounted ?? 0).padStart(7)}  ${chances}  ` +
    `margin ${leader} ${formatSignedPoints(share.p50)} (${formatSignedPoints(share.p05)} to ${formatSignedPoints(share.p95)})`;
}
