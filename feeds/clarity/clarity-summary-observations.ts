import type { Candidate } from '../../core/schemas/index.ts';
import { outstandingFromPrecincts } from '../estimate/outstanding-from-share.ts';
import { FeedError } from '../feed-error.ts';
import { feedId, idFromName } from '../feed-ids.ts';
import type { ObservedUnit, RaceObservation } from '../observation.ts';
import type { FeedSnapshot } from '../recorded-snapshot.ts';
import type { ClaritySummary, ClaritySummaryContest } from './clarity-summary-schema.ts';

/** Where summary.json lies: …/{region}/{election id}/{version}/json/en/summary.json. */
const SUMMARY_PATH = /\/([^/]+)\/\d+\/\d+\/json\/[^/]+\/summary\.json$/i;

/**
 * What a Clarity summary.json says of each contest, for sites that publish no detail report. It holds race
 * totals only, so each contest has one unit, the whole jurisdiction:
 * - id: the region and the contest key K ("Lake-2"), as for a detail report; the region is the folder of
 *   the site's URL before the election id (…/GA/Lake/105369/… → "Lake"; underscores read as spaces, as in
 *   "Santa_Clara"), since summary.json does not name it;
 * - candidates: the choice names CH, their ids made from the names (idFromName), parties from P;
 * - time: the fetch time, since summary.json has none: a plain file cannot be imported, only a recording;
 * - outstanding: from precincts reporting PR of TP, as for AP without eevp (capped at 99%, ±25%).
 * A contest key given twice (Clarity lists a contest under more than one heading) is read once.
 * @throws FeedError when the snapshot has no fetch time or no Clarity URL, or two choice names make one id.
 */
export function claritySummaryObservations(summary: ClaritySummary, snapshot: FeedSnapshot): RaceObservation[] {
  const { source } = snapshot;
  if (snapshot.fetchedAt === undefined) {
    throw new FeedError(source, 'a summary.json carries no time of its own: import it from a recording (ballotcast record), which keeps the fetch time');
  }
  const regionName = summaryRegion(snapshot);
  const region = idFromName(regionName, 'the region in the URL', source);
  const seen = new Set<string>();
  return summary.flatMap((contest, index) => {
    if (seen.has(contest.K)) return [];
    seen.add(contest.K);
    const path = `[${index}]`;
    const candidates = summaryCandidates(contest, path, source);
    const race = { id: feedId(`${region}-${contest.K}`, `${path}.K`, source), name: contest.C, rule: { kind: 'plurality' as const }, candidates };
    return [{ source, race, asOf: snapshot.fetchedAt as string, units: [summaryUnit(contest, candidates, region, regionName)] }];
  });
}

/** The region named by the folder before the election id in the summary's URL. */
function summaryRegion(snapshot: FeedSnapshot): string {
  const match = snapshot.url === undefined ? null : SUMMARY_PATH.exec(new URL(snapshot.url).pathname);
  if (match === null) {
    throw new FeedError(snapshot.source, 'a summary.json is named by its URL (…/{region}/{election id}/{version}/json/en/summary.json): import it from a recording, which keeps the URL');
  }
  return decodeURIComponent(match[1]).replaceAll('_', ' ');
}

function summaryCandidates(contest: ClaritySummaryContest, path: string, source: string): Candidate[] {
  const names = new Map<string, string>();
  return contest.CH.map((name, index) => {
    const field = `${path}.CH[${index}]`;
    const id = idFromName(name, field, source);
    const earlier = names.get(id);
    if (earlier !== undefined) throw new FeedError(source, `${field}: the names ${JSON.stringify(earlier)} and ${JSON.stringify(name)} make the same candidate id "${id}"`);
    names.set(id, name);
    const party = contest.P?.[index];
    return { id, name, ...(party === undefined || party === null || party === '' ? {} : { party }) };
  });
}

function summaryUnit(contest: ClaritySummaryContest, candidates: readonly Candidate[], region: string, regionName: string): ObservedUnit {
  const counted = Object.fromEntries(candidates.map((candidate, index) => [candidate.id, contest.V[index]]));
  const votes = contest.V.reduce((sum, count) => sum + count, 0);
  const share = contest.PR !== undefined && contest.TP !== undefined && contest.TP > 0 ? contest.PR / contest.TP : undefined;
  const outstanding = share === undefined ? undefined : outstandingFromPrecincts(votes, share);
  return { id: region, name: regionName, counted, ...(outstanding === undefined ? {} : { outstanding }) };
}
