import { randomInt } from 'node:crypto';
import { errorBody, MEDIA_TYPE } from '../responses.ts';

/** The REST answer to a request over the concurrency limit (spec §4.2, §5.1). */
export function concurrencyLimitExceeded(extraHeaders: Record<string, string> = {}): Response {
  return errorResponse(
    429,
    'CONCURRENCY_LIMIT_EXCEEDED',
    'Concurrent request limit exceeded. Request blocked.',
    extraHeaders,
  );
}

/** NetSuite's 500 names an error id of lower-case letters (spec §4.2). */
export function unexpectedError(): Response {
  const errorId = Array.from({ length: 20 }, () => String.fromCharCode(97 + randomInt(26))).join('');
  return errorResponse(500, 'UNEXPECTED_ERROR', `An unexpected error occurred. Error ID: ${errorId}`);
}

/** Oracle documents no REST 503 body; the code and text here are the simulator's (clients key on the status). */
export function serviceUnavailable(): Response {
  return errorResponse(503, 'SERVICE_UNAVAILABLE', 'The service is temporarily unavailable. Try again later.');
}

function errorResponse(status: number, code: string, detail: string, extraHeaders: Record<string, string> = {}) {
  return new Response(JSON.stringify(errorBody(status, [{ detail, 'o:errorCode': code }])), {
    status,
    headers: { 'Content-Type': MEDIA_TYPE.error, ...extraHeaders },
  });
}
