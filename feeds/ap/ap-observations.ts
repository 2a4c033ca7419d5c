import type { Call, Candidate } from '../../core/schemas/index.ts';
import { EEVP_UNCERTAINTY, outstandingFromPrecincts, outstandingFromShare } from '../estimate/outstanding-from-share.ts';
import { FeedError } from '../feed-error.ts';
import { feedId } from '../feed-ids.ts';
import type { ObservedPart, ObservedUnit, RaceObservation } from '../observation.ts';
import { parseFeedJson } from '../parse-feed-json.ts';
import type { FeedSnapshot } from '../recorded-snapshot.ts';
import { ApResponseSchema, type ApRace, type ApReportingUnit } from './ap-schema.ts';

/** Levels that sum other reporting units (or, for "district", cut across them): units only when nothing finer is sent. */
const AGGREGATE_LEVELS = new Set(['national', 'state', 'district']);

/** The ballot type that takes a candidate's votes the feed's vote types leave out. */
export const OTHER_VOTE_TYPE = 'other';

/** The time an AP response was created (its `timestamp`), for a plain response file with no fetch time. */
export function apFeedTime(snapshot: FeedSnapshot): string | undefined {
  return parseFeedJson(ApResponseSchema, snapshot, 'an AP elections response').timestamp;
}

/**
 * What one AP elections response says of each of its races. For each race:
 * - id: the election date without dashes, the state's postal code and AP's raceID, as AP's own ids are
 *   written (20221108AL1005); units keep AP's reportingunitID (the state's postal code for the state
 *   unit) and candidates AP's candidateID;
 * - units: the reporting units below the state (level=ru or fipscode), or the state unit alone;
 * - time: the latest `lastUpdated` of the race's reporting units;
 * - outstanding: from the unit's eevp, else the race's eevp (AP's estimated expected vote percentage),
 *   else precincts reporting (outstandingFromShare); none when nothing is counted yet;
 * - ballot types: from each candidate's `voteTypes` (votetypes=true), with votes they leave out in "other";
 * - call: a candidate with `winner: "X"` is AP's call, seen at the response's `timestamp`.
 * @throws FeedError naming the field of anything malformed or an id that breaks the id rule.
 */
export function apObservations(snapshot: FeedSnapshot): RaceObservation[] {
  const response = parseFeedJson(ApResponseSchema, snapshot, 'an AP elections response');
  const seenAt = response.timestamp ?? snapshot.fetchedAt;
  return response.races.map((race, raceIndex) => raceObservation(race, `races[${raceIndex}]`, response.electionDate, seenAt, snapshot.source));
}

function raceObservation(race: ApRace, path: string, electionDate: string, seenAt: string | undefined, source: string): RaceObservation {
  const statePostal = race.statePostal ?? race.reportingUnits.find((unit) => unit.statePostal !== undefined)?.statePostal;
  if (statePostal === undefined) throw new FeedError(source, `${path}.statePostal: expected the state's postal code, on the race or on its reporting units`);
  const raceId = feedId(`${electionDate.replaceAll('-', '')}${statePostal}${race.raceID}`, `${path}.raceID`, source);
  const chosen = unitIndices(race.reportingUnits);
  const asOf = race.reportingUnits.map((unit) => unit.lastUpdated).reduce((latest, time) => (Date.parse(time) > Date.parse(latest) ? time : latest));
  const candidates = raceCandidates(race, path, source);
  const call = raceCall(race, seenAt ?? asOf);
  return {
    source,
    race: { id: raceId, name: raceName(race, raceId), rule: { kind: 'plurality' }, candidates },
    asOf,
    units: chosen.map((index) => observedUnit(race.reportingUnits[index], race, `${path}.reportingUnits[${index}]`, statePostal, source)),
    ...(call === undefined ? {} : { call }),
  };
}

/** The reporting units that partition the race: those below the state if any, else the state's, else all. */
function unitIndices(units: readonly ApReportingUnit[]): number[] {
  const indices = units.map((_, index) => index);
  const finer = indices.filter((index) => !AGGREGATE_LEVELS.has(units[index].level));
  if (finer.length > 0) return finer;
  const state = indices.filter((index) => units[index].level === 'state');
  return state.length > 0 ? state : indices;
}

/** "Governor, District 1 (GOP Primary)": office, seat, and party and type of race where AP gives them. */
function raceName(race: ApRace, raceId: string): string {
  const office = [race.officeName, race.seatName].filter((part) => part !== undefined && part !== '').join(', ');
  const kind = [race.party, race.raceType].filter((part) => part !== undefined && part !== '').join(' ');
  if (office === '') return raceId;
  return kind === '' ? office : `${office} (${kind})`;
}

