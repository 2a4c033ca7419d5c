import type { CandidateForecast, Forecast } from '../../core/schemas/index.ts';
import { formatPercent, formatShare, formatSignedPoints, formatSignedVotes, formatVotes } from '../../core/summaries/number-format.ts';
import { plainTable } from './plain-table.ts';
import { printable } from './printable.ts';

/** The human-readable forecast: a header, a candidate table, the margin and the count. */
export function formatForecastTable(forecast: Forecast): string {
  const release = forecast.release === undefined ? '' : ` (release ${forecast.release.index + 1})`;
  const lines = [
    `${printable(forecast.raceName ?? forecast.raceId)}, as of ${printable(forecast.asOf)}${release}`,
    `${formatVotes(forecast.draws)} draws, seed ${printable(forecast.seed)}, model ${printable(forecast.modelVersion)}; ` +
      `Monte Carlo error ±${formatShare(forecast.monteCarloError)} pts`,
    '',
    candidateTable(forecast),
    '',
    marginLine(forecast),
  ];
  if (forecast.runoffProbability !== undefined) {
    lines.push(`Runoff (nobody above the threshold): ${formatPercent(forecast.runoffProbability)}`);
  }
  lines.push(countLine(forecast));
  const needs = needsLine(forecast);
  if (needs !== undefined) lines.push(needs);
  if (forecast.call !== undefined) lines.push(callLine(forecast, forecast.call));
  return `${lines.join('\n')}\n`;
}

/** The desk's or the feed's race call, with the desk's note, beside (never instead of) the model's probabilities. */
function callLine(forecast: Forecast, call: NonNullable<Forecast['call']>): string {
  const who = call.source === 'desk' ? 'Desk call' : 'Race call';
  const note = call.note === undefined || call.note === '' ? '' : `: "${printable(call.note)}"`;
  return `${who}: ${printable(call.by)} called it for ${candidateName(forecast, call.candidate)} at ${printable(call.at)}${note} (the probabilities above are the model's own)`;
}

/** The name of a candidate of the forecast, or its id, safe to print on a terminal. */
export function candidateName(forecast: Forecast, id: string): string {
  return printable(forecast.candidates.find((candidate) => candidate.id === id)?.name ?? id);
}

function candidateTable(forecast: Forecast): string {
  const kind = forecast.rule?.kind ?? 'plurality';
  const head = ['Candidate', 'Counted', kind === 'plurality' ? 'Win' : 'First'];
  if (kind === 'majority') head.push('Outright', 'Advance');
  if (kind === 'top-two') head.push('Top two');
  head.push('Final share (90% range)');
  const paths = forecast.candidates.some((candidate) => candidate.pathToVictory !== undefined);
  if (paths) head.push('Needs');
  return plainTable(head, forecast.candidates.map((candidate) => [...candidateRow(candidate, kind), ...(paths ? [needs(candidate)] : [])]));
}

/** The share of the outstanding votes a trailing candidate needs to draw level; '—' for the leader. */
function needs(candidate: CandidateForecast): string {
  const path = candidate.pathToVictory;
  if (path === undefined) return '—';
  return path.reachable ? `${formatShare(path.shareNeeded)}%` : 'out of reach';
}

/** What the Needs column means, under the table's last line; undefined when no candidate has a path. */
function needsLine(forecast: Forecast): string | undefined {
  const path = forecast.candidates.find((candidate) => candidate.pathToVictory !== undefined)?.pathToVictory;
  if (path === undefined) return undefined;
  return (
    `Needs: share of the ${formatVotes(forecast.votesOutstanding?.expected ?? 0)} votes still expected that draws level with ` +
    `${candidateName(forecast, path.leader)} (most votes counted), if the others keep their counted share`
  );
}

function candidateRow(candidate: CandidateForecast, kind: string): string[] {
  const row = [candidate.name ?? candidate.id, formatVotes(candidate.votesCounted ?? 0), formatPercent(candidate.winProbability)];
  if (kind === 'majority') {
    row.push(formatPercent(candidate.outrightProbability ?? 0), formatPercent(candidate.advanceProbability ?? 0));
  }
  if (kind === 'top-two') row.push(formatPercent(candidate.advanceProbability ?? 0));
  const share = candidate.voteShare;
  row.push(`${formatShare(share.p50)}% (${formatShare(share.p05)}–${formatShare(share.p95)})`);
  return row;
}

function marginLine(forecast: Forecast): string {
  const { between, share, votes } = forecast.margin;
  return (
    `Margin, ${candidateName(forecast, between[0])} over ${candidateName(forecast, between[1])}: ` +
    `${formatSignedPoints(share.p50)} pts (90%: ${formatSignedPoints(share.p05)} to ${formatSignedPoints(share.p95)}), ` +
    `${formatSignedVotes(votes.p50)} votes (${formatSignedVotes(votes.p05)} to ${formatSignedVotes(votes.p95)})`
  );
}

function countLine(forecast: Forecast): string {
  const outstanding = forecast.votesOutstanding;
  if (forecast.votesCounted === undefined || outstanding === undefined) return '';
  return (
    `Votes counted ${formatVotes(forecast.votesCounted)}; outstanding: estimate ${formatVotes(outstanding.expected)}, ` +
    `drawn 90% range ${formatVotes(outstanding.p05)}–${formatVotes(outstanding.p95)}`
  );
}
