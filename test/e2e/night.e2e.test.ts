import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Forecast, NightSummary } from '../../core/schemas/index.ts';
import { formatPercent, formatSignedPoints } from '../../core/summaries/number-format.ts';
import type { NightPublisher } from '../../scripts/night-page/night-publisher.ts';
import { startNightServer, type PublicRead } from '../../scripts/night-page/night-server.ts';
import { buildWebAssets } from '../../web/build.ts';
import { seatChartModel } from '../../web/src/night/seat-chart-model.ts';
import { launchChromium } from './chromium.ts';
import { countedShareOf, ELECTION, favouriteParty, HILLS_CALL, publishFirstReleases, publishNorthUpdate, topChance } from './night-fixture.ts';

// The night page (web/night.html) in headless Chromium, reading a night published by the real code. The
// tests share one server and run in order: the update test publishes north's second release for the rest.
const POLL = 0.5;
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 375, height: 812 };
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? new URL('../../docs/images/', import.meta.url) : pathToFileURL(`${tmpdir()}/ballotcast-screenshots/`);
const points = (share: number): string => `${formatSignedPoints(share)} pts`;

describe('the night page in Chromium', () => {
  let browser: Browser | undefined;
  let context: BrowserContext;
  let server: { url: string; close: () => Promise<void> } | undefined;
  let publisher: NightPublisher;
  let summary: NightSummary;
  let forecasts: Map<string, Forecast>;
  const reads: PublicRead[] = [];
  const pageErrors: string[] = [];
  const raceIds = () => summary.races.map((race) => race.raceId);

  beforeAll(async () => {
    ({ publisher, summary, forecasts } = await publishFirstReleases());
    browser = await launchChromium();
    server = await startNightServer(() => publisher.objects(), await buildWebAssets({ allowOrigins: [] }), { onRead: (read) => reads.push(read) });
    context = await browser.newContext();
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterEach(() => {
    expect(pageErrors, 'errors in the page console').toEqual([]);
    pageErrors.length = 0;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens night.html with `query`; a page expected to meet a 404 does not count the browser's note of it. */
  async function openNight(query: string, viewport = DESKTOP, allow404 = false): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    page.on('console', (message) => {
      if (message.type() === 'error' && !(allow404 && message.text().includes('404'))) pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server!.url}/night.html?${query}`);
    return page;
  }

  /** Opens the test night and waits until every race's forecast is read. */
  async function openLoaded(viewport = DESKTOP): Promise<Page> {
    const page = await openNight(`election=${ELECTION.id}&poll=${POLL}`, viewport);
    await page.waitForSelector(`#ballotcast[data-forecasts-read="${summary.races.length}"]`, { timeout: 20_000 });
    return page;
  }

  const shownIds = (page: Page) => page.locator('[data-testid=race-table] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-race-id')));
  const cell = (page: Page, raceId: string, testId: string) => page.locator(`tr[data-race-id="${raceId}"] [data-testid=${testId}]`).innerText();
  const raceName = (raceId: string) => summary.races.find((race) => race.raceId === raceId)!.raceName;
  const byName = (a: string, b: string) => raceName(a).localeCompare(raceName(b));

  it('shows every race with its chance, margin range and share counted, and each party\'s seats', { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    expect(await shownIds(page)).toEqual([...raceIds()].sort(byName));
    for (const race of summary.races) {
      const forecast = forecasts.get(race.raceId)!;
      const { p05, p50, p95 } = forecast.margin.share;
      expect(await cell(page, race.raceId, 'top-chance')).toBe(formatPercent(topChance(summary, race.raceId)));
      expect(await cell(page, race.raceId, 'margin-median')).toBe(points(p50));
      expect(await cell(page, race.raceId, 'margin-range')).toContain(`${points(p05)} to ${points(p95)}`);
      expect(await cell(page, race.raceId, 'counted')).toBe(`${Math.floor(countedShareOf(forecast) * 100)}%`);
    }
    const charts = page.locator('figure[data-testid^=seats-]');
    expect(await charts.count()).toBe(summary.parties.length);
    for (const [position, party] of summary.parties.entries()) {
      const chart = page.locator(`figure[data-testid=seats-${position}]`);
      const words = await chart.locator(`[data-testid=seats-${position}-summary]`).innerText();
      expect(words).toContain(`Expected ${party.expectedSeats.toFixed(1)} of ${summary.races.length} seats`);
      expect(words).toContain(`A majority (5 or more): ${formatPercent(party.atLeast[5])}`);
      expect(await chart.locator('rect.seat-bar').count()).toBe(seatChartModel(party).bars.length);
      expect(await chart.locator('.expected-line').count()).toBe(1);
    }
    expect(await page.locator('[data-testid=draws]').innerText()).toBe('4,000');
    await page.screenshot({ path: new URL('web-night.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
  });

  it("shows the desk's call of a called race beside the model's own chance, and only there", { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    const hills = summary.races.find((race) => race.raceId === 'hills')!;
    const called = hills.candidates.find((candidate) => candidate.id === HILLS_CALL.candidate)!;
    // The summary counts the called race as decided; the model's own chance is kept beside it.
    expect(called.seatProbability).toBe(1);
    expect(called.modelSeatProbability).toBeGreaterThan(0.5);
    expect(called.modelSeatProbability).toBeLessThan(1);
    const note = page.locator('tr[data-race-id=hills] [data-testid=night-call]');
    expect(await note.innerText()).toBe(
      `Called for hills Democrat by ${HILLS_CALL.by} (desk); the model gave hills Democrat ${formatPercent(called.modelSeatProbability!)}`,
    );
    expect(await note.getAttribute('data-source')).toBe('desk');
    expect(await cell(page, 'hills', 'top-chance')).toBe(formatPercent(1));
    expect(await page.locator('[data-testid=night-call]').count()).toBe(1);
    await page.close();
  });

  it('sorts the races by closeness, margin and share counted', { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    const sorted = (key: (raceId: string) => number) => [...raceIds()].sort((a, b) => key(a) - key(b) || byName(a, b));
    await page.selectOption('[data-testid=race-sort]', 'closest');
    expect(await shownIds(page)).toEqual(sorted((raceId) => topChance(summary, raceId)));
    await page.selectOption('[data-testid=race-sort]', 'margin');
    expect(await shownIds(page)).toEqual(sorted((raceId) => Math.abs(forecasts.get(raceId)!.margin.share.p50)));
    await page.selectOption('[data-testid=race-sort]', 'least-counted');
    expect(await shownIds(page)).toEqual(sorted((raceId) => countedShareOf(forecasts.get(raceId)!)));
    await page.selectOption('[data-testid=race-sort]', 'name');
    expect(await shownIds(page)).toEqual([...raceIds()].sort(byName));
    await page.close();
  });

  it('filters the races by name, favourite and closeness', { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    await page.fill('[data-testid=race-search]', 'harbor');
    expect(await shownIds(page)).toEqual(['harbor']);
    expect(await page.locator('[data-testid=races-shown]').innerText()).toBe(`Showing 1 of ${summary.races.length} races.`);
    await page.fill('[data-testid=race-search]', '');
    await page.selectOption('[data-testid=race-favourite]', 'party:rep');
    const republican = raceIds().filter((raceId) => favouriteParty(summary, raceId) === 'party:rep');
    expect(republican.length).toBeGreaterThan(0);
    expect(await shownIds(page)).toEqual(republican.sort(byName));
    await page.selectOption('[data-testid=race-favourite]', '');
    await page.check('[data-testid=race-close]');
    const close = raceIds().filter((raceId) => topChance(summary, raceId) < 0.9);
    expect(close.length).toBeLessThan(summary.races.length);
    expect(await shownIds(page)).toEqual(close.sort(byName));
    await page.close();
  });

  it("links each race to the race page, which reads the same JSON", { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    await page.locator('tr[data-race-id=north] [data-testid=race-link]').click();
    await page.waitForURL(`${server!.url}/index.html?race=north&poll=${POLL}`);
    await page.waitForSelector('#ballotcast[data-race-id=north]', { timeout: 20_000 });
    expect(await page.locator('[data-testid=race-name]').innerText()).toBe(raceName('north'));
    await page.close();
  });

  it('polls only summary.json while nothing changes, and gets 304', { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    const before = reads.length;
    await expect.poll(() => reads.slice(before).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(reads.slice(before).every((read) => read.key === `elections/${ELECTION.id}/summary.json` && read.notModified)).toBe(true);
    await page.close();
  });

  it("redraws when a new summary is published, reading only the changed race's forecast", { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    const before = reads.length;
    const update = await publishNorthUpdate(publisher);
    summary = update.summary;
    forecasts = new Map(update.forecasts.map((forecast) => [forecast.raceId, forecast]));
    const north = forecasts.get('north')!;
    await expect.poll(() => cell(page, 'north', 'margin-median'), { timeout: 10_000 }).toBe(points(north.margin.share.p50));
    expect(await cell(page, 'north', 'top-chance')).toBe(formatPercent(topChance(summary, 'north')));
    expect(await cell(page, 'north', 'counted')).toBe(`${Math.floor(countedShareOf(north) * 100)}%`);
    const democrats = summary.parties.findIndex((party) => party.id === 'dem');
    expect(await page.locator(`[data-testid=seats-${democrats}-summary]`).innerText()).toContain(`Expected ${summary.parties[democrats].expectedSeats.toFixed(1)} of`);
    const forecastReads = reads.slice(before).filter((read) => read.key.endsWith('/latest.json'));
    expect(new Set(forecastReads.map((read) => read.key))).toEqual(new Set(['races/north/latest.json']));
    await page.close();
  });

  it('says so when the election is not published, or its summary or a forecast is bad', { timeout: 60_000 }, async () => {
    const missing = await openNight(`election=no-such-night&poll=${POLL}`, DESKTOP, true);
    await expect.poll(() => missing.locator('[data-testid=status]').innerText(), { timeout: 10_000 }).toContain('No night summary for the election "no-such-night"');
    await missing.close();

    const broken = structuredClone(summary);
    broken.races[0].candidates[0].seatProbability = 2;
    publisher.put('elections/broken-night/summary.json', JSON.stringify({ ...broken, electionId: 'broken-night' }));
    const bad = await openNight(`election=broken-night&poll=${POLL}`);
    const status = bad.locator('[data-testid=status]');
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toContain('is not a night summary');
    expect(await status.innerText()).toContain('races[0].candidates[0].seatProbability');
    expect(await bad.locator('[data-testid=race-table]').count()).toBe(0);
    await bad.close();

    const withBadRace = structuredClone(summary);
    withBadRace.races[0].raceId = 'unreadable';
    const { margin: _, ...noMargin } = forecasts.get(summary.races[0].raceId)!;
    publisher.put('elections/bad-forecast-night/summary.json', JSON.stringify({ ...withBadRace, electionId: 'bad-forecast-night' }));
    publisher.put('races/unreadable/latest.json', JSON.stringify({ ...noMargin, raceId: 'unreadable' }));
    const partly = await openNight(`election=bad-forecast-night&poll=${POLL}`);
    await expect.poll(() => partly.locator('[data-testid=status]').innerText(), { timeout: 10_000 }).toContain('1 forecast is unreadable');
    expect(await partly.locator('tr[data-race-id=unreadable] [data-testid=forecast-bad]').getAttribute('title')).toContain('margin');
    await partly.close();
  });

  it('fits a 375-pixel phone screen, each race a block of labelled numbers', { timeout: 60_000 }, async () => {
    const page = await openLoaded(PHONE);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.selectOption('[data-testid=race-sort]', 'closest');
    expect(await shownIds(page)).toEqual([...raceIds()].sort((a, b) => topChance(summary, a) - topChance(summary, b) || byName(a, b)));
    expect(await page.locator('tr[data-race-id=north] td.margin-cell').evaluate((cell) => cell.ownerDocument.defaultView!.getComputedStyle(cell, '::before').content)).toBe('"Projected margin"');
    await page.screenshot({ path: new URL('web-night-phone.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
  });

  it('gives every chart a text equivalent, hides the drawings from screen readers and labels every control', { timeout: 60_000 }, async () => {
    const page = await openLoaded();
    for (const chart of await page.locator('figure.chart').all()) {
      expect(await chart.locator('h2').count()).toBe(1);
      expect((await chart.locator('[data-testid$=-summary]').innerText()).length).toBeGreaterThan(10);
      expect(await chart.locator('table caption').count()).toBe(1);
    }
    expect(await page.locator('svg:not([aria-hidden=true] svg):not([aria-hidden=true])').count()).toBe(0);
    for (const control of await page.locator('.race-controls input, .race-controls select').all()) {
      expect(await page.locator(`label[for="${await control.getAttribute('id')}"]`).count()).toBe(1);
    }
    expect(await page.locator('[role=status]').count()).toBe(1);
    await page.close();
  });
});
