import { setTimeout as sleep } from 'node:timers/promises';
import type { OutboundCalls } from '../audit/outbound-call.ts';
import { type BackoffPolicy, retryDelayMs } from '../jobs/backoff.ts';
import type { NetSuiteAccount } from './account.ts';
import type { Authenticator } from './auth/authenticator.ts';
import { percentEncode } from './auth/tba-signature.ts';
import type { NetSuitePermits } from './concurrency/permits.ts';
import { errorFromFailure, errorFromResponse, NetSuiteError } from './errors.ts';
import { parseRetryAfter } from './retry-after.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface NetSuiteRequest {
  method: HttpMethod;
  /** From the origin: `/services/rest/record/v1/salesOrder`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body (records, SuiteQL). */
  json?: unknown;
  /** A form-urlencoded body (the token endpoint). */
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The record this call concerns, for the audit search. */
  externalId?: string | undefined;
  /** The caller giving up (a job shutting down); not retried. */
  signal?: AbortSignal | undefined;
  /** Default true; only the token request goes without. */
  authenticate?: boolean;
  /**
   * Runs under the last known cap (1 before one is known) instead of asking for the current one: the token request
   * and the governance look-up, which finding the current cap may itself be waiting on.
   */
  underKnownCap?: boolean;
}

export interface NetSuiteResponse {
  status: number;
  headers: Headers;
  body: string;
}

export interface RetryPolicy extends BackoffPolicy {
  /** Attempts of one request, the first included. */
  maxAttempts: number;
}

/** Spec §5.3: base 1 s, doubling, cap 30 s, at most 6 attempts (at most ~31 s of waiting, ~16 s on average). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 1_000, capMs: 30_000, maxAttempts: 6 };

/**
 * Told how NetSuite took the account's credentials: `refused` when a call ends in NETSUITE_AUTH (401 after one
 * renewal, INVALID_LOGIN, the token endpoint's refusal), `accepted` when one is answered. It must not throw or wait.
 */
export interface AuthWatch {
  refused(accountId: string, error: NetSuiteError): void;
  accepted(accountId: string): void;
}

export interface TransportOptions {
  account: NetSuiteAccount;
  /** Default none: nobody is told. */
  authWatch?: AuthWatch | undefined;
  outbound: Pick<OutboundCalls, 'send'>;
  permits: NetSuitePermits;
  /** The account's concurrency cap now (fixed, or from governance). */
  cap: () => Promise<number>;
  /** The cap last found, without looking (undefined before the first look-up). */
  knownCap: () => number | undefined;
  /** Required unless every request says `authenticate: false`. */
  authenticator?: Authenticator | undefined;
  /** Default `DEFAULT_RETRY_POLICY`. */
  retry?: Partial<RetryPolicy> | undefined;
  /** One attempt, from sending to the last byte of the answer, in ms (default 60 000). */
  timeoutMs?: number | undefined;
  /** Longest wait for a concurrency permit, in ms (default 120 000); then the request fails as NETSUITE_BUSY. */
  acquireTimeoutMs?: number | undefined;
  /** A permit's lease beyond the request timeout, in ms (default 30 000): a crashed holder's slot frees after both. */
  leaseMarginMs?: number | undefined;
  /** Injectable for tests (defaults: timers, `Math.random`, `Date.now`). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  random?: (() => number) | undefined;
  now?: (() => number) | undefined;
}

/** What `write` returns: NetSuite's answer, or what the look-up found when the write had already been done. */
export type WriteOutcome<T> = { response: NetSuiteResponse } | { existing: T };

type Attempt = { response: NetSuiteResponse } | { error: NetSuiteError; rejectedAuthorization?: string };

/**
 * One logical request to NetSuite: authenticated, under the account's concurrency cap (one permit per attempt, none
 * held while backing off), timed out, audited (through `OutboundCalls`), and retried with full-jitter backoff on
 * 429, 5xx, resets and timeouts, `Retry-After` being a floor. A 401 drops the credential, renews it once and tries
 * once more. Anything else that is not 2xx is a permanent `NetSuiteError`.
 */
export class NetSuiteTransport {
  readonly #options: TransportOptions;
  readonly #policy: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: TransportOptions) {
    this.#options = options;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...definedOnly(options.retry ?? {}) };
    this.#timeoutMs = options.timeoutMs ?? 60_000;
    this.#sleep = options.sleep ?? ((ms, signal) => sleep(ms, undefined, signal ? { signal } : {}));
  }

  get account(): NetSuiteAccount {
    return this.#options.account;
  }

  /** An idempotent request (GET, PUT upsert, PATCH, DELETE, SuiteQL, tokens): simply repeated when it fails. */
  async request(request: NetSuiteRequest): Promise<NetSuiteResponse> {
    const outcome = await this.#exchange(request, undefined);
    if ('existing' in outcome) throw new Error('An idempotent request cannot resolve to an existing record.');
    return outcome.response;
  }

  /**
   * A write NetSuite would do twice if sent twice (POST create, POST transform). When its outcome is unknown (a
   * timeout, a reset, a 5xx), `lookUp` runs (after the backoff, so a slow write has landed) before any retry; and a
   * 400 saying the externalId exists means it was done before. Either way, what `lookUp` finds is the result.
   */
  async write<T>(request: NetSuiteRequest, lookUp: () => Promise<T | undefined>): Promise<WriteOutcome<T>> {
    return this.#exchange(request, lookUp);
  }

