import type { CountFile, Forecast, NightSummary } from '../../core/schemas/index.ts';
import { nightPublisher, type NightPublisher } from '../../scripts/night-page/night-publisher.ts';
import { nightRace, TEST_NIGHT } from '../fixtures/night-races.ts';

// The night of the night page's browser tests: eight races of the test election, two parties, one
// independent, one majority-rule race. Forecasts and summary come from the real code (runNightRaces,
// summarizeNight), published as the service will publish them.

/** `countFile` with one more release, later, with these counts for its one unit. */
function withRelease(countFile: CountFile, counted: readonly number[], outstanding: number): CountFile {
  const [first] = countFile.releases;
  const unit = first.units[0];
  const ids = Object.keys(unit.counted);
  const next = { asOf: '2024-11-06T02:00:00-08:00', units: [{ ...unit, counted: Object.fromEntries(ids.map((id, index) => [id, counted[index]])), outstanding: { expected: outstanding } }] };
  return { ...countFile, releases: [...countFile.releases, next] };
}

/** The desk's call of the test night: hills, still open (20,000 votes out), for its Democrat. */
export const HILLS_CALL = { candidate: 'd', by: 'Night desk', at: '2024-11-05T23:00:00-08:00', note: 'Called on the county\'s own count.' };

/** A majority-rule race with a Democrat, a Republican and an independent. */
function majorityRace(id: string): CountFile {
  const countFile = nightRace(id, { counted: [4000, 3800, 2500], outstanding: 6000 });
  return { ...countFile, race: { ...countFile.race, rule: { kind: 'majority' } } };
}

export const NIGHT_RACES: readonly CountFile[] = [
  // North has a second release: the Democrat pulls ahead, for the test of an update.
  withRelease(nightRace('north', { counted: [5000, 4900], outstanding: 10_000 }), [9000, 7000], 4000),
  nightRace('south', { counted: [4800, 5000], outstanding: 10_000 }),
  nightRace('east', { counted: [5100, 4950, 600], outstanding: 12_000 }),
  nightRace('west', { counted: [4700, 4650], outstanding: 8000 }),
  nightRace('valley', { counted: [9000, 6000], outstanding: 3000 }),
  nightRace('harbor', { counted: [3000, 7000], outstanding: 2000 }),
  // Hills is called by the desk: the summary counts it as decided, the page says so beside the model's chance.
  { ...nightRace('hills', { counted: [6000, 5600], outstanding: 20_000 }), desk: { calls: [HILLS_CALL] } },
  majorityRace('central'),
];

export const ELECTION = TEST_NIGHT;

/** The publisher of the test night, with every race published at its first release. */
export async function publishFirstReleases(): Promise<{ publisher: NightPublisher; summary: NightSummary; forecasts: Map<string, Forecast> }> {
  const publisher = nightPublisher(ELECTION, { seed: 'night-page-e2e', draws: 4000 });
  const published = await publisher.publish(NIGHT_RACES.map((countFile) => ({ countFile, releaseIndex: 0 })));
  return { publisher, summary: published.summary, forecasts: new Map(published.forecasts.map((forecast) => [forecast.raceId, forecast])) };
}

/** Publishes north's second release, the others unchanged. */
export async function publishNorthUpdate(publisher: NightPublisher) {
  return publisher.publish(NIGHT_RACES.map((countFile) => ({ countFile, releaseIndex: countFile.race.id === 'north' ? 1 : 0 })));
}

/** The favourite's chance of a race of the summary: its largest seat chance, a runoff's included. */
export function topChance(summary: NightSummary, raceId: string): number {
  const race = summary.races.find((candidate) => candidate.raceId === raceId)!;
  return Math.max(...race.candidates.map((candidate) => candidate.seatProbability), race.noSeatProbability ?? 0);
}

/** The favourite's party id ('no-seat' for a runoff, 'no-party' for a candidate of none). */
export function favouriteParty(summary: NightSummary, raceId: string): string {
  const race = summary.races.find((candidate) => candidate.raceId === raceId)!;
  const best = [...race.candidates].sort((a, b) => b.seatProbability - a.seatProbability)[0];
  if ((race.noSeatProbability ?? 0) > best.seatProbability) return 'no-seat';
  return best.party === undefined ? 'no-party' : `party:${best.party}`;
}

/** Counted over counted plus expected outstanding. */
export const countedShareOf = (forecast: Forecast): number => forecast.votesCounted! / (forecast.votesCounted! + forecast.votesOutstanding!.expected);
