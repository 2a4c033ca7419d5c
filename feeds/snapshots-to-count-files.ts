import { parseCountFile, type Call, type Candidate, type CountFile, type Release, type Unit } from '../core/schemas/index.ts';
import { completeUnits } from './estimate/complete-units.ts';
import { FeedError } from './feed-error.ts';
import type { RaceObservation } from './observation.ts';
import { keepConsistentTypes } from './keep-consistent-types.ts';

/** The count files made from a night of snapshots, and what was left out along the way, in words. */
export interface ImportResult {
  readonly countFiles: CountFile[];
  readonly notes: string[];
}

/**
 * Turns the observations of every snapshot, in the order the snapshots were fetched, into one count file
 * per race (races in order of first appearance). For each race, an observation becomes a release unless:
 * - it changes nothing (same counts, same call): identical snapshots give one release;
 * - its time is not after the last release's: a stale cached copy, dropped with a note; at the same time
 *   with the same counts, only a changed call is taken, onto that release;
 * - nothing is counted yet and no unit has an estimate; or votes are counted but no unit has an estimate
 *   (skipped with a note).
 * A unit missing from a snapshot keeps its last counts and estimate (the feed stopped reporting it; its
 * votes did not vanish). A unit whose counts, or whose ballot type's counts, fall is marked `correction`.
 * Every unit counts every candidate the race ever had (0 where the feed had none). A call of the same
 * candidate by the same caller keeps the time it was first seen.
 * @throws FeedError when a race cannot be made into a valid count file.
 */
export function snapshotsToCountFiles(observations: readonly RaceObservation[]): ImportResult {
  const byRace = new Map<string, RaceObservation[]>();
  for (const observation of observations) {
    const list = byRace.get(observation.race.id) ?? [];
    list.push(observation);
    byRace.set(observation.race.id, list);
  }
  const notes: string[] = [];
  const countFiles: CountFile[] = [];
  for (const [raceId, list] of byRace) {
    const countFile = raceCountFile(list, notes);
    if (countFile === undefined) notes.push(`race ${raceId}: no count file: no snapshot had votes counted with an estimate of those outstanding`);
    else countFiles.push(countFile);
  }
  return { countFiles, notes };
}

function raceCountFile(observations: readonly RaceObservation[], notes: string[]): CountFile | undefined {
  const candidates = allCandidates(observations);
  const candidateIds = candidates.map((candidate) => candidate.id);
  const releases: Release[] = [];
  for (const observation of observations) {
    const completed = completeUnits(observation.units);
    if ('skipped' in completed) {
      if (completed.skipped !== undefined) notes.push(`${observation.source}: race ${observation.race.id} at ${observation.asOf}: skipped: ${completed.skipped}`);
      continue;
    }
    const units = completed.units.map((unit) => withEveryCandidate(unit, candidateIds));
    const last = releases.at(-1);
    if (last === undefined) {
      releases.push(release(observation.asOf, units, observation.call));
      continue;
    }
    const merged = mergeUnits(last.units, units);
    const call = observation.call !== undefined && sameCall(observation.call, last.call) ? last.call : observation.call;
    const sameCounts = countsKey(merged) === countsKey(last.units);
    const time = Date.parse(observation.asOf);
    const lastTime = Date.parse(last.asOf);
    if (time < lastTime || (time === lastTime && !sameCounts)) {
      notes.push(`${observation.source}: race ${observation.race.id} at ${observation.asOf}: dropped: a stale copy, not after the release at ${last.asOf}`);
    } else if (time === lastTime) {
      if (!sameCall(call, last.call)) releases[releases.length - 1] = release(last.asOf, last.units, call);
    } else if (!sameCounts || !sameCall(call, last.call)) {
      releases.push(release(observation.asOf, merged, call));
    }
  }
  if (releases.length === 0) return undefined;
  const file: CountFile = { schemaVersion: 1, race: { ...observations[0].race, candidates }, releases: keepConsistentTypes(releases) };
  const parsed = parseCountFile(file);
  if (!parsed.ok) throw new FeedError(observations[0].source, `race ${file.race.id}: the feed does not make a valid count file`, parsed.errors);
  return parsed.value;
}

function release(asOf: string, units: Unit[], call: Call | undefined): Release {
  return { asOf, units, ...(call === undefined ? {} : { call }) };
}

/** Every candidate of every observation of the race, in order of first appearance, as first described. */
function allCandidates(observations: readonly RaceObservation[]): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const observation of observations) {
    for (const candidate of observation.race.candidates) if (!seen.has(candidate.id)) seen.set(candidate.id, candidate);
  }
  return [...seen.values()];
}

/** The unit with a count for every candidate, in the race's order: 0 where the feed had none. */
function withEveryCandidate(unit: Unit, candidateIds: readonly string[]): Unit {
  const fill = (counted: Readonly<Record<string, number>>) =>
    Object.fromEntries(candidateIds.map((id) => [id, Object.hasOwn(counted, id) ? counted[id] : 0]));
  const types = unit.types === undefined ? undefined : Object.fromEntries(Object.entries(unit.types).map(([name, part]) => [name, { ...part, counted: fill(part.counted) }]));
  return { ...unit, counted: fill(unit.counted), ...(types === undefined ? {} : { types }) };
}

/**
 * The previous release's units updated by this snapshot's: a unit the snapshot left out keeps its last
 * state; a unit whose counts fell is marked `correction`; units new in this snapshot come last.
 */
function mergeUnits(previous: readonly Unit[], current: readonly Unit[]): Unit[] {
  const byId = new Map(current.map((unit) => [unit.id, unit]));
  const merged = previous.map((before) => {
    const after = byId.get(before.id);
    if (after === undefined) return withoutCorrection(before);
    return countsFell(before, after) ? { ...after, correction: true } : withoutCorrection(after);
  });
  const known = new Set(previous.map((unit) => unit.id));
  return [...merged, ...current.filter((unit) => !known.has(unit.id))];
}

function withoutCorrection(unit: Unit): Unit {
  const { correction: _correction, ...rest } = unit;
  return rest;
}

/** Whether any count of the unit, or of a ballot type both releases report, went down. */
function countsFell(before: Unit, after: Unit): boolean {
  const fell = (was: Readonly<Record<string, number>>, now: Readonly<Record<string, number>>) =>
    Object.keys(now).some((id) => Object.hasOwn(was, id) && now[id] < was[id]);
  if (fell(before.counted, after.counted)) return true;
  return Object.entries(after.types ?? {}).some(([name, part]) => before.types !== undefined && Object.hasOwn(before.types, name) && fell(before.types[name].counted, part.counted));
}

/** The units' counts and estimates as text, without correction marks: equal text, nothing changed. */
function countsKey(units: readonly Unit[]): string {
  return JSON.stringify(units.map(withoutCorrection));
}

/** The same call: the same candidate, by the same caller (whenever it was seen). Two absent calls are the same. */
function sameCall(a: Call | undefined, b: Call | undefined): boolean {
  return a?.candidate === b?.candidate && a?.by === b?.by;
}
