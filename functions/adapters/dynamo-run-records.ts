import { GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import {
  HistoryPointSchema,
  RunRecordSchema,
  RunStatusSchema,
  type HistoryPoint,
  type RunRecord,
  type RunStatus,
} from '../../core/pipeline/records.ts';
import { isConditionFailed } from './dynamo-errors.ts';
import { names, plain, queryAll, racePartition, runKey } from './dynamo-items.ts';

// Run items of the single table (docs/storage.md): one per run, in its race's partition, `RUN#{runId}`.

/** Thrown by createRun when the run id is taken. */
export class RunExistsError extends Error {
  constructor(raceId: string, runId: string) {
    super(`run ${runId} of race ${raceId} already exists`);
    this.name = 'RunExistsError';
  }
}

/** Thrown by updateRun when there is no such run. */
export class UnknownRunError extends Error {
  constructor(raceId: string, runId: string) {
    super(`there is no run ${runId} of race ${raceId}`);
    this.name = 'UnknownRunError';
  }
}

/** What a run update may set: the run's fields, and its history point once published. */
const RunUpdateSchema = z.strictObject({ ...RunRecordSchema.partial().shape, history: HistoryPointSchema.optional() });
export type RunUpdate = Partial<RunRecord> & { readonly history?: HistoryPoint };

/** The run items of DynamoRaceStore: created once, moved from status to status, read back for history.json. */
export class DynamoRunRecords {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createRun(run: RunRecord): Promise<void> {
    const record = plain(RunRecordSchema.parse(run));
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...runKey(record.raceId, record.runId), ...record },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      if (isConditionFailed(error)) throw new RunExistsError(record.raceId, record.runId);
      throw error;
    }
  }

  async getRun(raceId: string, runId: string): Promise<RunRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: runKey(raceId, runId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : RunRecordSchema.parse(Item);
  }

  async listRuns(raceId: string): Promise<RunRecord[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': racePartition(raceId), ':prefix': 'RUN#' },
      ConsistentRead: true,
    });
    return items.map((item) => RunRecordSchema.parse(item));
  }

  /**
   * Sets the run's status and the given fields (an undefined field is left as it is). `history` (a
   * HistoryPoint) may be given with status 'published'; listHistory reads it. Throws UnknownRunError if
   * there is no such run, and a ZodError for a field that is not part of a run.
   */
  async updateRun(raceId: string, runId: string, status: RunStatus, fields: RunUpdate): Promise<void> {
    await this.setStatus(raceId, runId, status, fields);
  }

  /** Sets the status and fields of an existing run, if `extra` holds; answers the run as written. */
  private async setStatus(
    raceId: string,
    runId: string,
    status: RunStatus,
    fields: RunUpdate,
    extra?: { readonly condition: string; readonly values: Record<string, unknown> },
  ): Promise<RunRecord> {
    const { raceId: fieldRaceId, runId: fieldRunId, status: _ignored, ...changes } = RunUpdateSchema.parse(fields);
    if ((fieldRaceId ?? raceId) !== raceId || (fieldRunId ?? runId) !== runId) {
      throw new Error(`updateRun cannot move run ${runId} of race ${raceId} to another key`);
    }
    const values: Record<string, unknown> = { ...plain(changes), status: RunStatusSchema.parse(status) };
    const attributes = Object.keys(values);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: runKey(raceId, runId),
          UpdateExpression: `SET ${attributes.map((name) => `#${name} = :${name}`).join(', ')}`,
          ConditionExpression: `attribute_exists(PK)${extra === undefined ? '' : ` AND ${extra.condition}`}`,
          ExpressionAttributeNames: names(...attributes),
          ExpressionAttributeValues: { ...Object.fromEntries(attributes.map((name) => [`:${name}`, values[name]])), ...extra?.values },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return RunRecordSchema.parse(Attributes);
    } catch (error) {
      if (isConditionFailed(error)) throw new UnknownRunError(raceId, runId);
      throw error;
    }
  }

  /**
   * Moves a queued run to running with `fields`, in one write whose condition is that the run is queued, so
   * two deliveries can never both start it. Answers the run as started, or undefined if it was not queued.
   */
  async startRun(raceId: string, runId: string, fields: RunUpdate): Promise<RunRecord | undefined> {
    try {
      return await this.setStatus(raceId, runId, 'running', fields, { condition: '#status = :queued', values: { ':queued': 'queued' } });
    } catch (error) {
      if (error instanceof UnknownRunError) return undefined;
      throw error;
    }
  }

  async listHistory(raceId: string): Promise<HistoryPoint[]> {
    const items = await queryAll(this.client, {
      TableName: this.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: 'attribute_exists(#history) AND #status = :published',
      ProjectionExpression: '#history',
      ExpressionAttributeNames: names('history', 'status'),
      ExpressionAttributeValues: { ':pk': racePartition(raceId), ':prefix': 'RUN#', ':published': 'published' },
      ConsistentRead: true,
    });
    return items
      .map((item) => HistoryPointSchema.parse(item.history))
      .sort(
        (a, b) =>
          a.releaseIndex - b.releaseIndex ||
          Date.parse(a.publishedAt) - Date.parse(b.publishedAt) ||
          (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0),
      );
  }
}
