import type { Release } from '../schemas/count-file.ts';

// How big a run may be, so that it ends well inside the run function's timeout (docs/runs.md, "The cap").
// A run's time grows with units × candidates × draws: measured on one thread of the project's two-core
// machine, forecastRace does about 20–30 million unit-draws × candidates per second whatever the number of
// candidates (2 candidates: 10–15 M unit-draws/s; 12 candidates: 1.5–2.5 M unit-draws/s).

/** The run function's timeout the cap is planned for, in seconds; infra's runTimeout may not be shorter. */
export const PLANNED_RUN_TIMEOUT_SECONDS = 60;

/**
 * The work per second planned for the run function, in unit-draws × candidates: 20 M measured per core,
 * times 0.58 (a 1,024 MB Lambda function gets 1,024/1,769 of a vCPU), halved for margin, rounded down.
 */
export const PLANNED_WORK_PER_SECOND = 5_000_000;

/**
 * The most work one run may do, in unit-draws × candidates: half the planned timeout at the planned rate
 * (150 million); the other half is left for loading releases, writing six objects and a cold start.
 */
export const MAX_RUN_WORK = (PLANNED_RUN_TIMEOUT_SECONDS / 2) * PLANNED_WORK_PER_SECOND;

/** Draws a run gets when none are asked for, or as many as fit under MAX_RUN_WORK if that is fewer. */
export const DEFAULT_DRAWS = 20_000;

/** The units the model simulates for a release: a unit split by ballot type counts once per type. */
export function simulatedUnits(release: Release): number {
  return release.units.reduce((total, unit) => total + (unit.types === undefined ? 1 : Math.max(1, Object.keys(unit.types).length)), 0);
}

/**
 * The most draws a run of `release` may have under MAX_RUN_WORK (at least 1).
 * @example maxDraws(releaseOf1000Units, 2) // 75000
 */
export function maxDraws(release: Release, candidateCount: number): number {
  return Math.max(1, Math.floor(MAX_RUN_WORK / (simulatedUnits(release) * Math.max(1, candidateCount))));
}

/** `draws` (DEFAULT_DRAWS unless the service is set otherwise), or fewer if that many would not fit under MAX_RUN_WORK. */
export function defaultDraws(release: Release, candidateCount: number, draws = DEFAULT_DRAWS): number {
  return Math.min(draws, maxDraws(release, candidateCount));
}

/**
 * Why `draws` draws of `release` would be too much work for one run, or undefined if they fit.
 * @example runSizeProblem(releaseOf1000Units, 2, 100_000) // '100000 draws × 1000 units × 2 candidates is …'
 */
export function runSizeProblem(release: Release, candidateCount: number, draws: number): string | undefined {
  const units = simulatedUnits(release);
  const work = draws * units * candidateCount;
  if (work <= MAX_RUN_WORK) return undefined;
  return (
    `${draws} draws × ${units} units × ${candidateCount} candidates is ${work} unit-draws × candidates; a run may do at most ` +
    `${MAX_RUN_WORK}, so that it ends within the run function's ${PLANNED_RUN_TIMEOUT_SECONDS} s: at most ${maxDraws(release, candidateCount)} draws for this release`
  );
}
