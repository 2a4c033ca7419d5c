/**
 * Where forecasts are published for readers (S3 in AWS and locally; see docs/published-json.md). Each
 * method writes one whole object with its Content-Type and Cache-Control, so a reader never sees half of
 * one. Writing the same object twice is harmless.
 */
export interface ForecastPublisher {
  /** races/{raceId}/runs/{runId}.json: immutable, cached for a year. */
  putRun(raceId: string, runId: string, json: string): Promise<void>;
  /** races/{raceId}/latest.json: short cache. */
  putLatest(raceId: string, json: string): Promise<void>;
  /** races/{raceId}/history.json: short cache. */
  putHistory(raceId: string, json: string): Promise<void>;
  /** index.json: short cache. */
  putIndex(json: string): Promise<void>;
  /** schema/forecast.v1.json: short cache (it changes only with a release of ballotcast). */
  putSchema(json: string): Promise<void>;
  /** races/{raceId}/inputs/{inputHash}.json: content-addressed, immutable, written once. */
  putInput(raceId: string, inputHash: string, json: string): Promise<void>;
  /** elections/{electionId}/races/{raceId}/outcomes/{runId}.json: a night run's seat winners; immutable. */
  putOutcomes(electionId: string, raceId: string, runId: string, json: string): Promise<void>;
  /** elections/{electionId}/summary.json: short cache. */
  putSummary(electionId: string, json: string): Promise<void>;
  /** The text of the published object at `key`, or undefined if there is none. */
  getPublished(key: string): Promise<string | undefined>;
  /** The text of a published run, or undefined if there is none. */
  getRun(raceId: string, runId: string): Promise<string | undefined>;
}
