import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatPercent } from '../../core/summaries/number-format.ts';
import { readRecording } from '../../cli/read-recording.ts';
import type { HistoryPoint } from '../../core/pipeline/records.ts';
import type { Forecast } from '../../core/schemas/index.ts';
import { LocalApiClient } from '../../local/api-client.ts';
import { startLocalApiServer, type LocalRoutes } from '../../local/local-api-server.ts';
import { startLocalStack, type LocalStack } from '../../local/local-stack.ts';
import { buildLocalPipeline, type LocalPipeline } from '../../local/pipeline.ts';
import { buildWebAssets } from '../../web/build.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { launchChromium } from './chromium.ts';
import { expectPageToShow, text, waitForRelease } from './forecast-page-checks.ts';
import { expectCallToShow } from './race-call-checks.ts';

// The newsroom graphic (web/) in headless Chromium, against the local stack: the page reads what the
// pipeline publishes, shows exactly those numbers, and redraws when a new release is published. The tests
// share one stack and run in order: the first publishes the LA general's releases that the next ones read.
const general = exampleCountFile('la-mayor-2022-general');
const primary = exampleCountFile('la-mayor-2022-primary');
const TOKEN = 'e2e-token';
/** The page polls this often here (seconds); its default is 10. */
const POLL = 0.5;
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 375, height: 812 };
// The README's screenshots are refreshed only on request (UPDATE_SCREENSHOTS=1), so a test run never
// changes tracked files.
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? new URL('../../docs/images/', import.meta.url)
  : pathToFileURL(`${tmpdir()}/ballotcast-screenshots/`);

