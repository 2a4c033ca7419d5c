import type { CountFile } from '../schemas/count-file.ts';
import type { ForecastCall } from '../schemas/forecast.ts';
import { latestEntry } from './latest-entry.ts';

/**
 * The call that stands for the forecast of a count file's newest release: the desk's latest call, unless it
 * withdrew its call (candidate null); else the feed's call on the newest release; else none. The desk wins
 * because it is the newsroom's own decision, which may follow the feed's or not. A feed call is returned as
 * the release holds it, so forecasts of files without desk calls keep their bytes.
 */
export function standingCall(countFile: CountFile): ForecastCall | undefined {
  const desk = latestEntry(countFile.desk?.calls ?? []);
  if (desk !== undefined && desk.candidate !== null) {
    const { candidate, by, at, note } = desk;
    return { candidate, by, at, ...(note === undefined ? {} : { note }), source: 'desk' };
  }
  return countFile.releases[countFile.releases.length - 1].call;
}
