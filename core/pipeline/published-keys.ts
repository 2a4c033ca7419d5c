import { checkedId, isId } from '../schemas/id-rule.ts';

// The keys of published objects, relative to the public base (docs/published-json.md). Every key that holds
// an id is built here, and checks it, so no other spelling of a key can drift from these.

/** Run ids as the API makes them (r000014-<time>-<random>): letters, digits and hyphens. */
export const RUN_ID_PATTERN = /^[A-Za-z0-9-]{1,80}$/;

const INPUT_HASH_PATTERN = /^sha256:[0-9a-f]{64}$/;

/** `runId` itself if it is a run id; throws otherwise (run ids are checked where they come in). */
function checkedRunId(runId: string): string {
  if (!RUN_ID_PATTERN.test(runId)) throw new Error(`not a run id (letters, digits and hyphens, 1 to 80): ${JSON.stringify(runId)}`);
  return runId;
}

const raceFolder = (raceId: string) => `races/${checkedId(raceId)}`;
const electionFolder = (electionId: string) => `elections/${checkedId(electionId)}`;

/**
 * Where the canonical input of a forecast is published: content-addressed, so it is written once and never
 * changes.
 * @example inputKey('la-mayor-2022-general', 'sha256:3f1c…') // 'races/la-mayor-2022-general/inputs/sha256:3f1c….json'
 */
export function inputKey(raceId: string, inputHash: string): string {
  return `${raceFolder(raceId)}/inputs/${inputHash}.json`;
}

/** The object keys of the public bucket. Each throws on a race id or run id that breaks the rule. */
export const publishedKeys = {
  run: (raceId: string, runId: string) => `${raceFolder(raceId)}/runs/${checkedRunId(runId)}.json`,
  latest: (raceId: string) => `${raceFolder(raceId)}/latest.json`,
  history: (raceId: string) => `${raceFolder(raceId)}/history.json`,
  index: () => 'index.json',
  schema: () => 'schema/forecast.v1.json',
  input: inputKey,
  /** A night run's seat winner per draw (a RaceOutcomes document): run ids are unique, so it never changes. */
  outcomes: (electionId: string, raceId: string, runId: string) => `${electionFolder(electionId)}/races/${checkedId(raceId)}/outcomes/${checkedRunId(runId)}.json`,
  /** The election's night summary (NightSummary), rebuilt by the coalesced summary job. */
  summary: (electionId: string) => `${electionFolder(electionId)}/summary.json`,
};

const RUN_KEY_AT_END = /(?:^|\/)(races\/([^/]+)\/runs\/([^/]+)\.json)$/;

/**
 * The run key at the end of a path or URL path (`…/races/{raceId}/runs/{runId}.json`), with its ids, or
 * undefined if the path does not end in one with valid ids.
 * @example runKeyAtEnd('demo-output/races/GA/runs/r000001-x.json') // { key: 'races/GA/runs/r000001-x.json', raceId: 'GA', runId: 'r000001-x' }
 */
export function runKeyAtEnd(path: string): { key: string; raceId: string; runId: string } | undefined {
  const match = RUN_KEY_AT_END.exec(path);
  if (match === null || !isId(match[2]) || !RUN_ID_PATTERN.test(match[3])) return undefined;
  return { key: match[1], raceId: match[2], runId: match[3] };
}

/** Whether `key` is where the input of a run of `raceId` is published: races/{raceId}/inputs/sha256:{64 hex}.json. */
export function isInputKeyOf(raceId: string, key: string): boolean {
  const prefix = `races/${raceId}/inputs/`;
  return isId(raceId) && key.startsWith(prefix) && key.endsWith('.json') && INPUT_HASH_PATTERN.test(key.slice(prefix.length, -'.json'.length));
}
