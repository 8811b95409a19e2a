/**
 * `WC_REST_Authentication` as WooCommerce 11 runs it on `/wp-json/wc/…` requests (spec §1.7):
 * 1. over SSL only, HTTP Basic: `?consumer_key=…&consumer_secret=…` first, else the `Authorization: Basic` pair;
 *    an unknown key is no error (OAuth is tried next), a wrong secret is;
 * 2. one-legged OAuth 1.0a from the query string, a form body and an `Authorization: OAuth` header (merged in that
 *    order): HMAC-SHA1 or HMAC-SHA256, checked in WooCommerce's own normalisation, then the 15-minute timestamp
 *    window and the nonce (remembered one per second, as WooCommerce stores them);
 * 3. the key's read/write permission against the method.
 * A request with no credentials is anonymous: the route's permission check answers it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ApiKey } from './model.ts';
import { type PhpArray, type PhpValue, parseStr, rawUrlEncode, urlDecode } from './php.ts';
import type { WooSimSettings } from './settings.ts';
import { WooSimError, type WooStore } from './store.ts';

export interface AuthRequest {
  method: string;
  /** The path as the client sent it, not decoded. */
  rawPath: string;
  /** The query string as sent, without `?`. */
  rawQuery: string;
  authorization: string | undefined;
  /** `$_POST`: a form-encoded body's fields. */
  form: PhpArray;
}

export interface AuthOutcome {
  key: ApiKey | undefined;
  method: 'basic' | 'oauth1' | 'none';
  error: WooSimError | undefined;
}

const OAUTH_NAMES = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
];
const WINDOW_SECONDS = 15 * 60;

const authError = (message: string, code = 'woocommerce_rest_authentication_error') =>
  new WooSimError(401, code, message);

export function authenticate(
  request: AuthRequest,
  store: WooStore,
  settings: WooSimSettings,
  home: string,
): AuthOutcome {
  const query = parseStr(request.rawQuery);
  let error: WooSimError | undefined;
  if (settings.ssl) {
    const basic = basicCredentials(query, request.authorization);
    if (basic) {
      const key = store.keys.get(basic.consumerKey);
      if (key && equal(key.consumerSecret, basic.consumerSecret)) return permitted(key, 'basic', request.method);
      if (key) error = authError('Consumer secret is invalid.');
    }
  }
  const params = oauthParameters(query, request.form, request.authorization);
  if (params instanceof WooSimError) return { key: undefined, method: 'oauth1', error: params };
  if (!params) return { key: undefined, method: 'none', error };
  const key = store.keys.get(String(params.oauth_consumer_key));
  if (!key) return { key: undefined, method: 'oauth1', error: authError('Consumer key is invalid.') };
  const signatureError = checkSignature(key, params, request, settings, home);
  if (signatureError) return { key: undefined, method: 'oauth1', error: signatureError };
  const replayError = checkTimestampAndNonce(key, String(params.oauth_timestamp), String(params.oauth_nonce), store);
  if (replayError) return { key: undefined, method: 'oauth1', error: replayError };
  if (error) return { key: undefined, method: 'oauth1', error };
  return permitted(key, 'oauth1', request.method);
}

function permitted(key: ApiKey, method: AuthOutcome['method'], httpMethod: string): AuthOutcome {
  const reading = ['GET', 'HEAD'].includes(httpMethod);
  const writing = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(httpMethod);
  if (reading && key.permissions === 'write') {
    return { key: undefined, method, error: authError('The API key provided does not have read permissions.') };
  }
  if (writing && key.permissions === 'read') {
    return { key: undefined, method, error: authError('The API key provided does not have write permissions.') };
  }
  return { key, method, error: undefined };
}

