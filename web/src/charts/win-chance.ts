import { formatPercent, formatShare, formatVotes } from '../../../core/summaries/number-format.ts';
import { colourOf, ruleKind } from '../candidates.ts';
import { chartFigure, dataTable, html, type ChartFigure } from '../dom.ts';
import type { CandidateForecast, Forecast } from '../published.ts';
import { calledBadge, callSentence, raceCallNote } from '../race-call.ts';

/** Races with more candidates than this list the long shots in a line instead of giving each a bar. */
const ALL_BARS_UP_TO = 4;
/** A long shot: finishes first and advances in fewer than 0.05% of draws (shown as '<0.1%' or '0.0%'). */
const LONG_SHOT = 0.0005;

/**
 * Each candidate's chance of winning (plurality) or of finishing first (majority, top-two), as bars in the
 * race's order, with the projected final share and its 90% range under each name. In a crowded race the
 * long shots are named in one line under the bars. A race call from the feed is shown above the bars and
 * on the called candidate's bar, beside the model's own chances.
 */
export function winChanceChart(forecast: Forecast): ChartFigure {
  const plurality = ruleKind(forecast) === 'plurality';
  const title = plurality ? 'Chance of winning' : 'Chance of finishing first';
  const longShots = forecast.candidates.length > ALL_BARS_UP_TO ? forecast.candidates.filter(isLongShot) : [];
  const barred = forecast.candidates.filter((candidate) => !longShots.includes(candidate));
  return chartFigure({
    id: 'win-chance',
    title,
    summary: winSummary(forecast),
    body: html('div', {}, [raceCallNote(forecast), html('ol', { class: 'bars' }, barred.map((candidate) => candidateBar(forecast, candidate)))]),
    note: longShots.length === 0 ? undefined : longShotNote(longShots),
    tables: [candidateTable(forecast, title)],
  });
}

const isLongShot = (candidate: CandidateForecast): boolean =>
  candidate.winProbability < LONG_SHOT && (candidate.advanceProbability ?? 0) < LONG_SHOT;

/** 'Also running, each with a chance under 0.1%: Kevin de León (final share 7.5%), …' */
function longShotNote(longShots: readonly CandidateForecast[]): string {
  const names = longShots.map((candidate) => `${candidate.name ?? candidate.id} (final share ${formatShare(candidate.voteShare.p50)}%)`);
  return `Also running, each with a chance under 0.1%: ${names.join(', ')}.`;
}

function candidateBar(forecast: Forecast, candidate: CandidateForecast): HTMLElement {
  const fill = html('span', { class: 'bar-fill' });
  fill.style.width = `${(candidate.winProbability * 100).toFixed(2)}%`;
  fill.style.backgroundColor = colourOf(forecast, candidate.id);
  const share = candidate.voteShare;
  return html('li', { class: 'bar-row' }, [
    html('span', { class: 'bar-name' }, [candidate.name ?? candidate.id, calledBadge(forecast, candidate)]),
    html('span', { class: 'bar-value', 'data-testid': 'win-probability', 'data-candidate': candidate.id }, [formatPercent(candidate.winProbability)]),
    html('span', { class: 'bar-track', 'aria-hidden': 'true' }, [fill]),
    html('span', { class: 'bar-detail' }, [`Final share ${formatShare(share.p50)}% (90%: ${formatShare(share.p05)}–${formatShare(share.p95)})`]),
  ]);
}

/** 'Karen Bass 56.6%, Rick Caruso 43.4%.', leaving out, and counting, candidates who won no draw. */
function winSummary(forecast: Forecast): string {
  const ranked = [...forecast.candidates].sort((a, b) => b.winProbability - a.winProbability);
  const listed = ranked.filter((candidate) => candidate.winProbability > 0);
  const others = ranked.length - listed.length;
  const text = listed.map((candidate) => `${candidate.name ?? candidate.id} ${formatPercent(candidate.winProbability)}`).join(', ');
  const chances = others === 0 ? `${text}.` : `${text}; ${others} other${others === 1 ? '' : 's'} 0.0%.`;
  return [chances, callSentence(forecast)].filter((sentence) => sentence !== '').join(' ');
}

/** Every number of the candidates, as the CLI's table shows them. */
function candidateTable(forecast: Forecast, title: string): HTMLElement {
  const kind = ruleKind(forecast);
  const head = ['Candidate', title, ...(kind === 'majority' ? ['Wins outright', 'Advances'] : kind === 'top-two' ? ['Top two'] : [])];
  head.push('Votes counted', 'Projected final share', '90% range of final share');
  const rows = forecast.candidates.map((candidate) => {
    const extra = kind === 'majority' ? [candidate.outrightProbability ?? 0, candidate.advanceProbability ?? 0] : kind === 'top-two' ? [candidate.advanceProbability ?? 0] : [];
    const share = candidate.voteShare;
    return [
      candidate.name ?? candidate.id,
      formatPercent(candidate.winProbability),
      ...extra.map(formatPercent),
      formatVotes(candidate.votesCounted ?? 0),
      `${formatShare(share.p50)}%`,
      `${formatShare(share.p05)}% to ${formatShare(share.p95)}%`,
    ];
  });
  return dataTable(`${title}, by candidate`, head, rows);
}
