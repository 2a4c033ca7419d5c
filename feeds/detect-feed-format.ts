import type { FeedFormat } from './import-feed.ts';

/** A zip file in base64 ("PK\x03\x04…" → "UEsDB…"): only Clarity's reports/detailxml.zip is one. */
const BASE64_ZIP = /^UEsDB[A-Za-z0-9+/]*={0,2}$/;

/**
 * The feed a body comes from, by its shape: an AP elections response (JSON with `electionDate` and
 * `races`); Clarity's detail report (detail.xml, its zip in base64, or its JSON rendering with
 * `ElectionResult`) or summary.json (an array of contests with `K` and `CH`); or a CSV whose header has
 * `snapshot_time`. Undefined for anything else. The shape is checked in full later, by the import itself.
 * @example feedFormatOfBody('{"electionDate":"2022-11-08","races":[]}') // 'ap'
 */
export function feedFormatOfBody(body: string): FeedFormat | undefined {
  if (BASE64_ZIP.test(body) || (body.trimStart().startsWith('<') && body.includes('<ElectionResult'))) return 'clarity';
  const json = jsonOrUndefined(body);
  if (Array.isArray(json) && json.length > 0 && json.every((item) => isObject(item) && Object.hasOwn(item, 'K') && Object.hasOwn(item, 'CH'))) return 'clarity';
  if (isObject(json)) {
    if (Object.hasOwn(json, 'ElectionResult')) return 'clarity';
    if (Object.hasOwn(json, 'electionDate') && Array.isArray(json.races)) return 'ap';
    return undefined;
  }
  const header = body.split(/\r?\n/, 1)[0];
  return json === undefined && header.split(',').map((column) => column.trim()).includes('snapshot_time') ? 'csv' : undefined;
}

/**
 * The feed bodies in one file of a recording: the `body` of each recorded snapshot in a JSON array (as
 * recorded: base64 for a binary body), the `body` of one recorded snapshot, or else the file itself (a plain
 * feed file). Nothing is validated here.
 */
export function bodiesInFile(text: string): string[] {
  const json = jsonOrUndefined(text);
  const bodyOf = (item: unknown) => (isObject(item) && typeof item.body === 'string' ? item.body : JSON.stringify(item));
  // An array of plain items is a file of its own (Clarity's summary.json), not a recording.
  if (Array.isArray(json)) return json.length === 0 || json.some(isRecordedLike) ? json.map(bodyOf) : [text];
  if (isRecordedLike(json)) return [json.body];
  return [text];
}

/**
 * The one feed format of all the bodies, or a problem saying why there is none: a body of no known shape,
 * or bodies of two feeds.
 */
export function detectFeedFormat(bodies: readonly { readonly source: string; readonly body: string }[]): { format: FeedFormat } | { problem: string } {
  const found = new Map<FeedFormat, string>();
  for (const { source, body } of bodies) {
    const format = feedFormatOfBody(body);
    if (format === undefined) return { problem: `${source}: not an AP response, a Clarity report or a CSV with snapshot_time` };
    if (!found.has(format)) found.set(format, source);
  }
  if (found.size === 0) return { problem: 'no feed bodies to look at' };
  if (found.size > 1) return { problem: `more than one feed: ${[...found].map(([format, source]) => `${format} (${source})`).join(', ')}` };
  return { format: [...found.keys()][0] };
}

function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const isRecordedLike = (value: unknown): value is { body: string } => isObject(value) && typeof value.body === 'string' && Object.hasOwn(value, 'fetchedAt');

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
