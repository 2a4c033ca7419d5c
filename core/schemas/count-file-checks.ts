import type { z } from 'zod';
import type { CountFile, Release, Unit } from './count-file.ts';

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;

/**
 * Checks a count file beyond its shape: ids, candidates, time order, monotone counts and ranges.
 * Reports every problem through `report` with the path of the offending field.
 */
export function checkCountFile(file: CountFile, report: Report): void {
  const candidateIds = file.race.candidates.map((candidate) => candidate.id);
  checkUniqueIds(candidateIds, ['race', 'candidates'], 'candidate', report);
  file.releases.forEach((release, releaseIndex) => {
    const releasePath = ['releases', releaseIndex];
    checkUniqueIds(release.units.map((unit) => unit.id), [...releasePath, 'units'], 'unit', report);
    release.units.forEach((unit, unitIndex) => {
      const unitPath = [...releasePath, 'units', unitIndex];
      checkCandidates(unit, candidateIds, unitPath, report);
      checkOutstandingRange(unit, unitPath, report);
      checkLean(unit, candidateIds, unitPath, report);
    });
    if (releaseIndex > 0) checkAgainstPrevious(file.releases[releaseIndex - 1], release, releaseIndex, report);
  });
}

function checkUniqueIds(ids: readonly string[], path: Path, what: string, report: Report): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) report([...path, index, 'id'], `duplicate ${what} id "${id}"`);
    seen.add(id);
  });
}

function checkCandidates(unit: Unit, candidateIds: readonly string[], unitPath: Path, report: Report): void {
  const known = new Set(candidateIds);
  for (const id of Object.keys(unit.counted)) {
    if (!known.has(id)) {
      report([...unitPath, 'counted', id], `unknown candidate "${id}"; the race's candidates are ${candidateIds.join(', ')}`);
    }
  }
  for (const id of candidateIds) {
    if (!Object.hasOwn(unit.counted, id)) report([...unitPath, 'counted'], `missing candidate "${id}"`);
  }
}

function checkLean(unit: Unit, candidateIds: readonly string[], unitPath: Path, report: Report): void {
  const lean = unit.outstanding.lean;
  if (lean === undefined) return;
  const path = [...unitPath, 'outstanding', 'lean'];
  const known = new Set(candidateIds);
  for (const id of Object.keys(lean)) if (!known.has(id)) report([...path, id], `unknown candidate "${id}"`);
  for (const id of candidateIds) if (!Object.hasOwn(lean, id)) report(path, `missing candidate "${id}"`);
  const total = Object.values(lean).reduce((sum, share) => sum + share, 0);
  if (Math.abs(total - 1) > 1e-6) report(path, `expected shares summing to 1, got ${total}`);
}

function checkOutstandingRange(unit: Unit, unitPath: Path, report: Report): void {
  const { expected, low, high } = unit.outstanding;
  const path = [...unitPath, 'outstanding'];
  if (low !== undefined && low > expected) report([...path, 'low'], `expected low <= expected, got ${low} > ${expected}`);
  if (high !== undefined && high < expected) report([...path, 'high'], `expected high >= expected, got ${high} < ${expected}`);
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
    } else if (after.unit.correction !== true) {
      checkCountsDoNotFall(before, after.unit, [...releasePath, 'units', after.unitIndex], report);
    }
  }
}

function checkCountsDoNotFall(before: Unit, after: Unit, unitPath: Path, report: Report): void {
  for (const [candidateId, votes] of Object.entries(after.counted)) {
    if (!Object.hasOwn(before.counted, candidateId)) continue;
    const previousVotes = before.counted[candidateId];
    if (votes < previousVotes) {
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
