import type { z } from 'zod';
import { RunIdSchema } from '../../core/pipeline/records.ts';
import { formatIssues, IdSchema, MAX_NAME_LENGTH, prototypeKeyIssues } from '../../core/schemas/index.ts';
import type { HttpRequest } from './http-types.ts';
import { HttpError } from './responses.ts';

const PATH_IDS = { raceId: IdSchema, runId: RunIdSchema };

/** Refuses a request that API Gateway's IAM authorizer did not sign off (defence in depth, and locally). */
export function requireIdentity(request: HttpRequest): void {
  if (request.requestContext.authorizer?.iam === undefined) {
    throw new HttpError(403, 'missing authorization: this route needs a request signed with AWS IAM credentials (SigV4)');
  }
}

/**
 * Who signed the request, as the desk's records name them: the IAM ARN API Gateway checked (its access key
 * if it gave no ARN), at most 200 characters. 403 when the request is not signed.
 */
export function callerIdentity(request: HttpRequest): string {
  requireIdentity(request);
  const iam = request.requestContext.authorizer!.iam!;
  return (iam.userArn ?? iam.accessKey ?? 'an IAM caller').slice(0, MAX_NAME_LENGTH);
}

/**
 * A path parameter that must match the ids of the contract. It is checked as API Gateway passes it, and
 * never decoded again: every character an id may hold is unreserved in URLs, so a "%" is refused, not
 * decoded a second time.
 */
export function pathId(request: HttpRequest, name: keyof typeof PATH_IDS): string {
  const result = PATH_IDS[name].safeParse(request.pathParameters?.[name]);
  if (!result.success) throw new HttpError(400, `invalid ${name} in the path`, result.error.issues.map((issue) => `${name}: ${issue.message}`));
  return result.data;
}

/**
 * The request body as JSON: 413 above `maxBytes`, 400 when it is not JSON. An empty body is `emptyValue`
 * when given, else a 400.
 */
export function jsonBody(request: HttpRequest, maxBytes: number, emptyValue?: unknown): unknown {
  const raw = request.body ?? '';
  const text = request.isBase64Encoded === true ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) throw new HttpError(413, `request body is ${bytes} bytes; the limit is ${maxBytes}`);
  if (text.trim() === '') {
    if (emptyValue !== undefined) return emptyValue;
    throw new HttpError(400, 'request body is empty; expected JSON');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Validates a value with a zod schema; a 400 lists every issue as `path: reason`. A key "__proto__" anywhere
 * is refused too, since zod would drop it without an issue.
 */
export function validated<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  const issues = [...(result.success ? [] : formatIssues(result.error)), ...prototypeKeyIssues(value)];
  if (!result.success || issues.length > 0) throw new HttpError(400, `invalid ${what}`, issues);
  return result.data;
}

/**
 * Refuses with 413 a value whose compact JSON is larger than `maxBytes`: it fits the request body limit,
 * but not what the store can keep, so it is refused before anything is stored.
 */
export function refuseOversized(value: unknown, maxBytes: number, what: string): void {
  const bytes = Buffer.byteLength(JSON.stringify(value), 'utf8');
  if (bytes > maxBytes) {
    throw new HttpError(413, `the ${what} is ${bytes} bytes as compact JSON; the limit is ${maxBytes} bytes, since one ${what} is stored as one DynamoDB item (at most 400 KB)`);
  }
}
