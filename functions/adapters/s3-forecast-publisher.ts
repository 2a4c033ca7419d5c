import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { publishedKeys } from '../../core/pipeline/published-keys.ts';
import type { ForecastPublisher } from '../ports/forecast-publisher.ts';

export interface S3ForecastPublisherOptions {
  readonly client: S3Client;
  readonly bucketName: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Cache-Control of each kind of object (docs/storage.md). */
export const CACHE_CONTROL = {
  /** Never rewritten with other content: runs (run ids are unique) and inputs (named by their hash). */
  immutable: 'public, max-age=31536000, immutable',
  /** Rewritten as the night goes on: latest.json, history.json, index.json, summary.json. */
  live: 'public, max-age=10, stale-while-revalidate=30',
  /** Changes only with a release of ballotcast. */
  schema: 'public, max-age=300',
} as const;

/**
 * Publishes forecasts to an S3 bucket. Each method is one PutObject of a whole UTF-8 body with its
 * Content-Type and Cache-Control, so readers see the old object or the new one, never a part. Nothing here
 * relies on S3 for ordering (s3rver ignores conditional writes): DynamoDB decides who writes latest.json.
 */
export class S3ForecastPublisher implements ForecastPublisher {
  private readonly client: S3Client;
  private readonly bucketName: string;

  constructor({ client, bucketName }: S3ForecastPublisherOptions) {
    this.client = client;
    this.bucketName = bucketName;
  }

  putRun(raceId: string, runId: string, json: string): Promise<void> {
    return this.put(publishedKeys.run(raceId, runId), json, CACHE_CONTROL.immutable);
  }

  putLatest(raceId: string, json: string): Promise<void> {
    return this.put(publishedKeys.latest(raceId), json, CACHE_CONTROL.live);
  }

  putHistory(raceId: string, json: string): Promise<void> {
    return this.put(publishedKeys.history(raceId), json, CACHE_CONTROL.live);
  }

  putIndex(json: string): Promise<void> {
    return this.put(publishedKeys.index(), json, CACHE_CONTROL.live);
  }

  putSchema(json: string): Promise<void> {
    return this.put(publishedKeys.schema(), json, CACHE_CONTROL.schema);
  }

  /**
   * Content-addressed: the key names the content's hash, so an existing object already holds these bytes
   * and is left alone (one HEAD instead of a rewrite). Two concurrent first writes both put the same bytes.
   */
  async putInput(raceId: string, inputHash: string, json: string): Promise<void> {
    const key = publishedKeys.input(raceId, inputHash);
    if (await this.exists(key)) return;
    await this.put(key, json, CACHE_CONTROL.immutable);
  }

  putOutcomes(electionId: string, raceId: string, runId: string, json: string): Promise<void> {
    return this.put(publishedKeys.outcomes(electionId, raceId, runId), json, CACHE_CONTROL.immutable);
  }

  putSummary(electionId: string, json: string): Promise<void> {
    return this.put(publishedKeys.summary(electionId), json, CACHE_CONTROL.live);
  }

  getRun(raceId: string, runId: string): Promise<string | undefined> {
    return this.getPublished(publishedKeys.run(raceId, runId));
  }

  async getPublished(key: string): Promise<string | undefined> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucketName, Key: key }));
      return Body === undefined ? undefined : await Body.transformToString('utf-8');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async put(key: string, json: string, cacheControl: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucketName,
        Key: key,
        Body: Buffer.from(json, 'utf8'),
        ContentType: JSON_CONTENT_TYPE,
        CacheControl: cacheControl,
      }),
    );
  }

  private async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucketName, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }
}

/**
 * NoSuchKey from GetObject; NotFound (a bare 404 without a body) from HeadObject. A missing bucket is
 * NoSuchBucket on GetObject and PutObject, and is thrown: it is a deployment error, not a missing object.
 */
function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound');
}
