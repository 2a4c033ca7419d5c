import * as z from 'zod';
import { RuleSchema } from './count-file.ts';
import { ForecastCallSchema } from './forecast.ts';
import { IdSchema } from './ids.ts';

const Probability = z.number().min(0).max(1);

const OutcomeCandidateSchema = z
  .object({ id: IdSchema, name: z.string(), party: z.string().optional() })
  .meta({ id: 'OutcomeCandidate', description: 'A candidate of the race, with its party as the count file gives it.' });

/**
 * One race's outcome in every draw of a run, as a separate document beside its forecast (the forecast
 * itself is unchanged). `summarizeNight` combines the documents of an election's races: draw k of each race
 * saw the same shared swing, so the seat totals of draw k are one joint outcome of the night.
 */
export const RaceOutcomesDocumentSchema = z
  .object({
    schemaVersion: z.literal(1),
    raceId: IdSchema,
    raceName: z.string(),
    electionId: IdSchema,
    rule: RuleSchema,
    asOf: z.string().describe('The release forecast, as an ISO 8601 date-time.'),
    releaseIndex: z.number().int().nonnegative(),
    seed: z.string(),
    draws: z.number().int().positive(),
    modelVersion: z.string(),
    inputHash: z.string().startsWith('sha256:'),
    candidates: z.array(OutcomeCandidateSchema),
    call: ForecastCallSchema.optional().describe("The call standing at this release (the desk's, else the feed's): the summary gives the race's seat to this candidate in every draw."),
    seatWinners: z
      .base64()
      .describe(
        'Per draw, the index in `candidates` of the candidate who takes the seat, or -1 when nobody does (a majority race going to a runoff): 16-bit signed little-endian integers, base64.',
      ),
  })
  .meta({ id: 'RaceOutcomes', description: "One race's seat winner in every draw of a forecast run." });

const SeatCountsSchema = z
  .object({
    expectedSeats: z.number().nonnegative().describe('Mean number of seats over the draws.'),
    distribution: z.array(Probability).describe('Index N: share of draws with exactly N seats, for N = 0 to the number of races.'),
    atLeast: z.array(Probability).describe('Index N: share of draws with N seats or more.'),
    mostLikely: z
      .array(z.object({ seats: z.number().int().nonnegative(), probability: Probability }))
      .describe('The three most likely seat counts (fewer if fewer occur), most likely first.'),
  })
  .meta({ id: 'SeatCounts' });

export const PartySeatsSchema = SeatCountsSchema.extend({
  id: z.string().describe("The party's id, as candidates' `party` names it."),
  name: z.string(),
  varianceRatio: z
    .number()
    .nonnegative()
    .optional()
    .describe("Variance of the party's seat total over the variance independent races would give, Σ p(1 − p); absent when that is 0."),
  meanCorrelation: z
    .number()
    .optional()
    .describe(
      "How correlated the races' outcomes were for this party: Σ over pairs of races of cov / Σ over pairs of sd × sd, of the indicators \"race i's seat goes to the party\". 0 for independent races; absent with fewer than two uncertain races.",
    ),
}).meta({ id: 'PartySeats' });

export const NightRaceSchema = z
  .object({
    raceId: IdSchema,
    raceName: z.string(),
    rule: RuleSchema,
    asOf: z.string(),
    releaseIndex: z.number().int().nonnegative(),
    inputHash: z.string(),
    call: ForecastCallSchema.optional().describe("The call standing at this release (the desk's, else the feed's): the race is decided."),
    candidates: z.array(
      OutcomeCandidateSchema.extend({
        seatProbability: Probability.describe('Share of draws in which the candidate takes the seat, weighted by the calls; 1 for the called candidate of a called race.'),
        modelSeatProbability: Probability.optional().describe("Called races: the model's own chance, over all draws unweighted, shown beside the call."),
      }),
    ),
    noSeatProbability: Probability.optional().describe('Majority races: share of draws in which nobody wins outright (a runoff).'),
  })
  .meta({ id: 'NightRace' });

export const NightSummarySchema = z
  .object({
    schemaVersion: z.literal(1),
    electionId: IdSchema,
    electionName: z.string(),
    seed: z.string(),
    draws: z.number().int().positive(),
    modelVersion: z.string(),
    races: z.array(NightRaceSchema).describe('Every race of the summary, ordered by race id.'),
    parties: z.array(PartySeatsSchema).describe("Seats won by each party: the election's parties in their order, or the candidates' parties in code-unit order."),
    noParty: SeatCountsSchema.optional().describe('Seats won by candidates of no party; present when a race has such a candidate.'),
    noSeat: SeatCountsSchema.optional().describe('Races where nobody takes the seat tonight (a runoff); present when a race has the majority rule.'),
    calls: z
      .object({
        calledRaces: z.number().int().positive().describe('Races with a standing call (the desk\'s or the feed\'s).'),
        contradictionWeight: Probability.describe('ε: a draw counts ε^m, m being the number of called races whose drawn winner contradicts the call.'),
        effectiveDraws: z.number().positive().describe("Kish's effective number of draws of the weighted draws, (Σw)² / Σw², to one decimal."),
      })
      .optional()
      .describe('How the calls weighted the draws; present when a race is called. See docs/model.md, "Calls in the night\'s summary".'),
    monteCarloError: z.number().nonnegative().describe('Largest standard error of any reported probability, from the (effective) number of draws.'),
  })
  .meta({
    id: 'NightSummary',
    description: "The seats each party wins over the races of one election, computed jointly over the draws (ballotcast night).",
  });

export type RaceOutcomesDocument = z.infer<typeof RaceOutcomesDocumentSchema>;
export type SeatCounts = z.infer<typeof SeatCountsSchema>;
export type PartySeats = z.infer<typeof PartySeatsSchema>;
export type NightRace = z.infer<typeof NightRaceSchema>;
export type NightSummary = z.infer<typeof NightSummarySchema>;
