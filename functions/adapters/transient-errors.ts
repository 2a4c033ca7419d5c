// Which failures of an AWS SDK call may go away if the call is made again later. The lists are the AWS SDK's
// own (@smithy/core, retry/service-error-classification), which the SDK's retries use; the run handler uses
// them to decide whether a failed run goes back on the queue or is recorded as failed for good.

const THROTTLING_NAMES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'LimitExceededException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'TransactionInProgressException',
]);
const TIMEOUT_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

interface ErrorFields {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly $retryable?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown };
  readonly cause?: unknown;
}

/**
 * Whether `error` is transient: throttling, a timeout, a dropped or refused connection, or an answer of
 * 429 or 5xx (errors the SDK marks `$retryable` too). Anything else (a validation error, a bug, a missing
 * item, an AccessDenied) would fail the same way again. Follows `cause` a few levels down.
 * @example isTransientError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })) // true
 */
export function isTransientError(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const fields = error as ErrorFields;
  const status = fields.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  if (fields.$retryable !== undefined && fields.$retryable !== false) return true;
  if (typeof fields.name === 'string' && (THROTTLING_NAMES.has(fields.name) || TIMEOUT_NAMES.has(fields.name))) return true;
  if (typeof fields.code === 'string' && NETWORK_CODES.has(fields.code)) return true;
  return isTransientError(fields.cause, depth + 1);
}
