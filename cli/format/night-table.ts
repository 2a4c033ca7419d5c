import type { Forecast, NightRace, NightSummary, PartySeats } from '../../core/schemas/index.ts';
import { formatPercent, formatShare, formatVotes } from '../../core/summaries/number-format.ts';
import { plainTable } from './plain-table.ts';
import { printable } from './printable.ts';

/** P(at least N) is shown for the seat counts N where some party's chance is within these bounds. */
const INTERESTING = [0.005, 0.995] as const;

/**
 * The human-readable night: a header, each party's expected and most likely seats, the chances of at least
 * N seats for the N still in doubt, how far the races moved together, and each race's chances.
 * `forecasts` are the races' forecasts, for their count so far.
 */
export function formatNightTable(summary: NightSummary, forecasts: readonly Forecast[]): string {
  const lines = [
    `${printable(summary.electionName)} (election ${printable(summary.electionId)}): ${summary.races.length} races`,
    `${formatVotes(summary.draws)} draws, seed ${printable(summary.seed)}, model ${printable(summary.modelVersion)}; ` +
      `Monte Carlo error ±${formatShare(summary.monteCarloError)} pts`,
    ...callsLine(summary),
    '',
    partyTable(summary),
    '',
    atLeastTable(summary),
    '',
    ...correlationLines(summary.parties),
    '',
    raceTable(summary.races, forecasts),
  ];
  // Tables whose last column is left-aligned pad it: trim what would trail each line.
  return `${lines.join('\n').replace(/ +$/gm, '')}\n`;
}

/** How many races are called, and what weighting the draws by the calls left of them. */
function callsLine(summary: NightSummary): string[] {
  if (summary.calls === undefined) return [];
  const { calledRaces, contradictionWeight, effectiveDraws } = summary.calls;
  return [
    `${calledRaces} ${calledRaces === 1 ? 'race is' : 'races are'} called and counted as decided; draws that contradict a call weigh ${contradictionWeight} per call, ` +
      `leaving ${formatVotes(Math.round(effectiveDraws))} effective draws`,
  ];
}

function partyTable(summary: NightSummary): string {
  const rows = summary.parties.map((party) => [party.name, party.expectedSeats.toFixed(2), mostLikely(party)]);
  if (summary.noParty !== undefined) rows.push(['No party', summary.noParty.expectedSeats.toFixed(2), mostLikely(summary.noParty)]);
  if (summary.noSeat !== undefined) rows.push(['Nobody yet (runoff)', summary.noSeat.expectedSeats.toFixed(2), mostLikely(summary.noSeat)]);
  return plainTable(['Party', 'Expected seats', 'Most likely'], rows, ['left', 'right', 'left']);
}

const mostLikely = (counts: Pick<PartySeats, 'mostLikely'>): string =>
  counts.mostLikely.map((entry) => `${entry.seats} (${formatPercent(entry.probability)})`).join(', ');

/** P(at least N seats) by party, for every N at which some party's chance is not yet all but settled. */
function atLeastTable(summary: NightSummary): string {
  const [low, high] = INTERESTING;
  const counts = Array.from({ length: summary.races.length }, (_, index) => index + 1).filter((seats) =>
    summary.parties.some((party) => party.atLeast[seats] >= low && party.atLeast[seats] <= high),
  );
  if (counts.length === 0) return 'Every party\'s seat count is settled in at least 99.5% of the draws.';
  const rows = counts.map((seats) => [`${seats}`, ...summary.parties.map((party) => formatPercent(party.atLeast[seats]))]);
  return plainTable(['Seats at least', ...summary.parties.map((party) => party.name)], rows, 0);
}

function correlationLines(parties: readonly PartySeats[]): string[] {
  const measured = parties.filter((party) => party.varianceRatio !== undefined);
  if (measured.length === 0) return ['No race is in doubt, so the races\' correlation cannot be measured.'];
  return [
    'How the races moved together (1× and 0 for independent races):',
    ...measured.map(
      (party) =>
        `  ${printable(party.name)}: seat-count variance ${party.varianceRatio!.toFixed(2)}× independent races'` +
        (party.meanCorrelation === undefined ? '' : `; mean correlation between races ${party.meanCorrelation.toFixed(2)}`),
    ),
  ];
}

/** Each race: its count so far and its candidates' chances of the seat, most likely first. */
function raceTable(races: readonly NightRace[], forecasts: readonly Forecast[]): string {
  const byRace = new Map(forecasts.map((forecast) => [forecast.raceId, forecast]));
  const rows = races.map((race) => {
    const forecast = byRace.get(race.raceId);
    return [race.raceName, race.asOf, counted(forecast), chances(race)];
  });
  return plainTable(['Race', 'As of', 'Counted', 'Chances of the seat'], rows, ['left', 'left', 'right', 'left']);
}

function counted(forecast: Forecast | undefined): string {
  const outstanding = forecast?.votesOutstanding?.expected;
  const votes = forecast?.votesCounted;
  if (votes === undefined || outstanding === undefined) return '';
  return votes + outstanding === 0 ? '100%' : `${Math.floor((votes / (votes + outstanding)) * 100)}%`;
}

function chances(race: NightRace): string {
  const called = race.call === undefined ? undefined : race.candidates.find((candidate) => candidate.id === race.call!.candidate);
  if (called !== undefined) {
    const model = called.modelSeatProbability === undefined ? '' : ` (model ${formatPercent(called.modelSeatProbability)})`;
    return `called for ${called.name} by ${printable(race.call!.by)}${model}`;
  }
  const entries = race.candidates
    .filter((candidate) => candidate.seatProbability >= 0.0005)
    .sort((a, b) => b.seatProbability - a.seatProbability)
    .slice(0, 3)
    .map((candidate) => `${candidate.name}${candidate.party === undefined ? '' : ` (${candidate.party})`} ${formatPercent(candidate.seatProbability)}`);
  if (race.noSeatProbability !== undefined && race.noSeatProbability >= 0.0005) entries.push(`runoff ${formatPercent(race.noSeatProbability)}`);
  return entries.join(', ');
}
