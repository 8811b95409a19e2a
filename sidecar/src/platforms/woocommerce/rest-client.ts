/**
 * The WooCommerce REST API v3 (`/wp-json/wc/v3/…`, spec §1.7) of one store: reads for backfill and refunds, the
 * write-back calls (order status, notes, stock), and the Shipment Tracking extension's `wc-shipment-tracking/v3`.
 * Every call goes through `OutboundCalls` (audited, counted, redacted) and is authenticated as WooCommerce expects:
 * HTTP Basic with the consumer key and secret over HTTPS, one-legged OAuth 1.0a over plain HTTP (see `oauth1.ts`).
 * Failures are `WooCommerceError`s; nothing is retried here, the job ledger does that (`wooCommerceJobError`).
 */
import type { OutboundCalls, OutboundResponse } from '../../audit/outbound-call.ts';
import { parseRetryAfter } from '../../netsuite/retry-after.ts';
import { oauthNonce, percentEncode } from '../../oauth1/encoding.ts';
import type { Redactor } from '../../redact.ts';
import { oauthAuthorizationHeader, withOAuthQuery, wooOAuthParams } from './oauth1.ts';
import { errorFromFailure, errorFromResponse, WooCommerceError } from './rest-errors.ts';

/** One store as a connection configures it; the key and secret come from the vault (`wooCommerceStoreOf`). */
export interface WooCommerceStore {
  connectionId: string;
  /** The store's home URL (`https://shop.example.com`, or with the WordPress sub-folder), no trailing slash needed. */
  storeUrl: string;
  consumerKey: string;
  consumerSecret: string;
}

export interface WooCommerceStoresOptions {
  /** The sidecar's redactor: the consumer key and secret are registered with it before the first request. */
  secrets?: Pick<Redactor, 'addSecret'>;
  /** One request, from sending to the last byte of the answer, in ms (default 30 000). */
  timeoutMs?: number;
  /**
   * Where a plain-HTTP store's OAuth parameters travel (default `header`): an `Authorization: OAuth …` header, which
   * the audit trail redacts, or the query string (`query`), which WooCommerce's documentation shows and which survives
   * hosts that strip `Authorization`, but leaves each request's one-time signature in the audited URL.
   */
  oauthParamsIn?: 'header' | 'query';
  /** Injectable for tests (defaults: `Date.now`, 32 random alphanumerics). */
  now?: () => number;
  nonce?: () => string;
}

export interface WooCallOptions {
  /** The caller giving up (a job shutting down). */
  signal?: AbortSignal | undefined;
  /** The record this call concerns, for the audit search. */
  externalId?: string | undefined;
}

/** One page of a collection, with WooCommerce's `X-WP-Total` / `X-WP-TotalPages`. */
export interface WooPage<T = unknown> {
  items: T[];
  total: number;
  totalPages: number;
}

export interface WooPageOptions extends WooCallOptions {
  /** 1-based (default 1). */
  page?: number;
  /** 1–100 (default 100). */
  perPage?: number;
}

export interface WooListOptions extends WooPageOptions {
  /** Strictly after this instant, to the second (WooCommerce compares `> modified_after`): UTC. */
  modifiedAfterGmt: Date | string;
}

export interface WooOrderListOptions extends WooListOptions {
  /** WooCommerce's default is `date`; a backfill wants `modified` with `order: 'asc'`. */
  orderby?: 'date' | 'modified' | 'id';
  /** WooCommerce's default is `desc`. */
  order?: 'asc' | 'desc';
  /** Only these statuses (default: every status but trash). */
  status?: string | undefined;
}

export interface WooOrderNote {
  id: number;
  note: string;
  customer_note: boolean;
  [field: string]: unknown;
}

/** A Shipment Tracking extension item (spec §1.7). */
export interface WooTrackingItem {
  tracking_id: string;
  tracking_provider: string;
  tracking_number: string;
  [field: string]: unknown;
}

export interface WooTrackingInput {
  tracking_number: string;
  tracking_provider?: string;
  custom_tracking_provider?: string;
  custom_tracking_link?: string;
  /** `YYYY-MM-DD`. */
  date_shipped?: string;
}

export interface WooProduct {
  id: number;
  /** The parent product of a variation, else 0. */
  parent_id: number;
  /** `simple`, `variable`, `variation`, … */
  type: string;
  sku: string;
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  [field: string]: unknown;
}

/** `{ id, …fields }`: only the fields to change (`stock_quantity`, `manage_stock`, `regular_price` as text, …). */
export interface WooProductUpdate {
  id: number;
  [field: string]: unknown;
}

