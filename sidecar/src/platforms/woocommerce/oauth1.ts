/**
 * WooCommerce's one-legged OAuth 1.0a for stores served over plain HTTP (spec §1.7; WooCommerce
 * `WC_REST_Authentication::check_oauth_signature`). It is RFC 5849 without a token, normalised WooCommerce's way:
 * - base URI: the store's home URL plus the request path, scheme as served, no query;
 * - parameters: the query string's and the OAuth ones (JSON bodies are never signed), `oauth_signature` left out,
 *   one value per name (PHP keeps the last), sorted by raw name with `strcmp` before encoding, each name and value
 *   encoded, `name=value` encoded again and the pairs joined with `%26`;
 * - key: the consumer secret followed by `&`, the secret itself not encoded;
 * - timestamp within 15 minutes of the store's clock, nonce unused for the key in that window.
 */
import { createHmac } from 'node:crypto';
import { percentEncode } from '../../oauth1/encoding.ts';

export type WooSignatureMethod = 'HMAC-SHA256' | 'HMAC-SHA1';

export interface WooOAuthRequest {
  method: string;
  /** The URL as sent, query included (its parameters are signed). */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  /** Unique for the key within 15 minutes. */
  nonce: string;
  /** Seconds since the epoch. */
  timestamp: number;
  /** Default HMAC-SHA256. */
  signatureMethod?: WooSignatureMethod;
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The string WooCommerce signs, from the request's parameters and the OAuth ones (without `oauth_signature`). */
export function wooOAuthBaseString(method: string, url: string, oauthParams: Iterable<[string, string]>): string {
  const parsed = new URL(url);
  const params = new Map<string, string>();
  for (const [name, value] of parsed.searchParams) params.set(name, value);
  for (const [name, value] of oauthParams) params.set(name, value);
  params.delete('oauth_signature');
  const pairs = [...params]
    .sort(([a], [b]) => byteOrder(a, b))
    .map(([name, value]) => percentEncode(`${percentEncode(name)}=${percentEncode(value)}`));
  const baseUri = `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  return `${method.toUpperCase()}&${percentEncode(baseUri)}&${pairs.join('%26')}`;
}

/** The OAuth parameters of one request, `oauth_signature` last, values not yet encoded. */
export function wooOAuthParams(request: WooOAuthRequest): [string, string][] {
  const method = request.signatureMethod ?? 'HMAC-SHA256';
  const params: [string, string][] = [
    ['oauth_consumer_key', request.consumerKey],
    ['oauth_nonce', request.nonce],
    ['oauth_signature_method', method],
    ['oauth_timestamp', String(request.timestamp)],
  ];
  const baseString = wooOAuthBaseString(request.method, request.url, params);
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(algorithm, `${request.consumerSecret}&`).update(baseString).digest('base64');
  return [...params, ['oauth_signature', signature]];
}

/** `url` with the OAuth parameters appended to its query string, as WooCommerce's documentation asks. */
export function withOAuthQuery(url: string, params: Iterable<[string, string]>): string {
  const query = Array.from(params, ([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}

/** The same parameters as an `Authorization: OAuth …` header, which WooCommerce reads too. */
export function oauthAuthorizationHeader(params: Iterable<[string, string]>): string {
  return `OAuth ${Array.from(params, ([name, value]) => `${name}="${percentEncode(value)}"`).join(', ')}`;
}
