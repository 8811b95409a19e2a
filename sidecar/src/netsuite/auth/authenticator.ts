import type { Redactor } from '../../redact.ts';
import { NetSuiteError } from '../errors.ts';
import {
  type AccessToken,
  type M2mCredentials,
  M2mTokenCache,
  parseTokenResponse,
  signClientAssertion,
} from './m2m-token.ts';
import { type TbaCredentials, tbaAuthorizationHeader, tbaNonce } from './tba-signature.ts';

/** Signs one attempt: the `Authorization` header for this method and URL. */
export type SignAttempt = (method: string, url: string) => string;

/**
 * How requests are authenticated. `prepare` runs before the attempt takes a concurrency permit (fetching a token
 * needs a permit of its own); the function it returns signs the attempt once the permit is held.
 */
export interface Authenticator {
  prepare(): Promise<SignAttempt>;
  /** A resource answered 401 to `authorization`: drop it. True when a renewed credential is worth one more try. */
  rejected(authorization: string): boolean;
}

/** Whatever keeps secrets out of logs and the audit trail: the sidecar's redactor. */
export type SecretSink = Pick<Redactor, 'addSecret'>;

export interface M2mAuthenticatorOptions {
  accountId: string;
  origin: string;
  credentials: M2mCredentials;
  cache: M2mTokenCache;
  /** Posts the token request form (through the transport: permit, retries, audit) and returns the response body. */
  requestToken: (assertion: string) => Promise<{ body: string; request: string }>;
}

/** OAuth 2.0 client credentials: a cached bearer token, renewed before expiry and once after a 401. */
export class M2mAuthenticator implements Authenticator {
  readonly #options: M2mAuthenticatorOptions;
  readonly #key: string;

  constructor(options: M2mAuthenticatorOptions) {
    this.#options = options;
    this.#key = M2mTokenCache.keyOf(options.accountId, options.credentials);
  }

  async prepare(): Promise<SignAttempt> {
    // The renewal is shared by every waiting caller, so no one caller's abort signal may cancel it; its own timeout
    // and retries bound it.
    const token = await this.#options.cache.token(this.#key, () => this.#fetchToken());
    return () => `Bearer ${token}`;
  }

  rejected(authorization: string): boolean {
    this.#options.cache.invalidate(this.#key, authorization.replace(/^Bearer /, ''));
    return true;
  }

  async #fetchToken(): Promise<AccessToken> {
    const { origin, credentials, cache } = this.#options;
    // The assertion is only in the token request's form body, which the audit redacts by field name.
    const assertion = await signClientAssertion(credentials, origin, cache.now());
    let answer: { body: string; request: string };
    try {
      answer = await this.#options.requestToken(assertion);
    } catch (error) {
      throw asAuthError(error);
    }
    // The token itself needs no registration: it travels only in `authorization` headers and the response's
    // `access_token` field, both redacted by name, and registering one per hour would grow the redactor for ever.
    return parseTokenResponse(answer.body, answer.request, cache.now());
  }
}

/** The token endpoint refusing us (`invalid_client`, `invalid_grant`, …) is a credentials problem, not a bad request. */
function asAuthError(error: unknown): unknown {
  if (!(error instanceof NetSuiteError) || error.transient || error.code === 'NETSUITE_AUTH') return error;
  return new NetSuiteError({
    code: 'NETSUITE_AUTH',
    request: error.request,
    status: error.status,
    title: error.title,
    details: error.details,
    transient: false,
    cause: error,
  });
}

export interface TbaAuthenticatorOptions {
  realm: string;
  credentials: TbaCredentials;
  secrets: SecretSink;
  /** Injectable clock, epoch ms (default `Date.now`). */
  now?: () => number;
}

/** Token-Based Authentication: every attempt, retries included, gets its own nonce and timestamp. */
export class TbaAuthenticator implements Authenticator {
  readonly #options: TbaAuthenticatorOptions;

  constructor(options: TbaAuthenticatorOptions) {
    this.#options = options;
    options.secrets.addSecret(options.credentials.consumerSecret);
    options.secrets.addSecret(options.credentials.tokenSecret);
  }

  async prepare(): Promise<SignAttempt> {
    const { realm, credentials, now = Date.now } = this.#options;
    return (method, url) =>
      tbaAuthorizationHeader(credentials, {
        method,
        url,
        realm,
        nonce: tbaNonce(),
        timestamp: Math.floor(now() / 1000),
      });
  }

  /** A TBA token does not expire: a 401 means revoked or wrong credentials, and signing again will not help. */
  rejected(): boolean {
    return false;
  }
}
