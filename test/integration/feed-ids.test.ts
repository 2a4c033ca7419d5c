import { randomBytes } from 'node:crypto';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForecastSchema, parseCountFile, type Race, type Release } from '../../core/schemas/index.ts';
import { LocalApiClient } from '../../local/api-client.ts';
import { startLocalApiServer } from '../../local/local-api-server.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { cli } from '../cli/cli-harness.ts';
import { STACK_HOOK_TIMEOUT_MS, useLocalStack } from './local-stack-fixture.ts';

// Ids as real feeds spell them, taken end to end through the HTTP API on DynamoDB Local and s3rver: the
// race, its releases, the run, and the published latest.json, history.json, run and input under keys that
// hold those ids.

const AP_RACE = '20240305CA0016';
const TIMES = ['2024-03-05T20:15:00-08:00', '2024-03-05T23:40:00-08:00', '2024-03-06T17:00:00-08:00'];

/** A race with the given id and candidate ids. */
function race(id: string, candidateIds: readonly string[]): Race {
  return { id, name: `Race ${id}`, rule: { kind: 'plurality' }, candidates: candidateIds.map((candidateId) => ({ id: candidateId, name: `Candidate ${candidateId}` })) };
}

/** Release `step` (0, 1, 2) of two units with counts that grow; the first candidate leads. */
function release(step: number, candidateIds: readonly string[]): Release {
  const counted = (base: number) => Object.fromEntries(candidateIds.map((id, index) => [id, (base - 40 * index) * (step + 1)]));
  return {
    asOf: TIMES[step],
    units: [
      { id: '06.037', counted: counted(500), outstanding: { expected: 3000 - 800 * step } },
      { id: 'North-1', counted: counted(300), outstanding: { expected: 2000 - 500 * step, low: 1500 - 500 * step, high: 2600 - 500 * step } },
    ],
  };
}

