import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { NightSummarySchema, type CountFile, type Release } from '../../core/schemas/index.ts';
import type { HttpRequest } from '../../functions/http/http-types.ts';
import { LOCAL_CREDENTIALS, makeDynamoClient, makeS3Client } from '../../local/clients.ts';
import { createRaceTable } from '../../local/create-table.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { cli, temporaryDirectory } from '../cli/cli-harness.ts';
import { closeNight, TEST_NIGHT } from '../fixtures/night-races.ts';
import { useLocalStack } from './local-stack-fixture.ts';

// The night in the service (issue 14): races of one election, run by independent pipelines on one table
// and bucket, publish one summary.json, the same bytes as one pipeline and as `ballotcast night`.

const stack = useLocalStack();
const DRAWS = 2000;
const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };
const request = (raceId: string, body: unknown): HttpRequest => ({ pathParameters: { raceId }, body: JSON.stringify(body), requestContext: signed });
const folders: ReturnType<typeof temporaryDirectory>[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

/** The test night's races, each with a second release two hours later, with more counted. */
function nightFiles(): CountFile[] {
  return closeNight().map((file) => {
    const [first] = file.releases;
    const later: Release = {
      asOf: '2024-11-06T00:00:00-08:00',
      units: first.units.map((unit) => ({
        ...unit,
        counted: Object.fromEntries(Object.entries(unit.counted).map(([id, votes], index) => [id, votes * 2 + 150 * index])),
        outstanding: { expected: Math.round(unit.outstanding.expected / 3) },
      })),
    };
    return { ...file, releases: [first, later] };
  });
}

let targets = 0;

/** A fresh table and bucket on the stack's servers, and `count` pipelines on them, each with its own clients. */
async function freshTarget(count: number): Promise<{ pipelines: LocalPipeline[]; readSummary: () => Promise<string>; readKey: (key: string) => Promise<string> }> {
  const { dynamoEndpoint, s3Endpoint, region } = stack();
  const tableName = `night-${process.pid}-${++targets}`;
  const bucketName = `night-${process.pid}-${targets}`;
  await createRaceTable(stack().dynamoClient, tableName);
  await stack().s3Client.send(new CreateBucketCommand({ Bucket: bucketName }));
  const pipelines = Array.from({ length: count }, () =>
    buildLocalPipeline(
      {
        dynamoClient: makeDynamoClient({ endpoint: dynamoEndpoint, region, credentials: LOCAL_CREDENTIALS }),
        s3Client: makeS3Client({ endpoint: s3Endpoint, region, credentials: LOCAL_CREDENTIALS }),
        tableName,
        bucketName,
      },
      { releaseDraws: DRAWS },
    ),
  );
  const readKey = async (key: string) => {
    const object = await stack().s3Client.send(new GetObjectCommand({ Bucket: bucketName, Key: key }));
    return (await object.Body?.transformToString('utf8')) ?? '';
  };
  return { pipelines, readSummary: () => readKey(`elections/${TEST_NIGHT.id}/summary.json`), readKey };
}

/** Creates each race and posts its releases `from` to `to` (exclusive) through the pipeline, then waits for its runs and jobs. */
async function postRaces(pipeline: LocalPipeline, files: readonly CountFile[], from: number, to: number): Promise<void> {
  for (const file of files) {
    if (from === 0) expect((await pipeline.routes.putRace(request(file.race.id, file.race))).statusCode).toBe(201);
    for (const release of file.releases.slice(from, to)) {
      const response = await pipeline.routes.postRelease(request(file.race.id, release));
      expect(response.statusCode, response.body).toBe(201);
    }
  }
  await pipeline.queue.drain();
  expect(pipeline.queue.failures).toEqual([]);
  expect(pipeline.jobQueue.failures).toEqual([]);
}

/** `ballotcast night` on the files as of release `through` of each (the index of each file's last release kept). */
async function cliSummary(files: readonly CountFile[], through: (file: CountFile) => number): Promise<string> {
  const folder = temporaryDirectory('ballotcast-night-service-');
  folders.push(folder);
  for (const file of files) folder.write(`${file.race.id}.json`, { ...file, releases: file.releases.slice(0, through(file) + 1) });
  const result = await cli(['night', folder.path, '--seed', TEST_NIGHT.id, '--draws', String(DRAWS), '--json']);
  expect(result.stderr).toBe('');
  return result.stdout;
}

describe('the night in the service', () => {
  const files = nightFiles();

  it('publishes the same summary.json whether one pipeline or two independent ones ran the races, as ballotcast night does', async () => {
    const single = await freshTarget(1);
    const split = await freshTarget(2);

    await postRaces(single.pipelines[0], files, 0, 1);
    await Promise.all([postRaces(split.pipelines[0], [files[0], files[2]], 0, 1), postRaces(split.pipelines[1], [files[1], files[3]], 0, 1)]);

    const summary = await single.readSummary();
    expect(NightSummarySchema.parse(JSON.parse(summary))).toMatchObject({ electionId: TEST_NIGHT.id, seed: TEST_NIGHT.id, draws: DRAWS });
    expect(await split.readSummary()).toBe(summary);
    expect(summary).toBe(await cliSummary(files, () => 0));
  });

  it('updates the summary when a race gets a new release, and each run names its outcomes', async () => {
    const target = await freshTarget(1);
    const [pipeline] = target.pipelines;
    await postRaces(pipeline, files, 0, 1);
    const before = NightSummarySchema.parse(JSON.parse(await target.readSummary()));

    await postRaces(pipeline, [files[0]], 1, 2);

    const after = await target.readSummary();
    const north = (summary: typeof before) => summary.races.find((race) => race.raceId === 'north');
    expect(north(before)?.releaseIndex).toBe(0);
    expect(north(NightSummarySchema.parse(JSON.parse(after)))?.releaseIndex).toBe(1);
    expect(after).toBe(await cliSummary(files, (file) => (file.race.id === 'north' ? 1 : 0)));
    const [run] = (await pipeline.deps.store.listRuns('north')).filter((record) => record.releaseSeq === 1);
    expect(run).toMatchObject({ joinsNight: true, seed: TEST_NIGHT.id, draws: DRAWS, outcomesKey: `elections/${TEST_NIGHT.id}/races/north/outcomes/${run.runId}.json` });
    expect(JSON.parse(await target.readKey(run.outcomesKey!))).toMatchObject({ raceId: 'north', releaseIndex: 1, seed: TEST_NIGHT.id });
  });

  it('loses no index entry when many races are run at once by two pipelines', async () => {
    const target = await freshTarget(2);
    const races = Array.from({ length: 16 }, (_, index) => {
      const file = structuredClone(files[index % files.length]);
      return { ...file, race: { ...file.race, id: `race-${String(index).padStart(2, '0')}`, election: undefined } };
    });
    // Interleaved: each pipeline takes every other race, both at once.
    await Promise.all(target.pipelines.map((pipeline, which) => postRaces(pipeline, races.filter((_, index) => index % 2 === which), 0, 2)));

    const index = JSON.parse(await target.readKey('index.json')) as { races: { raceId: string; status: string; releases: number; runId?: string }[] };
    expect(index.races.map((race) => race.raceId)).toEqual(races.map((race) => race.race.id));
    const store = target.pipelines[0].deps.store;
    for (const entry of index.races) {
      expect(entry).toMatchObject({ status: 'counting', releases: 2 });
      expect(entry.runId).toBe((await store.getRace(entry.raceId))?.published?.runId);
    }
  });
});
