import { effectiveCount } from '../model/effective-count.ts';
import { NO_SEAT } from '../rules/seat-winners.ts';
import type { Election, Party } from '../schemas/count-file.ts';
import type { NightRace, NightSummary, PartySeats, SeatCounts } from '../schemas/night.ts';
import { roundShare } from '../summaries/rounding.ts';
import { calledIndex, CONTRADICTION_WEIGHT, drawWeights } from './call-weights.ts';
import type { RaceOutcomes } from './race-outcomes.ts';

/**
 * Per draw, how many seats went to each "bucket": each party of the election, then candidates of no party,
 * then nobody (a runoff). `seats[bucket * draws + draw]`; `wins[race * buckets + bucket]` is the weight of
 * the draws in which a race's seat went to the bucket. `weights` are the draws' weights given the calls
 * (all 1 without calls), `totalWeight` their sum, which every share is divided by.
 */
interface SeatTally {
  readonly buckets: number;
  readonly seats: Int32Array;
  readonly wins: Float64Array;
  readonly weights: Float64Array;
  readonly totalWeight: number;
}

/**
 * Combines the per-draw outcomes of an election's races into seats per party, computed jointly over the
 * draws: draw k of every race saw the same shared swing, so the seats of draw k add up to one possible night.
 * A called race is decided: its seat goes to the called candidate in every draw, and each draw is weighted
 * by how well it agrees with the calls (drawWeights), which conditions the shared swing on them.
 * Races are taken in race-id order, so the summary does not depend on the order (or the processes) in which
 * their outcomes were computed. Probabilities are (weighted) shares of draws, rounded to 6 decimals.
 * @throws RangeError unless every race belongs to `election` and was run with one seed, draw count and model.
 */
export function summarizeNight(election: Election, outcomes: readonly RaceOutcomes[]): NightSummary {
  checkJointRuns(election, outcomes);
  const races = [...outcomes].sort((a, b) => (a.raceId < b.raceId ? -1 : 1));
  const { seed, draws, modelVersion } = races[0];
  const parties = electionParties(election, races);
  const tally = tallySeats(races, parties, drawWeights(races, draws));
  const bucketSummary = (bucket: number) => seatCounts(tally, bucket, races.length, draws);
  const calledRaces = races.filter((race) => calledIndex(race) !== undefined).length;
  const effective = effectiveCount(tally.weights);
  const hasNoParty = races.some((race) => race.candidates.some((candidate) => candidate.party === undefined));
  const hasNoSeat = races.some((race) => race.rule.kind === 'majority');
  const summary: NightSummary = {
    schemaVersion: 1,
    electionId: election.id,
    electionName: election.name,
    seed,
    draws,
    modelVersion,
    ...(calledRaces === 0 ? {} : { calls: { calledRaces, contradictionWeight: CONTRADICTION_WEIGHT, effectiveDraws: Math.round(effective * 10) / 10 } }),
    races: races.map((race) => nightRace(race, tally)),
    parties: parties.map((party, bucket) => ({ id: party.id, name: party.name, ...bucketSummary(bucket), ...correlation(tally, bucket, races.length, draws) })),
    ...(hasNoParty ? { noParty: bucketSummary(parties.length) } : {}),
    ...(hasNoSeat ? { noSeat: bucketSummary(parties.length + 1) } : {}),
    monteCarloError: 0,
  };
  return { ...summary, monteCarloError: monteCarloError(summary, effective) };
}

