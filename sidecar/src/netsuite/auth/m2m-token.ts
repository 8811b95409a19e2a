import { randomBytes } from 'node:crypto';
import { type CryptoKey, importPKCS8, type KeyObject, SignJWT } from 'jose';
import { NetSuiteError } from '../errors.ts';

/** OAuth 2.0 client credentials (M2M, spec §2a): the integration's client id and the mapped certificate. */
export interface M2mCredentials {
  clientId: string;
  /** The Certificate ID NetSuite shows for the M2M mapping; the assertion's `kid`. */
  certificateId: string;
  /** PKCS#8 PEM of the certificate's private key (RSA for PS256, EC P-256 for ES256), or the key itself. */
  privateKey: string | CryptoKey | KeyObject;
  /** Default `PS256`; RS256 is not offered (spec §2a: not in NetSuite's current list). */
  algorithm?: M2mAlgorithm;
}

export type M2mAlgorithm = 'PS256' | 'PS384' | 'PS512' | 'ES256' | 'ES384' | 'ES512';

/** An assertion lives 5 minutes: NetSuite only needs it for the one token request (spec §2a: `exp = iat + 300`). */
const ASSERTION_LIFETIME_S = 300;

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

/** The signed client assertion for one token request; `aud` is the token endpoint of `origin`. */
export async function signClientAssertion(
  credentials: M2mCredentials,
  origin: string,
  nowMs: number = Date.now(),
): Promise<string> {
  const alg = credentials.algorithm ?? 'PS256';
  const key =
    typeof credentials.privateKey === 'string'
      ? await importPKCS8(credentials.privateKey, alg)
      : credentials.privateKey;
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ scope: ['rest_webservices'] })
    .setProtectedHeader({ typ: 'JWT', alg, kid: credentials.certificateId })
    .setIssuer(credentials.clientId)
    .setAudience(`${origin}${TOKEN_PATH}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ASSERTION_LIFETIME_S)
    .setJti(randomBytes(18).toString('base64url'))
    .sign(key);
}

/** The form of the token request (spec §2a: exactly these three fields). */
export function tokenRequestForm(assertion: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  };
}

export interface AccessToken {
  value: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** NetSuite documents 3600 s and always sends it; this is only the fallback when `expires_in` is missing. */
const DEFAULT_EXPIRES_IN_S = 3600;

/** Reads a token response; `token_type` in any case, `expires_in` as a number or a numeric string (spec §2a). */
export function parseTokenResponse(body: string, request: string, nowMs: number): AccessToken {
  const refuse = (why: string) =>
    new NetSuiteError({
      code: 'NETSUITE_BAD_RESPONSE',
      request,
      status: 200,
      details: [{ detail: why }],
      transient: false,
    });
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(body) as Record<string, unknown>;
  } catch {
    throw refuse('The token response is not JSON.');
  }
  const { access_token: value, token_type: type, expires_in: expiresIn } = parsed ?? {};
  if (typeof value !== 'string' || value === '') throw refuse('The token response has no access_token.');
  if (typeof type !== 'string' || type.toLowerCase() !== 'bearer') {
    throw refuse(`The token response's token_type is ${JSON.stringify(type)}, not bearer.`);
  }
  const seconds = expiresIn === undefined ? DEFAULT_EXPIRES_IN_S : Number(expiresIn);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw refuse(`The token response's expires_in is ${JSON.stringify(expiresIn)}.`);
  }
  return { value, expiresAt: nowMs + seconds * 1000 };
}

export interface M2mTokenCacheOptions {
  /** Injectable clock, epoch ms (default `Date.now`). */
  now?: () => number;
  /** A token with less than this left is renewed before use, in ms (default 300 000: renewed after 55 of 60 min). */
  renewBeforeExpiryMs?: number;
}

interface Entry {
  token?: AccessToken;
  renewal?: Promise<AccessToken>;
}

/**
 * Access tokens per (account, client id, certificate id), shared by every client of the process. Renewal is
 * single-flight: callers arriving while a token is fetched wait for that one request.
 */
export class M2mTokenCache {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  readonly #renewBeforeExpiryMs: number;

  constructor(options: M2mTokenCacheOptions = {}) {
    this.#now = options.now ?? Date.now;
    this.#renewBeforeExpiryMs = options.renewBeforeExpiryMs ?? 300_000;
  }

  static keyOf(accountId: string, credentials: Pick<M2mCredentials, 'clientId' | 'certificateId'>): string {
    return JSON.stringify([accountId, credentials.clientId, credentials.certificateId]);
  }

  now(): number {
    return this.#now();
  }

  /** A token with more than the renewal margin left, fetching one (once, for all waiting callers) if needed. */
  async token(key: string, fetchToken: () => Promise<AccessToken>): Promise<string> {
    const entry = this.#entries.get(key) ?? {};
    this.#entries.set(key, entry);
    if (entry.token && entry.token.expiresAt - this.#now() > this.#renewBeforeExpiryMs) return entry.token.value;
    entry.renewal ??= fetchToken()
      .then((token) => {
        entry.token = token;
        return token;
      })
      .finally(() => {
        entry.renewal = undefined;
      });
    return (await entry.renewal).value;
  }

  /** A resource refused `staleToken`: forget it, unless another caller has already replaced it. */
  invalidate(key: string, staleToken: string): void {
    const entry = this.#entries.get(key);
    if (entry?.token?.value === staleToken) entry.token = undefined;
  }
}
