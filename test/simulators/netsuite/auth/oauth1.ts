import { createHmac } from 'node:crypto';

/** RFC 3986 percent-encoding of everything but the unreserved set (`A-Z a-z 0-9 - . _ ~`), as OAuth 1.0a demands. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface SignedRequest {
  method: string;
  /** The URL as the client addressed it, query included (the query joins the parameters, not the base URI). */
  url: string;
  /** The Authorization header's parameters; `realm` and `oauth_signature` are left out of the signature here. */
  oauthParams: Iterable<[string, string]>;
  /** Parameters of an `application/x-www-form-urlencoded` body; other bodies are never signed. */
  formParams?: Iterable<[string, string]>;
}

const UNSIGNED_PARAMS = new Set(['realm', 'oauth_signature']);

/** The signature base string of RFC 5849 §3.4.1 (spec §2b steps 1–4). */
export function signatureBaseString(request: SignedRequest): string {
  const url = new URL(request.url);
  // URL lower-cases scheme and host and drops the default port already.
  const baseUri = `${url.protocol}//${url.host}${url.pathname}`;
  const params: [string, string][] = [];
  for (const [name, value] of request.oauthParams) {
    if (!UNSIGNED_PARAMS.has(name)) params.push([percentEncode(name), percentEncode(value)]);
  }
  for (const [name, value] of url.searchParams) params.push([percentEncode(name), percentEncode(value)]);
  for (const [name, value] of request.formParams ?? []) params.push([percentEncode(name), percentEncode(value)]);
  params.sort(([nameA, valueA], [nameB, valueB]) => compare(nameA, nameB) || compare(valueA, valueB));
  const paramString = params.map(([name, value]) => `${name}=${value}`).join('&');
  return [request.method.toUpperCase(), baseUri, paramString].map(percentEncode).join('&');
}

/** `base64(HMAC-SHA256(enc(consumerSecret)&enc(tokenSecret), baseString))` (spec §2b steps 5–6), not yet encoded. */
export function hmacSha256Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha256', key).update(baseString).digest('base64');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const HEADER_PARAM = /\s*([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"\s*(,|$)/y;

/**
 * The parameters of an `OAuth …` Authorization header value (without the scheme), decoded; `undefined` when the
 * syntax is broken or a parameter is repeated (RFC 5849 §3.5.1).
 */
export function parseOAuthParams(value: string): Map<string, string> | undefined {
  const params = new Map<string, string>();
  HEADER_PARAM.lastIndex = 0;
  while (HEADER_PARAM.lastIndex < value.length) {
    const match = HEADER_PARAM.exec(value);
    if (!match) return undefined;
    const [, rawName = '', rawValue = '', separator] = match;
    const name = decode(rawName);
    const decoded = decode(rawValue);
    if (name === undefined || decoded === undefined || params.has(name)) return undefined;
    params.set(name, decoded);
    if (separator === '') break;
  }
  return params.size > 0 ? params : undefined;
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Builds an `OAuth …` header value the way Oracle's example shows it (test and client convenience). */
export function oauthHeader(params: Iterable<[string, string]>): string {
  return `OAuth ${Array.from(params, ([name, value]) => `${name}="${percentEncode(value)}"`).join(',')}`;
}
