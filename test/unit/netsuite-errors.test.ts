import { describe, expect, it } from 'vitest';
import { PermanentJobError, RetryableJobError } from '../../sidecar/src/jobs/job-errors.ts';
import {
  errorFromFailure,
  errorFromResponse,
  NetSuiteError,
  parseErrorBody,
} from '../../sidecar/src/netsuite/errors.ts';
import { netSuiteJobError } from '../../sidecar/src/netsuite/job-error.ts';
import { parseRetryAfter } from '../../sidecar/src/netsuite/retry-after.ts';

const request = 'POST /services/rest/record/v1/salesOrder';

/** A NetSuite error body as spec §4.1 shows it. */
function body(status: number, title: string, ...details: Record<string, string>[]): string {
  return JSON.stringify({
    type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
    title,
    status,
    'o:errorDetails': details,
  });
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-05T12:00:00Z');

  it('reads delay-seconds and HTTP dates as ms from now', () => {
    expect(parseRetryAfter('5', now)).toBe(5_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Mon, 05 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 05 Jan 2026 11:59:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});

describe('NetSuite error classification (spec §4)', () => {
  it('keeps every detail of a validation error, permanent', () => {
    const error = errorFromResponse(request, {
      status: 400,
      body: body(
        400,
        'Bad Request',
        {
          detail:
            'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item',
          'o:errorCode': 'INVALID_CONTENT',
          'o:errorPath': 'item.items[0].item',
        },
        { detail: 'Please enter value(s) for: First Name, Last Name.', 'o:errorCode': 'USER_ERROR' },
      ),
    });
    expect(error).toMatchObject({
      code: 'NETSUITE_REJECTED',
      status: 400,
      title: 'Bad Request',
      errorCode: 'INVALID_CONTENT',
      errorPath: 'item.items[0].item',
      transient: false,
      outcomeUnknown: false,
    });
    expect(error.details).toHaveLength(2);
    expect(error.detail).toContain('Invalid Field Value 9999');
    expect(error.detail).toContain('First Name, Last Name');
    expect(error.message).toBe(
      'NetSuite refused the request (POST /services/rest/record/v1/salesOrder 400 INVALID_CONTENT, USER_ERROR at ' +
        'item.items[0].item): Error while accessing resource: You have entered an Invalid Field Value 9999 for the ' +
        'following field: item Please enter value(s) for: First Name, Last Name.',
    );
    expect(error.isDuplicateExternalId).toBe(false);
  });

  it.each([
    [401, 'INVALID_LOGIN', 'Invalid login attempt.', 'NETSUITE_AUTH'],
    [403, 'INSUFFICIENT_PERMISSION', 'Permission Violation', 'NETSUITE_FORBIDDEN'],
    [404, 'NONEXISTENT_ID', 'Record does not exist.', 'NETSUITE_NOT_FOUND'],
    [400, 'INVALID_PARAMETER', 'Invalid search query.', 'NETSUITE_REJECTED'],
    [400, 'NONEXISTENT_FIELD', 'Unknown field', 'NETSUITE_REJECTED'],
  ])('%i %s is permanent (%s)', (status, errorCode, detail, code) => {
    const error = errorFromResponse(request, { status, body: body(status, 'x', { detail, 'o:errorCode': errorCode }) });
    expect(error).toMatchObject({ code, status, errorCode, transient: false });
  });

  it('treats 429 as transient and refused before running, 5xx as transient with an unknown outcome', () => {
    const limited = errorFromResponse(
      request,
      {
        status: 429,
        body: body(429, 'Bad Request', {
          detail: 'Concurrent request limit exceeded. Request blocked.',
          'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED',
        }),
      },
      2_000,
    );
    expect(limited).toMatchObject({ code: 'NETSUITE_RATE_LIMITED', transient: true, outcomeUnknown: false });
    expect(limited.retryAfterMs).toBe(2_000);
    const failed = errorFromResponse(request, {
      status: 500,
      body: body(500, 'Internal Server Error', {
        detail: 'An unexpected error occurred. Error ID: jrgbpyylphhishmmlxyt',
        'o:errorCode': 'UNEXPECTED_ERROR',
      }),
    });
    expect(failed).toMatchObject({ code: 'NETSUITE_UNAVAILABLE', transient: true, outcomeUnknown: true });
    const gateway = errorFromResponse(request, { status: 502, body: '<html>Bad Gateway</html>' });
    expect(gateway).toMatchObject({ code: 'NETSUITE_UNAVAILABLE', detail: '<html>Bad Gateway</html>' });
  });

  it('reads the malformed 429 example and the token endpoint body', () => {
    expect(parseErrorBody('{"title":"Bad Request" "status":429}')).toEqual({
      details: [{ detail: '{"title":"Bad Request" "status":429}' }],
    });
    expect(parseErrorBody('{"title":"Bad Request","status":429,"o:errorCode":"USER_ERROR"}')).toEqual({
      title: 'Bad Request',
      details: [{ detail: 'Bad Request', errorCode: 'USER_ERROR' }],
    });
    const token = errorFromResponse('POST /token', {
      status: 401,
      body: '{"error":"invalid_client","error_description":"bad kid"}',
    });
    expect(token).toMatchObject({
      code: 'NETSUITE_AUTH',
      errorCode: 'invalid_client',
      detail: 'invalid_client: bad kid',
    });
  });

  it('recognises the duplicate-externalId refusal', () => {
    const duplicate = errorFromResponse(request, {
      status: 400,
      body: body(400, 'Bad Request', {
        detail: "Error while accessing a resource. A record with the external ID 'SHOP-1001' already exists.",
        'o:errorCode': 'USER_ERROR',
      }),
    });
    expect(duplicate.isDuplicateExternalId).toBe(true);
    const dupCode = errorFromResponse(request, {
      status: 400,
      body: body(400, 'Bad Request', { detail: 'x', 'o:errorCode': 'DUP_RCRD' }),
    });
    expect(dupCode.isDuplicateExternalId).toBe(true);
  });

  it('tells a timeout and a reset (outcome unknown) from a refused connection (never sent)', () => {
    const timeout = errorFromFailure(request, new DOMException('The operation timed out.', 'TimeoutError'));
    expect(timeout).toMatchObject({ code: 'NETSUITE_TIMEOUT', transient: true, outcomeUnknown: true });
    const reset = errorFromFailure(request, new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
    expect(reset).toMatchObject({ code: 'NETSUITE_CONNECTION', transient: true, outcomeUnknown: true });
    const refused = errorFromFailure(request, new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
    expect(refused).toMatchObject({ code: 'NETSUITE_CONNECTION', transient: true, outcomeUnknown: false });
  });

  it('maps to the job outcome: transient → retryable with Retry-After, permanent → dead with the details', () => {
    const limited = errorFromResponse(request, { status: 429, body: '' }, 45_000);
    const retryable = netSuiteJobError(limited);
    expect(retryable).toBeInstanceOf(RetryableJobError);
    expect(retryable).toMatchObject({ code: 'NETSUITE_RATE_LIMITED', retryAfterMs: 45_000 });
    const rejected = errorFromResponse(request, {
      status: 400,
      body: body(400, 'Bad Request', { detail: 'No lines.', 'o:errorCode': 'USER_ERROR', 'o:errorPath': 'item' }),
    });
    const permanent = netSuiteJobError(rejected);
    expect(permanent).toBeInstanceOf(PermanentJobError);
    expect((permanent as PermanentJobError).toRecord()).toEqual({
      code: 'NETSUITE_REJECTED',
      message: rejected.message,
      detail: {
        code: 'NETSUITE_REJECTED',
        request,
        status: 400,
        title: 'Bad Request',
        details: [{ detail: 'No lines.', errorCode: 'USER_ERROR', errorPath: 'item' }],
        transient: false,
      },
    });
    const other = new Error('x');
    expect(netSuiteJobError(other)).toBe(other);
    expect(new NetSuiteError({ code: 'NETSUITE_BUSY', request, transient: true }).message).toBe(
      'Every NetSuite request slot stayed busy (POST /services/rest/record/v1/salesOrder).',
    );
  });
});