describe('the newsroom graphic in Chromium, on the local stack', () => {
  let stack: LocalStack | undefined;
  let pipeline: LocalPipeline;
  let server: { url: string; close: () => Promise<void> } | undefined;
  /** A second origin that serves only the page, as a newsroom's own site would. */
  let pageServer: { url: string; close: () => Promise<void> } | undefined;
  let api: LocalApiClient;
  let browser: Browser | undefined;
  let context: BrowserContext;
  const requested: string[] = [];
  const pageErrors: string[] = [];
  /** What the server was asked for under /public/, with the If-None-Match it got and whether it answered 304. */
  const publicReads: { key: string; ifNoneMatch: string | undefined; notModified: boolean }[] = [];

  /** The pipeline's routes, with reads of published objects recorded. */
  function recordingRoutes(routes: LocalRoutes): LocalRoutes {
    return {
      ...routes,
      readPublic: async (key, ifNoneMatch) => {
        const object = await routes.readPublic!(key, ifNoneMatch);
        publicReads.push({ key, ifNoneMatch, notModified: object?.notModified ?? false });
        return object;
      },
    };
  }

  /** Posts releases through the HTTP API and waits until every forecast is published. */
  async function publish(raceId: string, releases: readonly unknown[]): Promise<void> {
    for (const release of releases) {
      const posted = await api.send('POST', `/races/${raceId}/releases`, release);
      expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    }
    await pipeline.queue.drain();
    expect(pipeline.queue.failures).toEqual([]);
  }

  async function createRace(race: unknown, raceId: string): Promise<void> {
    const created = await api.send('PUT', `/races/${raceId}`, race);
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  }

  async function openPage(query: string, viewport = DESKTOP, origin = server!.url): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${origin}/${query}`);
    return page;
  }

  const latest = (raceId: string): Promise<Forecast> => api.readPublic(`races/${raceId}/latest.json`);
  const history = async (raceId: string): Promise<HistoryPoint[]> => (await api.readPublic(`races/${raceId}/history.json`)).points;

  beforeAll(async () => {
    browser = await launchChromium();
    stack = await startLocalStack({ startTimeoutMs: 90_000 });
    pipeline = buildLocalPipeline(stack);
    // The API's own page reads only its own origin; the newsroom's page is built to also read the API's.
    server = await startLocalApiServer(recordingRoutes(pipeline.routes), TOKEN, 0, { site: await buildWebAssets({ allowOrigins: [] }) });
    pageServer = await startLocalApiServer(pipeline.routes, TOKEN, 0, { site: await buildWebAssets({ allowOrigins: [server.url] }) });
    api = new LocalApiClient(server.url, TOKEN);
    context = await browser.newContext();
    context.on('request', (request) => requested.push(request.url()));
  }, 180_000);

  afterEach(() => {
    expect(pageErrors, 'errors in the page console').toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await pageServer?.close();
    await stack?.stop();
  }, 60_000);

  it('shows the LA general as published, and redraws when a new release is published', { timeout: 180_000 }, async () => {
    const raceId = general.race.id;
    await createRace(general.race, raceId);
    await publish(raceId, general.releases.slice(0, 14));
    const page = await openPage(`?race=${raceId}&poll=${POLL}`);
    await waitForRelease(page, 13, 14);
    const before = await latest(raceId);
    await expectPageToShow(page, before);
    expect(await page.locator('[data-testid=history] .release-marker').count()).toBe((await history(raceId)).length);

    // Election night is over; the next count comes two days later, and Bass closes to 2,695 votes behind.
    await publish(raceId, general.releases.slice(14, 15));
    await waitForRelease(page, 14, 15);
    const after = await latest(raceId);
    await expectPageToShow(page, after);
    const bassChance = (forecast: typeof after) => forecast.candidates.find((candidate) => candidate.id === 'bass')?.winProbability ?? 0;
    expect(bassChance(after)).toBeGreaterThan(bassChance(before) + 0.1);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: new URL('web-la-2022.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
  });

  it('polls with If-None-Match and gets 304 while nothing changes', { timeout: 60_000 }, async () => {
    const key = `races/${general.race.id}/latest.json`;
    const page = await openPage(`?race=${general.race.id}&poll=${POLL}`);
    await page.waitForSelector('#ballotcast[data-release-index]');
    const before = publicReads.length;
    const answered304 = () => publicReads.slice(before).filter((read) => read.key === key && read.ifNoneMatch !== undefined && read.notModified).length;
    await expect.poll(answered304, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('reads the JSON from another origin when the query gives a base URL', { timeout: 60_000 }, async () => {
    const page = await openPage(`?base=${encodeURIComponent(`${server!.url}/public/`)}&race=${general.race.id}&poll=${POLL}`, DESKTOP, pageServer!.url);
    await waitForRelease(page, 14, 15);
    await expectPageToShow(page, await latest(general.race.id));
    await page.close();
  });

  it('refuses a base URL on an origin it was not built to allow, before fetching anything', { timeout: 60_000 }, async () => {
    // The API's page allows no other origin; the newsroom's server would answer, so only the page stops it.
    const elsewhere = new URL(pageServer!.url).origin;
    const page = await context.newPage();
    const fromPage: string[] = [];
    page.on('request', (request) => fromPage.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server!.url}/?base=${encodeURIComponent(`${elsewhere}/public/`)}&race=${general.race.id}&poll=${POLL}`);
    const status = page.locator('[data-testid=status]');
    await expect.poll(() => status.innerText(), { timeout: 10_000 }).toContain(`does not read forecasts from ${elsewhere}`);
    expect(await page.locator('#ballotcast').getAttribute('data-refused-base')).toBe(`${elsewhere}/public/`);
    await page.waitForTimeout(POLL * 3000);
    expect(fromPage.filter((url) => url.startsWith(elsewhere))).toEqual([]);
    expect(fromPage.filter((url) => url.includes('.json'))).toEqual([]);
    expect(await page.locator('#ballotcast [data-testid=win-probability]').count()).toBe(0);
    await page.close();
  });

  it('fits a 375-pixel phone screen without sideways scrolling', { timeout: 60_000 }, async () => {
    const page = await openPage(`?race=${general.race.id}&poll=${POLL}`, PHONE);
    await waitForRelease(page, 14, 15);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: new URL('web-la-2022-phone.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
  });

  it('gives every chart a text equivalent and hides the drawings from screen readers', { timeout: 60_000 }, async () => {
    const page = await openPage(`?race=${general.race.id}&poll=${POLL}`);
    await waitForRelease(page, 14, 15);
    const charts = await page.locator('figure.chart').all();
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      expect(await chart.locator('h2').count()).toBe(1);
      expect((await chart.locator('[data-testid$=-summary]').innerText()).length).toBeGreaterThan(10);
      expect(await chart.locator('table caption').count()).toBeGreaterThanOrEqual(1);
    }
    expect(await page.locator('svg:not([aria-hidden=true] svg):not([aria-hidden=true])').count()).toBe(0);
    expect(await page.locator('[role=status]').count()).toBe(1);
    await page.close();
  });

  it('shows the chance of a runoff and who advances in a majority-rule race', { timeout: 120_000 }, async () => {
    const raceId = primary.race.id;
    await createRace(primary.race, raceId);
    await publish(raceId, primary.releases.slice(0, 2));
    const page = await openPage(`?race=${raceId}&poll=${POLL}`);
    await waitForRelease(page, 1, 2);
    const forecast = await latest(raceId);
    await expectPageToShow(page, forecast);
    expect(await text(page, '[data-testid=runoff-probability]')).toBe(formatPercent(forecast.runoffProbability ?? -1));
    const ranked = [...forecast.candidates].sort((a, b) => (b.advanceProbability ?? 0) - (a.advanceProbability ?? 0));
    const likely = ranked.slice(0, 2).map((candidate) => `${candidate.name} (${formatPercent(candidate.advanceProbability ?? -1)})`);
    expect(await text(page, '[data-testid=likely-advance]')).toBe(likely.join(' and '));
    for (const candidate of ranked.slice(0, 2)) {
      const shown = page.locator(`[data-testid=advance-probability][data-candidate="${candidate.id}"]`);
      expect(await shown.innerText()).toBe(formatPercent(candidate.advanceProbability ?? -1));
    }
    await page.screenshot({ path: new URL('web-la-2022-primary.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
  });

  it('shows the first race of index.json when the query names none', { timeout: 60_000 }, async () => {
    const page = await openPage(`?poll=${POLL}`);
    await page.waitForSelector('#ballotcast[data-race-id]');
    expect(await page.locator('#ballotcast').getAttribute('data-race-id')).toBe(general.race.id);
    await page.close();
  });

  it("shows the feed's race call beside the model's own chances, at desktop and phone widths", { timeout: 180_000 }, async () => {
    const [file] = (await readRecording('examples/recordings/la-mayor-2022-ap')).countFiles;
    const raceId = file.race.id;
    await createRace(file.race, raceId);
    await publish(raceId, file.releases.slice(0, 20));
    const page = await openPage(`?race=${raceId}&poll=${POLL}`);
    await waitForRelease(page, 19, 20);
    await expectPageToShow(page, await latest(raceId));
    expect(await page.locator('[data-testid=race-call]').count()).toBe(0);
    await publish(raceId, file.releases.slice(20, 21)); // AP's call on Bass first appears in release 21
    await waitForRelease(page, 20, 21);
    const called = await latest(raceId);
    expect(called.call).toEqual({ candidate: 'bass', by: 'AP', at: '2022-11-17T23:52:22Z' });
    await expectPageToShow(page, called);
    await page.screenshot({ path: new URL('web-la-2022-called.png', SCREENSHOTS).pathname, fullPage: true });
    await page.close();
    const phone = await openPage(`?race=${raceId}&poll=${POLL}`, PHONE);
    await waitForRelease(phone, 20, 21);
    await expectCallToShow(phone, called);
    expect(await phone.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await phone.screenshot({ path: new URL('web-la-2022-called-phone.png', SCREENSHOTS).pathname, fullPage: true });
    await phone.close();
  });

  it("shows the desk's own call, with its note, in place of the feed's, beside the same chances", { timeout: 120_000 }, async () => {
    const [file] = (await readRecording('examples/recordings/la-mayor-2022-ap')).countFiles;
    const raceId = file.race.id;
    const page = await openPage(`?race=${raceId}&poll=${POLL}`);
    await waitForRelease(page, 20, 21);
    const before = await latest(raceId);
    const posted = await api.send('POST', `/races/${raceId}/calls`, { candidate: 'caruso', note: 'a test of the desk route' });
    expect(posted.status, JSON.stringify(posted.json)).toBe(201);
    await pipeline.queue.drain();
    await page.waitForSelector('[data-testid=race-call][data-source=desk]');
    const desk = await latest(raceId);
    expect(desk.call).toMatchObject({ candidate: 'caruso', source: 'desk', note: 'a test of the desk route' });
    expect(desk.call?.by).toMatch(/^arn:local:iam::\d{12}:user\//); // shown by its user's name
    expect(desk.candidates).toEqual(before.candidates);
    await expectCallToShow(page, desk);
    await page.close();
  });

  it('made no request outside the local servers', () => {
    const origins = [server!.url, pageServer!.url].map((url) => new URL(url).origin);
    const outside = requested.filter((url) => !url.startsWith('data:') && !origins.includes(new URL(url).origin));
    expect(requested.length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });
});
