import type { CountFile } from '../../../core/schemas/index.ts';
import type { BuiltExample } from '../../examples/build.ts';
import { parseCsvRecords } from '../../../feeds/csv/csv-records.ts';
import { pacificIso } from '../../examples/pacific-time.ts';
import { assembleCountFile, countedSnapshots, totalVotes, type OutstandingRule } from './assemble-count-file.ts';
import { planCandidates } from './candidates.ts';
import { readContestHistories, type ContestHistory } from './contest-history.ts';
import { hoursBetween, readLaCountCurve, shareCountedAt, type CurvePoint } from './count-curve.ts';
import { derivedOutstanding } from './derived-outstanding.ts';
import { oracleFactor, oracleOutstanding } from './oracle-outstanding.ts';
import { slugify } from './slugs.ts';
import { thinSnapshots } from './thinning.ts';
import { readCountDecreases, readUpdateRows, type CountDecrease } from './source-rows.ts';

/** The raw CSV files the corpus is built from, by role; names relative to ../shared/data. */
export const CORPUS_SOURCE_FILES = {
  countyUpdates: 'ca-2024-primary/county_updates.csv',
  countDecreases: 'ca-2024-primary/count_decreases.csv',
  laGeneralUpdates: 'la-2022/general_2022_mayor_updates.csv',
} as const;

export type CorpusSourceTexts = Record<keyof typeof CORPUS_SOURCE_FILES, string>;

/** Where each variant's files live, relative to the repository root. */
export const CORPUS_DIRS = { derived: 'corpus/ca-2024-primary', oracle: 'corpus/ca-2024-primary-oracle' } as const;

export type CorpusVariant = keyof typeof CORPUS_DIRS;

/** Polls closed at 8 pm Pacific on March 5 2024. */
export const POLLS_CLOSED = pacificIso('2024-03-05T20:00:00');

/** What every contest's build shares: the borrowed count curve and the listed count drops. */
export type CorpusContext = { curve: CurvePoint[]; decreases: CountDecrease[] };

/**
 * Builds the whole corpus, both variants, one file per contest with at least two candidates (contests in id
 * order, derived files first). Pure: the same texts give the same files.
 */
export function buildCaCorpus(sources: CorpusSourceTexts): BuiltExample[] {
  const histories = readContestHistories(readUpdateRows(parseCsvRecords(sources.countyUpdates)));
  const context: CorpusContext = {
    curve: readLaCountCurve(parseCsvRecords(sources.laGeneralUpdates)),
    decreases: readCountDecreases(parseCsvRecords(sources.countDecreases)),
  };
  const canvassEnd = lastSnapshotTime(histories);
  const contested = histories
    .filter((history) => history.candidates.length >= 2)
    .map((history) => closeAtCanvassEnd(history, canvassEnd));
  return (['derived', 'oracle'] as const).flatMap((variant) =>
    contested.map((history) => ({
      path: `${CORPUS_DIRS[variant]}/${history.contestId}.json`,
      countFile: buildContestFile(history, variant, context),
    })),
  );
}

/** The time of the last capture of all: the end of every county's canvass. */
function lastSnapshotTime(histories: readonly ContestHistory[]): string {
  const times = histories.map((history) => history.snapshots[history.snapshots.length - 1].asOf);
  return times.reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest));
}

/**
 * A contest whose last change came before the canvass ended gets one more snapshot, unchanged, at the
 * canvass end, so every file ends at the final count as known when the canvass closed.
 */
export function closeAtCanvassEnd(history: ContestHistory, canvassEnd: string): ContestHistory {
  const last = history.snapshots[history.snapshots.length - 1];
  if (Date.parse(last.asOf) >= Date.parse(canvassEnd)) return history;
  return { ...history, snapshots: [...history.snapshots, { asOf: canvassEnd, units: last.units }] };
}

/** One contest's count file in one variant. */
export function buildContestFile(history: ContestHistory, variant: CorpusVariant, context: CorpusContext): CountFile {
  const final = history.snapshots[history.snapshots.length - 1];
  const finalVotes = history.candidates.map((_, index) =>
    [...final.units.values()].reduce((sum, state) => sum + state.votes[index], 0),
  );
  const rule = variant === 'derived' ? derivedRule(context.curve) : oracleRule(history);
  const kept = thinSnapshots(countedSnapshots(history), POLLS_CLOSED);
  return assembleCountFile(history, planCandidates(history.candidates, finalVotes), kept, context.decreases, rule);
}

/** Derived estimates: each county's own count read against LA 2022's curve at the snapshot's hour. */
function derivedRule(curve: readonly CurvePoint[]): OutstandingRule {
  return (snapshot, counties) => {
    const shareCounted = shareCountedAt(curve, hoursBetween(POLLS_CLOSED, snapshot.asOf));
    const units = counties.map((county) => {
      const state = snapshot.units.get(county);
      if (state === undefined) throw new Error(`no state for ${county} at ${snapshot.asOf}`);
      return {
        countedVotes: totalVotes(state.votes),
        precinctsTotal: state.precinctsTotal,
        hoursSinceChange: hoursBetween(state.changedAt, snapshot.asOf),
      };
    });
    return derivedOutstanding(units, shareCounted);
  };
}

/** Oracle estimates: the true remainder (final − counted) times each county's persistent error factor. */
function oracleRule(history: ContestHistory): OutstandingRule {
  const final = history.snapshots[history.snapshots.length - 1].units;
  return (snapshot, counties) =>
    counties.map((county) => {
      const counted = totalVotes(snapshot.units.get(county)?.votes ?? []);
      const finalVotes = totalVotes(final.get(county)?.votes ?? []);
      return oracleOutstanding(finalVotes - counted, oracleFactor(history.contestId, slugify(county)));
    });
}
