import { describe, expect, it } from 'vitest';
import type { CountFile } from '../../core/schemas/index.ts';
import { scheduleReleases } from '../../feeds/release-schedule.ts';
import { sampleRace, sampleRelease } from '../integration/local-stack-fixture.ts';

const file = (id: string, times: readonly string[]): CountFile => ({
  schemaVersion: 1,
  race: sampleRace(id),
  releases: times.map((asOf, index) => sampleRelease(asOf, index + 1)),
});

describe('scheduleReleases', () => {
  it('puts the releases of every race in time order, across offsets, each after its gap divided by the speed', () => {
    const governor = file('governor', ['2022-11-08T20:00:00-08:00', '2022-11-08T21:00:00-08:00', '2022-11-09T06:30:00Z']);
    const mayor = file('mayor', ['2022-11-09T05:30:00Z']);
    const frozen = Object.freeze([Object.freeze(governor), Object.freeze(mayor)]);

    const schedule = scheduleReleases(frozen, 60);

    expect(schedule.map((item) => [item.race.id, item.releaseIndex, item.releaseCount])).toEqual([
      ['governor', 0, 3],
      ['governor', 1, 3],
      ['mayor', 0, 1],
      ['governor', 2, 3],
    ]);
    // 20:00-08:00 is 04:00Z and 21:00-08:00 is 05:00Z, so the mayor's 05:30Z comes between the governor's.
    expect(schedule.map((item) => item.release.asOf)).toEqual([
      '2022-11-08T20:00:00-08:00',
      '2022-11-08T21:00:00-08:00',
      '2022-11-09T05:30:00Z',
      '2022-11-09T06:30:00Z',
    ]);
    expect(schedule.map((item) => item.waitMs)).toEqual([0, 60_000, 30_000, 60_000]);
  });

  it('keeps the order of the files for releases of the same time, and waits not at all at infinite speed', () => {
    const schedule = scheduleReleases([file('b', ['2022-11-09T05:00:00Z']), file('a', ['2022-11-09T05:00:00Z', '2022-11-09T07:00:00Z'])], Infinity);

    expect(schedule.map((item) => item.race.id)).toEqual(['b', 'a', 'a']);
    expect(schedule.map((item) => item.waitMs)).toEqual([0, 0, 0]);
  });

  it('refuses a speed that is not above 0', () => {
    expect(() => scheduleReleases([], 0)).toThrow('speed must be above 0, got 0');
    expect(() => scheduleReleases([], Number.NaN)).toThrow(RangeError);
  });
});
