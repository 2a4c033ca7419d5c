import { standingCall } from '../desk/standing-call.ts';
import type { DrawBuffers } from '../model/simulate-block.ts';
import type { PreparedRace } from '../model/prepare-race.ts';
import { MODEL_VERSION } from '../model/parameters.ts';
import { inputKey } from '../pipeline/published-keys.ts';
import { tallyOutcomes, type OutcomeShares } from '../rules/tally-outcomes.ts';
import type { CountFile, Release } from '../schemas/count-file.ts';
import type { CandidateForecast, Forecast, Margin } from '../schemas/forecast.ts';
import { votesCounted } from '../schemas/votes-counted.ts';
import { summarizeDistribution } from './distribution-summary.ts';
import { marginHistogram } from './margin-histogram.ts';
import { pathsToVictory, type PathToVictory } from './path-to-victory.ts';
import { roundShare, roundVotes } from './rounding.ts';

/** What a forecast was computed from: it is recorded in the output as provenance. */
export interface ForecastContext {
  readonly countFile: CountFile;
  readonly releaseIndex: number;
  readonly seed: string;
  readonly draws: number;
  readonly inputHash: string;
}

const HISTOGRAM_BINS = 40;

/** Turns the draws of one forecast into the contract's forecast object, in a fixed key order. */
export function summarizeForecast(context: ForecastContext, race: PreparedRace, buffers: DrawBuffers): Forecast {
  const { countFile, releaseIndex, draws } = context;
  const release = countFile.releases[releaseIndex];
  const candidateCount = race.candidateCount;
  const totals = drawTotals(buffers.finalVotes, candidateCount);
  const outcomes = tallyOutcomes(buffers.finalVotes, candidateCount, countFile.race.rule);
  const votesByCandidate = countFile.race.candidates.map((_, index) => column(buffers.finalVotes, candidateCount, index));
  const expectedOutstanding = release.units.reduce((sum, unit) => sum + unit.outstanding.expected, 0);
  const paths = pathsToVictory(race.countedTotals, expectedOutstanding);
  const candidates = countFile.race.candidates.map((candidate, index) => ({
    ...candidateForecast(candidate, index, votesByCandidate[index], totals, outcomes, race),
    ...pathField(paths[index], countFile),
  }));
  const call = standingCall(countFile);
  const forecast: Forecast = {
    schemaVersion: 1,
    raceId: countFile.race.id,
    raceName: countFile.race.name,
    asOf: release.asOf,
    release: { index: releaseIndex, ...(release.label === undefined ? {} : { label: release.label }) },
    rule: countFile.race.rule,
    winProbabilityMeans: countFile.race.rule.kind === 'plurality' ? 'wins the race' : 'finishes first',
    draws,
    seed: context.seed,
    modelVersion: MODEL_VERSION,
    inputHash: context.inputHash,
    input: inputKey(countFile.race.id, context.inputHash),
    candidates,
    ...(outcomes.runoff === undefined ? {} : { runoffProbability: roundShare(outcomes.runoff) }),
    margin: marginSummary(countFile, votesByCandidate, totals),
    votesCounted: countedVotes(release),
    votesOutstanding: {
      expected: expectedOutstanding,
      ...summarizeDistribution(buffers.outstandingVotes, [0.05, 0.5, 0.95], roundVotes),
    } as Forecast['votesOutstanding'],
    monteCarloError: monteCarloError(outcomes, draws),
    // The desk's or the feed's call, shown beside the probabilities: nothing above depends on it.
    ...(call === undefined ? {} : { call }),
  };
  return forecast;
}

function candidateForecast(
  candidate: { id: string; name: string },
  index: number,
  votes: Float64Array,
  totals: Float64Array,
  outcomes: OutcomeShares,
  race: PreparedRace,
): CandidateForecast {
  const shares = sharesOf(votes, totals);
  return {
    id: candidate.id,
    name: candidate.name,
    winProbability: roundShare(outcomes.first[index]),
    ...(outcomes.outright === undefined ? {} : { outrightProbability: roundShare(outcomes.outright[index]) }),
    ...(outcomes.advance === undefined ? {} : { advanceProbability: roundShare(outcomes.advance[index]) }),
    voteShare: summarizeDistribution(shares, [0.05, 0.5, 0.95], roundShare) as CandidateForecast['voteShare'],
    votes: summarizeDistribution(votes, [0.05, 0.5, 0.95], roundVotes) as CandidateForecast['votes'],
    votesCounted: race.countedTotals[index],
  };
}

