import { describe, expect, it } from 'vitest';
import type { HistoryPoint } from '../../core/pipeline/records.ts';
import { historyKey, latestKey, winChanceAt } from '../../web/src/published.ts';

describe('the page builds the keys of a race from its id', () => {
  it('keeps the ids of real feeds as they are', () => {
    expect(latestKey('20240305CA0016')).toBe('races/20240305CA0016/latest.json');
    expect(historyKey('20210105GA-night')).toBe('races/20210105GA-night/history.json');
    expect(new URL(latestKey('GA.2021_x'), 'https://cdn.example/public/').href).toBe('https://cdn.example/public/races/GA.2021_x/latest.json');
  });

  it('keeps anything else inside one path segment', () => {
    expect(new URL(latestKey('../../x?y#z'), 'https://cdn.example/public/').pathname).toBe('/public/races/..%2F..%2Fx%3Fy%23z/latest.json');
  });
});

describe('a chance at a point of history.json', () => {
  const point = { winProbability: { toString: 0.7, valueOf: 0.3 } } as unknown as HistoryPoint;

  it('is read from the point itself, for candidates named like methods of every object', () => {
    expect(winChanceAt(point, 'toString')).toBe(0.7);
    expect(winChanceAt(point, 'valueOf')).toBe(0.3);
    expect(winChanceAt(point, 'hasOwnProperty')).toBeUndefined();
  });
});
