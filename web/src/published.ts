// The published JSON the page reads (docs/published-json.md). Types only: the page bundles no schema
// library, so it trusts the shapes and checks only schemaVersion.
import type { historyDocument, indexDocument } from '../../core/pipeline/documents.ts';
import type { HistoryPoint } from '../../core/pipeline/records.ts';
import type { Forecast } from '../../core/schemas/index.ts';

export type { CandidateForecast, Forecast } from '../../core/schemas/index.ts';
export type { HistoryPoint } from '../../core/pipeline/records.ts';
export type HistoryDocument = ReturnType<typeof historyDocument>;
export type IndexDocument = ReturnType<typeof indexDocument>;

/** The documents the page reads for one race. */
export interface RaceDocuments {
  readonly forecast: Forecast;
  readonly history: HistoryDocument;
}

/** The first schema version this page reads; a newer one is refused rather than misread. */
export const SCHEMA_VERSION = 1;

/** Throws unless `document` is an object of schema version 1. */
export function checkSchemaVersion<T>(document: T, what: string): T {
  const version = (document as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (version !== SCHEMA_VERSION) throw new Error(`${what} has schemaVersion ${String(version)}; this page reads version ${SCHEMA_VERSION}`);
  return document;
}

/**
 * The keys of a race's documents, relative to the public base URL. A valid id is the same encoded (its
 * characters are all unreserved in URLs); encoding keeps anything else inside its one path segment.
 * @example latestKey('20240305CA0016') // 'races/20240305CA0016/latest.json'
 */
export const latestKey = (raceId: string): string => `races/${encodeURIComponent(raceId)}/latest.json`;
export const historyKey = (raceId: string): string => `races/${encodeURIComponent(raceId)}/history.json`;
export const INDEX_KEY = 'index.json';

/**
 * A candidate's chance at one point of history.json, or undefined if the point has none. Own keys only:
 * a candidate id such as "toString" must not read Object.prototype.toString.
 */
export function winChanceAt(point: HistoryPoint, candidateId: string): number | undefined {
  return Object.hasOwn(point.winProbability, candidateId) ? point.winProbability[candidateId] : undefined;
}

/** The race to show when none is asked for: the first one in index.json with a forecast, else the first. */
export function defaultRaceId(index: IndexDocument): string | undefined {
  return (index.races.find((race) => race.latest !== undefined) ?? index.races[0])?.raceId;
}
