import { apportion } from './numbers.ts';

/** Votes by candidate id. */
export type Votes = Readonly<Record<string, number>>;

/** Figures one source gives for one release: exact votes and percentages (0-100) for some candidates. */
export type GivenFigures = { counts: Votes; percents: Votes };

/**
 * All candidates' votes in a release when the source gives some as percentages only: total = the exact
 * counts that also have a percentage, divided by the sum of those percentages.
 * `undefined` when no candidate has both.
 *
 * @example totalFromCountsAndPercents({ counts: { a: 90 }, percents: { a: 45 } }) // 200
 */
export function totalFromCountsAndPercents(given: GivenFigures): number | undefined {
  const both = Object.keys(given.counts).filter((id) => given.percents[id] !== undefined);
  if (both.length === 0) return undefined;
  const votes = both.reduce((sum, id) => sum + given.counts[id], 0);
  const percent = both.reduce((sum, id) => sum + given.percents[id], 0);
  return Math.round((votes / percent) * 100);
}

/**
 * City votes counted at a release that gives only percentages: a straight line in countywide ballots
 * counted between two points where both are known (the last such release before it, and the final count).
 *
 * @example interpolateTotal(150, { countyBallots: 100, totalVotes: 40 }, { countyBallots: 200, totalVotes: 90 }) // 65
 */
export function interpolateTotal(
  countyBallots: number,
  from: { countyBallots: number; totalVotes: number },
  to: { countyBallots: number; totalVotes: number },
): number {
  const votesPerAddedBallot = (to.totalVotes - from.totalVotes) / (to.countyBallots - from.countyBallots);
  return Math.round(from.totalVotes + votesPerAddedBallot * (countyBallots - from.countyBallots));
}

/**
 * Every candidate's votes at a release, from the given figures and the release's total:
 * 1. a given count is used as is; a given percentage becomes round(total × percent / 100);
 * 2. the rest of the total goes to the candidates the source leaves out: each keeps its votes at the
 *    previous release and gets a share of the group's growth in proportion to the votes it still had to
 *    gain by the final count (at the first release, "previous" is 0, so this is in proportion to the final
 *    votes);
 * 3. no count may fall below the previous release's: a count that would is held at the previous value.
 */
export function reconstructCounts(
  candidateIds: readonly string[],
  given: GivenFigures,
  totalVotes: number,
  previous: Votes,
  final: Votes,
): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const id of candidateIds) {
    if (given.counts[id] !== undefined) counts[id] = given.counts[id];
    else if (given.percents[id] !== undefined) counts[id] = Math.round((totalVotes * given.percents[id]) / 100);
  }
  const leftOut = candidateIds.filter((id) => counts[id] === undefined);
  const givenVotes = Object.values(counts).reduce((sum, votes) => sum + votes, 0);
  const previousVotes = sumOf(leftOut, previous);
  // The group's growth since the previous release; never negative (step 3).
  const growth = Math.max(0, totalVotes - givenVotes - previousVotes);
  const gains = apportion(
    growth,
    leftOut.map((id) => Math.max(0, final[id] - previous[id])),
  );
  leftOut.forEach((id, index) => {
    counts[id] = previous[id] + gains[index];
  });
  for (const id of candidateIds) counts[id] = Math.max(counts[id], previous[id]);
  return counts;
}

function sumOf(ids: readonly string[], votes: Votes): number {
  return ids.reduce((sum, id) => sum + votes[id], 0);
}