/** Joint draws need one election, one seed, one draw count and one model, and each race once. */
function checkJointRuns(election: Election, outcomes: readonly RaceOutcomes[]): void {
  if (outcomes.length === 0) throw new RangeError('a night needs at least one race');
  const [first] = outcomes;
  const seen = new Set<string>();
  for (const race of outcomes) {
    const which = `race ${race.raceId}`;
    if (race.electionId !== election.id) throw new RangeError(`${which} belongs to election ${race.electionId}, not ${election.id}`);
    if (race.seed !== first.seed || race.draws !== first.draws || race.modelVersion !== first.modelVersion) {
      throw new RangeError(`${which} was run with seed ${race.seed}, ${race.draws} draws, model ${race.modelVersion}; race ${first.raceId} with seed ${first.seed}, ${first.draws} draws, model ${first.modelVersion}: draws are joint only within one run`);
    }
    if (race.seatWinners.length !== race.draws) throw new RangeError(`${which} has ${race.seatWinners.length} seat winners for ${race.draws} draws`);
    if (seen.has(race.raceId)) throw new RangeError(`${which} is given twice`);
    seen.add(race.raceId);
  }
}

/** The election's parties in its order, or else the candidates' parties in code-unit order, named by their ids. */
export function electionParties(election: Election, races: readonly RaceOutcomes[]): readonly Party[] {
  if (election.parties !== undefined) return election.parties;
  const ids = new Set(races.flatMap((race) => race.candidates.flatMap((candidate) => candidate.party ?? [])));
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((id) => ({ id, name: id }));
}

/** Counts, for every draw, the seats of each party, of candidates of no party and of nobody; a called race's go to its call. */
function tallySeats(races: readonly RaceOutcomes[], parties: readonly Party[], weights: Float64Array): SeatTally {
  const draws = races[0].draws;
  const buckets = parties.length + 2;
  const partyBucket = new Map(parties.map((party, index) => [party.id, index]));
  const seats = new Int32Array(buckets * draws);
  const wins = new Float64Array(races.length * buckets);
  races.forEach((race, raceIndex) => {
    // The bucket of each candidate, then of nobody, so that a winner index reads its bucket directly.
    const candidateBucket = race.candidates.map((candidate) => partyBucket.get(candidate.party ?? '') ?? parties.length);
    const called = calledIndex(race);
    for (let draw = 0; draw < draws; draw++) {
      const winner = called ?? race.seatWinners[draw];
      const bucket = winner === NO_SEAT ? parties.length + 1 : candidateBucket[winner];
      seats[bucket * draws + draw]++;
      wins[raceIndex * buckets + bucket] += weights[draw];
    }
  });
  return { buckets, seats, wins, weights, totalWeight: weights.reduce((sum, weight) => sum + weight, 0) };
}

/** The distribution of one bucket's seat total over the draws: N = 0 to the number of races. */
function seatCounts(tally: SeatTally, bucket: number, raceCount: number, draws: number): SeatCounts {
  const counts = new Float64Array(raceCount + 1);
  let total = 0;
  for (let draw = 0; draw < draws; draw++) {
    const seats = tally.seats[bucket * draws + draw];
    counts[seats] += tally.weights[draw];
    total += seats * tally.weights[draw];
  }
  const atLeast = new Float64Array(raceCount + 1);
  for (let seats = raceCount, tail = 0; seats >= 0; seats--) atLeast[seats] = (tail += counts[seats]);
  const mostLikely = Array.from(counts.keys())
    .filter((seats) => counts[seats] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, 3)
    .map((seats) => ({ seats, probability: roundShare(counts[seats] / tally.totalWeight) }));
  return {
    expectedSeats: roundShare(total / tally.totalWeight),
    distribution: Array.from(counts, (count) => roundShare(count / tally.totalWeight)),
    atLeast: Array.from(atLeast, (count) => roundShare(count / tally.totalWeight)),
    mostLikely,
  };
}

/**
 * How far a party's seat total is from what independent races would give. With S = Σ X_i, X_i = 1 when
 * race i's seat goes to the party (p_i of the draws), Var(S) = Σ Var(X_i) + Σ_{i≠j} Cov(X_i, X_j), so
 * - varianceRatio = Var(S) / Σ p_i(1 − p_i): 1 for independent races, above 1 when they move together;
 * - meanCorrelation = Σ_{i≠j} Cov / Σ_{i≠j} sd_i·sd_j = (Var(S) − Σ Var) / ((Σ sd)² − Σ Var): the pairs'
 *   correlations averaged with weights sd_i·sd_j (uncertain races count most).
 * All moments are over the draws, weighted by the calls (divided by the total weight).
 */
