import type { Rule } from '../../core/schemas/index.ts';
import { CITY_UNIT } from '../examples/general.ts';

/** A contest of lacounty_2022_general_all_contests_by_release.csv to build a count file for. */
export type ContestChoice = {
  /** `contest_id` in the CSV. */
  contestId: string;
  /** `contest` in the CSV: checked, so a changed file cannot swap contests silently. */
  contestName: string;
  race: { id: string; name: string; rule: Rule };
  /** The one unit: the whole area of the contest. */
  unit: { id: string; name: string };
  /**
   * In the CSV's order: its `candidate` text, with the id and display name the count file uses. Names are the
   * ballot text in title case (also after a hyphen or apostrophe), initials kept; preferred spellings such as
   * accents were not looked up.
   */
  candidates: readonly { ballotName: string; id: string; name: string }[];
};

/**
 * The contests replayed, and why (docs/contest-examples.md has the numbers):
 * - Supervisor 3: the election-night leader (Hertzberg, 50.8% at the end of election night) lost; lead
 *   changed on Nov 11.
 * - Assembly 40: the election-night leader (Valladares, 54.3%) lost by 522 votes (0.33 points); lead changed
 *   on Nov 19, the last big release. The hardest test, in a small area of the county.
 * - City Council 13: the first drop's leader (O'Farrell) lost; the winner's share then grew from 52.3% to
 *   57.8%: strong late drift in the smallest area here (about 3% of the county's votes).
 * - City Controller and Sheriff: comfortable; Sheriff covers the whole county, so the assumption about the
 *   area's share of uncounted ballots is trivially true there.
 * - Measure ULA: a yes/no measure, run as plurality (the data gives no threshold).
 * - LACCD Seat 4: three candidates for one seat, plurality; the winner's share stayed near 52-54%.
 * No rule says 'majority': the data names no threshold for any of these contests.
 */
export const CHOSEN_CONTESTS: readonly ContestChoice[] = [
  {
    contestId: '8771',
    contestName: 'SUPERVISOR 3RD DISTRICT',
    race: {
      id: 'la-county-supervisor-3-2022',
      name: 'Los Angeles County Supervisor, 3rd District, general election',
      rule: { kind: 'plurality' },
    },
    unit: { id: 'la-county-supervisorial-district-3', name: 'Supervisorial District 3' },
    candidates: [
      { ballotName: 'BOB HERTZBERG', id: 'hertzberg', name: 'Bob Hertzberg' },
      { ballotName: 'LINDSEY HORVATH', id: 'horvath', name: 'Lindsey Horvath' },
    ],
  },
  {
    contestId: '8723',
    contestName: 'MEMBER OF THE STATE ASSEMBLY, 40th District',
    race: {
      id: 'ca-assembly-40-2022',
      name: 'California State Assembly, 40th District, general election (Los Angeles County count)',
      rule: { kind: 'plurality' },
    },
    unit: { id: 'assembly-district-40', name: 'Assembly District 40' },
    candidates: [
      { ballotName: 'PILAR SCHIAVO', id: 'schiavo', name: 'Pilar Schiavo' },
      { ballotName: 'SUZETTE MARTINEZ VALLADARES', id: 'valladares', name: 'Suzette Martinez Valladares' },
    ],
  },
  {
    contestId: '8871',
    contestName: 'LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Member of the City Council, 13th District',
    race: {
      id: 'la-city-council-13-2022',
      name: 'Los Angeles City Council, 13th District, general election',
      rule: { kind: 'plurality' },
    },
    unit: { id: 'la-city-council-district-13', name: 'Los Angeles City Council District 13' },
    candidates: [
      { ballotName: 'HUGO SOTO-MARTINEZ', id: 'soto-martinez', name: 'Hugo Soto-Martinez' },
      { ballotName: "MITCH O'FARRELL", id: 'ofarrell', name: "Mitch O'Farrell" },
    ],
  },
  {
    contestId: '8849',
    contestName: 'LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Controller',
    race: {
      id: 'la-city-controller-2022',
      name: 'Los Angeles City Controller, general election',
      rule: { kind: 'plurality' },
    },
    unit: { ...CITY_UNIT },
    candidates: [
      { ballotName: 'KENNETH MEJIA', id: 'mejia', name: 'Kenneth Mejia' },
      { ballotName: 'PAUL KORETZ', id: 'koretz', name: 'Paul Koretz' },
    ],
  },
  {
    contestId: '8772',
    contestName: 'SHERIFF',
    race: {
      id: 'la-county-sheriff-2022',
      name: 'Los Angeles County Sheriff, general election',
      rule: { kind: 'plurality' },
    },
    unit: { id: 'los-angeles-county', name: 'Los Angeles County' },
    candidates: [
      { ballotName: 'ALEX VILLANUEVA', id: 'villanueva', name: 'Alex Villanueva' },
      { ballotName: 'ROBERT LUNA', id: 'luna', name: 'Robert Luna' },
    ],
  },
  {
    contestId: '8892',
    contestName: 'LOS ANGELES CITY GENERAL MUNICIPAL ELECTION - MEASURE ULA',
    race: {
      id: 'la-city-measure-ula-2022',
      name: 'Los Angeles City Measure ULA, general election (yes v no, plurality)',
      rule: { kind: 'plurality' },
    },
    unit: { ...CITY_UNIT },
    candidates: [
      { ballotName: 'YES', id: 'yes', name: 'Yes' },
      { ballotName: 'NO', id: 'no', name: 'No' },
    ],
  },
  {
    contestId: '8516',
    contestName: 'LOS ANGELES COMMUNITY COLLEGE DISTRICT Member of the Board of Trustees, Seat 4',
    race: {
      id: 'laccd-trustee-seat-4-2022',
      name: 'Los Angeles Community College District Board of Trustees, Seat 4, general election',
      rule: { kind: 'plurality' },
    },
    unit: { id: 'laccd', name: 'Los Angeles Community College District' },
    candidates: [
      { ballotName: 'CHRISTINE T. LAMONICA', id: 'lamonica', name: 'Christine T. Lamonica' },
      { ballotName: 'ERNEST H. MORENO', id: 'moreno', name: 'Ernest H. Moreno' },
      { ballotName: 'SARA HERNANDEZ', id: 'hernandez', name: 'Sara Hernandez' },
    ],
  },
];

/** The mayor's race, used only to pin each daily release to a registrar release (by its exact counts). */
export const MAYOR_CONTEST = {
  contestId: '8847',
  contestName: 'LOS ANGELES CITY GENERAL MUNICIPAL ELECTION Mayor',
  bassBallotName: 'KAREN RUTH BASS',
  carusoBallotName: 'RICK J. CARUSO',
} as const;
