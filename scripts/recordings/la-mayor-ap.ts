import type { CountFile, Release } from '../../core/schemas/index.ts';
import type { RecordedSnapshot } from '../../feeds/recorded-snapshot.ts';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';

// The LA 2022 mayor general as a night of AP Elections API responses, one per fetch, for the demo and the
// replay tests (docs/replay.md). Our rendering, not AP's data: AP's feed of that night is not ours to
// publish. The counts and times are the registrar's (examples/la-mayor-2022-general.json); the fetch times
// are when the archive of the registrar's feed first saw each release (`first_scraped_utc` of
// ../shared/data/la-2022/general_2022_mayor_updates.csv; MIT, github.com/rdmurphy/scrape-la-county-election-results-2022).

/** AP called the race for Bass on Nov 16, after that day's release; the next fetch is the first to carry it. */
export const CALLED_FROM = '2022-11-17';
const CALLED_FOR = 'bass';

const NAMES: Readonly<Record<string, { first: string; last: string }>> = {
  bass: { first: 'Karen', last: 'Bass' },
  caruso: { first: 'Rick', last: 'Caruso' },
};

/** One file of the recording: its name (sorting in fetch order) and the snapshot it holds. */
export interface RecordingFile {
  readonly name: string;
  readonly snapshot: RecordedSnapshot;
}

/**
 * One recorded snapshot per release of the count file (no `url`: AP never served it), fetched when the archive first saw it, whose body
 * is an AP response for the race: the city as one reporting unit, with AP's eevp from the registrar's
 * counted and expected votes (whole percent, 99 at most until the certified count), and `winner: "X"` on
 * Bass from the first release of CALLED_FROM.
 * @throws Error if the updates CSV lacks a release of the count file.
 */
export function laMayorApRecording(countFile: CountFile, updatesCsv: string): RecordingFile[] {
  const fetchTimes = parseCsvRecords(updatesCsv).map((row) => row.first_scraped_utc);
  return countFile.releases.map((release, index) => {
    const fetchedAt = fetchTimes[index];
    if (fetchedAt === undefined) throw new Error(`general_2022_mayor_updates.csv has no release ${index + 1}`);
    const body = JSON.stringify(apResponse(countFile, release, fetchedAt));
    return { name: `${String(index + 1).padStart(2, '0')}-ap-${fetchedAt.replaceAll(':', '')}.json`, snapshot: { fetchedAt, body } };
  });
}

function apResponse(countFile: CountFile, release: Release, fetchedAt: string) {
  const unit = release.units[0];
  const counted = Object.values(unit.counted).reduce((sum, votes) => sum + votes, 0);
  const called = new Date(release.asOf).toISOString() >= `${CALLED_FROM}T00:00:00Z`;
  return {
    electionDate: '2022-11-08',
    timestamp: fetchedAt,
    races: [
      {
        raceID: 'la-mayor',
        statePostal: 'CA',
        raceType: 'General',
        officeName: 'Mayor',
        seatName: 'Los Angeles',
        reportingUnits: [
          {
            statePostal: 'CA',
            reportingunitID: unit.id,
            reportingunitName: 'City of Los Angeles',
            level: 'subunit',
            lastUpdated: new Date(release.asOf).toISOString().replace('.000Z', 'Z'),
            eevp: eevp(counted, unit.outstanding.expected),
            candidates: countFile.race.candidates.map((candidate) => ({
              candidateID: candidate.id,
              ...NAMES[candidate.id],
              voteCount: unit.counted[candidate.id],
              ...(called && candidate.id === CALLED_FOR ? { winner: 'X' } : {}),
            })),
          },
        ],
      },
    ],
  };
}

/** AP's estimated expected vote percentage: a whole percent, 99 at most until nothing is outstanding. */
function eevp(counted: number, outstanding: number): number {
  if (outstanding === 0) return 100;
  return Math.min(99, Math.round((100 * counted) / (counted + outstanding)));
}