export interface WooBatchItemError {
  id: number;
  error: { code: string; message: string; data?: unknown };
}

/** HTTP 200 even when some items failed: those come back as `{ id, error }`. */
export interface WooBatchResult {
  update: (WooProduct | WooBatchItemError)[];
  [field: string]: unknown;
}

export type WooWebhookStatus = 'active' | 'paused' | 'disabled';

export interface WooWebhook {
  id: number;
  name: string;
  status: WooWebhookStatus;
  topic: string;
  delivery_url: string;
  [field: string]: unknown;
}

export interface WooWebhookUpdate {
  name?: string;
  status?: WooWebhookStatus;
  topic?: string;
  delivery_url?: string;
  secret?: string;
}

export const isBatchItemError = (item: unknown): item is WooBatchItemError =>
  isRecord(item) && isRecord(item.error) && typeof item.error.code === 'string';

/** WooCommerce's `woocommerce_rest_batch_items_limit` default: create + update + delete per request. */
export const WOO_BATCH_LIMIT = 100;

const WC_V3 = 'wc/v3';

/** The Shipment Tracking extension's namespace (spec §1.7). */
const SHIPMENT_TRACKING = 'wc-shipment-tracking/v3';

/** WordPress's `per_page` maximum. */
const MAX_PER_PAGE = 100;

/** Collections read whole (refunds, webhooks) stop after this many pages: 10 000 records. */
const MAX_PAGES = 100;

/** SKUs asked for in one `GET /products?sku=…`. */
const SKUS_PER_REQUEST = 50;

type HttpMethod = 'GET' | 'POST' | 'PUT';
type Query = Record<string, string | number | boolean | undefined>;

interface RestRequest extends WooCallOptions {
  method: HttpMethod;
  /** The REST namespace under `/wp-json` (default `wc/v3`). */
  namespace?: string;
  /** Under the namespace: `/orders/12`. */
  path: string;
  query?: Query;
  json?: unknown;
}

/**
 * What one sidecar process shares between its WooCommerce clients (the outbound channel and the options). Build it
 * once per process; `connect` is cheap and may run per job.
 */
export class WooCommerceStores {
  readonly #outbound: Pick<OutboundCalls, 'send'>;
  readonly #options: WooCommerceStoresOptions;

  constructor(outbound: Pick<OutboundCalls, 'send'>, options: WooCommerceStoresOptions = {}) {
    this.#outbound = outbound;
    this.#options = options;
  }

  connect(store: WooCommerceStore): WooCommerceRestClient {
    this.#options.secrets?.addSecret(store.consumerKey);
    this.#options.secrets?.addSecret(store.consumerSecret);
    return new WooCommerceRestClient(store, this.#outbound, this.#options);
  }
}

export class WooCommerceRestClient {
  readonly #store: WooCommerceStore;
  readonly #outbound: Pick<OutboundCalls, 'send'>;
  readonly #options: WooCommerceStoresOptions;
  /** `…/wp-json`: each request adds its namespace (`wc/v3`, `wc-shipment-tracking/v3`). */
  readonly #restRoot: string;
  readonly #https: boolean;

  constructor(store: WooCommerceStore, outbound: Pick<OutboundCalls, 'send'>, options: WooCommerceStoresOptions = {}) {
    const url = new URL(store.storeUrl);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new RangeError(`The store URL ${store.storeUrl} is not http(s).`);
    }
    this.#store = store;
    this.#outbound = outbound;
    this.#options = options;
    this.#https = url.protocol === 'https:';
    this.#restRoot = `${url.origin}${url.pathname.replace(/\/+$/, '')}/wp-json`;
  }

  get connectionId(): string {
    return this.#store.connectionId;
  }

  /** The order as REST v3 renders it (the shape of an `order.*` delivery): feed it to `toCanonicalOrder`. */
  async getOrder(orderId: number, options: WooCallOptions = {}): Promise<unknown> {
    return this.#json({ ...options, method: 'GET', path: `/orders/${idOf(orderId)}` }, asRecord);
  }

