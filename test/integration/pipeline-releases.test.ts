import { describe, expect, it } from 'vitest';
import type { Release } from '../../core/schemas/index.ts';
import type { HttpRequest, HttpResponse } from '../../functions/http/http-types.ts';
import { general, manyUnits, newRace, parse, pipeline, post, request, usePipeline } from './pipeline-harness.ts';

// How the pipeline takes a release: once, in order, and never a bad one.

describe('the pipeline on the local stack (DynamoDB Local and s3rver)', () => {
  usePipeline();

  const storedReleases = (raceId: string) => pipeline.deps.store.listReleases(raceId);

  it('stores a release posted twice once, and answers with the same id', async () => {
    const raceId = await newRace();
    const first = parse(await post(raceId, general.releases[0]));
    const again = await post(raceId, general.releases[0]);
    expect(again.statusCode).toBe(200);
    expect(parse(again)).toMatchObject({ status: 'duplicate', releaseIndex: first.releaseIndex });
    expect(await storedReleases(raceId)).toHaveLength(1);
  });

  it('accepts the same release with keys in another order and other white space as the same release', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[0]);
    const reordered = JSON.stringify({ units: general.releases[0].units, asOf: general.releases[0].asOf, label: general.releases[0].label }, null, 4);
    const again = await post(raceId, undefined, reordered);
    expect(parse(again)).toMatchObject({ status: 'duplicate', releaseIndex: 0 });
  });

  it('refuses an out-of-order release with 409 and stores nothing', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[5]);
    const late = await post(raceId, general.releases[4]);
    expect(late.statusCode).toBe(409);
    expect(parse(late).error.issues.join('\n')).toMatch(/^asOf: expected a time after the previous release/m);
    expect(await storedReleases(raceId)).toHaveLength(1);
  });

  it('answers 200 with its index for an older release sent again unchanged, as for the newest', async () => {
    const raceId = await newRace();
    for (const release of general.releases.slice(0, 3)) await post(raceId, release);
    const again = await post(raceId, general.releases[1]);
    expect(again.statusCode).toBe(200);
    expect(parse(again)).toMatchObject({ status: 'duplicate', releaseIndex: 1, asOf: general.releases[1].asOf });
    expect(await storedReleases(raceId)).toHaveLength(3);
  });

  it('refuses an older release sent again with different counts as a conflict', async () => {
    const raceId = await newRace();
    for (const release of general.releases.slice(0, 3)) await post(raceId, release);
    const changed = structuredClone(general.releases[1]) as Release;
    (changed.units[0].counted as Record<string, number>).bass += 1;
    const response = await post(raceId, changed);
    expect(response.statusCode).toBe(409);
    expect(parse(response).error.message).toMatch(/already stored \(release 1\); releases are immutable/);
    expect(await storedReleases(raceId)).toHaveLength(3);
  });

  it('refuses a different release with the same asOf as a conflict', async () => {
    const raceId = await newRace();
    await post(raceId, general.releases[0]);
    const changed = structuredClone(general.releases[0]) as Release;
    (changed.units[0].counted as Record<string, number>).bass += 1;
    const response = await post(raceId, changed);
    expect(response.statusCode).toBe(409);
    expect(parse(response).error.message).toMatch(/already stored/);
  });

  describe('bad input gets a 4xx naming the field, and nothing is stored', () => {
    const cases: [string, (raceId: string) => Promise<HttpResponse>, number, RegExp][] = [
      ['invalid JSON', (raceId) => post(raceId, undefined, '{"asOf": '), 400, /not valid JSON/],
      ['wrong types', (raceId) => post(raceId, { asOf: 5, units: 'none' }), 400, /asOf: /],
      ['an unknown candidate', (raceId) => post(raceId, withCount('dan', 5)), 400, /units\[0\]\.counted\.dan: unknown candidate "dan"/],
      ['a negative count', (raceId) => post(raceId, withCount('bass', -3)), 400, /units\[0\]\.counted\.bass: expected a whole number >= 0/],
      ['a fractional count', (raceId) => post(raceId, withCount('bass', 10.5)), 400, /units\[0\]\.counted\.bass: expected a whole number >= 0/],
      ['an oversized payload', (raceId) => post(raceId, undefined, `{"asOf":"${'x'.repeat(1_100_000)}"}`), 413, /limit is 1048576/],
      ['a valid release under the body limit but over what one stored release may hold', (raceId) => post(raceId, manyUnits(4500)), 413, /the release is \d+ bytes as compact JSON; the limit is 350000 bytes/],
    ];
    for (const [name, act, status, message] of cases) {
      it(name, async () => {
        const raceId = await newRace();
        const response = await act(raceId);
        expect(response.statusCode).toBe(status);
        const error = parse(response).error;
        expect([error.message, ...(error.issues ?? [])].join('\n')).toMatch(message);
        expect(await storedReleases(raceId)).toEqual([]);
      });
    }

    it('counts that go down without a correction flag', async () => {
      const raceId = await newRace();
      await post(raceId, general.releases[2]);
      const response = await post(raceId, { ...withCount('bass', 100), asOf: general.releases[3].asOf });
      expect(response.statusCode).toBe(400);
      expect(parse(response).error.issues).toContain(
        'units[0].counted.bass: went down from 185672 to 100; set "correction": true on the unit if the office corrected it',
      );
      expect(await storedReleases(raceId)).toHaveLength(1);
    });

    it('a release for an unknown race', async () => {
      const response = await post('no-such-race', general.releases[0]);
      expect(response.statusCode).toBe(404);
      expect(parse(response).error.message).toMatch(/unknown race "no-such-race"/);
      expect(await pipeline.deps.store.getRace('no-such-race')).toBeUndefined();
    });

    it('missing authorization', async () => {
      const raceId = await newRace();
      const unsigned: HttpRequest = { pathParameters: { raceId }, body: JSON.stringify(general.releases[0]), requestContext: {} };
      const response = await pipeline.routes.postRelease(unsigned);
      expect(response.statusCode).toBe(403);
      expect(await storedReleases(raceId)).toEqual([]);
    });

    it('a race whose body does not match its path', async () => {
      const response = await pipeline.routes.putRace(request({ raceId: 'path-id' }, { ...general.race, id: 'body-id' }));
      expect(response.statusCode).toBe(400);
      expect(parse(response).error.issues).toEqual(['id: must match the path (path-id), got body-id']);
      expect(await pipeline.deps.store.getRace('path-id')).toBeUndefined();
    });
  });
});

/** The general's first release with one count changed. */
function withCount(candidate: string, votes: number): Release {
  const release = structuredClone(general.releases[0]) as Release;
  (release.units[0].counted as Record<string, number>)[candidate] = votes;
  return release;
}
