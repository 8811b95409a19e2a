import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** NetSuite's media types (spec §3.1). */
export const MEDIA_TYPE = {
  singular: 'application/vnd.oracle.resource+json; type=singular',
  collection: 'application/vnd.oracle.resource+json; type=collection; charset=UTF-8',
  error: 'application/vnd.oracle.resource+json; type=error; charset=UTF-8',
} as const;

/** `type` URIs as real 2025 traffic shows them (spec §4.1). */
const PROBLEM_TYPE: Record<number, string> = {
  400: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
  401: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2',
  403: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.4',
  404: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.5',
  429: 'https://www.rfc-editor.org/rfc/rfc6585.html#section-4',
  500: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.1',
  503: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.6.4',
};

const TITLE: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ErrorDetail {
  detail: string;
  'o:errorCode': string;
  'o:errorPath'?: string;
  'o:errorQueryParam'?: string;
  'o:errorHeader'?: string;
  'o:urlPath'?: string;
}

/** A NetSuite REST error body (spec §4.1). */
export function errorBody(status: number, details: ErrorDetail[]) {
  return {
    type: PROBLEM_TYPE[status] ?? PROBLEM_TYPE[400],
    title: TITLE[status] ?? 'Error',
    status,
    'o:errorDetails': details,
  };
}

/** An error thrown anywhere in the simulator's REST handlers and answered by `answerError`. */
export class NsError extends Error {
  readonly status: ContentfulStatusCode;
  readonly details: ErrorDetail[];

  constructor(
    status: ContentfulStatusCode,
    code: string,
    detail: string,
    extra: Omit<ErrorDetail, 'detail' | 'o:errorCode'> = {},
  ) {
    super(detail);
    this.status = status;
    this.details = [{ detail, 'o:errorCode': code, ...extra }];
  }
}

export function answerError(c: Context, error: NsError): Response {
  return c.body(JSON.stringify(errorBody(error.status, error.details)), error.status, {
    'Content-Type': MEDIA_TYPE.error,
  });
}

/** The URL prefix of the REST services, as NetSuite's links show it. */
export const REST_PREFIX = '/services/rest';
