import type { Logger } from '@aws-lambda-powertools/logger';
import type { HttpRequest, HttpResponse } from './http-types.ts';
import { errorResponse, HttpError } from './responses.ts';

/**
 * Wraps a route so that no input can crash it: an HttpError becomes its 4xx response, anything else a
 * logged 500 that reveals nothing internal.
 */
export function safeHttpHandler(
  logger: Logger,
  route: (request: HttpRequest) => Promise<HttpResponse>,
): (request: HttpRequest) => Promise<HttpResponse> {
  return async (request) => {
    try {
      return await route(request);
    } catch (error) {
      if (error instanceof HttpError) {
        logger.info('request refused', { statusCode: error.statusCode, reason: error.message, issues: error.issues });
        return error.toResponse();
      }
      logger.error('request failed', error as Error);
      return errorResponse(500, 'internal error; the request was not completed');
    }
  };
}
