import { formatShare, formatVotes } from '../../core/summaries/number-format.ts';
import { formatAsOf } from './as-of.ts';
import { html } from './dom.ts';
import type { Forecast } from './published.ts';

/** The race's name, the release the forecast is for, and when the office published it. */
export function pageHeading(forecast: Forecast): HTMLElement[] {
  const release = forecast.release;
  return [
    html('h1', { 'data-testid': 'race-name' }, [forecast.raceName ?? forecast.raceId]),
    html('p', { class: 'as-of' }, [
      'Forecast as of ',
      html('time', { datetime: forecast.asOf, 'data-testid': 'as-of' }, [formatAsOf(forecast.asOf)]),
      release === undefined ? undefined : ' · ',
      release === undefined ? undefined : html('span', { 'data-testid': 'release' }, [releaseText(release)]),
    ]),
  ];
}

/** 'release 15', with the office's label after it unless the label already starts that way. */
function releaseText(release: NonNullable<Forecast['release']>): string {
  const number = `release ${release.index + 1}`;
  if (release.label === undefined) return number;
  return release.label.toLowerCase().startsWith(number) ? release.label : `${number}: ${release.label}`;
}

/**
 * How the numbers were made: draws, Monte Carlo error, model version, seed and input hash, and where the
 * JSON is, so a reader can check them.
 */
export function provenance(forecast: Forecast, sources: { readonly latest: string; readonly history: string }): HTMLElement[] {
  const item = (label: string, value: string, testId: string) => html('li', {}, [`${label} `, html('span', { 'data-testid': testId }, [value])]);
  return [
    html('ul', { class: 'provenance' }, [
      item('Draws', formatVotes(forecast.draws), 'draws'),
      item('Monte Carlo error', `±${formatShare(forecast.monteCarloError)} pts`, 'monte-carlo-error'),
      item('Model', forecast.modelVersion, 'model-version'),
      item('Seed', forecast.seed, 'seed'),
      item('Input', forecast.inputHash.slice(0, 'sha256:'.length + 12), 'input-hash'),
    ]),
    html('p', { class: 'sources' }, [
      'Data: ',
      html('a', { href: sources.latest }, ['latest.json']),
      ', ',
      html('a', { href: sources.history }, ['history.json']),
      '. Forecast by ballotcast: Monte Carlo draws of how the uncounted ballots could break.',
    ]),
  ];
}
