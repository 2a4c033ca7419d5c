import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { bodyBytes, bodyText, isZip } from '../feed-body.ts';
import { FeedError } from '../feed-error.ts';
import { checkFeedShape } from '../parse-feed-json.ts';
import type { FeedSnapshot } from '../recorded-snapshot.ts';
import { ClarityDetailSchema, type ClarityDetail } from './clarity-schema.ts';
import { ClaritySummarySchema, type ClaritySummary } from './clarity-summary-schema.ts';

/** A Clarity body, read: a detail report (precincts or counties, vote types) or a summary (race totals). */
export type ClarityReport = { readonly kind: 'detail'; readonly detail: ClarityDetail } | { readonly kind: 'summary'; readonly summary: ClaritySummary };

const DETAIL = 'a Clarity detail report (detail.xml)';
const DETAIL_JSON = 'a Clarity detail report as JSON';
const SUMMARY = 'a Clarity summary.json';

/**
 * Attributes keep their names ("votes", not "@_votes") and every value stays a string, as xmltodict gives
 * them, so the XML and its JSON rendering meet one schema. Entities (&amp;) are decoded.
 */
const xmlParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false });

/**
 * Reads any body a Clarity site serves, or a collector wrote: reports/detailxml.zip (binary, base64 in a
 * recording), the detail.xml inside it, that report rendered as JSON (an object with ElectionResult), or
 * json/en/summary.json (an array of contests).
 * @throws FeedError naming the source and what is wrong: not a zip with an XML file, XML that is not well
 *   formed (its line), or each field that does not fit the documented shape.
 */
export function readClarityReport(snapshot: FeedSnapshot): ClarityReport {
  if (snapshot.encoding === 'base64') {
    const bytes = bodyBytes(snapshot);
    if (isZip(bytes)) return { kind: 'detail', detail: detailFromXml(xmlInZip(bytes, snapshot.source), snapshot.source) };
  }
  const text = bodyText(snapshot);
  if (text.trimStart().startsWith('<')) return { kind: 'detail', detail: detailFromXml(text, snapshot.source) };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new FeedError(snapshot.source, `not a Clarity report: not a zip, XML or valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(json)) return { kind: 'summary', summary: checkFeedShape(ClaritySummarySchema, json, snapshot.source, SUMMARY) };
  return { kind: 'detail', detail: checkFeedShape(ClarityDetailSchema, json, snapshot.source, DETAIL_JSON) };
}

/** The XML file of a detailxml.zip: detail.xml, or the zip's only .xml file. */
function xmlInZip(bytes: Uint8Array, source: string): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => /\.xml$/i.test(file.name) });
  } catch (error) {
    throw new FeedError(source, `not a readable zip: ${(error as Error).message}`);
  }
  const names = Object.keys(files);
  const name = names.find((candidate) => /(^|\/)detail\.xml$/i.test(candidate)) ?? (names.length === 1 ? names[0] : undefined);
  if (name === undefined) throw new FeedError(source, `expected detail.xml in the zip, found ${names.length === 0 ? 'no XML file' : names.join(', ')}`);
  return strFromU8(files[name]);
}

function detailFromXml(xml: string, source: string): ClarityDetail {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedError(source, `not well-formed XML: line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  return checkFeedShape(ClarityDetailSchema, xmlParser.parse(xml), source, DETAIL);
}
