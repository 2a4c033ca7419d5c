import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { callerName } from '../../core/desk/caller-name.ts';
import { formatPercent } from '../../core/summaries/number-format.ts';
import type { Forecast } from '../../core/schemas/index.ts';
import { formatAsOf } from '../../web/src/as-of.ts';

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

/** The feed's call beside the model's chances when the forecast has one, and no call when it has none. */
export async function expectCallToShow(page: Page, forecast: Forecast): Promise<void> {
  const { call } = forecast;
  if (call === undefined) {
    expect(await page.locator('[data-testid=race-call], [data-testid=called]').count()).toBe(0);
    return;
  }
  const called = forecast.candidates.find((candidate) => candidate.id === call.candidate);
  expect(await text(page, '[data-testid=race-call-by]')).toBe(callerName(call.by));
  expect(await page.locator('[data-testid=race-call-by]').getAttribute('title')).toBe(call.by);
  expect(await text(page, '[data-testid=race-call-candidate]')).toBe(called?.name);
  expect(await page.locator('[data-testid=race-call-at]').getAttribute('datetime')).toBe(call.at);
  expect(await text(page, '[data-testid=race-call-at]')).toBe(formatAsOf(call.at));
  expect(await text(page, '[data-testid=race-call]')).toContain("The chances are the model's own");
  expect((await text(page, '[data-testid=race-call] strong')).trim()).toBe(call.source === 'desk' ? 'Desk call:' : 'Race call:');
  if (call.note !== undefined) expect((await text(page, '[data-testid=race-call-note]')).trim()).toBe(`“${call.note}”`);
  // The badge sits on the called candidate's bar, in the same panel as the model's probability.
  const bar = page.locator('[data-testid=win-chance] .bar-row', { has: page.locator(`[data-testid=called][data-candidate="${call.candidate}"]`) });
  expect(await bar.locator('[data-testid=win-probability]').innerText()).toBe(formatPercent(called?.winProbability ?? -1));
  expect(await page.locator('[data-testid=called]').count()).toBe(1);
  expect(await text(page, '[data-testid=win-chance-summary]')).toContain(`${callerName(call.by)} called the race for ${called?.name}.`);
}
