/**
 * What can go wrong calling a store's REST API, as values with stable codes. Transient: UNAVAILABLE (5xx, 429, 408,
 * a timeout, a connection that failed). Permanent: UNAUTHORIZED (401/403: the key is wrong, revoked or lacks the
 * permission), NOT_FOUND (404), REJECTED (any other 4xx, WooCommerce's own `{code, message}` kept), BAD_RESPONSE
 * (a success we cannot read), BATCH_TOO_LARGE (refused before sending: WooCommerce takes at most 100 items).
 */
export type WooCommerceErrorCode =
  | 'WOOCOMMERCE_UNAUTHORIZED'
  | 'WOOCOMMERCE_NOT_FOUND'
  | 'WOOCOMMERCE_UNAVAILABLE'
  | 'WOOCOMMERCE_REJECTED'
  | 'WOOCOMMERCE_BAD_RESPONSE'
  | 'WOOCOMMERCE_BATCH_TOO_LARGE';

export interface WooCommerceErrorInit {
  code: WooCommerceErrorCode;
  /** `GET /wp-json/wc/v3/orders/12`: what was asked, never with credentials. */
  request: string;
  status?: number | undefined;
  /** WooCommerce's error code (`woocommerce_rest_shop_order_invalid_id`, `woocommerce_rest_authentication_error`). */
  wooCode?: string | undefined;
  /** WooCommerce's own sentence. */
  wooMessage?: string | undefined;
  /** WooCommerce's `data` (status, invalid `params`, …). */
  wooData?: unknown;
  transient: boolean;
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

const HEADLINE: Record<WooCommerceErrorCode, string> = {
  WOOCOMMERCE_UNAUTHORIZED:
    "WooCommerce refused the connection's REST API key; check the consumer key and secret and that the key has read/write permission",
  WOOCOMMERCE_NOT_FOUND: 'WooCommerce has no such record',
  WOOCOMMERCE_UNAVAILABLE: 'The store did not answer properly',
  WOOCOMMERCE_REJECTED: 'WooCommerce refused the request',
  WOOCOMMERCE_BAD_RESPONSE: 'The store answered in a way the connector cannot read',
  WOOCOMMERCE_BATCH_TOO_LARGE: 'WooCommerce accepts at most 100 items per batch',
};

export class WooCommerceError extends Error {
  readonly code: WooCommerceErrorCode;
  readonly request: string;
  readonly status: number | undefined;
  readonly wooCode: string | undefined;
  readonly wooMessage: string | undefined;
  readonly wooData: unknown;
  readonly transient: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(init: WooCommerceErrorInit) {
    super(messageOf(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'WooCommerceError';
    this.code = init.code;
    this.request = init.request;
    this.status = init.status;
    this.wooCode = init.wooCode;
    this.wooMessage = init.wooMessage;
    this.wooData = init.wooData;
    this.transient = init.transient;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** What a job keeps as its error detail. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      request: this.request,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.wooCode === undefined ? {} : { wooCode: this.wooCode }),
      ...(this.wooMessage === undefined ? {} : { wooMessage: this.wooMessage }),
      ...(this.wooData === undefined ? {} : { wooData: this.wooData }),
      transient: this.transient,
      ...(this.retryAfterMs === undefined ? {} : { retryAfterMs: this.retryAfterMs }),
    };
  }
}

function messageOf(init: WooCommerceErrorInit): string {
  const status = init.status === undefined ? '' : ` ${init.status}${init.wooCode ? ` ${init.wooCode}` : ''}`;
  return `${HEADLINE[init.code]} (${init.request}${status})${init.wooMessage ? `: ${init.wooMessage}` : '.'}`;
}

/** WooCommerce's error body `{"code", "message", "data": {"status"}}`; anything else (a proxy's page) as its start. */
export function parseWooErrorBody(body: string): { wooCode?: string; wooMessage?: string; wooData?: unknown } {
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const { code, message, data } = parsed as Record<string, unknown>;
      if (typeof code === 'string' || typeof message === 'string') {
        return {
          ...(typeof code === 'string' ? { wooCode: code } : {}),
          ...(typeof message === 'string' ? { wooMessage: message } : {}),
          ...(data === undefined ? {} : { wooData: data }),
        };
      }
    }
  } catch {
    // Not JSON: fall through to the text.
  }
  const text = body.trim().slice(0, 300);
  return text ? { wooMessage: text } : {};
}

/** An answer that is not 2xx, classified (see the codes above). */
export function errorFromResponse(
  request: string,
  response: { status: number; body: string },
  retryAfterMs?: number,
): WooCommerceError {
  const { status } = response;
  const parsed = parseWooErrorBody(response.body);
  const common = { request, status, ...parsed };
  // WooCommerce builds some "no such record" errors with a bare 404 as their data, which WordPress sends as a 500
  // (`GET /orders/{id}/refunds/{refund_id}` for a refund of another order): not an outage, and not worth retrying.
  if (status === 500 && parsed.wooData === 404) {
    return new WooCommerceError({ ...common, code: 'WOOCOMMERCE_NOT_FOUND', transient: false });
  }
  if (status >= 500 || status === 429 || status === 408) {
    return new WooCommerceError({ ...common, code: 'WOOCOMMERCE_UNAVAILABLE', transient: true, retryAfterMs });
  }
  if (status === 401 || status === 403)
    return new WooCommerceError({ ...common, code: 'WOOCOMMERCE_UNAUTHORIZED', transient: false });
  if (status === 404) return new WooCommerceError({ ...common, code: 'WOOCOMMERCE_NOT_FOUND', transient: false });
  return new WooCommerceError({ ...common, code: 'WOOCOMMERCE_REJECTED', transient: false });
}

/** No answer at all: a timeout, a refused or reset connection, a name that does not resolve. */
export function errorFromFailure(request: string, error: unknown): WooCommerceError {
  const timedOut = error instanceof Error && error.name === 'TimeoutError';
  const reason = timedOut ? 'no answer in time' : causeText(error);
  return new WooCommerceError({
    code: 'WOOCOMMERCE_UNAVAILABLE',
    request,
    wooMessage: reason,
    transient: true,
    cause: error,
  });
}

function causeText(error: unknown): string {
  for (let current = error, depth = 0; current && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}
