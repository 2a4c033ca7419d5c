import type { BallotTypeCount, Call, Race, Unit } from '../core/schemas/index.ts';

/** Counts of a unit, or of one ballot type of it, with the outstanding estimate when the feed gave one. */
export type ObservedPart = Pick<BallotTypeCount, 'counted'> & Partial<Pick<BallotTypeCount, 'outstanding'>>;

/** One reporting unit as one snapshot showed it; `types` splits its counts by ballot type. */
export type ObservedUnit = Pick<Unit, 'id' | 'name'> & ObservedPart & { readonly types?: Readonly<Record<string, ObservedPart>> };

/**
 * What one snapshot of a feed said about one race: the race, the feed's own update time (`asOf`), every unit
 * it reported and the race call if it had one. Feed converters produce these; `snapshotsToCountFiles` turns
 * them into releases.
 */
export interface RaceObservation {
  /** The file or URL, for messages. */
  readonly source: string;
  readonly race: Race;
  readonly asOf: string;
  readonly units: readonly ObservedUnit[];
  readonly call?: Call;
}
