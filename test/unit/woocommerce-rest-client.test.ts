import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { OutboundCall, OutboundResponse } from '../../sidecar/src/audit/outbound-call.ts';
import { ConfigError } from '../../sidecar/src/connections/config-error.ts';
import { PermanentJobError, RetryableJobError } from '../../sidecar/src/jobs/job-errors.ts';
import { wooCommerceJobError } from '../../sidecar/src/platforms/woocommerce/job-error.ts';
import { wooOAuthBaseString } from '../../sidecar/src/platforms/woocommerce/oauth1.ts';
import {
  WooCommerceStores,
  type WooCommerceStoresOptions,
} from '../../sidecar/src/platforms/woocommerce/rest-client.ts';
import { WooCommerceError } from '../../sidecar/src/platforms/woocommerce/rest-errors.ts';

const KEY = 'ck_0123456789abcdef0123456789abcdef01234567';
const SECRET = 'cs_76543210fedcba9876543210fedcba9876543210';
const NOW = Date.UTC(2026, 10, 23, 15, 33, 51);

type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | Error;

/** A stand-in for `OutboundCalls`: records every call and answers from `answers` in turn (last one repeats). */
function fakeOutbound(...answers: Answer[]) {
  const calls: OutboundCall[] = [];
  return {
    calls,
    async send(call: OutboundCall): Promise<OutboundResponse> {
      const answer = answers[Math.min(calls.length, answers.length - 1)] ?? {};
      calls.push(call);
      if (answer instanceof Error) throw answer;
      const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
      return { status: answer.status ?? 200, headers: new Headers(answer.headers), body, durationMs: 1 };
    },
  };
}

function client(storeUrl: string, outbound: ReturnType<typeof fakeOutbound>, options: WooCommerceStoresOptions = {}) {
  return new WooCommerceStores(outbound, {
    now: () => NOW,
    nonce: () => 'abcdefghijABCDEFGHIJ0123456789xy',
    ...options,
  }).connect({
    connectionId: 'c1',
    storeUrl,
    consumerKey: KEY,
    consumerSecret: SECRET,
  });
}

async function rejection(promise: Promise<unknown>): Promise<WooCommerceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof WooCommerceError)) throw new Error(`expected a WooCommerceError, got ${String(error)}`);
  return error;
}

describe('WooCommerce REST client: authentication', () => {
  it('uses HTTP Basic with the consumer key and secret over HTTPS, nothing in the URL', async () => {
    const outbound = fakeOutbound({ body: { id: 12 } });
    await client('https://shop.example.com/', outbound).getOrder(12);
    const [call] = outbound.calls;
    expect(call?.url).toBe('https://shop.example.com/wp-json/wc/v3/orders/12');
    expect(call?.target).toBe('woocommerce');
    expect(call?.headers?.authorization).toBe(`Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`);
  });

  it('keeps a WordPress sub-folder in the API root', async () => {
    const outbound = fakeOutbound({ body: { id: 12 } });
    await client('https://example.com/shop', outbound).getOrder(12);
    expect(outbound.calls[0]?.url).toBe('https://example.com/shop/wp-json/wc/v3/orders/12');
  });

  it('signs plain-HTTP requests with one-legged OAuth 1.0a HMAC-SHA256, WooCommerce-normalised', async () => {
    const outbound = fakeOutbound({ body: [], headers: { 'x-wp-total': '0', 'x-wp-totalpages': '0' } });
    await client('http://127.0.0.1:8080', outbound).listOrders({
      modifiedAfterGmt: '2026-11-23T15:00:00',
      page: 2,
      perPage: 5,
    });
    const call = outbound.calls[0];
    expect(call?.url).toBe(
      'http://127.0.0.1:8080/wp-json/wc/v3/orders?modified_after=2026-11-23T15%3A00%3A00&dates_are_gmt=true&page=2&per_page=5',
    );
    // The base string WooCommerce builds: sorted raw names, each pair encoded twice, joined with %26.
    const expectedBase =
      'GET&http%3A%2F%2F127.0.0.1%3A8080%2Fwp-json%2Fwc%2Fv3%2Forders&' +
      [
        'dates_are_gmt%3Dtrue',
        'modified_after%3D2026-11-23T15%253A00%253A00',
        `oauth_consumer_key%3D${KEY}`,
        'oauth_nonce%3DabcdefghijABCDEFGHIJ0123456789xy',
        'oauth_signature_method%3DHMAC-SHA256',
        `oauth_timestamp%3D${NOW / 1000}`,
        'page%3D2',
        'per_page%3D5',
      ].join('%26');
    const signature = createHmac('sha256', `${SECRET}&`).update(expectedBase).digest('base64');
    const header = call?.headers?.authorization ?? '';
    expect(header.startsWith('OAuth ')).toBe(true);
    const params = Object.fromEntries(
      [...header.slice(6).matchAll(/(\w+)="([^"]*)"/g)].map(([, name = '', value = '']) => [
        name,
        decodeURIComponent(value),
      ]),
    );
    expect(params).toEqual({
      oauth_consumer_key: KEY,
      oauth_nonce: 'abcdefghijABCDEFGHIJ0123456789xy',
      oauth_signature_method: 'HMAC-SHA256',
      oauth_timestamp: String(NOW / 1000),
      oauth_signature: signature,
    });
  });

  it('can carry the OAuth parameters in the query string instead', async () => {
    const outbound = fakeOutbound({ body: { id: 7 } });
    await client('http://127.0.0.1:8080', outbound, { oauthParamsIn: 'query' }).getOrder(7);
    const url = new URL(outbound.calls[0]?.url ?? '');
    expect(outbound.calls[0]?.headers?.authorization).toBeUndefined();
    const signed = [...url.searchParams].filter(([name]) => name !== 'oauth_signature');
    const base = wooOAuthBaseString('GET', 'http://127.0.0.1:8080/wp-json/wc/v3/orders/7', signed);
    expect(url.searchParams.get('oauth_signature')).toBe(
      createHmac('sha256', `${SECRET}&`).update(base).digest('base64'),
    );
  });

  it('tells the redactor the consumer key and secret on connect', () => {
    const told: string[] = [];
    new WooCommerceStores(fakeOutbound({}), { secrets: { addSecret: (value) => told.push(value ?? '') } }).connect({
      connectionId: 'c1',
      storeUrl: 'https://shop.example.com',
      consumerKey: KEY,
      consumerSecret: SECRET,
    });
    expect(told).toEqual([KEY, SECRET]);
  });
});

