import { NO_SEAT } from '../rules/seat-winners.ts';
import type { Election, Party } from '../schemas/count-file.ts';
import type { NightRace, NightSummary, PartySeats, SeatCounts } from '../schemas/night.ts';
import { roundShare } from '../summaries/rounding.ts';
import type { RaceOutcomes } from './race-outcomes.ts';

/**
 * Per draw, how many seats went to each "bucket": each party of the election, then candidates of no party,
 * then nobody (a runoff). `seats[bucket * draws + draw]`; `wins[race * buckets + bucket]` counts the draws in
 * which a race's seat went to the bucket.
 */
interface SeatTally {
  readonly buckets: number;
  readonly seats: Int32Array;
  readonly wins: Int32Array;
}

/**
 * Combines the per-draw outcomes of an election's races into seats per party, computed jointly over the
 * draws: draw k of every race saw the same shared swing, so the seats of draw k add up to one possible night.
 * Races are taken in race-id order, so the summary does not depend on the order (or the processes) in which
 * their outcomes were computed. Probabilities are shares of draws, rounded to 6 decimals.
 * @throws RangeError unless every race belongs to `election` and was run with one seed, draw count and model.
 */
export function summarizeNight(election: Election, outcomes: readonly RaceOutcomes[]): NightSummary {
  checkJointRuns(election, outcomes);
  const races = [...outcomes].sort((a, b) => (a.raceId < b.raceId ? -1 : 1));
  const { seed, draws, modelVersion } = races[0];
  const parties = electionParties(election, races);
  const tally = tallySeats(races, parties);
  const bucketSummary = (bucket: number) => seatCounts(tally, bucket, races.length, draws);
  const hasNoParty = races.some((race) => race.candidates.some((candidate) => candidate.party === undefined));
  const hasNoSeat = races.some((race) => race.rule.kind === 'majority');
  const summary: NightSummary = {
    schemaVersion: 1,
    electionId: election.id,
    electionName: election.name,
    seed,
    draws,
    modelVersion,
    races: races.map(nightRace),
    parties: parties.map((party, bucket) => ({ id: party.id, name: party.name, ...bucketSummary(bucket), ...correlation(tally, bucket, races.length, draws) })),
    ...(hasNoParty ? { noParty: bucketSummary(parties.length) } : {}),
    ...(hasNoSeat ? { noSeat: bucketSummary(parties.length + 1) } : {}),
    monteCarloError: 0,
  };
  return { ...summary, monteCarloError: monteCarloError(summary) };
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

/** Counts, for every draw, the seats of each party, of candidates of no party and of nobody. */
function tallySeats(races: readonly RaceOutcomes[], parties: readonly Party[]): SeatTally {
  const draws = races[0].draws;
  const buckets = parties.length + 2;
  const partyBucket = new Map(parties.map((party, index) => [party.id, index]));
  const seats = new Int32Array(buckets * draws);
  const wins = new Int32Array(races.length * buckets);
  races.forEach((race, raceIndex) => {
    // The bucket of each candidate, then of nobody, so that a winner index reads its bucket directly.
    const candidateBucket = race.candidates.map((candidate) => partyBucket.get(candidate.party ?? '') ?? parties.length);
    for (let draw = 0; draw < draws; draw++) {
      const winner = race.seatWinners[draw];
      const bucket = winner === NO_SEAT ? parties.length + 1 : candidateBucket[winner];
      seats[bucket * draws + draw]++;
      wins[raceIndex * buckets + bucket]++;
    }
  });
  return { buckets, seats, wins };
}

/** The distribution of one bucket's seat total over the draws: N = 0 to the number of races. */
function seatCounts(tally: SeatTally, bucket: number, raceCount: number, draws: number): SeatCounts {
  const counts = new Float64Array(raceCount + 1);
  let total = 0;
  for (let draw = 0; draw < draws; draw++) {
    const seats = tally.seats[bucket * draws + draw];
    counts[seats]++;
    total += seats;
  }
  const atLeast = new Float64Array(raceCount + 1);
  for (let seats = raceCount, tail = 0; seats >= 0; seats--) atLeast[seats] = (tail += counts[seats]);
  const mostLikely = Array.from(counts.keys())
    .filter((seats) => counts[seats] > 0)
    .sort((a, b) => counts[b] - counts[a] || a - b)
    .slice(0, 3)
    .map((seats) => ({ seats, probability: roundShare(counts[seats] / draws) }));
  return {
    expectedSeats: roundShare(total / draws),
    distribution: Array.from(counts, (count) => roundShare(count / draws)),
    atLeast: Array.from(atLeast, (count) => roundShare(count / draws)),
    mostLikely,
  };
}

/**
 * How far a party's seat total is from what independent races would give. With S = Σ X_i, X_i = 1 when
 * race i's seat goes to the party (p_i of the draws), Var(S) = Σ Var(X_i) + Σ_{i≠j} Cov(X_i, X_j), so
 * - varianceRatio = Var(S) / Σ p_i(1 − p_i): 1 for independent races, above 1 when they move together;
 * - meanCorrelation = Σ_{i≠j} Cov / Σ_{i≠j} sd_i·sd_j = (Var(S) − Σ Var) / ((Σ sd)² − Σ Var): the pairs'
 *   correlations averaged with weights sd_i·sd_j (uncertain races count most).
 * All moments are over the draws (divided by the number of draws).
 */
function correlation(tally: SeatTally, bucket: number, raceCount: number, draws: number): Pick<PartySeats, 'varianceRatio' | 'meanCorrelation'> {
  let sumVariance = 0;
  let sumSd = 0;
  let uncertainRaces = 0;
  for (let race = 0; race < raceCount; race++) {
    const p = tally.wins[race * tally.buckets + bucket] / draws;
    sumVariance += p * (1 - p);
    sumSd += Math.sqrt(p * (1 - p));
    if (p > 0 && p < 1) uncertainRaces++;
  }
  let sum = 0;
  let sumSquares = 0;
  for (let draw = 0; draw < draws; draw++) {
    const seats = tally.seats[bucket * draws + draw];
    sum += seats;
    sumSquares += seats * seats;
  }
  const mean = sum / draws;
  const variance = Math.max(0, sumSquares / draws - mean * mean);
  return {
    ...(sumVariance > 0 ? { varianceRatio: roundShare(variance / sumVariance) } : {}),
    ...(uncertainRaces >= 2 ? { meanCorrelation: roundShare((variance - sumVariance) / (sumSd * sumSd - sumVariance)) } : {}),
  };
}

/** One race's chances: each candidate's share of draws taking the seat, and of nobody taking it. */
function nightRace(race: RaceOutcomes): NightRace {
  const counts = new Float64Array(race.candidates.length);
  let noSeat = 0;
  for (const winner of race.seatWinners) {
    if (winner === NO_SEAT) noSeat++;
    else counts[winner]++;
  }
  return {
    raceId: race.raceId,
    raceName: race.raceName,
    rule: race.rule,
    asOf: race.asOf,
    releaseIndex: race.releaseIndex,
    inputHash: race.inputHash,
    candidates: race.candidates.map((candidate, index) => ({ ...candidate, seatProbability: roundShare(counts[index] / race.draws) })),
    ...(race.rule.kind === 'majority' ? { noSeatProbability: roundShare(noSeat / race.draws) } : {}),
  };
}

/** Largest sqrt(p(1 − p) / draws) over every probability the summary reports. */
function monteCarloError(summary: NightSummary): number {
  const probabilities = [
    ...summary.races.flatMap((race) => [...race.candidates.map((candidate) => candidate.seatProbability), race.noSeatProbability ?? 0]),
    ...[...summary.parties, summary.noParty, summary.noSeat].flatMap((counts) => [...(counts?.distribution ?? []), ...(counts?.atLeast ?? [])]),
  ];
  return roundShare(Math.max(...probabilities.map((p) => Math.sqrt((p * (1 - p)) / summary.draws))));
}