function correlation(tally: SeatTally, bucket: number, raceCount: number, draws: number): Pick<PartySeats, 'varianceRatio' | 'meanCorrelation'> {
  let sumVariance = 0;
  let sumSd = 0;
  let uncertainRaces = 0;
  for (let race = 0; race < raceCount; race++) {
    const p = tally.wins[race * tally.buckets + bucket] / tally.totalWeight;
    sumVariance += p * (1 - p);
    sumSd += Math.sqrt(p * (1 - p));
    if (p > 0 && p < 1) uncertainRaces++;
  }
  let sum = 0;
  let sumSquares = 0;
  for (let draw = 0; draw < draws; draw++) {
    const seats = tally.seats[bucket * draws + draw];
    sum += seats * tally.weights[draw];
    sumSquares += seats * tally.weights[draw] * seats;
  }
  const mean = sum / tally.totalWeight;
  const variance = Math.max(0, sumSquares / tally.totalWeight - mean * mean);
  return {
    ...(sumVariance > 0 ? { varianceRatio: roundShare(variance / sumVariance) } : {}),
    ...(uncertainRaces >= 2 ? { meanCorrelation: roundShare((variance - sumVariance) / (sumSd * sumSd - sumVariance)) } : {}),
  };
}

/**
 * One race's chances: each candidate's weighted share of draws taking the seat, and of nobody taking it. A
 * called race's seat is its call's; the model's own chances (all draws, unweighted) are shown beside it.
 */
function nightRace(race: RaceOutcomes, tally: SeatTally): NightRace {
  const called = calledIndex(race);
  const { counts, noSeat } = seatShares(race.seatWinners, race.candidates.length, called === undefined ? tally.weights : undefined);
  const total = called === undefined ? tally.totalWeight : race.draws;
  const share = (count: number) => roundShare(count / total);
  const candidates = race.candidates.map((candidate, index) =>
    called === undefined
      ? { ...candidate, seatProbability: share(counts[index]) }
      : { ...candidate, seatProbability: index === called ? 1 : 0, modelSeatProbability: share(counts[index]) },
  );
  return {
    raceId: race.raceId,
    raceName: race.raceName,
    rule: race.rule,
    asOf: race.asOf,
    releaseIndex: race.releaseIndex,
    inputHash: race.inputHash,
    ...(race.call === undefined ? {} : { call: race.call }),
    candidates,
    ...(race.rule.kind === 'majority' ? { noSeatProbability: called === undefined ? share(noSeat) : 0 } : {}),
  };
}

/** The (weighted) number of draws each candidate, and nobody, takes the seat; unweighted without weights. */
function seatShares(seatWinners: Int16Array, candidateCount: number, weights: Float64Array | undefined) {
  const counts = new Float64Array(candidateCount);
  let noSeat = 0;
  seatWinners.forEach((winner, draw) => {
    const weight = weights === undefined ? 1 : weights[draw];
    if (winner === NO_SEAT) noSeat += weight;
    else counts[winner] += weight;
  });
  return { counts, noSeat };
}

/**
 * Largest sqrt(p(1 − p) / n) over every probability the summary reports, with n the effective number of
 * draws given the calls (the number of draws without calls).
 */
function monteCarloError(summary: NightSummary, effectiveDraws: number): number {
  const probabilities = [
    ...summary.races.flatMap((race) => [...race.candidates.map((candidate) => candidate.seatProbability), race.noSeatProbability ?? 0]),
    ...[...summary.parties, summary.noParty, summary.noSeat].flatMap((counts) => [...(counts?.distribution ?? []), ...(counts?.atLeast ?? [])]),
  ];
  return roundShare(Math.max(...probabilities.map((p) => Math.sqrt((p * (1 - p)) / effectiveDraws))));
}
