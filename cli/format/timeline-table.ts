import type { Forecast } from '../../core/schemas/index.ts';
import { candidateName } from './forecast-table.ts';
import { formatPercent, formatSignedPoints, formatVotes } from '../../core/summaries/number-format.ts';
import { plainTable } from './plain-table.ts';
import { printable } from './printable.ts';

const MAX_CANDIDATE_COLUMNS = 4;

/**
 * A replay as a timeline, one row per release: the counted margin, the chances of the candidates who
 * ever had at least 1%, and the projected final margin with its 90% range.
 */
export function formatTimelineTable(forecasts: readonly Forecast[]): string {
  const first = forecasts[0];
  const shown = candidatesWorthShowing(forecasts);
  const kind = first.rule?.kind ?? 'plurality';
  const head = ['#', 'As of', 'Counted margin', ...shown.map((id) => `${candidateName(first, id)} ${kind === 'plurality' ? 'win' : 'first'}`)];
  if (kind === 'majority') head.push('Runoff');
  head.push('Projected margin (90% range)');
  const calls = forecasts.some((forecast) => forecast.call !== undefined);
  if (calls) head.push('Race call');
  const rows = forecasts.map((forecast) => [...timelineRow(forecast, shown, kind), ...(calls ? [callCell(forecast)] : [])]);
  const title = `${printable(first.raceName ?? first.raceId)}: ${forecasts.length} releases, ${formatVotes(first.draws)} draws each, seed ${printable(first.seed)}, model ${printable(first.modelVersion)}`;
  return `${title}\n\n${plainTable(head, rows, 3)}\n`;
}

function timelineRow(forecast: Forecast, shown: readonly string[], kind: string): string[] {
  const chances = shown.map((id) => formatPercent(forecast.candidates.find((candidate) => candidate.id === id)?.winProbability ?? 0));
  const row = [String((forecast.release?.index ?? 0) + 1), forecast.asOf, countedMargin(forecast), ...chances];
  if (kind === 'majority') row.push(formatPercent(forecast.runoffProbability ?? 0));
  const { between, share } = forecast.margin;
  const leader = candidateName(forecast, between[0]);
  row.push(`${leader} ${formatSignedPoints(share.p50)} (${formatSignedPoints(share.p05)} to ${formatSignedPoints(share.p95)})`);
  return row;
}

/** Who the feed had called the race for at this release ("AP: Bass"), or nothing. */
function callCell(forecast: Forecast): string {
  return forecast.call === undefined ? '' : `${printable(forecast.call.by)}: ${candidateName(forecast, forecast.call.candidate)}`;
}

/** The counted leader and their lead in votes over the runner-up. */
function countedMargin(forecast: Forecast): string {
  const byCount = [...forecast.candidates].sort((a, b) => (b.votesCounted ?? 0) - (a.votesCounted ?? 0));
  const lead = (byCount[0].votesCounted ?? 0) - (byCount[1].votesCounted ?? 0);
  return `${byCount[0].name ?? byCount[0].id} +${formatVotes(lead)}`;
}

/**
 * The candidates to show, in the race's order: those whose chance reached 1% at some release, at most four,
 * and always the top two (by best chance, then by the last release's expected share).
 */
function candidatesWorthShowing(forecasts: readonly Forecast[]): string[] {
  const best = new Map<string, number>();
  for (const forecast of forecasts) {
    for (const candidate of forecast.candidates) {
      best.set(candidate.id, Math.max(best.get(candidate.id) ?? 0, candidate.winProbability));
    }
  }
  const lastShare = new Map(forecasts.at(-1)!.candidates.map((candidate) => [candidate.id, candidate.voteShare.mean]));
  const ranked = [...best.entries()]
    .sort((a, b) => b[1] - a[1] || (lastShare.get(b[0]) ?? 0) - (lastShare.get(a[0]) ?? 0))
    .slice(0, MAX_CANDIDATE_COLUMNS);
  const kept = new Set(ranked.filter(([, chance], index) => chance >= 0.01 || index < 2).map(([id]) => id));
  return forecasts[0].candidates.map((candidate) => candidate.id).filter((id) => kept.has(id));
}
