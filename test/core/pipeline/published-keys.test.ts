import { describe, expect, it } from 'vitest';
import { indexDocument } from '../../../core/pipeline/documents.ts';
import { inputKey, isInputKeyOf, publishedKeys, runKeyAtEnd } from '../../../core/pipeline/published-keys.ts';
import { RunRequestMessageSchema } from '../../../core/pipeline/records.ts';

const HASH = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('published keys', () => {
  it('keep the ids of real feeds as written, case and all', () => {
    expect(publishedKeys.latest('20240305CA0016')).toBe('races/20240305CA0016/latest.json');
    expect(publishedKeys.history('GA')).toBe('races/GA/history.json');
    expect(publishedKeys.run('20210105GA-night', 'r000003-x1')).toBe('races/20210105GA-night/runs/r000003-x1.json');
    expect(inputKey('20210105GA-night', HASH)).toBe(`races/20210105GA-night/inputs/${HASH}.json`);
    expect(publishedKeys.summary('20241105')).toBe('elections/20241105/summary.json');
    expect(publishedKeys.outcomes('20241105', 'GA', 'r000003-x1')).toBe('elections/20241105/races/GA/outcomes/r000003-x1.json');
  });

  it.each(['..', '.', 'a/b', '', 'GA..night', '__proto__', 'constructor'])('refuse to make a key of race id %j', (raceId) => {
    expect(() => publishedKeys.latest(raceId)).toThrow(/not an id/);
    expect(() => inputKey(raceId, HASH)).toThrow(/not an id/);
    expect(() => publishedKeys.summary(raceId)).toThrow(/not an id/);
  });

  it('refuse to make a key of a run id that is not one', () => {
    expect(() => publishedKeys.run('GA', '../latest')).toThrow(/not a run id/);
  });

  it('are what index.json points readers to', () => {
    const race = { id: '20240305CA0016', name: 'CA', rule: { kind: 'plurality' as const }, candidates: [{ id: 'A', name: 'A' }, { id: 'b', name: 'B' }] };
    const [entry] = indexDocument([{ race, updatedAt: '2024-03-06T00:00:00Z', releaseCount: 1, publishedRunId: 'r000000-x' }]).races;
    expect(entry).toMatchObject({ latest: 'races/20240305CA0016/latest.json', history: 'races/20240305CA0016/history.json' });
    expect(entry).not.toHaveProperty('election');
  });

  it('point readers of index.json to the summary of a race\'s election', () => {
    const race = { id: 'GA', name: 'GA', rule: { kind: 'plurality' as const }, candidates: [{ id: 'a', name: 'A' }], election: { id: '20210105', name: 'GA runoffs' } };
    const [entry] = indexDocument([{ race, updatedAt: '2021-01-06T00:00:00Z', releaseCount: 0 }]).races;
    expect(entry.election).toEqual({ id: '20210105', name: 'GA runoffs', summary: 'elections/20210105/summary.json' });
  });
});

describe('finding a run key at the end of a location', () => {
  it('reads the ids of a mixed-case race from a path or a URL path', () => {
    expect(runKeyAtEnd('demo-output/races/20240305CA0016/runs/r000001-abc.json')).toEqual({
      key: 'races/20240305CA0016/runs/r000001-abc.json',
      raceId: '20240305CA0016',
      runId: 'r000001-abc',
    });
    expect(runKeyAtEnd('/public/races/GA.2021_night/runs/r1.json')?.raceId).toBe('GA.2021_night');
  });

  it.each(['races/../runs/r1.json', 'races/a..b/runs/r1.json', 'races/GA/runs/r.1.json', 'races/GA/latest.json', 'races/GA/runs/r1.json.bak'])(
    'finds none in %j',
    (path) => expect(runKeyAtEnd(path)).toBeUndefined(),
  );
});

describe('an input key of a race', () => {
  it('is races/{raceId}/inputs/sha256:{64 hex}.json of that race and no other', () => {
    expect(isInputKeyOf('GA', `races/GA/inputs/${HASH}.json`)).toBe(true);
    expect(isInputKeyOf('GA', `races/ga/inputs/${HASH}.json`)).toBe(false);
    expect(isInputKeyOf('GA', `races/GA/inputs/../../../etc/passwd.json`)).toBe(false);
    expect(isInputKeyOf('GA', `races/GA/inputs/sha256:abc.json`)).toBe(false);
    expect(isInputKeyOf('..', `races/../inputs/${HASH}.json`)).toBe(false);
  });
});

describe('the run message', () => {
  it('carries a race id of the rule, so the run handler never builds a key of anything else', () => {
    expect(RunRequestMessageSchema.safeParse({ raceId: '20240305CA0016', runId: 'r000000-x' }).success).toBe(true);
    expect(RunRequestMessageSchema.safeParse({ raceId: '../x', runId: 'r000000-x' }).success).toBe(false);
    expect(RunRequestMessageSchema.safeParse({ raceId: 'GA', runId: 'r/1' }).success).toBe(false);
  });
});
