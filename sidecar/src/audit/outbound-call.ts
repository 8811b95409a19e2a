import type { Db } from '../db/client.ts';
import type { Job } from '../jobs/job.ts';
import type { Metrics } from '../metrics.ts';
import type { AuditLog } from './audit-log.ts';

export type OutboundTarget = 'netsuite' | 'woocommerce' | 'shopify' | 'adobe-commerce' | 'alert';

export interface OutboundCall {
  target: OutboundTarget;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  /** The NetSuite or storefront record this call concerns, for the audit search. */
  externalId?: string;
  /** The NetSuite account (as NetSuite prints it) a NetSuite call is made for: its health is read from the trail. */
  netsuiteAccountId?: string;
  job?: Job;
  signal?: AbortSignal;
}

/** What the trail keeps of a call made over another protocol than HTTP. */
export interface OtherCall<T> {
  target: OutboundTarget;
  /** The protocol's verb (`SMTP`). */
  method: string;
  /** Where it went, without credentials (`smtp://mail.example.com:587`). */
  url: string;
  request: Record<string, unknown>;
  /** What of the answer is worth keeping. */
  response?: (result: T) => unknown;
  job?: Job;
}

export interface OutboundResponse {
  status: number;
  headers: Headers;
  body: string;
  durationMs: number;
}

/** Bodies kept in the audit trail are cut here; the caller still gets the whole body. */
const AUDIT_BODY_LIMIT = 64 * 1024;

/**
 * A body as the audit trail keeps it: JSON and form bodies as fields, so the redactor's field-name rule reaches
 * them (a token request's `client_assertion`), anything else as text.
 */
function forAudit(body: string | undefined, contentType: string | undefined): unknown {
  if (body === undefined || body === '') return undefined;
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(body));
  }
  const cut = body.length > AUDIT_BODY_LIMIT ? `${body.slice(0, AUDIT_BODY_LIMIT)}…[truncated]` : body;
  try {
    return JSON.parse(cut);
  } catch {
    return cut;
  }
}

const headerOf = (headers: Record<string, string> | Headers | undefined, name: string) =>
  headers instanceof Headers
    ? (headers.get(name) ?? undefined)
    : Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * Every call the sidecar makes to NetSuite or a storefront goes through here: it is sent, counted, timed, and
 * written to the audit trail with what was sent and what came back (secrets redacted by the audit log).
 */
export class OutboundCalls {
  readonly #db: Db;
  readonly #audit: AuditLog;
  readonly #metrics: Metrics;

  constructor(db: Db, audit: AuditLog, metrics: Metrics) {
    this.#db = db;
    this.#audit = audit;
    this.#metrics = metrics;
  }

  async send(call: OutboundCall): Promise<OutboundResponse> {
    const started = performance.now();
    const requestBody = forAudit(call.body, headerOf(call.headers, 'content-type'));
    const request = { method: call.method, url: call.url, headers: call.headers, body: requestBody };
    // A simulator or proxy origin does not name the account, so the account is kept beside the URL.
    const account = call.netsuiteAccountId ? { netsuiteAccountId: call.netsuiteAccountId } : {};
    let response: Response;
    try {
      response = await fetch(call.url, {
        method: call.method,
        ...(call.headers ? { headers: call.headers } : {}),
        ...(call.body !== undefined ? { body: call.body } : {}),
        ...(call.signal ? { signal: call.signal } : {}),
      });
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      this.#observe(call.target, 'error', durationMs);
      await this.#audit.record(this.#db, {
        type: 'outbound.call',
        ...(call.job ? { job: call.job } : {}),
        externalId: call.externalId,
        message: `${call.method} ${call.url} failed after ${durationMs} ms: ${(error as Error).message}`,
        data: { target: call.target, ...account, request, error: (error as Error).message, durationMs },
      });
      throw error;
    }
    const body = await response.text();
    const durationMs = Math.round(performance.now() - started);
    this.#observe(call.target, String(response.status), durationMs);
    await this.#audit.record(this.#db, {
      type: 'outbound.call',
      ...(call.job ? { job: call.job } : {}),
      externalId: call.externalId,
      message: `${call.method} ${call.url} → ${response.status} in ${durationMs} ms`,
      data: {
        target: call.target,
        ...account,
        request,
        response: {
          status: response.status,
          headers: Object.fromEntries(response.headers),
          body: forAudit(body, headerOf(response.headers, 'content-type')),
        },
        durationMs,
      },
    });
    return { status: response.status, headers: response.headers, body, durationMs };
  }

  /**
   * A call not made over HTTP (an e-mail over SMTP): `call` runs it; it is counted and timed like the others, and the
   * trail keeps the summary given (host, how many recipients, the server's reply), never the message or credentials.
   */
  async other<T>(summary: OtherCall<T>, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const base = { target: summary.target, method: summary.method, url: summary.url, request: summary.request };
    const job = summary.job ? { job: summary.job } : {};
    let result: T;
    try {
      result = await call();
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      this.#observe(summary.target, 'error', durationMs);
      const message = (error as Error).message;
      await this.#audit.record(this.#db, {
        type: 'outbound.call',
        ...job,
        message: `${summary.method} ${summary.url} failed after ${durationMs} ms: ${message}`,
        data: { ...base, error: message, durationMs },
      });
      throw error;
    }
    const durationMs = Math.round(performance.now() - started);
    this.#observe(summary.target, 'ok', durationMs);
    await this.#audit.record(this.#db, {
      type: 'outbound.call',
      ...job,
      message: `${summary.method} ${summary.url} → ok in ${durationMs} ms`,
      data: { ...base, response: summary.response?.(result), durationMs },
    });
    return result;
  }

  #observe(target: OutboundTarget, status: string, durationMs: number): void {
    this.#metrics.outboundRequests.inc({ target, status });
    this.#metrics.outboundDuration.observe({ target }, durationMs / 1000);
  }
}
