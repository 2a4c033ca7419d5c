import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ForecastSchema } from '../../core/schemas/index.ts';
import { exampleCountFile } from '../fixtures/count-files.ts';
import { cli, GENERAL, PRIMARY } from './cli-harness.ts';

const SMALL_RUN = ['--seed', '42', '--draws', '1000'];
const general = exampleCountFile('la-mayor-2022-general');
const primary = exampleCountFile('la-mayor-2022-primary');

/** A table row of the timeline: the release number, then its time. */
const TIMELINE_ROW = /^(\d+)\s+(\d{4}-\d\d-\d\dT\S+)\s/;

describe('ballotcast replay', () => {
  it('prints a JSON array with one forecast per release, in order', async () => {
    const result = await cli(['replay', GENERAL, ...SMALL_RUN]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const forecasts = z.array(ForecastSchema).parse(JSON.parse(result.stdout));
    expect(forecasts).toHaveLength(27);
    expect(forecasts.map((forecast) => forecast.release?.index)).toEqual([...Array(27).keys()]);
    expect(forecasts.map((forecast) => forecast.asOf)).toEqual(general.releases.map((release) => release.asOf));
    expect(new Set(forecasts.map((forecast) => forecast.seed))).toEqual(new Set(['42']));
  });

  it('gives each release the same forecast as forecast --as-of does', async () => {
    const replayed = JSON.parse((await cli(['replay', GENERAL, ...SMALL_RUN])).stdout) as unknown[];
    const single = JSON.parse((await cli(['forecast', GENERAL, ...SMALL_RUN, '--as-of', '15'])).stdout) as unknown;

    expect(replayed[14]).toEqual(single);
  });

  it('concatenates the forecasts of several files, file after file', async () => {
    const result = await cli(['replay', GENERAL, PRIMARY, ...SMALL_RUN]);

    expect(result.code).toBe(0);
    const forecasts = z.array(ForecastSchema).parse(JSON.parse(result.stdout));
    const releaseCount = general.releases.length + primary.releases.length;
    expect(forecasts).toHaveLength(releaseCount);
    expect(forecasts.map((forecast) => `${forecast.raceId}#${forecast.release?.index}`)).toEqual([
      ...general.releases.map((_, index) => `la-mayor-2022-general#${index}`),
      ...primary.releases.map((_, index) => `la-mayor-2022-primary#${index}`),
    ]);
  });

  it('prints a timeline on a terminal with one row per release', async () => {
    const result = await cli(['replay', GENERAL, ...SMALL_RUN], { tty: true });

    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^Los Angeles Mayor, general election: 27 releases, 1,000 draws each, seed 42, model \S+$/);
    expect(lines.find((line) => line.startsWith('#'))).toMatch(/^#\s+As of\s+Counted margin\s+Karen Bass win\s+Rick Caruso win\s+Projected margin/);
    const rows = lines.filter((line) => TIMELINE_ROW.test(line));
    expect(rows.map((row) => TIMELINE_ROW.exec(row)![1])).toEqual(general.releases.map((_, index) => String(index + 1)));
    expect(rows.map((row) => TIMELINE_ROW.exec(row)![2])).toEqual(general.releases.map((release) => release.asOf));
  });

  it('prints one timeline per file on a terminal, the majority one with a runoff column', async () => {
    const result = await cli(['replay', GENERAL, PRIMARY, ...SMALL_RUN], { tty: true });

    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').filter((line) => TIMELINE_ROW.test(line))).toHaveLength(27 + primary.releases.length);
    expect(result.stdout).toMatch(/^Los Angeles Mayor, primary election: 5 releases, /m);
    expect(result.stdout).toMatch(/^#\s+As of\s+Counted margin\s+.* first\s+Runoff\s+Projected margin/m);
  });
});
