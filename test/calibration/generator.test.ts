import { describe, expect, it } from 'vitest';
import { parseCountFile, type CountFile } from '../../core/schemas/index.ts';
import { generateRaces, type GeneratedRace } from '../../calibration/generator/index.ts';
import { races, sum } from './generated-races.ts';

// The races generateRaces makes; generateRace, truncateAt and estimateOutstanding are tested in
// generator-parts.test.ts.

/** Each unit's final votes, by unit id: the counts of the final release. */
function finalUnitVotes(countFile: CountFile): Map<string, number> {
  return new Map(countFile.releases.at(-1)!.units.map((unit) => [unit.id, sum(unit.counted)]));
}

/** The final leader's share among late-mail ballots minus among early-mail ballots. */
function lateMinusEarlyLeaderShare(race: GeneratedRace): number {
  const leader = race.truth.ranking[0];
  const early = race.truth.votesByType['early-mail'];
  const late = race.truth.votesByType['late-mail'];
  return late[leader] / sum(late) - early[leader] / sum(early);
}

/** The final leader's share among votes counted after the first release minus in the first release. */
function laterMinusFirstReleaseLeaderShare(race: GeneratedRace): number {
  const leader = race.truth.ranking[0];
  const totals = race.countFile.releases.map((release) => {
    const leaderVotes = release.units.reduce((total, unit) => total + unit.counted[leader], 0);
    const allVotes = release.units.reduce((total, unit) => total + sum(unit.counted), 0);
    return { leaderVotes, allVotes };
  });
  const first = totals[0];
  const last = totals.at(-1)!;
  return (last.leaderVotes - first.leaderVotes) / (last.allVotes - first.allVotes) - first.leaderVotes / first.allVotes;
}