function basicCredentials(query: PhpArray, authorization: string | undefined) {
  const [queryKey, querySecret] = [query.consumer_key, query.consumer_secret];
  if (typeof queryKey === 'string' && queryKey && typeof querySecret === 'string' && querySecret) {
    return { consumerKey: queryKey, consumerSecret: querySecret };
  }
  const match = /^Basic\s+(.+)$/i.exec(authorization?.trim() ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [user, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return user && password ? { consumerKey: user, consumerSecret: password } : undefined;
}

/** `get_oauth_parameters()`: undefined when no OAuth parameter is there at all, an error when only some are. */
function oauthParameters(
  query: PhpArray,
  form: PhpArray,
  authorization: string | undefined,
): PhpArray | WooSimError | undefined {
  const params: PhpArray = { ...query, ...form, ...headerParameters(authorization) };
  const missing = OAUTH_NAMES.filter((name) => !params[name]);
  if (missing.length === OAUTH_NAMES.length) return undefined;
  if (missing.length > 0) {
    const label = missing.length === 1 ? 'Missing OAuth parameter' : 'Missing OAuth parameters';
    return authError(`${label} ${missing.join(', ')}`, 'woocommerce_rest_authentication_missing_parameter');
  }
  return params;
}

/** `parse_header()`, its regular expression kept as WooCommerce wrote it. */
function headerParameters(authorization: string | undefined): PhpArray {
  const header = authorization?.trim() ?? '';
  if (!header.startsWith('OAuth ')) return {};
  const params: PhpArray = {};
  for (const match of header.matchAll(/(oauth_[a-z_-]*)=(:?"([^"]*)"|([^,]*))/g)) {
    params[match[1] ?? ''] = urlDecode(match[3] ? match[3] : (match[4] ?? ''));
  }
  return params;
}

function checkSignature(
  key: ApiKey,
  params: PhpArray,
  request: AuthRequest,
  settings: WooSimSettings,
  home: string,
): WooSimError | undefined {
  const homeUrl = new URL(home);
  const homePath = `${homeUrl.pathname.replace(/\/+$/, '')}/`;
  let path = request.rawPath;
  if (path.startsWith(homePath)) path = path.slice(homePath.length);
  const scheme = settings.ssl ? 'https:' : 'http:';
  const baseRequestUri = rawUrlEncode(`${scheme}//${homeUrl.host}${homePath}${path.replace(/^\/+/, '')}`);
  const consumerSignature = rawUrlDecode(String(params.oauth_signature).replace(/ /g, '+'));
  const signed = Object.entries(params).filter(([name]) => name !== 'oauth_signature');
  signed.sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const pairs = signed.flatMap(([name, value]) => joinWithEqualsSign(rawUrlEncode(name), normalise(value)));
  const stringToSign = `${request.method.toUpperCase()}&${baseRequestUri}&${pairs.join('%26')}`;
  const method = params.oauth_signature_method;
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') {
    return authError('Invalid signature - signature method is invalid.');
  }
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const signature = createHmac(algorithm, `${key.consumerSecret}&`).update(stringToSign).digest('base64');
  return equal(signature, consumerSignature)
    ? undefined
    : authError('Invalid signature - provided signature does not match.');
}

/** `normalize_parameters` on one value: text encoded, an array's values encoded (its keys left as they are). */
function normalise(value: PhpValue): PhpValue {
  if (typeof value === 'string') return rawUrlEncode(value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalise(item)]));
}

/** `join_with_equals_sign`: `name=value` encoded as a whole; an array's entries as `name%5Bkey%5D=value`. */
function joinWithEqualsSign(name: string, value: PhpValue): string[] {
  if (typeof value === 'string') return [rawUrlEncode(`${name}=${value}`)];
  return Object.entries(value).flatMap(([key, item]) => joinWithEqualsSign(`${name}%5B${key}%5D`, item));
}

function checkTimestampAndNonce(
  key: ApiKey,
  timestamp: string,
  nonce: string,
  store: WooStore,
): WooSimError | undefined {
  const now = store.clock.seconds();
  const stamp = /^\d+$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  if (Number.isNaN(stamp) || stamp < now - WINDOW_SECONDS || stamp > now + WINDOW_SECONDS) {
    return authError('Invalid timestamp.');
  }
  if ([...key.nonces.values()].includes(nonce)) return authError('Invalid nonce - nonce has already been used.');
  key.nonces.set(stamp, nonce);
  for (const seen of key.nonces.keys()) if (seen < now - WINDOW_SECONDS) key.nonces.delete(seen);
  return undefined;
}

/** `rawurldecode`: `%XX` only, `+` stays. */
function rawUrlDecode(value: string): string {
  return urlDecode(value.replace(/\+/g, '%2B'));
}

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