describe('WooCommerce REST client: calls', () => {
  it('pages orders with modified_after, dates_are_gmt and the X-WP-* headers', async () => {
    const outbound = fakeOutbound({
      body: [{ id: 1 }, { id: 2 }],
      headers: { 'X-WP-Total': '7', 'X-WP-TotalPages': '4' },
    });
    const page = await client('https://s.test', outbound).listOrders({
      modifiedAfterGmt: new Date('2026-11-23T15:33:51.900Z'),
      page: 1,
      perPage: 2,
      orderby: 'modified',
      order: 'asc',
    });
    expect(page).toEqual({ items: [{ id: 1 }, { id: 2 }], total: 7, totalPages: 4 });
    const query = Object.fromEntries(new URL(outbound.calls[0]?.url ?? '').searchParams);
    expect(query).toEqual({
      modified_after: '2026-11-23T15:33:51',
      dates_are_gmt: 'true',
      orderby: 'modified',
      order: 'asc',
      page: '1',
      per_page: '2',
    });
  });

  it('filters customers on date_modified_gmt itself, since WooCommerce ignores modified_after there', async () => {
    const customers = [
      { id: 1, date_modified_gmt: '2026-11-23T15:00:00' },
      { id: 2, date_modified_gmt: '2026-11-23T15:30:01' },
    ];
    const outbound = fakeOutbound({ body: customers, headers: { 'x-wp-total': '2', 'x-wp-totalpages': '1' } });
    const page = await client('https://s.test', outbound).listCustomers({ modifiedAfterGmt: '2026-11-23T15:30:00Z' });
    expect(page).toEqual({ items: [customers[1]], total: 2, totalPages: 1 });
    expect(new URL(outbound.calls[0]?.url ?? '').searchParams.get('orderby')).toBe('id');
  });

  it('reads every page of refunds', async () => {
    const outbound = fakeOutbound(
      { body: [{ id: 14 }], headers: { 'x-wp-total': '2', 'x-wp-totalpages': '2' } },
      { body: [{ id: 13 }], headers: { 'x-wp-total': '2', 'x-wp-totalpages': '2' } },
    );
    expect(await client('https://s.test', outbound).listOrderRefunds(12)).toEqual([{ id: 14 }, { id: 13 }]);
    expect(outbound.calls.map((call) => new URL(call.url).searchParams.get('page'))).toEqual(['1', '2']);
  });

  it('finds products by exact SKU, a SKU with a comma asked for alone', async () => {
    const outbound = fakeOutbound(
      {
        body: [
          { id: 11, sku: 'A', type: 'simple', parent_id: 0 },
          { id: 12, sku: 'B', type: 'variation', parent_id: 10 },
        ],
      },
      {
        body: [
          { id: 13, sku: 'C,D', type: 'simple', parent_id: 0 },
          { id: 14, sku: 'C', type: 'simple', parent_id: 0 },
        ],
      },
    );
    const products = await client('https://s.test', outbound).findProductsBySku(['A', 'B', 'A', 'C,D', '']);
    expect(products.map((product) => product.id)).toEqual([11, 12, 13]);
    expect(outbound.calls.map((call) => new URL(call.url).searchParams.get('sku'))).toEqual(['A,B', 'C,D']);
  });

  it('sends notes, order updates, batches and webhook updates as WooCommerce expects them', async () => {
    const outbound = fakeOutbound({ status: 201, body: { id: 5, note: 'n', customer_note: true } });
    const woo = client('https://s.test', outbound);
    await woo.addOrderNote(12, { note: 'Shipped', customerNote: true });
    expect(outbound.calls[0]).toMatchObject({ method: 'POST', url: 'https://s.test/wp-json/wc/v3/orders/12/notes' });
    expect(JSON.parse(outbound.calls[0]?.body ?? '')).toEqual({ note: 'Shipped', customer_note: true });
    expect(outbound.calls[0]?.headers?.['content-type']).toBe('application/json');

    const batch = fakeOutbound({
      body: {
        update: [
          { id: 11, sku: 'A' },
          { id: 99, error: { code: 'x', message: 'y' } },
        ],
      },
    });
    const result = await client('https://s.test', batch).batchUpdateVariations(10, [{ id: 11, stock_quantity: 3 }]);
    expect(batch.calls[0]).toMatchObject({
      method: 'POST',
      url: 'https://s.test/wp-json/wc/v3/products/10/variations/batch',
    });
    expect(JSON.parse(batch.calls[0]?.body ?? '')).toEqual({ update: [{ id: 11, stock_quantity: 3 }] });
    expect(result.update).toHaveLength(2);

    const hook = fakeOutbound({ body: { id: 3, status: 'active' } });
    await client('https://s.test', hook).updateWebhook(3, { status: 'active' });
    expect(hook.calls[0]).toMatchObject({ method: 'PUT', url: 'https://s.test/wp-json/wc/v3/webhooks/3' });
  });

  it('refuses a batch of more than 100 without sending it', async () => {
    const outbound = fakeOutbound({});
    const updates = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, stock_quantity: 1 }));
    const error = await rejection(client('https://s.test', outbound).batchUpdateProducts(updates));
    expect(error.code).toBe('WOOCOMMERCE_BATCH_TOO_LARGE');
    expect(outbound.calls).toHaveLength(0);
  });
});