  /**
   * One page of orders modified after `modifiedAfterGmt` (`modified_after` with `dates_are_gmt=true`). WooCommerce
   * compares to the second and strictly: orders saved in the cursor's own second are not listed, so pass a cursor one
   * second earlier than the last `date_modified_gmt` seen and skip what was already handled.
   */
  async listOrders(options: WooOrderListOptions): Promise<WooPage> {
    return this.#page('/orders', options, {
      modified_after: gmtText(options.modifiedAfterGmt),
      dates_are_gmt: true,
      orderby: options.orderby,
      order: options.order,
      status: options.status,
    });
  }

  /**
   * One page of customers, filtered to those modified after `modifiedAfterGmt`. WooCommerce's customer collection
   * (a WordPress user query) ignores `modified_after` — it is sent for stores that honour it — so the filter is also
   * applied here, on `date_modified_gmt`: `items` may be fewer than a page while `total` and `totalPages` describe
   * the whole collection, ordered by id so the pages stay stable.
   */
  async listCustomers(options: WooListOptions): Promise<WooPage> {
    const after = gmtText(options.modifiedAfterGmt);
    const page = await this.#page('/customers', options, {
      modified_after: after,
      dates_are_gmt: true,
      orderby: 'id',
      order: 'asc',
    });
    const items = page.items.filter((item) => {
      const modified = isRecord(item) ? item.date_modified_gmt : undefined;
      return typeof modified !== 'string' || modified > after;
    });
    return { ...page, items };
  }

  /** Every refund of the order, newest first, in the `GET /orders/{id}/refunds/{refund_id}` shape. */
  async listOrderRefunds(orderId: number, options: WooCallOptions = {}): Promise<unknown[]> {
    return this.#all(`/orders/${idOf(orderId)}/refunds`, {}, options);
  }

  async getOrderRefund(orderId: number, refundId: number, options: WooCallOptions = {}): Promise<unknown> {
    const path = `/orders/${idOf(orderId)}/refunds/${idOf(refundId)}`;
    return this.#json({ ...options, method: 'GET', path }, asRecord);
  }

  /** `customerNote: true` shows the note to the customer and emails it. */
  async addOrderNote(
    orderId: number,
    note: { note: string; customerNote: boolean },
    options: WooCallOptions = {},
  ): Promise<WooOrderNote> {
    const path = `/orders/${idOf(orderId)}/notes`;
    const json = { note: note.note, customer_note: note.customerNote };
    return this.#json({ ...options, method: 'POST', path, json }, asWithId) as Promise<WooOrderNote>;
  }

  /** Every note of the order, newest first (WooCommerce does not page them). */
  async listOrderNotes(orderId: number, options: WooCallOptions = {}): Promise<WooOrderNote[]> {
    const path = `/orders/${idOf(orderId)}/notes`;
    return this.#json({ ...options, method: 'GET', path }, asArray) as Promise<WooOrderNote[]>;
  }

  /**
   * The order's Shipment Tracking items; undefined when the store does not run the extension (WordPress answers its
   * route `rest_no_route`).
   */
  async listShipmentTrackings(orderId: number, options: WooCallOptions = {}): Promise<WooTrackingItem[] | undefined> {
    const path = `/orders/${idOf(orderId)}/shipment-trackings`;
    try {
      const items = await this.#json({ ...options, method: 'GET', namespace: SHIPMENT_TRACKING, path }, asArray);
      return items as WooTrackingItem[];
    } catch (error) {
      if (error instanceof WooCommerceError && error.wooCode === 'rest_no_route') return undefined;
      throw error;
    }
  }

  /** The extension's carriers by country: `{ "United States": { "UPS": "<link template>" } }`. */
  async shipmentTrackingProviders(options: WooCallOptions = {}): Promise<Record<string, unknown>> {
    const path = '/shipment-trackings/providers';
    return this.#json({ ...options, method: 'GET', namespace: SHIPMENT_TRACKING, path }, asRecord);
  }

  /** A known carrier by `tracking_provider`, any other by `custom_tracking_provider` (+ `custom_tracking_link`). */
  async addShipmentTracking(
    orderId: number,
    item: WooTrackingInput,
    options: WooCallOptions = {},
  ): Promise<WooTrackingItem> {
    const path = `/orders/${idOf(orderId)}/shipment-trackings`;
    const request = { ...options, method: 'POST' as const, namespace: SHIPMENT_TRACKING, path, json: item };
    return this.#json(request, asRecord) as Promise<WooTrackingItem>;
  }

  /** Changes what `body` names (`status`, `meta_data`, …) and answers the whole order; fires `order.updated`. */
  async updateOrder(orderId: number, body: Record<string, unknown>, options: WooCallOptions = {}): Promise<unknown> {
    return this.#json({ ...options, method: 'PUT', path: `/orders/${idOf(orderId)}`, json: body }, asRecord);
  }

  /**
   * The products and variations whose SKU is exactly one of `skus` (`GET /products?sku=A,B` covers both post
   * types). SKUs holding a comma are asked for one at a time: WooCommerce splits the list on commas.
   */
  async findProductsBySku(skus: readonly string[], options: WooCallOptions = {}): Promise<WooProduct[]> {
    const wanted = new Set(skus.filter((sku) => sku.trim() !== ''));
    const plain = [...wanted].filter((sku) => !sku.includes(','));
    const groups = [
      ...chunks(plain, SKUS_PER_REQUEST),
      ...[...wanted].filter((sku) => sku.includes(',')).map((sku) => [sku]),
    ];
    const found = new Map<number, WooProduct>();
    for (const group of groups) {
      const products = await this.#json(
        { ...options, method: 'GET', path: '/products', query: { sku: group.join(','), per_page: MAX_PER_PAGE } },
        asArray,
      );
      for (const product of products) {
        if (isProduct(product) && wanted.has(product.sku)) found.set(product.id, product);
      }
    }
    return [...found.values()];
  }

  /**
   * The products with these ids (`GET /products?include=…`, 100 a request), each with its `categories`. A variation's
   * id finds nothing here: variations are a post type of their own and carry no categories; ask for the parent.
   */
  async getProducts(productIds: readonly number[], options: WooCallOptions = {}): Promise<WooProduct[]> {
    const found: WooProduct[] = [];
    for (const group of chunks([...new Set(productIds.map(idOf))], MAX_PER_PAGE)) {
      const query = { include: group.join(','), per_page: MAX_PER_PAGE };
      const products = await this.#json({ ...options, method: 'GET', path: '/products', query }, asArray);
      found.push(...products.filter(isProduct));
    }
    return found;
  }

  /** At most 100 updates (`WOOCOMMERCE_BATCH_TOO_LARGE` otherwise, nothing sent). */
  async batchUpdateProducts(
    updates: readonly WooProductUpdate[],
    options: WooCallOptions = {},
  ): Promise<WooBatchResult> {
    return this.#batch('/products/batch', updates, options);
  }

  /** The variations of one variable product; at most 100 updates. */
  async batchUpdateVariations(
    parentId: number,
    updates: readonly WooProductUpdate[],
    options: WooCallOptions = {},
  ): Promise<WooBatchResult> {
    return this.#batch(`/products/${idOf(parentId)}/variations/batch`, updates, options);
  }

  /** Every webhook of the store, whatever its status (`failure_count` is not exposed by WooCommerce). */
  async listWebhooks(options: WooCallOptions = {}): Promise<WooWebhook[]> {
    return (await this.#all('/webhooks', { status: 'all' }, options)) as WooWebhook[];
  }

  /** One webhook, whatever its status; `WOOCOMMERCE_NOT_FOUND` when the store has no such webhook. */
  async getWebhook(webhookId: number, options: WooCallOptions = {}): Promise<WooWebhook> {
    const path = `/webhooks/${idOf(webhookId)}`;
    return this.#json({ ...options, method: 'GET', path }, asWithId) as Promise<WooWebhook>;
  }

  /** Setting `status: 'active'` re-enables a disabled webhook; a new `delivery_url` makes WooCommerce ping it. */
  async updateWebhook(webhookId: number, body: WooWebhookUpdate, options: WooCallOptions = {}): Promise<WooWebhook> {
    const path = `/webhooks/${idOf(webhookId)}`;
    return this.#json({ ...options, method: 'PUT', path, json: body }, asWithId) as Promise<WooWebhook>;
  }

  async #batch(path: string, updates: readonly WooProductUpdate[], options: WooCallOptions): Promise<WooBatchResult> {
    if (updates.length > WOO_BATCH_LIMIT) {
      throw new WooCommerceError({
        code: 'WOOCOMMERCE_BATCH_TOO_LARGE',
        request: `POST /wp-json/wc/v3${path}`,
        wooMessage: `${updates.length} updates given; split them into calls of at most ${WOO_BATCH_LIMIT}.`,
        transient: false,
      });
    }
    if (updates.length === 0) return { update: [] };
    const result = await this.#json({ ...options, method: 'POST', path, json: { update: updates } }, asRecord);
    const update = Array.isArray(result.update) ? (result.update as WooBatchResult['update']) : [];
    return { ...result, update };
  }

  async #page(path: string, options: WooPageOptions, filters: Query): Promise<WooPage> {
    const page = options.page ?? 1;
    const perPage = options.perPage ?? MAX_PER_PAGE;
    if (!Number.isInteger(page) || page < 1) throw new RangeError(`page must be 1 or more, not ${page}.`);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
      throw new RangeError(`perPage must be 1 to ${MAX_PER_PAGE}, not ${perPage}.`);
    }
    const { signal, externalId } = options;
    const request: RestRequest = {
      signal,
      externalId,
      method: 'GET',
      path,
      query: { ...filters, page, per_page: perPage },
    };
    const response = await this.#send(request);
    const items = parseJson(response, label(request), asArray);
    return { items, ...pagination(response.headers, page, perPage, items.length) };
  }

  async #all(path: string, filters: Query, options: WooCallOptions): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const result = await this.#page(path, { ...options, page }, filters);
      items.push(...result.items);
      if (page >= result.totalPages || result.items.length === 0) break;
    }
    return items;
  }

  async #json<T>(request: RestRequest, shape: (value: unknown) => T | undefined): Promise<T> {
    const response = await this.#send(request);
    return parseJson(response, label(request), shape);
  }

  async #send(request: RestRequest): Promise<OutboundResponse> {
    const plainUrl = `${this.#restRoot}/${request.namespace ?? WC_V3}${request.path}${queryString(request.query)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.json !== undefined) headers['content-type'] = 'application/json';
    let url = plainUrl;
    if (this.#https) {
      const basic = Buffer.from(`${this.#store.consumerKey}:${this.#store.consumerSecret}`).toString('base64');
      headers.authorization = `Basic ${basic}`;
    } else {
      const params = wooOAuthParams({
        method: request.method,
        url: plainUrl,
        consumerKey: this.#store.consumerKey,
        consumerSecret: this.#store.consumerSecret,
        nonce: this.#options.nonce?.() ?? oauthNonce(32),
        timestamp: Math.floor((this.#options.now?.() ?? Date.now()) / 1000),
      });
      if (this.#options.oauthParamsIn === 'query') url = withOAuthQuery(plainUrl, params);
      else headers.authorization = oauthAuthorizationHeader(params);
    }
    const timeout = AbortSignal.timeout(this.#options.timeoutMs ?? 30_000);
    let response: OutboundResponse;
    try {
      response = await this.#outbound.send({
        target: 'woocommerce',
        method: request.method,
        url,
        headers,
        ...(request.json !== undefined ? { body: JSON.stringify(request.json) } : {}),
        ...(request.externalId ? { externalId: request.externalId } : {}),
        signal: request.signal ? AbortSignal.any([timeout, request.signal]) : timeout,
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw errorFromFailure(label(request), error);
    }
    if (response.status >= 200 && response.status < 300) return response;
    const now = this.#options.now?.() ?? Date.now();
    throw errorFromResponse(label(request), response, parseRetryAfter(response.headers.get('retry-after'), now));
  }
}

const label = (request: RestRequest) => `${request.method} /wp-json/${request.namespace ?? WC_V3}${request.path}`;

function queryString(query: Query | undefined): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(String(value))}`);
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** `X-WP-Total` / `X-WP-TotalPages`; when a proxy stripped them, a full page is taken to mean one more page. */
function pagination(headers: Headers, page: number, perPage: number, count: number) {
  const total = Number.parseInt(headers.get('x-wp-total') ?? '', 10);
  const totalPages = Number.parseInt(headers.get('x-wp-totalpages') ?? '', 10);
  return {
    total: Number.isNaN(total) ? (page - 1) * perPage + count : total,
    totalPages: Number.isNaN(totalPages) ? (count < perPage ? page : page + 1) : totalPages,
  };
}

function parseJson<T>(response: OutboundResponse, request: string, shape: (value: unknown) => T | undefined): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    parsed = undefined;
  }
  const value = shape(parsed);
  if (value !== undefined) return value;
  throw new WooCommerceError({
    code: 'WOOCOMMERCE_BAD_RESPONSE',
    request,
    status: response.status,
    wooMessage: `Unexpected answer: ${response.body.slice(0, 200)}`,
    transient: false,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asRecord = (value: unknown) => (isRecord(value) ? value : undefined);
const asArray = (value: unknown) => (Array.isArray(value) ? (value as unknown[]) : undefined);
const asWithId = (value: unknown) => (isRecord(value) && typeof value.id === 'number' ? value : undefined);

const isProduct = (value: unknown): value is WooProduct =>
  isRecord(value) && typeof value.id === 'number' && typeof value.sku === 'string';

/** Ids go into paths: only positive integers. */
function idOf(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1) throw new RangeError(`A WooCommerce id is a positive integer, not ${id}.`);
  return id;
}

/** WooCommerce's zone-less GMT text (`2026-11-23T15:33:51`), from a Date or an ISO 8601 UTC string. */
function gmtText(value: Date | string): string {
  const millis =
    value instanceof Date ? value.getTime() : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
  if (Number.isNaN(millis)) throw new RangeError(`${String(value)} is not a date.`);
  return new Date(millis).toISOString().slice(0, 19);
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}
