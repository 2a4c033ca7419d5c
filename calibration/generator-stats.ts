/**
 * Prints summary statistics of generated races, to check the generator's realism knobs.
 * Usage: npx tsx calibration/generator-stats.ts [count=1000] [seed=stats]
 */
import { quantile } from 'simple-statistics';
import type { CountFile } from '../core/schemas/index.ts';
import { fractionCountedByRelease, generateRaces, truncateAt, type GeneratedRace } from './generator/index.ts';

/** Leader's share among late-mail ballots minus among early-mail ballots (the race's first and last vote types). */
export function typeDrift(race: GeneratedRace): number {
  const leader = race.truth.ranking[0];
  const types = Object.values(race.truth.votesByType);
  return shareOf(types.at(-1)!, leader) - shareOf(types[0], leader);
}

/**
 * Leader's share among the votes added after the ~70%-counted release minus their share in the first
 * release that counted anything: the drift a forecaster sees in the count.
 */
export function countDrift(race: GeneratedRace): number | null {
  const leader = race.truth.ranking[0];
  const totals = race.countFile.releases.map((release) => totalsOf(release.units));
  const first = totals.find((total) => sum(total) > 0)!;
  const cut = truncateAt(race.countFile, 0.7).releases.length - 1;
  const late = subtract(totals.at(-1)!, totals[Math.max(cut, totals.indexOf(first))]);
  return sum(late) === 0 ? null : shareOf(late, leader) - shareOf(first, leader);
}

/** For each release before the final one: sum of expected outstanding over true remaining, units that have joined. */
export function estimateRatios(countFile: CountFile): number[] {
  const finalUnits = new Map(countFile.releases.at(-1)!.units.map((unit) => [unit.id, sum(unit.counted)]));
  return countFile.releases.slice(0, -1).flatMap((release) => {
    const expected = sum(release.units.map((unit) => unit.outstanding.expected));
    const remaining = sum(release.units.map((unit) => finalUnits.get(unit.id)! - sum(unit.counted)));
    return remaining > 0 ? [expected / remaining] : [];
  });
}

/** Share of unit-releases with votes remaining whose stated 90% range holds the true remainder. */
export function rangeHits(countFile: CountFile): { hits: number; total: number } {
  const finalUnits = new Map(countFile.releases.at(-1)!.units.map((unit) => [unit.id, sum(unit.counted)]));
  let hits = 0;
  let total = 0;
  for (const release of countFile.releases) {
    for (const unit of release.units) {
      const remaining = finalUnits.get(unit.id)! - sum(unit.counted);
      const { low, high } = unit.outstanding;
      if (remaining === 0 || low === undefined || high === undefined) continue;
      total += 1;
      if (low <= remaining && remaining <= high) hits += 1;
    }
  }
  return { hits, total };
}

function totalsOf(units: readonly { counted: Record<string, number> }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const unit of units) for (const [id, votes] of Object.entries(unit.counted)) totals[id] = (totals[id] ?? 0) + votes;
  return totals;
}

function subtract(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(after).map(([id, votes]) => [id, votes - (before[id] ?? 0)]));
}

function shareOf(votes: Record<string, number>, id: string): number {
  const total = sum(votes);
  return total === 0 ? 0 : (votes[id] ?? 0) / total;
}

function sum(values: Record<string, number> | readonly number[]): number {
  return Object.values(values).reduce((total, value) => total + value, 0);
}

function tally<Key extends string | number>(values: readonly Key[]): string {
  const counts = new Map<Key, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, count]) => `${key}: ${count}`).join(', ');
}

function quantiles(values: readonly number[], digits = 3): string {
  const probabilities = [0.05, 0.25, 0.5, 0.75, 0.95];
  return probabilities.map((p) => `p${Math.round(p * 100)} ${quantile([...values], p).toFixed(digits)}`).join('  ');
}

function bucket(values: readonly number[], edges: readonly number[]): string {
  return edges
    .slice(0, -1)
    .map((low, index) => `[${low}, ${edges[index + 1]}): ${values.filter((value) => value >= low && value < edges[index + 1]).length}`)
    .join(', ');
}

function countWhere(values: readonly number[], predicate: (value: number) => boolean): number {
  return values.filter(predicate).length;
}

