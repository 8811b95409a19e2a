import { timingSafeEqual } from 'node:crypto';
import { hmacSha256Signature, signatureBaseString } from './oauth1.ts';
import type { AuthRegistry, TbaCredentials } from './registry.ts';

/**
 * Login Audit Trail details of failed TBA logins, as Oracle lists them for REST web services ([S50],
 * subsect_156935170194). `nonce_rejected` is the RESTlet wording (the REST column has none); `InvalidRealm` is the
 * simulator's own wording: Oracle documents no detail for a realm that is not the account id.
 */
export type TbaFailure =
  | 'MissingTokenPassportRequiredFields'
  | 'InvalidRealm'
  | 'UnknownAlgorithm'
  | 'VersionRejected'
  | 'InvalidTimestamp'
  | 'nonce_rejected'
  | 'consumer_key_unknown'
  | 'token_rejected'
  | 'InvalidSignature'
  | 'NonceUsed';

export interface TbaRequest {
  method: string;
  /** The URL as the client addressed it (Host header, scheme, path and query). */
  url: string;
  params: Map<string, string>;
  formParams: [string, string][];
  /** Simulator clock, ms. */
  now: number;
  /** Expected `realm`: the account id upper-case with underscore. */
  realm: string;
}

export type TbaOutcome =
  | { ok: true; credentials: TbaCredentials }
  | { ok: false; reason: TbaFailure; credentials?: TbaCredentials };

const REQUIRED = [
  'realm',
  'oauth_consumer_key',
  'oauth_token',
  'oauth_signature_method',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
] as const;
/** "Within plus or minus five minutes of the server time" ([S50]). */
export const TIMESTAMP_WINDOW_S = 300;
const MIN_NONCE_LENGTH = 6;

/** Checks a TBA request the way NetSuite does (spec §2b); records the nonce of a request that passes. */
export function verifyTba(registry: AuthRegistry, request: TbaRequest): TbaOutcome {
  const { params } = request;
  if (REQUIRED.some((name) => !params.get(name))) return { ok: false, reason: 'MissingTokenPassportRequiredFields' };
  if (params.get('realm') !== request.realm) return { ok: false, reason: 'InvalidRealm' };
  if (params.get('oauth_signature_method') !== 'HMAC-SHA256') return { ok: false, reason: 'UnknownAlgorithm' };
  const version = params.get('oauth_version');
  if (version !== undefined && version !== '1.0') return { ok: false, reason: 'VersionRejected' };
  const timestamp = Number(params.get('oauth_timestamp'));
  const nowS = Math.floor(request.now / 1000);
  if (!/^\d+$/.test(params.get('oauth_timestamp') ?? '') || Math.abs(timestamp - nowS) > TIMESTAMP_WINDOW_S) {
    return { ok: false, reason: 'InvalidTimestamp' };
  }
  const nonce = params.get('oauth_nonce') ?? '';
  if (nonce.length < MIN_NONCE_LENGTH) return { ok: false, reason: 'nonce_rejected' };

  const credentials = registry.tba.get(params.get('oauth_token') ?? '');
  if (![...registry.tba.values()].some((known) => known.consumerKey === params.get('oauth_consumer_key'))) {
    return { ok: false, reason: 'consumer_key_unknown' };
  }
  if (!credentials || credentials.consumerKey !== params.get('oauth_consumer_key')) {
    return { ok: false, reason: 'token_rejected' };
  }
  const expected = hmacSha256Signature(
    signatureBaseString({
      method: request.method,
      url: request.url,
      oauthParams: params,
      formParams: request.formParams,
    }),
    credentials.consumerSecret,
    credentials.tokenSecret,
  );
  if (!sameText(expected, params.get('oauth_signature') ?? '')) {
    return { ok: false, reason: 'InvalidSignature', credentials };
  }
  // Checked after the signature so that a forged request cannot burn a client's nonce.
  forgetStaleNonces(registry, nowS);
  const nonceKey = `${credentials.tokenId} ${nonce} ${timestamp}`;
  if (registry.usedNonces.has(nonceKey)) return { ok: false, reason: 'NonceUsed', credentials };
  registry.usedNonces.set(nonceKey, timestamp);
  return { ok: true, credentials };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A nonce whose timestamp left the window can never be replayed (InvalidTimestamp comes first): forget it. */
function forgetStaleNonces(registry: AuthRegistry, nowS: number): void {
  for (const [key, timestamp] of registry.usedNonces) {
    if (timestamp < nowS - 2 * TIMESTAMP_WINDOW_S) registry.usedNonces.delete(key);
  }
}
