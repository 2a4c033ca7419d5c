import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsvRecords } from '../../feeds/csv/csv-records.ts';
import { POLLS_CLOSED } from '../../scripts/corpus/ca-2024/build.ts';
import { planCandidates } from '../../scripts/corpus/ca-2024/candidates.ts';
import { hoursBetween, readLaCountCurve, shareCountedAt } from '../../scripts/corpus/ca-2024/count-curve.ts';
import { curveOutstanding, derivedOutstanding } from '../../scripts/corpus/ca-2024/derived-outstanding.ts';
import { oracleFactor, oracleOutstanding } from '../../scripts/corpus/ca-2024/oracle-outstanding.ts';
import { slugify, uniqueSlugs } from '../../scripts/corpus/ca-2024/slugs.ts';
import { thinningBucket } from '../../scripts/corpus/ca-2024/thinning.ts';
import { buildCorpus, builtFile, lastRelease, sources } from './ca-2024-corpus.ts';

// The CA 2024 corpus builder's parts: oracle and derived estimates, candidate ids and lumping.

beforeAll(buildCorpus);

describe('oracle estimates', () => {
  it('are the true remainder times one factor per county that persists through the count', () => {
    const file = builtFile('oracle', 'us-senate');
    const finalLa = lastRelease(file).units.find((unit) => unit.id === 'los-angeles');
    const factor = oracleFactor('us-senate', 'los-angeles');
    const total = (counted: Record<string, number>) => Object.values(counted).reduce((sum, votes) => sum + votes, 0);
    for (const release of file.releases) {
      const la = release.units.find((unit) => unit.id === 'los-angeles');
      if (la === undefined || finalLa === undefined) throw new Error('no Los Angeles unit');
      expect(la.outstanding).toEqual(oracleOutstanding(total(finalLa.counted) - total(la.counted), factor));
    }
  });

  it('draws reproducible factors that differ by county and contest, biased low', () => {
    const factors = ['alameda', 'fresno', 'kern', 'los-angeles', 'orange', 'san-diego', 'shasta', 'yolo'].flatMap((county) =>
      ['us-senate', 'prop-1'].map((contest) => oracleFactor(contest, county)),
    );
    expect(oracleFactor('us-senate', 'kern')).toBe(oracleFactor('us-senate', 'kern'));
    expect(new Set(factors).size).toBe(factors.length);
    const sorted = [...factors].sort((a, b) => a - b);
    expect(sorted[sorted.length / 2]).toBeLessThan(1);
  });

  it('states a range of 0.85 to 1.18 times the estimate, and nothing for nothing left', () => {
    expect(oracleOutstanding(1000, 0.75)).toEqual({ expected: 750, low: 636, high: 885 });
    expect(oracleOutstanding(-5, 0.75)).toEqual({ expected: 0 });
  });
});

describe('derived estimate parts', () => {
  const curve = [
    { hoursSinceClose: 1, shareCounted: 0.4 },
    { hoursSinceClose: 3, shareCounted: 1 },
  ];

  it('interpolates the count curve in time, flat before its first point and 1 after its last', () => {
    expect(shareCountedAt(curve, 2)).toBeCloseTo(0.7, 12);
    expect(shareCountedAt(curve, 0.2)).toBe(0.4);
    expect(shareCountedAt(curve, 10)).toBe(1);
  });

  it('reads a county final as counted ÷ share, with a range of ÷3 to ×3', () => {
    expect(curveOutstanding(540, 0.54)).toEqual({ expected: 460, low: 153, high: 1380 });
    expect(curveOutstanding(540, 1)).toEqual({ expected: 0 });
  });

  it('sizes a county with nothing counted by its precincts, with a wider range', () => {
    const [reporting, silent] = derivedOutstanding(
      [
        { countedVotes: 500, precinctsTotal: 10, hoursSinceChange: 1 },
        { countedVotes: 0, precinctsTotal: 4, hoursSinceChange: 1 },
      ],
      0.5,
    );
    expect(reporting).toEqual({ expected: 500, low: 166, high: 1500 });
    // 1000 expected final votes over 10 precincts, times 4 precincts, all outstanding.
    expect(silent).toEqual({ expected: 400, low: 80, high: 2000 });
  });

  it("gives Los Angeles at its first drop (0.9 h after polls closed) LA 2022's share at that hour, about 40%", () => {
    const laCurve = readLaCountCurve(parseCsvRecords(sources.laGeneralUpdates));
    const release = builtFile('derived', 'us-senate').releases[0];
    const losAngeles = release.units.find((unit) => unit.id === 'los-angeles');
    const counted = Object.values(losAngeles?.counted ?? {}).reduce((sum, votes) => sum + votes, 0);
    const share = shareCountedAt(laCurve, hoursBetween(POLLS_CLOSED, release.asOf));

    expect(release.asOf).toBe('2024-03-06T04:54:45+00:00');
    expect(share).toBeCloseTo(0.399, 3);
    expect(losAngeles?.outstanding).toEqual(curveOutstanding(counted, share));
  });

  it('takes a county with no change for a week as done', () => {
    const units = [
      { countedVotes: 500, precinctsTotal: 10, hoursSinceChange: 167.9 },
      { countedVotes: 500, precinctsTotal: 10, hoursSinceChange: 168 },
    ];
    expect(derivedOutstanding(units, 0.9).map((outstanding) => outstanding.expected)).toEqual([56, 0]);
  });

  it('thins to one release per hour for 24 hours, one per day after', () => {
    expect([0.1, 0.9, 1.2, 23.9, 24.1, 47.9, 48].map(thinningBucket)).toEqual([
      'hour 0', 'hour 0', 'hour 1', 'hour 23', 'day 1', 'day 1', 'day 2',
    ]);
  });
});

describe('candidate ids and lumping', () => {
  it('slugs names without accents or quotes, unique, never other', () => {
    expect(slugify('Sasha Renée Pérez')).toBe('sasha-renee-perez');
    expect(slugify('Jose "Joey" Acuña Jr.')).toBe('jose-joey-acuna-jr');
    expect(uniqueSlugs(['A B', 'a-b', 'Other'], ['other'])).toEqual(['a-b', 'a-b-2', 'other-2']);
  });

  it('lumps two or more sub-1% candidates outside the top 3, only with more than 6 candidates', () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name, party: '' }));
    const plan = planCandidates(names, [5, 1000, 900, 800, 5, 5, 300]);
    expect(plan.candidates.map((candidate) => candidate.id)).toEqual(['b', 'c', 'd', 'g', 'other']);
    expect(plan.idOfSource).toEqual(['other', 'b', 'c', 'd', 'other', 'other', 'g']);
    expect(planCandidates(names.slice(0, 6), [5, 1000, 900, 800, 5, 5]).candidates).toHaveLength(6);
    expect(planCandidates(names, [5, 1000, 900, 800, 300, 300, 300]).candidates).toHaveLength(7);
  });
});
