import type { CountFile, Release, Unit } from '../schemas/count-file.ts';

/**
 * The count file as the model sees it: each unit that reports ballot types becomes one unit per type, with
 * id `unit/type` (ids never contain "/", so these cannot clash with a real unit). Each type then has its own
 * history, lean and outstanding estimate, since mail, early, election-day and provisional ballots are counted
 * at different times and lean differently. Race-wide sums are unchanged. A unit without types is kept as is.
 * @example expandBallotTypes(file).releases[0].units.map((unit) => unit.id) // ['fulton/mail', 'fulton/election_day', 'cobb']
 */
export function expandBallotTypes(file: CountFile): CountFile {
  if (!file.releases.some((release) => release.units.some((unit) => unit.types !== undefined))) return file;
  return { ...file, releases: file.releases.map(expandRelease) };
}

function expandRelease(release: Release): Release {
  return { ...release, units: release.units.flatMap(expandUnit) };
}

function expandUnit(unit: Unit): Unit[] {
  if (unit.types === undefined) return [unit];
  return Object.entries(unit.types).map(([name, part]) => ({
    id: `${unit.id}/${name}`,
    counted: part.counted,
    outstanding: part.outstanding,
    ...(unit.correction === true ? { correction: true } : {}),
  }));
}
