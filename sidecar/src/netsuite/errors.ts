/** One entry of NetSuite's `o:errorDetails` (spec §4.1). */
export interface NetSuiteErrorDetail {
  detail: string;
  errorCode?: string;
  /** JSON path into the request body, e.g. `item.items[0].item`. */
  errorPath?: string;
  errorQueryParam?: string;
  errorHeader?: string;
  urlPath?: string;
}

/**
 * Stable codes a flow maps to job outcomes. Transient: RATE_LIMITED (429), UNAVAILABLE (5xx), TIMEOUT, CONNECTION
 * (reset, refused), BUSY (no concurrency permit in time). Permanent: AUTH (401 after one renewal, token endpoint
 * refusal), FORBIDDEN (403), NOT_FOUND (404), REJECTED (any other 4xx: validation, business rules), BAD_RESPONSE
 * (a success we cannot read).
 */
export type NetSuiteErrorCode =
  | 'NETSUITE_RATE_LIMITED'
  | 'NETSUITE_UNAVAILABLE'
  | 'NETSUITE_TIMEOUT'
  | 'NETSUITE_CONNECTION'
  | 'NETSUITE_BUSY'
  | 'NETSUITE_AUTH'
  | 'NETSUITE_FORBIDDEN'
  | 'NETSUITE_NOT_FOUND'
  | 'NETSUITE_REJECTED'
  | 'NETSUITE_BAD_RESPONSE';

