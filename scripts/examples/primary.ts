import type { CountFile, Release } from '../../core/schemas/index.ts';
import { parseCsvRecords, type CsvRecord } from '../../feeds/csv/csv-records.ts';
import { CITY_UNIT } from './general.ts';
import { requiredCount } from './numbers.ts';
import {
  anchorEstimates,
  cityOutstanding,
  countyOutstandingBallots,
  nothingOutstanding,
  parseEstimatesCsv,
  readCountyEstimates,
  type CountyEstimate,
} from './outstanding.ts';
import { pacificIso } from './pacific-time.ts';
import { interpolateTotal, reconstructCounts, totalFromCountsAndPercents, type Votes } from './primary-counts.ts';
import { readNewsReleases, type NewsRelease } from './primary-news.ts';

const PRIMARY_ELECTION = '2022-06-07 primary';

/** Ballot names in the certified results, with the ids and display names the count file uses. */
const CANDIDATES = [
  { ballotName: 'KAREN RUTH BASS', id: 'bass', name: 'Karen Bass' },
  { ballotName: 'RICK J. CARUSO', id: 'caruso', name: 'Rick Caruso' },
  { ballotName: 'KEVIN DE LEÓN', id: 'de-leon', name: 'Kevin de León' },
  { ballotName: 'GINA VIOLA', id: 'viola', name: 'Gina Viola' },
  { ballotName: 'MIKE FEUER', id: 'feuer', name: 'Mike Feuer' },
  { ballotName: 'ANDREW KIM', id: 'kim', name: 'Andrew Kim' },
  { ballotName: 'ALEX GRUENENFELDER SMITH', id: 'gruenenfelder-smith', name: 'Alex Gruenenfelder Smith' },
  { ballotName: 'JOE BUSCAINO', id: 'buscaino', name: 'Joe Buscaino' },
  { ballotName: 'CRAIG E. GREIWE', id: 'greiwe', name: 'Craig Greiwe' },
  { ballotName: 'MEL WILSON', id: 'wilson', name: 'Mel Wilson' },
  { ballotName: 'RAMIT VARMA', id: 'varma', name: 'Ramit Varma' },
  { ballotName: 'JOHN "JSAMUEL" JACKSON', id: 'jackson', name: 'John Jackson' },
] as const;
const CANDIDATE_IDS: readonly string[] = CANDIDATES.map((candidate) => candidate.id);

/**
 * The Jun 21 countywide count appears only in the notes of eub_la_county.csv ("1,613,910 processed since
 * election night per source wording"). It must be the running total: 822,545 (election night) + 1,613,910
 * would exceed the 1,619,797 counted on Jun 28.
 */
const COUNTY_BALLOTS_FROM_NOTES = { date: '2022-06-21', ballots: 1_613_910, noteText: '1,613,910 processed' };

/** A primary release after reconstruction: every candidate's votes and the countywide ballots counted. */
type RebuiltRelease = { news: NewsRelease; counts: Votes; countyBallots: number | undefined };

/**
 * Builds the June 2022 primary count file (12 candidates, majority rule) from the text of
 * primary_2022_mayor_certified_final.csv, primary_2022_mayor_updates_news.csv and eub_la_county.csv.
 * Pure. The reconstruction of counts the news gave only as percentages is documented in docs/examples.md.
 */
export function buildPrimaryCountFile(sources: {
  certifiedCsv: string;
  newsCsv: string;
  estimatesCsv: string;
}): CountFile {
  const final = readCertifiedVotes(parseCsvRecords(sources.certifiedCsv));
  const estimateRows = parseEstimatesCsv(sources.estimatesCsv);
  const estimates = readCountyEstimates(estimateRows, PRIMARY_ELECTION);
  const finalCountyBallots = lastImpliedTotal(estimates);
  const news = readNewsReleases(parseCsvRecords(sources.newsCsv)).map((release) => ({
    ...release,
    countyBallots: release.countyBallots ?? countyBallotsFromNotes(release, estimateRows),
  }));
  const rebuilt = fillMissingCountyBallots(rebuildCounts(news, final, finalCountyBallots));
  const snapshots = rebuilt.map((release) => ({
    date: release.news.localTime.slice(0, 10),
    countyBallotsCounted: release.countyBallots,
  }));
  const anchored = anchorEstimates(estimates, snapshots);
  const releases = rebuilt.map(({ news: release, counts, countyBallots }, index): Release => {
    const cityVotes = sumVotes(counts);
    const outstanding = release.certified
      ? nothingOutstanding()
      : cityOutstanding(countyOutstandingBallots(anchored, snapshots, index), cityVotes / countyBallots);
    return {
      asOf: pacificIso(release.localTime),
      label: labelFor(release),
      units: [{ ...CITY_UNIT, counted: inCandidateOrder(counts), outstanding }],
    };
  });
  return {
    schemaVersion: 1,
    race: {
      id: 'la-mayor-2022-primary',
      name: 'Los Angeles Mayor, primary election',
      rule: { kind: 'majority', threshold: 0.5 },
      candidates: CANDIDATES.map(({ id, name }) => ({ id, name })),
    },
    releases,
  };
}

