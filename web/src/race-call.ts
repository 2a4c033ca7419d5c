import { callerName } from '../../core/desk/caller-name.ts';
import { formatAsOf } from './as-of.ts';
import { nameOf } from './candidates.ts';
import { html } from './dom.ts';
import type { CandidateForecast, Forecast } from './published.ts';

/**
 * The race call the forecast carries (a news organisation's, from the feed), in words for screen readers:
 * 'AP called the race for Karen Bass.' Empty without a call.
 */
export function callSentence(forecast: Forecast): string {
  const call = forecast.call;
  return call === undefined ? '' : `${callerName(call.by)} called the race for ${nameOf(forecast, call.candidate)}.`;
}

/**
 * The call beside the model's chances: the newsroom desk's own ("Desk call", with its note) or the feed's
 * ("Race call"), who called it, for whom and when (on the office's clock, as the forecast's own time), and
 * that the chances are the model's own, which the call never changes. Undefined without a call.
 */
export function raceCallNote(forecast: Forecast): HTMLElement | undefined {
  const call = forecast.call;
  if (call === undefined) return undefined;
  const note = call.note === undefined || call.note === '' ? [] : [html('span', { class: 'race-call-note', 'data-testid': 'race-call-note' }, [`“${call.note}” `])];
  return html('p', { class: 'race-call', 'data-testid': 'race-call', 'data-source': call.source ?? 'feed' }, [
    html('strong', {}, [call.source === 'desk' ? 'Desk call: ' : 'Race call: ']),
    html('span', { 'data-testid': 'race-call-by', title: call.by }, [callerName(call.by)]),
    ' called it for ',
    html('span', { 'data-testid': 'race-call-candidate' }, [nameOf(forecast, call.candidate)]),
    ', ',
    html('time', { datetime: call.at, 'data-testid': 'race-call-at' }, [formatAsOf(call.at)]),
    '. ',
    ...note,
    html('span', { class: 'race-call-aside' }, ["The chances are the model's own: the call does not change them."]),
  ]);
}

/** 'Called by AP' after the called candidate's name on its bar; undefined for the others. */
export function calledBadge(forecast: Forecast, candidate: CandidateForecast): HTMLElement | undefined {
  const call = forecast.call;
  if (call === undefined || call.candidate !== candidate.id) return undefined;
  return html('span', { class: 'called-badge', 'data-testid': 'called', 'data-candidate': candidate.id }, [`Called by ${callerName(call.by)}`]);
}