/** Candidates, rules, outcomes and margins. */
function describeRaces(races: readonly GeneratedRace[]): string[] {
  const rules = races.map((race) => race.countFile.race.rule.kind);
  const sizes = races.map((race) => (race.countFile.race.candidates.length === 2 ? '2' : '3+'));
  const margins = races.map(({ truth }) => truth.finalShares[truth.ranking[0]] - truth.finalShares[truth.ranking[1]]);
  return [
    `candidates: ${tally(races.map((race) => race.countFile.race.candidates.length))}`,
    `rules: ${tally(rules)}`,
    `rules x (2 vs 3+ candidates): ${tally(rules.map((rule, index) => `${rule}/${sizes[index]}`))}`,
    `outcomes: ${tally(races.map((race) => race.truth.outcome))}`,
    `final margin leader - runner-up (share): ${quantiles(margins)}; < 0.02: ${countWhere(margins, (m) => m < 0.02)}, ` +
      `< 0.05: ${countWhere(margins, (m) => m < 0.05)}, > 0.3: ${countWhere(margins, (m) => m > 0.3)}`,
  ];
}

/** Units, votes and releases. */
function describeCounting(races: readonly GeneratedRace[]): string[] {
  const unitCounts = races.map((race) => race.spec.unitVotes.length);
  const releaseCounts = races.map((race) => race.countFile.releases.length);
  const lateJoins = races.map(({ countFile }) => countFile.releases.at(-1)!.units.length - countFile.releases[0].units.length);
  const firstFractions = races.map((race) => fractionCountedByRelease(race.countFile)[0]);
  return [
    `units: single ${countWhere(unitCounts, (units) => units === 1)}; ${quantiles(unitCounts, 0)}; max ${Math.max(...unitCounts)}`,
    `races with a unit joining late: ${countWhere(lateJoins, (joined) => joined > 0)}`,
    `total votes: ${quantiles(races.map((race) => race.truth.totalVotes), 0)}`,
    `releases: ${quantiles(releaseCounts, 0)}; ${bucket(releaseCounts, [6, 9, 12, 15, 18, 21])}`,
    `first release fraction counted: ${quantiles(firstFractions)}`,
  ];
}

/** Late-minus-early drift in the final leader's share. */
function describeDrift(races: readonly GeneratedRace[]): string[] {
  const byType = races.map(typeDrift);
  const byCount = races.map(countDrift).filter((drift): drift is number => drift !== null);
  return [
    `leader share late-mail - early-mail: ${quantiles(byType)}; |d| < 0.01: ${countWhere(byType, (d) => Math.abs(d) < 0.01)}, ` +
      `|d| > 0.10: ${countWhere(byType, (d) => Math.abs(d) > 0.1)}, positive: ${countWhere(byType, (d) => d > 0)}`,
    `leader share last-30% - first release: ${quantiles(byCount)}; |d| > 0.10: ${countWhere(byCount, (d) => Math.abs(d) > 0.1)}, ` +
      `positive: ${countWhere(byCount, (d) => d > 0)} of ${byCount.length}`,
  ];
}

/** Error of the outstanding estimates and coverage of stated ranges. */
function describeEstimates(races: readonly GeneratedRace[]): string[] {
  const ratios = races.flatMap((race) => estimateRatios(race.countFile));
  const ranges = races.map((race) => rangeHits(race.countFile));
  const fraction = (count: number) => (count / ratios.length).toFixed(3);
  const coverage = sum(ranges.map((range) => range.hits)) / sum(ranges.map((range) => range.total));
  return [
    `estimated / true outstanding (race, per release): ${quantiles(ratios)}; ` +
      `< 0.67: ${fraction(countWhere(ratios, (r) => r < 0.67))}, > 1: ${fraction(countWhere(ratios, (r) => r > 1))}`,
    `races stating ranges: ${ranges.filter((range) => range.total > 0).length}; ` +
      `stated 90% ranges holding the truth: ${coverage.toFixed(3)}`,
  ];
}

function main(): void {
  const count = Number(process.argv[2] ?? 1000);
  const seed = process.argv[3] ?? 'stats';
  const races = [...generateRaces(count, seed)];
  const lines = [
    `${count} races, seed "${seed}"`,
    ...describeRaces(races),
    ...describeCounting(races),
    ...describeDrift(races),
    ...describeEstimates(races),
  ];
  console.log(lines.join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) main();
