import type { Candidate } from '../../../core/schemas/index.ts';

/** When the polls closed: 7 pm Eastern on January 5 2021. */
export const POLLS_CLOSED = '2021-01-06T00:00:00Z';

/** Clarity's four vote types, as the CSVs spell them, in the order units and splits use them. */
export const VOTE_TYPES = ['election_day', 'advance', 'absentee_mail', 'provisional'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

/** One race of the data: its `race` value in the CSVs, the count-file race, and its candidates by Clarity text. */
export type GaRace = {
  key: string;
  raceId: string;
  name: string;
  candidates: readonly (Candidate & { clarityName: string; party: string })[];
};

/** The three runoffs of January 5 2021 in ../shared/data/ga-2021-runoff. Candidate ids: lower-case surnames. */
export const GA_RACES: readonly GaRace[] = [
  {
    key: 'senate-perdue-ossoff',
    raceId: 'ga-2021-runoff-senate-perdue-ossoff',
    name: 'Georgia US Senate runoff (regular), Perdue v Ossoff, January 5 2021 (156 of 159 counties)',
    candidates: [
      { clarityName: 'David A. Perdue', id: 'perdue', name: 'David A. Perdue', party: 'Rep' },
      { clarityName: 'Jon Ossoff', id: 'ossoff', name: 'Jon Ossoff', party: 'Dem' },
    ],
  },
  {
    key: 'senate-loeffler-warnock',
    raceId: 'ga-2021-runoff-senate-loeffler-warnock',
    name: 'Georgia US Senate runoff (special), Loeffler v Warnock, January 5 2021 (156 of 159 counties)',
    candidates: [
      { clarityName: 'Kelly Loeffler', id: 'loeffler', name: 'Kelly Loeffler', party: 'Rep' },
      { clarityName: 'Raphael Warnock', id: 'warnock', name: 'Raphael Warnock', party: 'Dem' },
    ],
  },
  {
    key: 'psc-district-4',
    raceId: 'ga-2021-runoff-psc-district-4',
    name: 'Georgia Public Service Commission District 4 runoff, McDonald v Blackman, January 5 2021 (156 of 159 counties)',
    candidates: [
      { clarityName: 'Lauren Bubba McDonald, Jr.', id: 'mcdonald', name: 'Lauren Bubba McDonald, Jr.', party: 'Rep' },
      { clarityName: 'Daniel Blackman', id: 'blackman', name: 'Daniel Blackman', party: 'Dem' },
    ],
  },
];

/**
 * A county's unit id: its name in lower case, runs of other characters as one hyphen.
 *
 * @example countySlug('Jeff Davis') // 'jeff-davis'
 */
export function countySlug(county: string): string {
  return county
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
