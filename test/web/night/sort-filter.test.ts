import { beforeAll, describe, expect, it } from 'vitest';
import type { NightSummary } from '../../../core/schemas/index.ts';
import { CLOSE_RACE_CHANCE, filterRows, NO_FILTER } from '../../../web/src/night/filter-races.ts';
import { raceRows, type ForecastState, type RaceRow } from '../../../web/src/night/race-rows.ts';
import { isSortOrder, sortRows } from '../../../web/src/night/sort-races.ts';
import { testNight } from './night-fixture.ts';

describe('sorting and filtering the races', () => {
  let summary: NightSummary;
  let rows: RaceRow[];
  const ids = (list: readonly RaceRow[]) => list.map((row) => row.raceId);
  beforeAll(async () => {
    let states: Map<string, ForecastState>;
    ({ summary, states } = await testNight());
    rows = raceRows(summary, states);
  });

  it('sorts by name, with numbers in names in numeric order', () => {
    const named = rows.slice(0, 3).map((row, index) => ({ ...row, raceName: ['District 10', 'District 9', 'district 1'][index] }));
    expect(sortRows(named, 'name').map((row) => row.raceName)).toEqual(['district 1', 'District 9', 'District 10']);
  });

  it('sorts by the closest chances, the narrowest margins and the share counted', () => {
    const ascending = (key: (row: RaceRow) => number) => ids([...rows].sort((a, b) => key(a) - key(b)));
    expect(ids(sortRows(rows, 'closest'))).toEqual(ascending((row) => row.topChance));
    expect(ids(sortRows(rows, 'margin'))).toEqual(ascending((row) => Math.abs(row.margin!.p50)));
    expect(ids(sortRows(rows, 'least-counted'))).toEqual(ascending((row) => row.countedShare!));
    expect(ids(sortRows(rows, 'most-counted'))).toEqual(ascending((row) => -row.countedShare!));
    expect(ids(sortRows(rows, 'closest')).slice(-2).sort()).toEqual(['safe-dem', 'safe-rep']);
  });

  it('puts races whose forecast is not read yet last, in name order, and leaves its input alone', () => {
    const partly = rows.map((row) => (row.raceId === 'north' || row.raceId === 'east' ? { ...row, margin: undefined, countedShare: undefined } : row));
    const frozen = Object.freeze([...partly]);
    expect(ids(sortRows(frozen, 'margin')).slice(-2)).toEqual(['east', 'north']);
    expect(ids(sortRows(frozen, 'most-counted')).slice(-2)).toEqual(['east', 'north']);
    expect(ids(frozen)).toEqual(ids(partly));
  });

  it('knows its orders', () => {
    expect(['name', 'closest', 'margin', 'least-counted', 'most-counted'].every(isSortOrder)).toBe(true);
    expect(isSortOrder('toString')).toBe(false);
  });

  it('finds races by every word of the search, in any case', () => {
    expect(ids(filterRows(rows, { ...NO_FILTER, text: 'NORTH' }))).toEqual(['north']);
    expect(ids(filterRows(rows, { ...NO_FILTER, text: 'east independent' }))).toEqual(['east']);
    expect(ids(filterRows(rows, { ...NO_FILTER, text: 'independent republican' }))).toEqual(['east']);
    expect(filterRows(rows, { ...NO_FILTER, text: 'nowhere' })).toEqual([]);
    expect(filterRows(rows, NO_FILTER)).toEqual(rows);
  });

  it("keeps the races whose favourite is of a party, and the close ones", () => {
    const republican = filterRows(rows, { ...NO_FILTER, favourite: 'party:rep' });
    expect(ids(republican)).toContain('safe-rep');
    expect(republican.every((row) => row.chances[0].holder.kind === 'party' && row.chances[0].holder.id === 'rep')).toBe(true);
    const close = filterRows(rows, { ...NO_FILTER, closeOnly: true });
    expect(ids(close)).not.toContain('safe-dem');
    expect(close.every((row) => row.topChance < CLOSE_RACE_CHANCE)).toBe(true);
    expect(filterRows(rows, { ...NO_FILTER, favourite: 'no-seat' })).toEqual([]);
  });
});