/** A trailing candidate's path to victory as the forecast states it, naming the leader by id. */
function pathField(path: PathToVictory | undefined, countFile: CountFile): Pick<CandidateForecast, 'pathToVictory'> {
  if (path === undefined) return {};
  const { leader, ...rest } = path;
  return { pathToVictory: { leader: countFile.race.candidates[leader].id, ...rest } };
}

/** Margin between the two candidates with the highest mean final vote (the earlier listed on a tie). */
function marginSummary(countFile: CountFile, votesByCandidate: readonly Float64Array[], totals: Float64Array): Margin {
  const sums = votesByCandidate.map(sumOf);
  const order = sums.map((_, index) => index).sort((a, b) => sums[b] - sums[a] || a - b);
  const [first, second] = [order[0], order[1]];
  const marginVotes = differenceOf(votesByCandidate[first], votesByCandidate[second]);
  const marginShares = sharesOf(marginVotes, totals);
  const probabilities = [0.05, 0.25, 0.5, 0.75, 0.95];
  return {
    between: [countFile.race.candidates[first].id, countFile.race.candidates[second].id],
    votes: summarizeDistribution(marginVotes, probabilities, roundVotes) as Margin['votes'],
    share: summarizeDistribution(marginShares, probabilities, roundShare) as Margin['share'],
    histogram: { of: 'share', ...marginHistogram(marginShares, HISTOGRAM_BINS, roundShare) },
  };
}

/** Largest binomial standard error, sqrt(p(1 − p) / draws), of any probability the forecast reports. */
function monteCarloError(outcomes: OutcomeShares, draws: number): number {
  const probabilities = [...outcomes.first, ...(outcomes.outright ?? []), ...(outcomes.advance ?? [])];
  if (outcomes.runoff !== undefined) probabilities.push(outcomes.runoff);
  const largest = Math.max(...probabilities.map((p) => Math.sqrt((p * (1 - p)) / draws)));
  return roundShare(largest);
}

/** A share of the race's votes; 0 in a race with no votes at all, rather than NaN. */
function shareOf(votes: number, total: number): number {
  return total > 0 ? votes / total : 0;
}

// Plain loops rather than typed arrays' map and reduce with closures, which took a third of a summary's time.

/** Each draw's value as a share of its total (see `shareOf`). */
function sharesOf(values: Float64Array, totals: Float64Array): Float64Array {
  const shares = new Float64Array(values.length);
  for (let draw = 0; draw < values.length; draw++) shares[draw] = shareOf(values[draw], totals[draw]);
  return shares;
}

/** Draw by draw, `values` minus `others`. */
function differenceOf(values: Float64Array, others: Float64Array): Float64Array {
  const difference = new Float64Array(values.length);
  for (let draw = 0; draw < values.length; draw++) difference[draw] = values[draw] - others[draw];
  return difference;
}

/** The plain sum, left to right (the order decides the last bit, so it stays). */
function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let draw = 0; draw < values.length; draw++) sum += values[draw];
  return sum;
}

function drawTotals(finalVotes: Float64Array, candidateCount: number): Float64Array {
  const totals = new Float64Array(finalVotes.length / candidateCount);
  for (let draw = 0; draw < totals.length; draw++) {
    for (let candidate = 0; candidate < candidateCount; candidate++) totals[draw] += finalVotes[draw * candidateCount + candidate];
  }
  return totals;
}

function column(finalVotes: Float64Array, candidateCount: number, candidate: number): Float64Array {
  const values = new Float64Array(finalVotes.length / candidateCount);
  for (let draw = 0; draw < values.length; draw++) values[draw] = finalVotes[draw * candidateCount + candidate];
  return values;
}

function countedVotes(release: Release): number {
  return release.units.reduce((sum, unit) => sum + votesCounted(unit), 0);
}