describe('WooCommerce REST client: errors', () => {
  const wooError = (status: number, code: string, message: string) => ({
    status,
    body: { code, message, data: { status } },
  });

  it('maps 401/403 to UNAUTHORIZED, 404 to NOT_FOUND, other 4xx to REJECTED, keeping WooCommerce’s words', async () => {
    const cases: [Answer, string][] = [
      [wooError(401, 'woocommerce_rest_authentication_error', 'Consumer key is invalid.'), 'WOOCOMMERCE_UNAUTHORIZED'],
      [
        wooError(403, 'woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'),
        'WOOCOMMERCE_UNAUTHORIZED',
      ],
      [wooError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.'), 'WOOCOMMERCE_NOT_FOUND'],
      [wooError(400, 'woocommerce_rest_invalid_order_status', 'Invalid status.'), 'WOOCOMMERCE_REJECTED'],
    ];
    for (const [answer, code] of cases) {
      const error = await rejection(client('https://s.test', fakeOutbound(answer)).getOrder(12));
      expect(error.code).toBe(code);
      expect(error.transient).toBe(false);
      expect(error.wooCode).toBe((answer as { body: { code: string } }).body.code);
      expect(error.message).toContain((answer as { body: { message: string } }).body.message);
      expect(wooCommerceJobError(error)).toBeInstanceOf(PermanentJobError);
    }
  });

  it('maps 5xx, 429 and network failures to UNAVAILABLE, retryable, honouring Retry-After', async () => {
    const busy = await rejection(
      client(
        'https://s.test',
        fakeOutbound({ status: 503, body: 'Service Unavailable', headers: { 'retry-after': '120' } }),
      ).getOrder(1),
    );
    expect(busy).toMatchObject({
      code: 'WOOCOMMERCE_UNAVAILABLE',
      transient: true,
      retryAfterMs: 120_000,
      status: 503,
    });
    const mapped = wooCommerceJobError(busy);
    expect(mapped).toBeInstanceOf(RetryableJobError);
    expect((mapped as RetryableJobError).retryAfterMs).toBe(120_000);

    const limited = await rejection(client('https://s.test', fakeOutbound({ status: 429, body: '' })).getOrder(1));
    expect(limited.code).toBe('WOOCOMMERCE_UNAVAILABLE');

    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const down = await rejection(client('https://s.test', fakeOutbound(refused)).getOrder(1));
    expect(down).toMatchObject({ code: 'WOOCOMMERCE_UNAVAILABLE', transient: true, wooMessage: 'ECONNREFUSED' });
  });

  it('calls an unreadable success BAD_RESPONSE', async () => {
    const error = await rejection(
      client('https://s.test', fakeOutbound({ body: '<html>maintenance</html>' })).getOrder(1),
    );
    expect(error.code).toBe('WOOCOMMERCE_BAD_RESPONSE');
  });

  it('passes the caller’s abort through rather than calling it an outage', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    const outbound = fakeOutbound(new DOMException('aborted', 'AbortError'));
    await expect(client('https://s.test', outbound).getOrder(1, { signal: controller.signal })).rejects.toThrow(
      'shutting down',
    );
  });

  it('turns missing credentials into a permanent job error and leaves other errors alone', () => {
    const missing = new ConfigError(409, 'WOOCOMMERCE_CREDENTIALS_MISSING', 'no key');
    expect(wooCommerceJobError(missing)).toBeInstanceOf(PermanentJobError);
    const other = new Error('boom');
    expect(wooCommerceJobError(other)).toBe(other);
  });
});
