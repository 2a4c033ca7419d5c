import { callerName } from '../../../core/desk/caller-name.ts';
import type { Forecast, NightRace, NightSummary } from './night-documents.ts';

/** What the page holds of a race's latest.json. */
export type ForecastState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'missing' }
  | { readonly kind: 'bad'; readonly problem: string }
  | { readonly kind: 'ready'; readonly forecast: Forecast };

/** Whose a seat chance is: a party of the summary (by its position there), a candidate of none, or nobody. */
export type SeatHolder = { readonly kind: 'party'; readonly index: number; readonly id: string } | { readonly kind: 'no-party' } | { readonly kind: 'no-seat' };

export interface SeatChance {
  /** The candidate's name, with the party's in brackets, or 'Runoff'. */
  readonly label: string;
  readonly holder: SeatHolder;
  /** Share of draws in which this candidate (or nobody) takes the seat, in [0, 1]. */
  readonly probability: number;
}

/** The projected final margin of the top two, as shares of all votes: `first` minus `second`. */
export interface RowMargin {
  readonly first: string;
  readonly second: string;
  readonly p05: number;
  readonly p50: number;
  readonly p95: number;
}

/** A called race's call, for the row: whom for, who called it, and the model's own chance beside it. */
export interface RowCall {
  readonly candidate: string;
  /** Who called it, as the page shows it (`callerName`). */
  readonly by: string;
  /** "desk" for the newsroom desk's own call, "feed" for the feed's. */
  readonly source: 'desk' | 'feed';
  /** The model's chance of the called candidate, all draws unweighted, in [0, 1]. */
  readonly modelProbability: number | undefined;
}

/** One race as a row of the night's table. */
export interface RaceRow {
  readonly raceId: string;
  readonly raceName: string;
  readonly asOf: string;
  readonly releaseIndex: number;
  /** The standing call, when the race is called: the summary counts it as decided. */
  readonly call: RowCall | undefined;
  /** Every candidate's chance of the seat (and a runoff's, in majority races), most likely first. */
  readonly chances: readonly SeatChance[];
  /** The favourite's chance, chances[0]: lowest in the closest races. */
  readonly topChance: number;
  /** Lower case text a search matches: the race's name and id and its candidates' names. */
  readonly searchText: string;
  /** From latest.json, once read: undefined before, or if the forecast has none. */
  readonly margin: RowMargin | undefined;
  /** Votes counted over counted plus the office's expected outstanding, in [0, 1]. */
  readonly countedShare: number | undefined;
  readonly forecast: ForecastState;
}

/** Every race of the summary as a row, with what the page holds of its forecast (loading until read). */
export function raceRows(summary: NightSummary, forecasts: ReadonlyMap<string, ForecastState>): RaceRow[] {
  return summary.races.map((race) => raceRow(summary, race, forecasts.get(race.raceId) ?? { kind: 'loading' }));
}

export function raceRow(summary: NightSummary, race: NightRace, forecast: ForecastState): RaceRow {
  const chances = seatChances(summary, race);
  const ready = forecast.kind === 'ready' ? forecast.forecast : undefined;
  return {
    raceId: race.raceId,
    raceName: race.raceName,
    asOf: race.asOf,
    releaseIndex: race.releaseIndex,
    call: rowCall(race),
    chances,
    topChance: chances[0]?.probability ?? 0,
    searchText: [race.raceName, race.raceId, ...race.candidates.map((candidate) => candidate.name)].join(' ').toLowerCase(),
    margin: ready === undefined ? undefined : rowMargin(ready),
    countedShare: ready === undefined ? undefined : countedShare(ready),
    forecast,
  };
}

function rowCall(race: NightRace): RowCall | undefined {
  const call = race.call;
  const called = call === undefined ? undefined : race.candidates.find((candidate) => candidate.id === call.candidate);
  if (call === undefined || called === undefined) return undefined;
  return { candidate: called.name, by: callerName(call.by), source: call.source ?? 'feed', modelProbability: called.modelSeatProbability };
}

/** The race's seat chances, most likely first (ties in the race's order), a runoff last among equals. */
function seatChances(summary: NightSummary, race: NightRace): SeatChance[] {
  const partyIndex = new Map(summary.parties.map((party, index) => [party.id, index]));
  const chances: SeatChance[] = race.candidates.map((candidate) => {
    const index = candidate.party === undefined ? undefined : partyIndex.get(candidate.party);
    const party = index === undefined ? undefined : summary.parties[index];
    return {
      label: party === undefined ? candidate.name : `${candidate.name} (${party.name})`,
      holder: party === undefined || index === undefined ? { kind: 'no-party' } : { kind: 'party', index, id: party.id },
      probability: candidate.seatProbability,
    };
  });
  if (race.noSeatProbability !== undefined) chances.push({ label: 'Runoff', holder: { kind: 'no-seat' }, probability: race.noSeatProbability });
  return chances.map((chance, order) => ({ chance, order })).sort((a, b) => b.chance.probability - a.chance.probability || a.order - b.order).map(({ chance }) => chance);
}

/** The forecast's margin with its candidates' names. */
function rowMargin(forecast: Forecast): RowMargin {
  const name = (id: string) => forecast.candidates.find((candidate) => candidate.id === id)?.name ?? id;
  const { between, share } = forecast.margin;
  return { first: name(between[0]), second: name(between[1]), p05: share.p05, p50: share.p50, p95: share.p95 };
}

/**
 * The share of the expected total counted: counted / (counted + expected outstanding); 1 when nothing is
 * expected at all, undefined for a forecast without counts.
 * @example countedShare({ votesCounted: 600, votesOutstanding: { expected: 400, … } }) // 0.6
 */
export function countedShare(forecast: Pick<Forecast, 'votesCounted' | 'votesOutstanding'>): number | undefined {
  const counted = forecast.votesCounted;
  const outstanding = forecast.votesOutstanding?.expected;
  if (counted === undefined || outstanding === undefined) return undefined;
  const total = counted + outstanding;
  return total === 0 ? 1 : counted / total;
}
