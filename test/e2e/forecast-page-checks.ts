import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Forecast } from '../../core/schemas/index.ts';
import { formatPercent, formatShare, formatSignedPoints, formatSignedVotes, formatVotes } from '../../core/summaries/number-format.ts';
import { expectCallToShow } from './race-call-checks.ts';

// What web.e2e.test.ts checks on a race page: that it shows exactly the numbers of the forecast it read.

/** A margin as the page writes it: signed points, as the CLI formats them, then 'pts'. */
const points = (share: number): string => `${formatSignedPoints(share)} pts`;

export const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

/** Waits until the page shows `releaseIndex` and its history has one marker per published release. */
export async function waitForRelease(page: Page, releaseIndex: number, releases: number): Promise<void> {
  await page.waitForSelector(`#ballotcast[data-release-index="${releaseIndex}"]`, { timeout: 20_000 });
  await expect.poll(() => page.locator('[data-testid=history] .release-marker').count(), { timeout: 10_000 }).toBe(releases);
}

/** Every number the page shows of a forecast, compared with the forecast formatted as the CLI does. */
export async function expectPageToShow(page: Page, forecast: Forecast): Promise<void> {
  // Crowded races fold long shots into one line, so not every candidate has a bar; the leaders always do.
  let compared = 0;
  for (const candidate of forecast.candidates) {
    const shown = page.locator(`[data-testid=win-probability][data-candidate="${candidate.id}"]`);
    if ((await shown.count()) === 0) continue;
    expect(await shown.innerText()).toBe(formatPercent(candidate.winProbability));
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(Math.min(2, forecast.candidates.length));
  const { share, votes } = forecast.margin;
  expect(await text(page, '[data-testid=margin-median]')).toBe(points(share.p50));
  expect(await text(page, '[data-testid=margin-range-50]')).toBe(`${points(share.p25)} to ${points(share.p75)}`);
  expect(await text(page, '[data-testid=margin-range-90]')).toBe(`${points(share.p05)} to ${points(share.p95)}`);
  expect(await text(page, '[data-testid=margin]')).toContain(`${formatSignedVotes(votes.p50)} votes`);
  expect(await text(page, '[data-testid=votes-counted]')).toBe(formatVotes(forecast.votesCounted ?? -1));
  expect(await text(page, '[data-testid=votes-outstanding]')).toBe(formatVotes(forecast.votesOutstanding?.expected ?? -1));
  // The two closest trailing candidates who can still draw level: the share of the outstanding votes they need.
  const paths = forecast.candidates
    .filter((candidate) => candidate.pathToVictory?.reachable === true)
    .sort((a, b) => a.pathToVictory!.votesBehind - b.pathToVictory!.votesBehind)
    .slice(0, 2);
  for (const candidate of paths) {
    expect(await text(page, `[data-testid="path-to-victory-${candidate.id}"]`)).toBe(`${formatShare(candidate.pathToVictory!.shareNeeded)}%`);
  }
  expect(await page.locator('[data-testid^=path-to-victory-]').count()).toBe(paths.length);
  expect(await text(page, '[data-testid=release]')).toContain(`release ${(forecast.release?.index ?? -1) + 1}`);
  expect(await page.locator('[data-testid=as-of]').getAttribute('datetime')).toBe(forecast.asOf);
  expect(await text(page, '[data-testid=draws]')).toBe(formatVotes(forecast.draws));
  expect(await text(page, '[data-testid=model-version]')).toBe(forecast.modelVersion);
  expect(await text(page, '[data-testid=monte-carlo-error]')).toBe(`±${(forecast.monteCarloError * 100).toFixed(1)} pts`);
  await expectCallToShow(page, forecast);
}