describe('ids of real feeds through the API on the local stack', () => {
  const stack = useLocalStack();
  let pipeline: LocalPipeline;
  let api: LocalApiClient;
  let server: { url: string; close: () => Promise<void> };
  const token = randomBytes(8).toString('hex');

  beforeAll(async () => {
    pipeline = buildLocalPipeline(stack());
    server = await startLocalApiServer(pipeline.routes, token);
    api = new LocalApiClient(server.url, token);
  }, STACK_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await server?.close();
  });

  /** Creates the race and posts its three releases through HTTP, then waits for the runs. */
  async function publishRace(raceId: string, candidateIds: readonly string[]): Promise<string[]> {
    const created = await api.send('PUT', `/races/${raceId}`, race(raceId, candidateIds));
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const runIds: string[] = [];
    for (const step of [0, 1, 2]) {
      const posted = await api.send('POST', `/races/${raceId}/releases`, release(step, candidateIds));
      expect(posted.status, JSON.stringify(posted.json)).toBe(201);
      expect(posted.json.run.links.status).toBe(`/races/${raceId}/runs/${posted.json.run.runId}`);
      runIds.push(posted.json.run.runId);
    }
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);
    return runIds;
  }

  const keysUnder = async (prefix: string) => {
    const listing = await stack().s3Client.send(new ListObjectsV2Command({ Bucket: stack().bucketName, Prefix: prefix }));
    return (listing.Contents ?? []).map((object) => object.Key!).sort();
  };

  describe(`race ${AP_RACE}, mixed-case candidates, a dotted unit`, () => {
    const candidateIds = ['Bass_K', 'CARUSO.R', 'deLeon-3'];
    let runIds: string[] = [];

    beforeAll(async () => {
      runIds = await publishRace(AP_RACE, candidateIds);
    }, STACK_HOOK_TIMEOUT_MS);

    it('publishes latest.json, history.json, every run and its input under the id as written', async () => {
      const keys = await keysUnder(`races/${AP_RACE}/`);
      expect(keys).toEqual(
        expect.arrayContaining([
          `races/${AP_RACE}/latest.json`,
          `races/${AP_RACE}/history.json`,
          ...runIds.map((runId) => `races/${AP_RACE}/runs/${runId}.json`),
        ]),
      );
      expect(keys.filter((key) => key.startsWith(`races/${AP_RACE}/inputs/sha256:`))).toHaveLength(3);
      expect(await keysUnder(`races/${AP_RACE.toLowerCase()}/`)).toEqual([]);
    });

    it('reads back a forecast that names the race and its candidates as written', async () => {
      const latest = ForecastSchema.parse(await api.readPublic(`races/${AP_RACE}/latest.json`));
      expect(latest).toMatchObject({ raceId: AP_RACE, release: { index: 2 }, input: expect.stringMatching(new RegExp(`^races/${AP_RACE}/inputs/sha256:[0-9a-f]{64}\\.json$`)) });
      expect(latest.candidates.map((candidate) => candidate.id)).toEqual(candidateIds);
      expect(latest.candidates[0].votesCounted).toBe(3 * 800);
      expect(latest.margin.between).toEqual(['Bass_K', 'CARUSO.R']);
      expect(await api.readPublic(`races/${AP_RACE}/runs/${runIds[2]}.json`)).toEqual(latest);

      const input = parseCountFile(await api.readPublic(latest.input!));
      if (!input.ok) throw new Error(input.errors.join('\n'));
      expect(input.value.race.id).toBe(AP_RACE);
      expect(input.value.releases.map((stored) => stored.units.map((unit) => unit.id))).toEqual([0, 1, 2].map(() => ['06.037', 'North-1']));
    });

    it('keeps one history point per release, keyed by the candidate ids as written', async () => {
      const history = await api.readPublic(`races/${AP_RACE}/history.json`);
      expect(history.raceId).toBe(AP_RACE);
      expect(history.points.map((point: { runId: string }) => point.runId)).toEqual(runIds);
      // DynamoDB keeps a map's keys, not their order.
      for (const point of history.points) expect(Object.keys(point.winProbability).sort()).toEqual([...candidateIds].sort());
      const index = await api.readPublic('index.json');
      expect(index.races.find((entry: { raceId: string }) => entry.raceId === AP_RACE)).toMatchObject({
        latest: `races/${AP_RACE}/latest.json`,
        history: `races/${AP_RACE}/history.json`,
        runId: runIds[2],
      });
    });

    it(`answers GET /races/${AP_RACE}/runs/{runId} with where the run is published`, async () => {
      const status = await api.send('GET', `/races/${AP_RACE}/runs/${runIds[1]}`);
      expect(status.status).toBe(200);
      expect(status.json).toMatchObject({ raceId: AP_RACE, runId: runIds[1], status: 'published', forecastKey: `races/${AP_RACE}/runs/${runIds[1]}.json` });
    });

    it('takes an id differing only in case as another race', async () => {
      const lower = AP_RACE.toLowerCase();
      expect(lower).not.toBe(AP_RACE);
      expect((await api.send('GET', `/races/${lower}/runs/${runIds[1]}`)).status).toBe(404);
      expect((await api.send('POST', `/races/${lower}/releases`, release(0, candidateIds))).status).toBe(404);
      expect((await api.send('PUT', `/races/${lower}`, race(lower, candidateIds))).status).toBe(201);
      expect((await pipeline.deps.store.getRace(AP_RACE))?.releaseCount).toBe(3);
    });

    it('reproduces the published run byte for byte from the public route', async () => {
      const result = await cli(['rerun', `${server.url}/public/races/${AP_RACE}/runs/${runIds[2]}.json`]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^Reproduced: byte-identical/m);
    });
  });

  describe('candidates named like what every JavaScript object has', () => {
    it('refuses a candidate "constructor" with a 400 naming what an id may be, and stores nothing', async () => {
      const response = await api.send('PUT', '/races/GA', race('GA', ['constructor', 'Ossoff']));
      expect(response.status).toBe(400);
      expect(response.json.error.issues).toEqual([
        'candidates[0].id: expected an id: 1 to 128 letters (either case), digits, "-", "_" or "."; not starting with "." or containing ".."; not "__proto__", "constructor" or "prototype"; got the reserved id "constructor"',
      ]);
      expect(await pipeline.deps.store.getRace('GA')).toBeUndefined();
      expect((await api.send('POST', '/races/GA/releases', release(0, ['constructor', 'Ossoff']))).status).toBe(404);
    });

    it('takes candidates "toString" and "valueOf" through to the published JSON', async () => {
      const raceId = '20210105GA-night';
      const candidateIds = ['toString', 'valueOf'];
      await publishRace(raceId, candidateIds);
      const latest = ForecastSchema.parse(await api.readPublic(`races/${raceId}/latest.json`));
      expect(latest.candidates.map((candidate) => candidate.id)).toEqual(candidateIds);
      expect(latest.candidates.map((candidate) => candidate.votesCounted)).toEqual([3 * 800, 3 * 720]);
      const total = latest.candidates.reduce((sum, candidate) => sum + candidate.winProbability, 0);
      expect(total).toBeCloseTo(1, 6);
      const history = await api.readPublic(`races/${raceId}/history.json`);
      expect(history.points).toHaveLength(3);
      for (const point of history.points) {
        expect(Object.keys(point.winProbability).sort()).toEqual([...candidateIds].sort());
        expect(candidateIds.map((id) => typeof point.winProbability[id])).toEqual(['number', 'number']);
      }
    });

    it('says a unit that leaves out "toString" is missing it, though every object inherits one', async () => {
      const raceId = 'toString-race';
      expect((await api.send('PUT', `/races/${raceId}`, race(raceId, ['toString', 'valueOf']))).status).toBe(201);
      const partial = release(0, ['valueOf']);
      const response = await api.send('POST', `/races/${raceId}/releases`, partial);
      expect(response.status).toBe(400);
      expect(response.json.error.issues).toEqual(['units[0].counted: missing candidate "toString"', 'units[1].counted: missing candidate "toString"']);
      expect(await pipeline.deps.store.listReleases(raceId)).toEqual([]);
    });
  });

  describe('paths the API refuses before an id reaches a key', () => {
    it.each([
      ['a slash, sent as %2F', '/races/CA%2F0016', /^raceId: .*; got "\/"$/],
      ['".."', '/races/CA..0016', /^raceId: .*; got "\.\."$/],
      ['a leading "."', '/races/.CA', /^raceId: .*; got a leading "\."$/],
      ['129 characters', `/races/A${'b'.repeat(128)}`, /^raceId: .*; got 129 characters$/],
    ])('a race id with %s', async (_name, path, issue) => {
      const response = await api.send('PUT', path, race('x', ['a', 'b']));
      expect(response.status).toBe(400);
      expect(response.json.error.message).toBe('invalid raceId in the path');
      expect(response.json.error.issues).toEqual([expect.stringMatching(issue)]);
    });

    it('a path id still percent-encoded, as API Gateway may pass it, without decoding it', async () => {
      const signed = { requestId: 'test', authorizer: { iam: { userArn: 'arn:aws:iam::123456789012:user/test' } } };
      const response = await pipeline.routes.putRace({ pathParameters: { raceId: 'CA%2F0016' }, body: JSON.stringify(race('CA/0016', ['a', 'b'])), requestContext: signed });
      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body).error.issues).toEqual([expect.stringMatching(/^raceId: .*; got "%"$/)]);
    });

    it('a malformed percent-encoding, with a 400', async () => {
      const response = await api.send('PUT', '/races/CA%E0%A4%A', race('x', ['a', 'b']));
      expect(response.status).toBe(400);
      expect(response.json.error.message).toBe('malformed percent-encoding in the path');
    });

    it('a public key that climbs out of its folder, with a 404', async () => {
      const response = await fetch(`${server.url}/public/races/..%2F..%2Findex.json`);
      expect(response.status).toBe(404);
      expect((await fetch(`${server.url}/public/races/${AP_RACE}/..%5Clatest.json`)).status).toBe(404);
    });
  });
});
