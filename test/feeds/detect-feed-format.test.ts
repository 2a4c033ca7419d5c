import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bodiesInFile, detectFeedFormat, feedFormatOfBody } from '../../feeds/detect-feed-format.ts';
import { fixturePaths } from './feed-fixtures.ts';

const text = (path: string) => readFileSync(path, 'utf8');

describe('the feed of a recording, from its bodies', () => {
  it('tells AP, Clarity and CSV fixtures apart', () => {
    for (const feed of ['ap', 'clarity', 'csv'] as const) {
      for (const path of fixturePaths(feed)) expect(feedFormatOfBody(text(path)), path).toBe(feed);
    }
  });

  it('reads the bodies of a recording, of one recorded snapshot and of a plain file', () => {
    const ap = text(fixturePaths('ap')[0]);
    const csv = text(fixturePaths('csv')[0]);
    const recorded = { fetchedAt: '2022-11-09T01:05:00Z', body: ap };

    expect(bodiesInFile(JSON.stringify([recorded, { ...recorded, body: csv }]))).toEqual([ap, csv]);
    expect(bodiesInFile(JSON.stringify(recorded))).toEqual([ap]);
    expect(bodiesInFile(csv)).toEqual([csv]);
  });

  it('finds one feed, or says which body is of none or which feeds are mixed', () => {
    const ap = { source: 'a.json', body: text(fixturePaths('ap')[0]) };
    const clarity = { source: 'c.json', body: text(fixturePaths('clarity')[0]) };

    expect(detectFeedFormat([ap, ap])).toEqual({ format: 'ap' });
    expect(detectFeedFormat([ap, clarity])).toEqual({ problem: 'more than one feed: ap (a.json), clarity (c.json)' });
    expect(detectFeedFormat([ap, { source: 'x.json', body: '{"hello": 1}' }])).toEqual({
      problem: 'x.json: not an AP response, a Clarity report or a CSV with snapshot_time',
    });
    expect(detectFeedFormat([{ source: 'n.csv', body: 'a,b\n1,2\n' }])).toMatchObject({ problem: expect.stringContaining('n.csv') });
    expect(detectFeedFormat([])).toEqual({ problem: 'no feed bodies to look at' });
  });
});
