import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { RecordedSnapshot } from '../../feeds/recorded-snapshot.ts';
import { FEED_FIXTURES } from './feed-fixtures.ts';

/**
 * The hand-written Pine County night of test/fixtures/feeds/clarity-live/, in the shapes a live Clarity site
 * serves: version N's detail.xml (vN-detail.xml) and summary.json (vN-summary.json). Three precincts, two
 * contests, three vote types; version 2 adds precincts' counts, version 3 lowers South Hill's absentee count
 * for Rosa Diaz (a correction) while its election-day votes come in.
 */
export const CLARITY_LIVE = join(FEED_FIXTURES, 'clarity-live');
export const VERSIONS = [1, 2, 3] as const;

/** The site's folder and the fetch times of each version, for recordings of it. */
export const SITE_PATH = '/TX/Pine/120345/';
export const FETCHED_AT = ['2024-11-06T01:31:00Z', '2024-11-06T02:46:00Z', '2024-11-06T03:31:00Z'];

export const detailXml = (version: number): string => readFileSync(join(CLARITY_LIVE, `v${version}-detail.xml`), 'utf8');
export const summaryJson = (version: number): string => readFileSync(join(CLARITY_LIVE, `v${version}-summary.json`), 'utf8');

/** reports/detailxml.zip of a version, as the site serves it: detail.xml, zipped. */
export const detailZip = (version: number): Uint8Array => zipSync({ 'detail.xml': strToU8(detailXml(version)) });

/** A recorded fetch of a version's zip (base64) or summary.json from a site at `baseUrl`. */
export function recordedVersion(version: number, report: 'zip' | 'summary', baseUrl = 'https://results.enr.clarityelections.com'): RecordedSnapshot {
  const fetchedAt = FETCHED_AT[version - 1];
  if (report === 'summary') return { fetchedAt, url: `${baseUrl}${SITE_PATH}${version}/json/en/summary.json`, contentType: 'application/json', body: summaryJson(version) };
  const body = Buffer.from(detailZip(version)).toString('base64');
  return { fetchedAt, url: `${baseUrl}${SITE_PATH}${version}/reports/detailxml.zip`, contentType: 'application/zip', encoding: 'base64', body };
}
