import type { Forecast } from '../schemas/index.ts';
import type { HistoryPoint } from './records.ts';

/** The few numbers of a forecast that a chart of the whole night needs. */
export function historyPoint(forecast: Forecast, runId: string, publishedAt: string): HistoryPoint {
  return {
    runId,
    asOf: forecast.asOf,
    releaseIndex: forecast.release?.index ?? 0,
    publishedAt,
    winProbability: Object.fromEntries(forecast.candidates.map((candidate) => [candidate.id, candidate.winProbability])),
    ...(forecast.runoffProbability === undefined ? {} : { runoffProbability: forecast.runoffProbability }),
    margin: {
      between: forecast.margin.between,
      p05: forecast.margin.share.p05,
      p50: forecast.margin.share.p50,
      p95: forecast.margin.share.p95,
    },
    ...(forecast.votesCounted === undefined ? {} : { votesCounted: forecast.votesCounted }),
    ...(forecast.votesOutstanding === undefined ? {} : { votesOutstandingExpected: forecast.votesOutstanding.expected }),
  };
}