  async #exchange<T>(
    request: NetSuiteRequest,
    lookUp: (() => Promise<T | undefined>) | undefined,
  ): Promise<WriteOutcome<T>> {
    // The token request is part of another request, which reports for both.
    const watch = request.authenticate === false ? undefined : this.#options.authWatch;
    const accountId = this.#options.account.id;
    try {
      const outcome = await this.#exchangeOnce(request, lookUp);
      watch?.accepted(accountId);
      return outcome;
    } catch (error) {
      if (error instanceof NetSuiteError && error.code === 'NETSUITE_AUTH') watch?.refused(accountId, error);
      throw error;
    }
  }

  async #exchangeOnce<T>(
    request: NetSuiteRequest,
    lookUp: (() => Promise<T | undefined>) | undefined,
  ): Promise<WriteOutcome<T>> {
    let renewedAfterRejection = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(request);
      if ('response' in outcome) return outcome;
      const { error, rejectedAuthorization } = outcome;
      if (rejectedAuthorization !== undefined && !renewedAfterRejection) {
        renewedAfterRejection = true;
        if (this.#options.authenticator?.rejected(rejectedAuthorization)) {
          attempt--; // A 401 was not NetSuite failing: the one try with a renewed credential is not a retry.
          continue;
        }
      }
      if (lookUp && error.isDuplicateExternalId) {
        const existing = await lookUp();
        if (existing !== undefined) return { existing };
        throw error;
      }
      if (!this.#worthRetrying(error, attempt)) throw error;
      const delay = retryDelayMs(attempt, this.#policy, error.retryAfterMs ?? 0, this.#options.random);
      await this.#sleep(delay, request.signal);
      if (lookUp && error.outcomeUnknown) {
        const existing = await lookUp();
        if (existing !== undefined) return { existing };
      }
    }
  }

  #worthRetrying(error: NetSuiteError, attempt: number): boolean {
    if (!error.transient || attempt >= this.#policy.maxAttempts) return false;
    // Having waited its whole acquire timeout for a permit, a request goes back to the job queue, not round again.
    if (error.code === 'NETSUITE_BUSY') return false;
    // A wait longer than our cap is left to the job ledger (it honours `retryAfterMs`) rather than held here.
    return (error.retryAfterMs ?? 0) <= this.#policy.capMs;
  }

  async #attempt(request: NetSuiteRequest): Promise<Attempt> {
    const label = `${request.method} ${request.path}`;
    const authenticator = request.authenticate === false ? undefined : this.#authenticator();
    const sign = await authenticator?.prepare();
    const permit = await this.#options.permits.acquire({
      accountId: this.#options.account.id,
      cap: request.underKnownCap ? (this.#options.knownCap() ?? 1) : await this.#options.cap(),
      leaseMs: this.#timeoutMs + (this.#options.leaseMarginMs ?? 30_000),
      timeoutMs: this.#options.acquireTimeoutMs ?? 120_000,
      signal: request.signal,
    });
    if (!permit) return { error: new NetSuiteError({ code: 'NETSUITE_BUSY', request: label, transient: true }) };
    try {
      const url = this.#url(request);
      const authorization = sign?.(request.method, url);
      const timeout = AbortSignal.timeout(this.#timeoutMs);
      let response: NetSuiteResponse;
      try {
        response = await this.#options.outbound.send({
          target: 'netsuite',
          netsuiteAccountId: this.#options.account.id,
          method: request.method,
          url,
          headers: { ...this.#contentType(request), ...request.headers, ...(authorization ? { authorization } : {}) },
          ...bodyOf(request),
          ...(request.externalId ? { externalId: request.externalId } : {}),
          signal: request.signal ? AbortSignal.any([timeout, request.signal]) : timeout,
        });
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        return { error: errorFromFailure(label, error) };
      }
      if (response.status >= 200 && response.status < 300) return { response };
      const now = (this.#options.now ?? Date.now)();
      const error = errorFromResponse(label, response, parseRetryAfter(response.headers.get('retry-after'), now));
      return response.status === 401 && authorization ? { error, rejectedAuthorization: authorization } : { error };
    } finally {
      await permit.release();
    }
  }

  #authenticator(): Authenticator {
    if (!this.#options.authenticator) throw new Error('This NetSuite transport has no authenticator.');
    return this.#options.authenticator;
  }

  #url(request: NetSuiteRequest): string {
    const query = Object.entries(request.query ?? {})
      .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
      .map(([name, value]) => `${percentEncode(name)}=${percentEncode(String(value))}`)
      .join('&');
    return `${this.#options.account.origin}${request.path}${query ? `?${query}` : ''}`;
  }

  #contentType(request: NetSuiteRequest): Record<string, string> {
    if (request.form) return { 'content-type': 'application/x-www-form-urlencoded' };
    if (request.json !== undefined) return { 'content-type': 'application/json' };
    return {};
  }
}

function bodyOf(request: NetSuiteRequest): { body?: string } {
  if (request.form) return { body: new URLSearchParams(request.form).toString() };
  if (request.json !== undefined) return { body: JSON.stringify(request.json) };
  return {};
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}

/** A success body as JSON; an unreadable one is NETSUITE_BAD_RESPONSE (permanent: asking again gives the same). */
export function jsonOf<T>(response: NetSuiteResponse, request: string): T {
  try {
    return JSON.parse(response.body) as T;
  } catch {
    throw new NetSuiteError({
      code: 'NETSUITE_BAD_RESPONSE',
      request,
      status: response.status,
      details: [{ detail: `Expected JSON, got: ${response.body.slice(0, 200)}` }],
      transient: false,
    });
  }
}
