import { summarizeNight } from '../../core/night/summarize-night.ts';
import { historyDocument } from '../../core/pipeline/documents.ts';
import { historyPoint } from '../../core/pipeline/history-point.ts';
import { publishedKeys } from '../../core/pipeline/published-keys.ts';
import type { HistoryPoint } from '../../core/pipeline/records.ts';
import { checkedId } from '../../core/schemas/id-rule.ts';
import type { CountFile, Election, NightSummary } from '../../core/schemas/index.ts';
import type { Forecast } from '../../core/schemas/forecast.ts';
import { runNightRaces } from '../../runtime/run-forecasts.ts';

/**
 * Where the service is to publish an election's night summary (docs/published-json.md), beside its races'
 * forecasts.
 */
export const summaryObjectKey = (electionId: string): string => `elections/${checkedId(electionId)}/summary.json`;

/** One race of the night, at the release to forecast (zero-based). */
export interface NightRaceAt {
  readonly countFile: CountFile;
  readonly releaseIndex: number;
}

/** What one publish wrote: the summary and each race's forecast, as the page reads them. */
export interface PublishedNight {
  readonly summary: NightSummary;
  readonly forecasts: readonly Forecast[];
}

/**
 * A stand-in for the service's night publishing, for the night page's browser tests and `npm run
 * night:page`: `publish` forecasts every race with one seed (runNightRaces, as `ballotcast night` does) and
 * writes, as published objects, each race's latest.json and history.json and the election's summary.json
 * (summarizeNight). `objects()` is everything written so far, by key.
 */
export function nightPublisher(election: Election, options: { readonly seed: string; readonly draws: number }) {
  const objects = new Map<string, string>();
  const points = new Map<string, HistoryPoint[]>();
  return {
    objects: (): ReadonlyMap<string, string> => objects,
    /** Puts `text` at `key` as it is, e.g. a broken document for a test. */
    put: (key: string, text: string): void => void objects.set(key, text),
    async publish(races: readonly NightRaceAt[]): Promise<PublishedNight> {
      const requests = races.map(({ countFile, releaseIndex }) => ({ countFile, releaseIndex, seed: options.seed, draws: options.draws }));
      const runs = await runNightRaces(requests);
      const summary = summarizeNight(election, runs.map((run) => run.outcomes));
      for (const { forecast } of runs) {
        const racePoints = [...(points.get(forecast.raceId) ?? []), historyPoint(forecast, runId(forecast), new Date().toISOString())];
        points.set(forecast.raceId, racePoints);
        objects.set(publishedKeys.latest(forecast.raceId), json(forecast));
        objects.set(publishedKeys.history(forecast.raceId), json(historyDocument(forecast.raceId, racePoints)));
      }
      objects.set(summaryObjectKey(election.id), json(summary));
      return { summary, forecasts: runs.map((run) => run.forecast) };
    },
  };
}

export type NightPublisher = ReturnType<typeof nightPublisher>;

/** A run id as the API makes them: the release, then a part of the input's hash. */
const runId = (forecast: Forecast): string => `r${String(forecast.release?.index ?? 0).padStart(6, '0')}-local-${forecast.inputHash.slice(7, 19)}`;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
