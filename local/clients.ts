import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Static credentials for the local servers. s3rver knows exactly one key pair, S3RVER / S3RVER. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export const LOCAL_REGION = 'us-east-1';

export interface ClientOptions {
  /** e.g. `http://127.0.0.1:8000`; omit in AWS, where the SDK finds the regional endpoint. */
  readonly endpoint?: string;
  readonly region?: string;
  /** Omit in AWS, where the SDK's default provider chain finds the function's role. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Attempts per call, the SDK's own retries included. Default: the SDK's (3). */
  readonly maxAttempts?: number;
}

/** A DynamoDB client for the given endpoint (DynamoDB Local when set). */
// The SDK warns once per process that Node 20 support ends; the local tools know, and the note is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export function makeDynamoClient(options: ClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient({
    region: options.region ?? LOCAL_REGION,
    ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
  });
}

/**
 * A document client over `client`: plain JavaScript values in and out, attributes whose value is
 * `undefined` left out (DynamoDB has no undefined). Note that the SDK stores the translate options on the
 * wrapped client's shared config, so wrap one DynamoDBClient only once, with one set of options.
 */
export function makeDocumentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: false },
  });
}

/**
 * An S3 client for the given endpoint (s3rver when set). Locally it needs path-style addressing (no
 * bucket subdomains on 127.0.0.1) and checksums only when an operation requires one: s3rver does not
 * understand the SDK's default streaming checksums and would store their framing inside the object.
 */
export function makeS3Client(options: ClientOptions = {}): S3Client {
  const local = options.endpoint !== undefined;
  return new S3Client({
    region: options.region ?? LOCAL_REGION,
    ...(local ? { endpoint: options.endpoint, forcePathStyle: true } : {}),
    ...(options.credentials === undefined ? {} : { credentials: { ...options.credentials } }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(local ? { requestChecksumCalculation: 'WHEN_REQUIRED', responseChecksumValidation: 'WHEN_REQUIRED' } : {}),
  });
}