/** Votes by candidate id from the certified results; checks the TOTAL row and that no candidate is missing. */
function readCertifiedVotes(rows: readonly CsvRecord[]): Votes {
  const votes: Record<string, number> = {};
  for (const row of rows.filter((row) => row.candidate !== 'TOTAL')) {
    const candidate = CANDIDATES.find((known) => known.ballotName === row.candidate.normalize('NFC'));
    if (candidate === undefined) throw new Error(`certified results: unknown candidate "${row.candidate}"`);
    votes[candidate.id] = requiredCount(row, 'votes');
  }
  const missing = CANDIDATE_IDS.filter((id) => votes[id] === undefined);
  if (missing.length > 0) throw new Error(`certified results: missing ${missing.join(', ')}`);
  const totalRow = rows.find((row) => row.candidate === 'TOTAL');
  if (totalRow !== undefined && requiredCount(totalRow, 'votes') !== sumVotes(votes)) {
    throw new Error('certified results: candidate votes do not add up to the TOTAL row');
  }
  return votes;
}

/** The countywide total the last estimate implies (Jun 28: counted + outstanding), our final county count. */
function lastImpliedTotal(estimates: readonly CountyEstimate[]): number {
  const withCount = estimates.filter((estimate) => estimate.countedBallots !== undefined);
  const last = withCount[withCount.length - 1];
  if (last?.countedBallots === undefined) throw new Error('primary: no estimate gives a countywide count');
  return last.countedBallots + last.outstandingBallots;
}

/** The Jun 21 countywide count, which only a note gives; `undefined` for every other release. */
function countyBallotsFromNotes(release: NewsRelease, estimateRows: readonly CsvRecord[]): number | undefined {
  const { date, ballots, noteText } = COUNTY_BALLOTS_FROM_NOTES;
  if (!release.localTime.startsWith(date)) return undefined;
  const row = estimateRows.find((row) => row.election === PRIMARY_ELECTION && row.as_of.startsWith(date));
  if (row === undefined || !row.notes.includes(noteText)) {
    throw new Error(`eub notes for ${date} no longer say "${noteText}"`);
  }
  return ballots;
}

/**
 * Every candidate's votes at each release, in order. A release with an exact count and its percentage gets
 * its total from them; one with percentages only gets it by interpolation between the last release with an
 * exact total and the certified count (reached at `finalCountyBallots`). The certified release must agree
 * with the certified results.
 */
function rebuildCounts(news: readonly NewsRelease[], final: Votes, finalCountyBallots: number): RebuiltRelease[] {
  const finalPoint = { countyBallots: finalCountyBallots, totalVotes: sumVotes(final) };
  let previous: Votes = Object.fromEntries(CANDIDATE_IDS.map((id) => [id, 0]));
  let lastExact: { countyBallots: number; totalVotes: number } | undefined;
  return news.map((release) => {
    if (release.certified) {
      checkAgainstFinal(release, final);
      return { news: release, counts: final, countyBallots: finalCountyBallots };
    }
    const exactTotal = totalFromCountsAndPercents(release);
    const totalVotes =
      exactTotal ?? interpolateTotal(requireCounty(release), requirePoint(lastExact, release), finalPoint);
    const counts = reconstructCounts(CANDIDATE_IDS, release, totalVotes, previous, final);
    if (exactTotal !== undefined && release.countyBallots !== undefined) {
      lastExact = { countyBallots: release.countyBallots, totalVotes: exactTotal };
    }
    previous = counts;
    return { news: release, counts, countyBallots: release.countyBallots };
  });
}

/**
 * A release without a countywide count (the first election-night drop) gets one from the city's votes per
 * county ballot at the next release that has both.
 */
function fillMissingCountyBallots(rebuilt: readonly RebuiltRelease[]): (RebuiltRelease & { countyBallots: number })[] {
  return rebuilt.map((release, index) => {
    if (release.countyBallots !== undefined) return { ...release, countyBallots: release.countyBallots };
    const next = rebuilt.slice(index + 1).find((later) => later.countyBallots !== undefined);
    if (next?.countyBallots === undefined) throw new Error(`${release.news.label}: no countywide count to borrow`);
    const votesPerCountyBallot = sumVotes(next.counts) / next.countyBallots;
    return { ...release, countyBallots: Math.round(sumVotes(release.counts) / votesPerCountyBallot) };
  });
}

function checkAgainstFinal(release: NewsRelease, final: Votes): void {
  for (const [id, votes] of Object.entries(release.counts)) {
    if (final[id] !== votes) {
      throw new Error(`${release.label}: ${id} has ${votes} in the news but ${final[id]} certified`);
    }
  }
}

function requireCounty(release: NewsRelease): number {
  if (release.countyBallots === undefined) {
    throw new Error(`${release.label}: percentages only and no countywide count`);
  }
  return release.countyBallots;
}

function requirePoint<T>(point: T | undefined, release: NewsRelease): T {
  if (point === undefined) throw new Error(`${release.label}: percentages only and no earlier exact total`);
  return point;
}

/** The source's name for the release, saying when counts were rebuilt rather than reported. */
function labelFor(release: NewsRelease): string {
  const exact = Object.keys(release.counts).length;
  if (release.certified || exact === CANDIDATE_IDS.length) return release.label;
  return exact > 0 ? `${release.label} (partly reconstructed)` : `${release.label} (reconstructed from percentages)`;
}

/** Votes keyed in ballot order, so the JSON reads the same way in every release. */
function inCandidateOrder(votes: Votes): Record<string, number> {
  return Object.fromEntries(CANDIDATE_IDS.map((id) => [id, votes[id]]));
}

function sumVotes(votes: Votes): number {
  return Object.values(votes).reduce((sum, count) => sum + count, 0);
}
