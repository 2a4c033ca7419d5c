import type { Race, Release } from '../../core/schemas/index.ts';
import type { KnownRace, NewReleases } from '../../feeds/poll/new-releases.ts';

/** An ingest route's answer: its HTTP status and JSON body. */
export interface IngestAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * The two ingest routes of the API, PUT /races/{raceId} and POST /races/{raceId}/releases: over HTTP for
 * `ballotcast watch`, the handlers themselves in the poller Lambda.
 */
export interface Ingest {
  putRace(race: Race): Promise<IngestAnswer>;
  postRelease(raceId: string, release: Release): Promise<IngestAnswer>;
}

/** What posting did: races created, releases stored, releases already stored, and refusals in words. */
export interface PostSummary {
  racesCreated: string[];
  stored: number;
  duplicates: number;
  refused: string[];
}

/**
 * Posts new releases through the ingest routes, oldest first, creating a race the store does not know
 * (a race in `known` exists). A release already stored answers 200 and counts as a duplicate, so posting
 * twice changes nothing. A refusal (4xx) is reported and ends that race's posting, since later releases
 * would be out of order; `known` is updated with each race's newest stored release.
 * @throws Error on an answer of 5xx, so that the caller retries the whole snapshot later.
 */
export async function postNewReleases(ingest: Ingest, found: NewReleases, known: Map<string, KnownRace>): Promise<PostSummary> {
  const summary: PostSummary = { racesCreated: [], stored: 0, duplicates: 0, refused: [] };
  for (const { race, releases } of found.races) {
    if (!known.has(race.id)) {
      const answer = checked(await ingest.putRace(race), `PUT race ${race.id}`);
      if (answer.status === 201) summary.racesCreated.push(race.id);
      else if (answer.status >= 300) summary.refused.push(`race ${race.id}: ${refusal(answer)}`);
      known.set(race.id, { race });
    }
    for (const release of releases) {
      const answer = checked(await ingest.postRelease(race.id, release), `POST release of ${race.id} at ${release.asOf}`);
      if (answer.status >= 300) {
        summary.refused.push(`race ${race.id}, release at ${release.asOf}: ${refusal(answer)}`);
        break;
      }
      if (answer.status === 201) summary.stored += 1;
      else summary.duplicates += 1;
      known.set(race.id, { race: known.get(race.id)?.race ?? race, latest: release });
    }
  }
  return summary;
}

function checked(answer: IngestAnswer, what: string): IngestAnswer {
  if (answer.status >= 500) throw new Error(`${what}: ${refusal(answer)}`);
  return answer;
}

/** "409 out of order: …", from the API's error body `{ error: { message, issues? } }`. */
function refusal(answer: IngestAnswer): string {
  try {
    const error = (JSON.parse(answer.body) as { error?: { message?: string; issues?: string[] } }).error;
    const issues = error?.issues === undefined ? '' : ` (${error.issues.join('; ')})`;
    return `${answer.status} ${error?.message ?? answer.body.trim()}${issues}`;
  } catch {
    return `${answer.status} ${answer.body.trim().slice(0, 200)}`;
  }
}