export interface NetSuiteErrorInit {
  code: NetSuiteErrorCode;
  /** `POST /services/rest/record/v1/salesOrder`: what was asked, never with credentials. */
  request: string;
  status?: number | undefined;
  title?: string | undefined;
  details?: NetSuiteErrorDetail[];
  transient: boolean;
  /** The request may have been carried out although no success came back (timeout, reset, 5xx). */
  outcomeUnknown?: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/** What went wrong talking to NetSuite, with NetSuite's own details kept whole for the operator. */
export class NetSuiteError extends Error {
  readonly code: NetSuiteErrorCode;
  readonly request: string;
  readonly status: number | undefined;
  readonly title: string | undefined;
  readonly details: NetSuiteErrorDetail[];
  readonly transient: boolean;
  readonly outcomeUnknown: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: NetSuiteErrorInit) {
    const details = init.details ?? [];
    super(messageOf(init, details), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'NetSuiteError';
    this.code = init.code;
    this.request = init.request;
    this.status = init.status;
    this.title = init.title;
    this.details = details;
    this.transient = init.transient;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The first detail's `o:errorCode` (`USER_ERROR`, `INVALID_CONTENT`, `INVALID_LOGIN`, …). */
  get errorCode(): string | undefined {
    return this.details.find((entry) => entry.errorCode)?.errorCode;
  }

  get errorPath(): string | undefined {
    return this.details.find((entry) => entry.errorPath)?.errorPath;
  }

  /** Every detail's text, in NetSuite's order. */
  get detail(): string {
    return this.details.map((entry) => entry.detail).join(' ');
  }

  /**
   * NetSuite refused a write because its externalId is taken: the write was done before. REST has no documented
   * code for this (spec §3.3, §10.3), so the text decides; a false positive only costs a look-up.
   */
  get isDuplicateExternalId(): boolean {
    if (this.status !== 400) return false;
    return this.details.some(
      (entry) =>
        entry.errorCode === 'DUP_RCRD' ||
        /already exists|duplicate|already (?:in use|used)|not unique/i.test(entry.detail),
    );
  }

  /** What a job keeps as its error detail. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      request: this.request,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.title === undefined ? {} : { title: this.title }),
      details: this.details,
      transient: this.transient,
      ...(this.outcomeUnknown ? { outcomeUnknown: true } : {}),
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

function messageOf(init: NetSuiteErrorInit, details: NetSuiteErrorDetail[]): string {
  const where = details.find((entry) => entry.errorPath)?.errorPath;
  const codes = [...new Set(details.flatMap((entry) => (entry.errorCode ? [entry.errorCode] : [])))].join(', ');
  const said = details.map((entry) => entry.detail).join(' ');
  const status = init.status === undefined ? '' : ` ${init.status}${codes ? ` ${codes}` : ''}`;
  return `${HEADLINE[init.code]} (${init.request}${status}${where ? ` at ${where}` : ''})${said ? `: ${said}` : '.'}`;
}

const HEADLINE: Record<NetSuiteErrorCode, string> = {
  NETSUITE_RATE_LIMITED: 'NetSuite is at its concurrency limit',
  NETSUITE_UNAVAILABLE: 'NetSuite failed to answer',
  NETSUITE_TIMEOUT: 'NetSuite did not answer in time',
  NETSUITE_CONNECTION: 'The connection to NetSuite failed',
  NETSUITE_BUSY: 'Every NetSuite request slot stayed busy',
  NETSUITE_AUTH: 'NetSuite refused the credentials; check the integration, certificate or token in NetSuite',
  NETSUITE_FORBIDDEN: "The NetSuite role lacks a permission; grant it in the integration's role",
  NETSUITE_NOT_FOUND: 'The NetSuite record does not exist',
  NETSUITE_REJECTED: 'NetSuite refused the request',
  NETSUITE_BAD_RESPONSE: 'NetSuite answered in a way the connector cannot read',
};

/**
 * NetSuite's error body (spec §4.1: `o:errorDetails`), or the token endpoint's (`{error, error_description}`,
 * spec §2a). A body that is not JSON (a proxy's HTML page) becomes one detail with its start.
 */
export function parseErrorBody(body: string): { title?: string; details: NetSuiteErrorDetail[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    const text = body.trim().slice(0, 500);
    return { details: text ? [{ detail: text }] : [] };
  }
  if (!parsed || typeof parsed !== 'object') return { details: [{ detail: String(parsed) }] };
  const top = parsed as Record<string, unknown>;
  const title = typeof top.title === 'string' ? top.title : undefined;
  const details: NetSuiteErrorDetail[] = [];
  if (Array.isArray(top['o:errorDetails'])) {
    for (const entry of top['o:errorDetails'] as unknown[]) {
      if (entry && typeof entry === 'object') details.push(detailOf(entry as Record<string, unknown>));
    }
  }
  if (details.length === 0 && typeof top.error === 'string') {
    const description = typeof top.error_description === 'string' ? `: ${top.error_description}` : '';
    details.push({ detail: `${top.error}${description}`, errorCode: top.error });
  }
  if (details.length === 0 && typeof top['o:errorCode'] === 'string') {
    details.push({ detail: title ?? top['o:errorCode'], errorCode: top['o:errorCode'] });
  }
  return title === undefined ? { details } : { title, details };
}

function detailOf(entry: Record<string, unknown>): NetSuiteErrorDetail {
  const text = (key: string) => (typeof entry[key] === 'string' ? (entry[key] as string) : undefined);
  const result: NetSuiteErrorDetail = { detail: text('detail') ?? '' };
  const optional: [keyof NetSuiteErrorDetail, string][] = [
    ['errorCode', 'o:errorCode'],
    ['errorPath', 'o:errorPath'],
    ['errorQueryParam', 'o:errorQueryParam'],
    ['errorHeader', 'o:errorHeader'],
    ['urlPath', 'o:urlPath'],
  ];
  for (const [field, key] of optional) {
    const value = text(key);
    if (value !== undefined) result[field] = value;
  }
  return result;
}

/**
 * Classifies an HTTP answer that is not a success (spec §4.2): 429 and 5xx are transient (a 5xx may have done the
 * write: its outcome is unknown; a 429 was refused before it ran), every other status is permanent.
 */
export function errorFromResponse(
  request: string,
  response: { status: number; body: string },
  retryAfterMs?: number,
): NetSuiteError {
  const { title, details } = parseErrorBody(response.body);
  const { status } = response;
  const common = { request, status, title, details, retryAfterMs };
  if (status === 429) return new NetSuiteError({ ...common, code: 'NETSUITE_RATE_LIMITED', transient: true });
  if (status >= 500) {
    return new NetSuiteError({ ...common, code: 'NETSUITE_UNAVAILABLE', transient: true, outcomeUnknown: true });
  }
  return new NetSuiteError({ ...common, code: permanentCode(status, details), transient: false });
}

function permanentCode(status: number, details: NetSuiteErrorDetail[]): NetSuiteErrorCode {
  if (status === 401 || details.some((entry) => entry.errorCode === 'INVALID_LOGIN')) return 'NETSUITE_AUTH';
  if (status === 403) return 'NETSUITE_FORBIDDEN';
  if (status === 404) return 'NETSUITE_NOT_FOUND';
  return 'NETSUITE_REJECTED';
}

/** Errors raised while connecting: the request never reached NetSuite, so even a create may simply be repeated. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** A request that got no answer: timed out (outcome unknown), or the connection failed (before or after sending). */
export function errorFromFailure(request: string, error: unknown): NetSuiteError {
  if (error instanceof Error && error.name === 'TimeoutError') {
    return new NetSuiteError({
      code: 'NETSUITE_TIMEOUT',
      request,
      transient: true,
      outcomeUnknown: true,
      cause: error,
    });
  }
  const systemCode = causeCode(error);
  const reason = systemCode ?? (error instanceof Error ? error.message : String(error));
  return new NetSuiteError({
    code: 'NETSUITE_CONNECTION',
    request,
    details: [{ detail: reason }],
    transient: true,
    outcomeUnknown: !(systemCode && NOT_SENT.has(systemCode)),
    cause: error,
  });
}

function causeCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