/** Every candidate in any of the race's reporting units, in the order AP lists them. */
function raceCandidates(race: ApRace, path: string, source: string): Candidate[] {
  const seen = new Map<string, Candidate>();
  race.reportingUnits.forEach((unit, unitIndex) =>
    unit.candidates.forEach((candidate, candidateIndex) => {
      const id = feedId(candidate.candidateID, `${path}.reportingUnits[${unitIndex}].candidates[${candidateIndex}].candidateID`, source);
      if (seen.has(id)) return;
      const name = [candidate.first, candidate.last].filter((part) => part !== undefined && part !== '').join(' ');
      seen.set(id, { id, name: name === '' ? id : name, ...(candidate.party === undefined ? {} : { party: candidate.party }) });
    }),
  );
  return [...seen.values()];
}

/** AP's call: the candidate flagged `winner: "X"` (in the state unit first), seen at `seenAt`. */
function raceCall(race: ApRace, seenAt: string): Call | undefined {
  const ordered = [...race.reportingUnits].sort((a, b) => Number(b.level === 'state') - Number(a.level === 'state'));
  const winner = ordered.flatMap((unit) => unit.candidates).find((candidate) => candidate.winner === 'X');
  if (winner === undefined) return undefined;
  // raceCandidates has checked every candidateID against the id rule.
  return { candidate: winner.candidateID, by: 'AP', at: seenAt };
}

function observedUnit(unit: ApReportingUnit, race: ApRace, path: string, statePostal: string, source: string): ObservedUnit {
  const idField = unit.reportingunitID === undefined ? 'statePostal' : 'reportingunitID';
  const id = feedId(unit.reportingunitID ?? unit.statePostal ?? statePostal, `${path}.${idField}`, source);
  const counted = Object.fromEntries(unit.candidates.map((candidate) => [candidate.candidateID, candidate.voteCount]));
  const outstanding = apOutstanding(unit, race, counted);
  const types = apVoteTypes(unit, path, source);
  const name = unit.reportingunitName ?? unit.stateName;
  return { id, ...(name === undefined ? {} : { name }), counted, ...(outstanding === undefined ? {} : { outstanding }), ...(types === undefined ? {} : { types }) };
}

/** The unit's outstanding votes from eevp (the unit's, else the race's), else from precincts reporting. */
function apOutstanding(unit: ApReportingUnit, race: ApRace, counted: Readonly<Record<string, number>>): ObservedPart['outstanding'] {
  const votes = Object.values(counted).reduce((sum, value) => sum + value, 0);
  const eevp = unit.eevp ?? race.eevp;
  if (eevp !== undefined) return outstandingFromShare(votes, eevp / 100, EEVP_UNCERTAINTY);
  const precincts =
    unit.precinctsReportingPct !== undefined
      ? unit.precinctsReportingPct / 100
      : unit.precinctsReporting !== undefined && unit.precinctsTotal !== undefined && unit.precinctsTotal > 0
        ? unit.precinctsReporting / unit.precinctsTotal
        : undefined;
  return precincts === undefined ? undefined : outstandingFromPrecincts(votes, precincts);
}

/** The unit's counts by vote type, when its candidates have `voteTypes`; votes left out go to "other". */
function apVoteTypes(unit: ApReportingUnit, path: string, source: string): Record<string, ObservedPart> | undefined {
  if (!unit.candidates.some((candidate) => candidate.voteTypes !== undefined)) return undefined;
  const types: Record<string, Record<string, number>> = {};
  unit.candidates.forEach((candidate, candidateIndex) => {
    const candidatePath = `${path}.candidates[${candidateIndex}]`;
    let typed = 0;
    (candidate.voteTypes ?? []).forEach((voteType, typeIndex) => {
      const name = feedId(voteType.voteType, `${candidatePath}.voteTypes[${typeIndex}].voteType`, source);
      types[name] ??= {};
      types[name][candidate.candidateID] = (types[name][candidate.candidateID] ?? 0) + voteType.voteCount;
      typed += voteType.voteCount;
    });
    if (typed > candidate.voteCount) {
      throw new FeedError(source, `${candidatePath}.voteTypes: the vote types add up to ${typed} votes, more than the candidate's voteCount ${candidate.voteCount}`);
    }
    if (typed < candidate.voteCount) {
      types[OTHER_VOTE_TYPE] ??= {};
      types[OTHER_VOTE_TYPE][candidate.candidateID] = (types[OTHER_VOTE_TYPE][candidate.candidateID] ?? 0) + candidate.voteCount - typed;
    }
  });
  return Object.fromEntries(Object.entries(types).map(([name, counted]) => [name, { counted }]));
}
