import { ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException, ThrottlingException } from '@aws-sdk/client-dynamodb';
import { NoSuchKey, S3ServiceException } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isTransientError } from '../../functions/adapters/transient-errors.ts';

const metadata = (httpStatusCode: number) => ({ $metadata: { httpStatusCode } });
const networkError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:9`), { code });
const s3Error = (name: string, status: number) => new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', ...metadata(status) });

describe('isTransientError', () => {
  it.each([
    ['DynamoDB throttling', new ProvisionedThroughputExceededException({ message: 'slow down', ...metadata(400) })],
    ['DynamoDB ThrottlingException', new ThrottlingException({ message: 'rate exceeded', ...metadata(400) })],
    ['a DynamoDB 500', new InternalServerError({ message: 'internal', ...metadata(500) })],
    ['S3 SlowDown', s3Error('SlowDown', 503)],
    ['a bodiless 503 (HEAD)', s3Error('UnknownError', 503)],
    ['a 429', s3Error('TooManyRequests', 429)],
    ['a refused connection', networkError('ECONNREFUSED')],
    ['a dropped connection', networkError('ECONNRESET')],
    ['a DNS failure', networkError('EAI_AGAIN')],
    ['a timeout', Object.assign(new Error('request timed out'), { name: 'TimeoutError' })],
    ['a network error as the cause', new Error('fetch failed', { cause: networkError('ETIMEDOUT') })],
  ])('holds for %s', (_, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a failed condition', new ConditionalCheckFailedException({ message: 'condition', ...metadata(400) })],
    ['a missing key', new NoSuchKey({ message: 'no such key', $metadata: { httpStatusCode: 404 } })],
    ['access denied', s3Error('AccessDenied', 403)],
    ['a schema error', new z.ZodError([])],
    ['a range error from the core', new RangeError('draws must be a whole number >= 1')],
    ['a plain error', new Error('race x is gone')],
    ['a string', 'ECONNRESET'],
    ['undefined', undefined],
    ['an error marked not retryable', Object.assign(new Error('x'), { $retryable: false })],
  ])('does not hold for %s', (_, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