describe('generateRaces', () => {
  it('produces count files that pass parseCountFile', () => {
    const failures = races
      .map((race) => ({ id: race.countFile.race.id, result: parseCountFile(race.countFile) }))
      .filter(({ result }) => !result.ok);

    expect(failures).toEqual([]);
  });

  it('is deterministic: the same seed gives deep-equal races, a different seed different ones', () => {
    const again = [...generateRaces(20, 'seed')];
    const other = [...generateRaces(20, 'other seed')];

    expect(again).toEqual(races.slice(0, 20));
    expect(other.map((race) => race.truth.finalVotes)).not.toEqual(again.map((race) => race.truth.finalVotes));
  });

  it('names races, candidates and units as slugs in order, with strictly increasing offset times', () => {
    const problems = races.flatMap(({ countFile }, index) => {
      const times = countFile.releases.map((release) => release.asOf);
      const unitIds = countFile.releases.at(-1)!.units.map((unit) => unit.id);
      const checks = {
        raceId: countFile.race.id === `synthetic-${String(index + 1).padStart(6, '0')}`,
        candidateIds: countFile.race.candidates.every((candidate, position) => candidate.id === `c${position + 1}`),
        unitIds: unitIds.every((id, position) => id === `u${String(position + 1).padStart(3, '0')}`),
        start: times[0] === '2024-11-05T20:00:00-08:00',
        format: times.every((time) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-08:00$/.test(time)),
        increasing: times.every((time, release) => release === 0 || Date.parse(time) > Date.parse(times[release - 1])),
      };
      return Object.entries(checks).filter(([, passed]) => !passed).map(([check]) => `${countFile.race.id}: ${check}`);
    });

    expect(problems).toEqual([]);
  });

  it('counts everything by the final release, and the final counts are the truth', () => {
    for (const { countFile, truth } of races) {
      const finalRelease = countFile.releases.at(-1)!;
      const finalVotes: Record<string, number> = {};
      for (const unit of finalRelease.units) {
        expect(unit.outstanding.expected).toBe(0);
        for (const [id, votes] of Object.entries(unit.counted)) finalVotes[id] = (finalVotes[id] ?? 0) + votes;
      }
      expect(finalVotes).toEqual(truth.finalVotes);
      expect(sum(truth.finalVotes)).toBe(truth.totalVotes);
      expect(Object.values(truth.votesByType).reduce((total, votes) => total + sum(votes), 0)).toBe(truth.totalVotes);
    }
  });

  it('decides the truth by the rule', () => {
    for (const { countFile, truth } of races) {
      const [first, second] = truth.ranking;
      const rule = countFile.race.rule;
      if (rule.kind === 'plurality') expect(truth.winnerIds).toEqual([first]);
      if (rule.kind === 'top-two') expect(truth.winnerIds).toEqual([first, second]);
      if (rule.kind === 'majority') {
        const outright = truth.finalShares[first] > (rule.threshold ?? 0.5);
        expect(truth.winnerIds).toEqual(outright ? [first] : [first, second]);
        expect(truth.outcome).toBe(outright ? 'won' : 'runoff');
      }
    }
  });

  it('covers the three rules, 2-candidate and multi-candidate races, minor candidates and close and lopsided margins', () => {
    const kinds = (candidates: (count: number) => boolean) =>
      new Set(races.filter((race) => candidates(race.countFile.race.candidates.length)).map((race) => race.countFile.race.rule.kind));
    const margins = races.map((race) => race.truth.finalShares[race.truth.ranking[0]] - race.truth.finalShares[race.truth.ranking[1]]);
    const minorShares = races.flatMap((race) => Object.values(race.truth.finalShares)).filter((share) => share < 0.04);

    expect(kinds((count) => count > 2)).toEqual(new Set(['plurality', 'majority', 'top-two']));
    expect(kinds((count) => count === 2).has('plurality')).toBe(true);
    expect(races.some((race) => race.countFile.race.candidates.length === 8)).toBe(true);
    expect(races.some((race) => race.truth.outcome === 'runoff')).toBe(true);
    expect(minorShares.length).toBeGreaterThan(20);
    expect(margins.filter((margin) => margin < 0.02).length).toBeGreaterThan(5);
    expect(margins.filter((margin) => margin > 0.3).length).toBeGreaterThan(5);
  });

  it('varies units and releases: single-unit races, many-unit races, late-joining units, 6 to 20 releases', () => {
    const unitCounts = races.map((race) => race.countFile.releases.at(-1)!.units.length);
    const releaseCounts = races.map((race) => race.countFile.releases.length);

    expect(unitCounts.filter((count) => count === 1).length).toBeGreaterThan(10);
    expect(Math.max(...unitCounts)).toBeGreaterThan(40);
    expect(races.some((race, index) => race.countFile.releases[0].units.length < unitCounts[index])).toBe(true);
    expect(Math.min(...releaseCounts)).toBe(6);
    expect(Math.max(...releaseCounts)).toBe(20);
  });

  it('distorts the outstanding estimates, keeps low <= expected <= high, and omits ranges in some races', () => {
    const problems: string[] = [];
    let wrongEstimates = 0;
    let estimates = 0;
    for (const { countFile } of races) {
      const finalVotes = finalUnitVotes(countFile);
      for (const [releaseIndex, release] of countFile.releases.entries()) {
        for (const unit of release.units) {
          const remaining = finalVotes.get(unit.id)! - sum(unit.counted);
          const { expected, low = expected, high = expected } = unit.outstanding;
          const doneMatches = remaining === 0 ? expected === 0 : expected >= 1;
          if (!doneMatches || low > expected || high < expected) {
            problems.push(`${countFile.race.id} release ${releaseIndex} ${unit.id}: ${JSON.stringify(unit.outstanding)}, true ${remaining}`);
          }
          if (remaining > 0) estimates += 1;
          if (remaining > 0 && expected !== remaining) wrongEstimates += 1;
        }
      }
    }
    const statesRanges = races.map((race) => race.countFile.releases[0].units[0].outstanding.low !== undefined);

    expect(problems).toEqual([]);
    expect(wrongEstimates / estimates).toBeGreaterThan(0.9);
    expect(statesRanges.filter(Boolean).length).toBeGreaterThan(100);
    expect(statesRanges.filter((states) => !states).length).toBeGreaterThan(20);
  });

  it('makes late ballots break differently from early ones, in both directions and by varying amounts', () => {
    const byType = races.map(lateMinusEarlyLeaderShare);
    const byCount = races.map(laterMinusFirstReleaseLeaderShare);

    expect(byType.filter((drift) => drift > 0.05).length).toBeGreaterThan(10);
    expect(byType.filter((drift) => drift < -0.05).length).toBeGreaterThan(10);
    expect(byType.filter((drift) => Math.abs(drift) < 0.01).length).toBeGreaterThan(10);
    expect(byType.filter((drift) => Math.abs(drift) > 0.1).length).toBeGreaterThan(5);
    expect(byCount.filter((drift) => drift > 0.05).length).toBeGreaterThan(10);
    expect(byCount.filter((drift) => drift < -0.05).length).toBeGreaterThan(10);
  });

  it('applies option overrides', () => {
    const overridden = [...generateRaces(10, 'seed', { estimates: { rangeProbability: 0 }, counting: { releaseCountRange: [3, 3] } })];

    expect(overridden.every((race) => race.countFile.releases.length === 3)).toBe(true);
    expect(overridden.flatMap((race) => race.countFile.releases.flatMap((release) => release.units))
      .every((unit) => unit.outstanding.low === undefined && unit.outstanding.high === undefined)).toBe(true);
    expect(() => [...generateRaces(1, 'seed', { voteTypes: [] })]).toThrow(RangeError);
  });
});
