import type { z } from 'zod';
import type { BallotTypeCount, CountFile, Release, Unit } from './count-file.ts';
import { checkDesk } from './desk-checks.ts';
import { checkLean, checkOutstandingRange, type Path, type Report } from './outstanding-checks.ts';
import { idProblem, ID_RULE } from './id-rule.ts';

/**
 * Checks a count file beyond its shape: ids, candidates, time order, monotone counts and ranges.
 * Reports every problem through `report` with the path of the offending field.
 */
export function checkCountFile(file: CountFile, report: Report): void {
  // Unique candidate ids are part of RaceSchema itself, so PUT /races checks them too.
  const candidateIds = file.race.candidates.map((candidate) => candidate.id);
  file.releases.forEach((release, releaseIndex) => {
    const releasePath = ['releases', releaseIndex];
    checkUniqueIds(release.units.map((unit) => unit.id), [...releasePath, 'units'], 'unit', report);
    release.units.forEach((unit, unitIndex) => {
      const unitPath = [...releasePath, 'units', unitIndex];
      checkPart(unit, candidateIds, unitPath, report);
      if (unit.types !== undefined) checkBallotTypes(unit, unit.types, candidateIds, unitPath, report);
    });
    if (release.call !== undefined && !candidateIds.includes(release.call.candidate)) {
      report([...releasePath, 'call', 'candidate'], `unknown candidate "${release.call.candidate}"; the race's candidates are ${candidateIds.join(', ')}`);
    }
    if (releaseIndex > 0) checkAgainstPrevious(file.releases[releaseIndex - 1], release, releaseIndex, report);
  });
  if (file.desk !== undefined) checkDesk(file, file.desk, report);
}

function checkUniqueIds(ids: readonly string[], path: Path, what: string, report: Report): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) report([...path, index, 'id'], `duplicate ${what} id "${id}"`);
    seen.add(id);
  });
}

/** A unit, or one ballot type of it: its candidates, outstanding range and stated lean. */
type Part = Pick<Unit, 'counted' | 'outstanding'>;

function checkPart(part: Part, candidateIds: readonly string[], path: Path, report: Report): void {
  checkCandidates(part, candidateIds, path, report);
  checkOutstandingRange(part.outstanding, path, report);
  checkLean(part.outstanding.lean, candidateIds, [...path, 'outstanding', 'lean'], report);
}

function checkCandidates(part: Part, candidateIds: readonly string[], unitPath: Path, report: Report): void {
  const known = new Set(candidateIds);
  for (const id of Object.keys(part.counted)) {
    if (!known.has(id)) {
      report([...unitPath, 'counted', id], `unknown candidate "${id}"; the race's candidates are ${candidateIds.join(', ')}`);
    }
  }
  for (const id of candidateIds) {
    if (!Object.hasOwn(part.counted, id)) report([...unitPath, 'counted'], `missing candidate "${id}"`);
  }
}

/** Each type is checked as a unit is, and the types add up to the unit: counted per candidate and expected. */
function checkBallotTypes(
  unit: Unit,
  types: Readonly<Record<string, BallotTypeCount>>,
  candidateIds: readonly string[],
  unitPath: Path,
  report: Report,
): void {
  const parts = Object.entries(types);
  if (parts.length === 0) report([...unitPath, 'types'], 'expected at least 1 ballot type, or no "types" at all');
  for (const [name, part] of parts) {
    // A type name follows the id rule, so `unit/type` (the model's id for it) never clashes with a real unit.
    const problem = idProblem(name);
    if (problem !== undefined) report([...unitPath, 'types', name], `expected a ballot type name as an id: ${ID_RULE}; ${problem}`);
    checkPart(part, candidateIds, [...unitPath, 'types', name], report);
  }
  for (const id of candidateIds) {
    const sum = parts.reduce((total, [, part]) => total + (Object.hasOwn(part.counted, id) ? part.counted[id] : 0), 0);
    if (parts.length > 0 && Object.hasOwn(unit.counted, id) && sum !== unit.counted[id]) {
      report([...unitPath, 'types'], `ballot types add up to ${sum} votes for "${id}", but the unit counts ${unit.counted[id]}`);
    }
  }
  const expected = parts.reduce((total, [, part]) => total + part.outstanding.expected, 0);
  if (parts.length > 0 && expected !== unit.outstanding.expected) {
    report([...unitPath, 'types'], `ballot types expect ${expected} votes outstanding, but the unit expects ${unit.outstanding.expected}`);
  }
}


function checkAgainstPrevious(previous: Release, release: Release, releaseIndex: number, report: Report): void {
  const releasePath = ['releases', releaseIndex];
  if (Date.parse(release.asOf) <= Date.parse(previous.asOf)) {
    report([...releasePath, 'asOf'], `expected a time after the previous release (${previous.asOf}), got ${release.asOf}`);
  }
  const current = new Map(release.units.map((unit, unitIndex) => [unit.id, { unit, unitIndex }]));
  for (const before of previous.units) {
    const after = current.get(before.id);
    if (after === undefined) {
      report([...releasePath, 'units'], `missing unit "${before.id}": every release is a full snapshot of all units`);
    } else {
      checkTypesKept(before, after.unit, [...releasePath, 'units', after.unitIndex], report);
      if (after.unit.correction !== true) checkUnitCountsDoNotFall(before, after.unit, [...releasePath, 'units', after.unitIndex], report);
    }
  }
}

/** A unit that reported ballot types keeps reporting every one of them, as a release keeps every unit. */
function checkTypesKept(before: Unit, after: Unit, unitPath: Path, report: Report): void {
  for (const name of Object.keys(before.types ?? {})) {
    if (!Object.hasOwn(after.types ?? {}, name)) report([...unitPath, 'types'], `missing ballot type "${name}": a unit keeps every type it has reported`);
  }
}

function checkUnitCountsDoNotFall(before: Unit, after: Unit, unitPath: Path, report: Report): void {
  checkCountsDoNotFall(before, after, unitPath, report);
  for (const [name, part] of Object.entries(after.types ?? {})) {
    const earlier = before.types !== undefined && Object.hasOwn(before.types, name) ? before.types[name] : undefined;
    if (earlier !== undefined) checkCountsDoNotFall(earlier, part, [...unitPath, 'types', name], report);
  }
}

function checkCountsDoNotFall(before: Part, after: Part, unitPath: Path, report: Report): void {
  for (const [candidateId, votes] of Object.entries(after.counted)) {
    const previousVotes = Object.hasOwn(before.counted, candidateId) ? before.counted[candidateId] : undefined;
    if (previousVotes !== undefined && votes < previousVotes) {
      report(
        [...unitPath, 'counted', candidateId],
        `went down from ${previousVotes} to ${votes}; set "correction": true on the unit if the office corrected it`,
      );
    }
  }
}

/** Adapts `checkCountFile` to zod's refinement context. */
export function refineCountFile(file: CountFile, context: z.RefinementCtx): void {
  checkCountFile(file, (path, message) => context.addIssue({ code: 'custom', path, message, input: file }));
}
