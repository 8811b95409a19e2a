import { createHmac } from 'node:crypto';
import { oauthNonce, percentEncode } from '../../oauth1/encoding.ts';

export { percentEncode };

/** Token-Based Authentication credentials (OAuth 1.0a): the integration's consumer pair and a user+role token. */
export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

export interface TbaRequest {
  method: string;
  /** The full URL as sent; its query parameters are signed. */
  url: string;
  /** Upper case with `_` (spec §2b): `1234567_SB1`, see `tbaRealm`. */
  realm: string;
  /** Fresh for every request and every retry. */
  nonce: string;
  /** Seconds since the epoch, fresh for every request and every retry. */
  timestamp: number;
  /** Only for form-urlencoded bodies; JSON bodies are not signed. */
  formParams?: Iterable<[string, string]>;
}

/** 20 random alphanumerics, as long as Oracle's example; NetSuite refuses a reused nonce. */
export function tbaNonce(length = 20): string {
  return oauthNonce(length);
}

function oauthParams(credentials: TbaCredentials, request: TbaRequest): [string, string][] {
  return [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', request.nonce],
    ['oauth_signature_method', 'HMAC-SHA256'],
    ['oauth_timestamp', String(request.timestamp)],
    ['oauth_token', credentials.tokenId],
    ['oauth_version', '1.0'],
  ];
}

/** RFC 5849 §3.4.1: method, base URI (no query, no default port, lower-case scheme and host), sorted parameters. */
export function tbaBaseString(credentials: TbaCredentials, request: TbaRequest): string {
  const url = new URL(request.url);
  // WHATWG URL parsing already lower-cases scheme and host and drops a default port.
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`;
  const params = [...oauthParams(credentials, request), ...url.searchParams, ...(request.formParams ?? [])]
    .map(([name, value]) => [percentEncode(name), percentEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  return [request.method.toUpperCase(), baseUri, params].map(percentEncode).join('&');
}

/** base64(HMAC-SHA256(enc(consumerSecret)&enc(tokenSecret), base string)), before header encoding. */
export function tbaSignature(credentials: TbaCredentials, request: TbaRequest): string {
  const key = `${percentEncode(credentials.consumerSecret)}&${percentEncode(credentials.tokenSecret)}`;
  return createHmac('sha256', key).update(tbaBaseString(credentials, request)).digest('base64');
}

/** The `Authorization: OAuth realm="…",…` header of one request (spec §2b). */
export function tbaAuthorizationHeader(credentials: TbaCredentials, request: TbaRequest): string {
  const fields: [string, string][] = [
    ['realm', request.realm],
    ...oauthParams(credentials, request),
    ['oauth_signature', tbaSignature(credentials, request)],
  ];
  return `OAuth ${fields.map(([name, value]) => `${name}="${percentEncode(value)}"`).join(',')}`;
}
