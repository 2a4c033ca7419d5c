import { describe, expect, it } from 'vitest';
import { forecastRace } from '../../../core/forecast-race.ts';
import type { Forecast } from '../../../core/schemas/index.ts';
import { formatForecastTable } from '../../../cli/format/forecast-table.ts';
import { printable } from '../../../cli/format/printable.ts';
import { formatTimelineTable } from '../../../cli/format/timeline-table.ts';
import { headlineTable } from '../../../cli/rerun/compare-forecasts.ts';
import { twoUnitRace } from '../../fixtures/count-files.ts';

/** Any character a terminal acts on, other than the newlines that end our own lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** A forecast whose names, seed and model version hold NUL, ESC sequences, BEL, a newline and a bidi override. */
function hostileForecast(): Forecast {
  const forecast = structuredClone(forecastRace({ countFile: twoUnitRace(), seed: '7', draws: 500 }));
  forecast.raceName = 'Mayor\u001b]0;pwned\u0007';
  forecast.seed = 'seed\u0000';
  forecast.modelVersion = '3\u001b[2J';
  forecast.candidates[0].name = 'Ann\u0000\u001b[31mRed';
  forecast.candidates[1].name = 'Bob\nNext line';
  forecast.candidates[2].name = 'Cy\u202eevil';
  return forecast;
}

describe('printable', () => {
  it('escapes control characters and leaves other text alone', () => {
    expect(printable('Bass\u001b[2J')).toBe('Bass\\x1B[2J');
    expect(printable('a\u0000b\u007fc\u009bd\u202ee')).toBe('a\\x00b\\x7Fc\\x9Bd\\u202Ee');
    expect(printable('Kevin de León — 42')).toBe('Kevin de León — 42');
  });

  it('gives the same text when applied twice', () => {
    const once = printable('x\u001by\nz');

    expect(printable(once)).toBe(once);
  });
});

describe('the CLI tables, given names with control characters', () => {
  it.each([
    ['forecast table', (forecast: Forecast) => formatForecastTable(forecast)],
    ['replay timeline', (forecast: Forecast) => formatTimelineTable([forecast, forecast])],
    ['rerun comparison', (forecast: Forecast) => headlineTable(forecast, forecast)],
  ])('the %s prints no raw control character, but shows each escaped', (_name, format) => {
    const text = format(hostileForecast());

    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('Ann\\x00\\x1B[31mRed');
  });

  it('keeps a name with a newline on its own table row', () => {
    const text = formatForecastTable(hostileForecast());

    expect(text).toContain('Bob\\x0ANext line');
    expect(text).toContain('Mayor\\x1B]0;pwned\\x07, as of');
    expect(text).toContain('seed seed\\x00, model 3\\x1B[2J;');
  });
});
