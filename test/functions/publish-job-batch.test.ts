import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { PublishJob } from '../../core/pipeline/records.ts';
import { makePublishJobBatchHandler } from '../../functions/handlers/publish-job-batch.ts';

const logger = new Logger({ logLevel: 'SILENT' });
const record = (messageId: string, body: string) => ({ messageId, body, attributes: {} }) as unknown as SQSRecord;

describe('the publish function’s SQS handler', () => {
  it('returns the jobs that threw for redelivery, and drops bodies that are not jobs', async () => {
    const handled: PublishJob[] = [];
    const batch = makePublishJobBatchHandler({
      logger,
      publishJob: async (job) => {
        if (job.kind === 'summary' && job.electionId === 'broken') throw new Error('S3 is down');
        handled.push(job);
      },
    });
    const event = {
      Records: [
        record('1', '{"kind":"index"}'),
        record('2', '{"kind":"summary","electionId":"broken"}'),
        record('3', 'not json'),
        record('4', '{"kind":"summary","electionId":"../x"}'),
        record('5', '{"kind":"summary","electionId":"e1"}'),
      ],
    } as SQSEvent;

    expect(await batch(event)).toEqual({ batchItemFailures: [{ itemIdentifier: '2' }] });
    expect(handled).toEqual([{ kind: 'index' }, { kind: 'summary', electionId: 'e1' }]);
  });
});
