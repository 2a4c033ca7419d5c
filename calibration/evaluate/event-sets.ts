import type { ProbabilityEvent } from './probability-events.ts';

/** A named selection of probability events, scored together. */
export interface EventSet {
  readonly label: string;
  readonly select: (event: ProbabilityEvent) => boolean;
  /** Whether the no-information baselines (1/k, and "the count leader finishes first") apply. */
  readonly firstPlaceBaselines: boolean;
}

/**
 * The event sets the report scores. The headline reliability table is `leaders`: the "finishes first"
 * events of the two candidates the forecast expects to lead (`margin.between`). Every candidate's event
 * (`allFirst`) is scored too, but minor candidates at 1–3% add hundreds of easy forecasts near 0 that
 * all come true as "lost", which fill the bottom bin and flatter the Brier score; the leaders' events are
 * the contested questions. A surprise winner from outside the two leaders still counts as a miss in
 * `allFirst` and in false calls, which use every candidate.
 */
export const EVENT_SETS = {
  leaders: {
    label: 'first place, two leading candidates',
    select: (event) => event.kind === 'first' && event.leading,
    firstPlaceBaselines: true,
  },
  allFirst: {
    label: 'first place, every candidate',
    select: (event) => event.kind === 'first',
    firstPlaceBaselines: true,
  },
  outright: {
    label: 'wins outright (majority), every candidate',
    select: (event) => event.kind === 'outright',
    firstPlaceBaselines: false,
  },
  advance: {
    label: 'advances (majority, top-two), every candidate',
    select: (event) => event.kind === 'advance',
    firstPlaceBaselines: false,
  },
  runoff: {
    label: 'runoff happens (majority)',
    select: (event) => event.kind === 'runoff',
    firstPlaceBaselines: false,
  },
} as const satisfies Record<string, EventSet>;

export type EventSetName = keyof typeof EVENT_SETS;
