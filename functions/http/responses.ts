import type { HttpResponse } from './http-types.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

/** A JSON response. */
export function jsonResponse(statusCode: number, body: unknown): HttpResponse {
  return { statusCode, headers: JSON_HEADERS, body: `${JSON.stringify(body, null, 2)}\n` };
}

/**
 * An error response: `{ "error": { "status", "message", "issues"? } }`. Issues are `path: reason` lines that
 * name the offending field of the request body.
 */
export function errorResponse(statusCode: number, message: string, issues?: readonly string[]): HttpResponse {
  return jsonResponse(statusCode, { error: { status: statusCode, message, ...(issues === undefined ? {} : { issues }) } });
}

/** Thrown by request parsing to end a request with an error response. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: readonly string[],
  ) {
    super(message);
    this.name = 'HttpError';
  }

  toResponse(): HttpResponse {
    return errorResponse(this.statusCode, this.message, this.issues);
  }
}
