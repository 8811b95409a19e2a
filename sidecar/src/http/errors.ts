import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ConfigError } from '../connections/config-error.ts';
import { JobActionError } from '../jobs/operator-actions.ts';
import type { Logger } from '../logger.ts';

/** Every error the HTTP surface answers with: `{ error: { code, message } }`. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;

  constructor(status: ContentfulStatusCode, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export const errorBody = (code: string, message: string) => ({ error: { code, message } });

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof ApiError || error instanceof ConfigError) {
      return c.json(errorBody(error.code, error.message), error.status);
    }
    if (error instanceof JobActionError) {
      return c.json(errorBody(error.code, error.message), error.code === 'JOB_NOT_FOUND' ? 404 : 409);
    }
    if (error instanceof HTTPException && error.status < 500) {
      const status = error.status as ContentfulStatusCode;
      const code = /malformed json/i.test(error.message) ? 'MALFORMED_JSON' : (CODE_BY_STATUS[status] ?? 'BAD_REQUEST');
      return c.json(errorBody(code, error.message || 'The request was not understood.'), status);
    }
    logger.error({ err: error }, 'Unhandled error while serving a request');
    return c.json(errorBody('INTERNAL_ERROR', 'Something went wrong on our side; the request id is in the logs.'), 500);
  };
}
