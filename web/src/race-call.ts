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
  return call === undefined ? '' : `${call.by} called the race for ${nameOf(forecast, call.candidate)}.`;
}

/**
 * The call beside the model's chances: who called it, for whom and when (on the office's clock, as the
 * forecast's own time), and that the chances are the model's own, which the call never changes. Undefined
 * without a call.
 */
export function raceCallNote(forecast: Forecast): HTMLElement | undefined {
  const call = forecast.call;
  if (call === undefined) return undefined;
  return html('p', { class: 'race-call', 'data-testid': 'race-call' }, [
    html('strong', {}, ['Race call: ']),
    html('span', { 'data-testid': 'race-call-by' }, [call.by]),
    ' called it for ',
    html('span', { 'data-testid': 'race-call-candidate' }, [nameOf(forecast, call.candidate)]),
    ', ',
    html('time', { datetime: call.at, 'data-testid': 'race-call-at' }, [formatAsOf(call.at)]),
    '. ',
    html('span', { class: 'race-call-aside' }, ["The chances are the model's own: the call does not change them."]),
  ]);
}

/** 'Called by AP' after the called candidate's name on its bar; undefined for the others. */
export function calledBadge(forecast: Forecast, candidate: CandidateForecast): HTMLElement | undefined {
  const call = forecast.call;
  if (call === undefined || call.candidate !== candidate.id) return undefined;
  return html('span', { class: 'called-badge', 'data-testid': 'called', 'data-candidate': candidate.id }, [`Called by ${call.by}`]);
}
