import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  oauthAuthorizationHeader,
  withOAuthQuery,
  wooOAuthParams,
} from '../../../sidecar/src/platforms/woocommerce/oauth1.ts';
import { type StartedWooCommerceSimulator, startWooCommerceSimulator } from './test-support.ts';

let woo: StartedWooCommerceSimulator;
let nonce = 0;

beforeAll(async () => {
  woo = await startWooCommerceSimulator();
});
afterAll(() => woo.stop());
beforeEach(() => woo.control.reset());

interface Signing {
  key?: string;
  secret?: string;
  method?: 'HMAC-SHA256' | 'HMAC-SHA1';
  timestamp?: number;
  nonce?: string;
  in?: 'query' | 'header';
}

/** A request signed as the sidecar signs it (query string by default, as WooCommerce documents). */
async function signed(method: string, path: string, signing: Signing = {}, body?: unknown): Promise<Response> {
  const url = `${woo.url}/wp-json/wc/v3${path}`;
  const params = wooOAuthParams({
    method,
    url,
    consumerKey: signing.key ?? woo.credentials.consumerKey,
    consumerSecret: signing.secret ?? woo.credentials.consumerSecret,
    nonce: signing.nonce ?? `nonce${++nonce}${Date.now()}`,
    timestamp: signing.timestamp ?? Math.floor(Date.now() / 1000),
    signatureMethod: signing.method ?? 'HMAC-SHA256',
  });
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (signing.in === 'header') headers.authorization = oauthAuthorizationHeader(params);
  return fetch(signing.in === 'header' ? url : withOAuthQuery(url, params), {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

interface WooErrorAnswer {
  status: number;
  code?: string;
  message?: string;
  data?: unknown;
}

const errorOf = async (response: Response): Promise<WooErrorAnswer> => ({
  status: response.status,
  ...((await response.json()) as Omit<WooErrorAnswer, 'status'>),
});

describe('WooCommerce simulator: REST authentication', () => {
  it('refuses HTTP Basic over plain HTTP as an anonymous request', async () => {
    const basic = Buffer.from(`${woo.credentials.consumerKey}:${woo.credentials.consumerSecret}`).toString('base64');
    const response = await fetch(`${woo.url}/wp-json/wc/v3/orders`, { headers: { authorization: `Basic ${basic}` } });
    expect(await errorOf(response)).toEqual({
      status: 401,
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
      data: { status: 401 },
    });
    const viaQuery = await fetch(
      `${woo.url}/wp-json/wc/v3/orders/1?consumer_key=${woo.credentials.consumerKey}&consumer_secret=${woo.credentials.consumerSecret}`,
    );
    expect((await errorOf(viaQuery)).code).toBe('woocommerce_rest_cannot_view');
  });

  it('takes HTTP Basic once the site is served over SSL, and refuses a wrong secret', async () => {
    await woo.control.reset({ ssl: true });
    const basic = (secret: string) =>
      `Basic ${Buffer.from(`${woo.credentials.consumerKey}:${secret}`).toString('base64')}`;
    const ok = await fetch(`${woo.url}/wp-json/wc/v3/orders`, {
      headers: { authorization: basic(woo.credentials.consumerSecret) },
    });
    expect(ok.status).toBe(200);
    const wrong = await fetch(`${woo.url}/wp-json/wc/v3/orders`, { headers: { authorization: basic('cs_wrong') } });
    expect(await errorOf(wrong)).toMatchObject({
      status: 401,
      code: 'woocommerce_rest_authentication_error',
      message: 'Consumer secret is invalid.',
    });
  });

  it('accepts one-legged OAuth 1.0a with HMAC-SHA256 or HMAC-SHA1, in the query string or the header', async () => {
    expect((await signed('GET', '/orders')).status).toBe(200);
    expect((await signed('GET', '/orders', { method: 'HMAC-SHA1' })).status).toBe(200);
    expect((await signed('GET', '/orders?per_page=5&status=any', { in: 'header' })).status).toBe(200);
  });

  it('refuses a wrong signature, an unknown key, a stale timestamp, a reused nonce and a missing parameter', async () => {
    expect(await errorOf(await signed('GET', '/orders', { secret: 'cs_not_the_secret' }))).toMatchObject({
      status: 401,
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid signature - provided signature does not match.',
    });
    expect(await errorOf(await signed('GET', '/orders', { key: 'ck_unknown' }))).toMatchObject({
      status: 401,
      message: 'Consumer key is invalid.',
    });
    const stale = Math.floor(Date.now() / 1000) - 16 * 60;
    expect(await errorOf(await signed('GET', '/orders', { timestamp: stale }))).toMatchObject({
      message: 'Invalid timestamp.',
    });
    expect((await signed('GET', '/orders', { nonce: 'once-only' })).status).toBe(200);
    expect(await errorOf(await signed('GET', '/orders', { nonce: 'once-only' }))).toMatchObject({
      status: 401,
      message: 'Invalid nonce - nonce has already been used.',
    });
    const partial = await fetch(`${woo.url}/wp-json/wc/v3/orders?oauth_consumer_key=${woo.credentials.consumerKey}`);
    expect(await errorOf(partial)).toMatchObject({
      status: 401,
      code: 'woocommerce_rest_authentication_missing_parameter',
      message: 'Missing OAuth parameters oauth_timestamp, oauth_nonce, oauth_signature, oauth_signature_method',
    });
  });

  it('signs against the home URL: a request to another host name for the same server does not verify', async () => {
    const url = `${woo.url.replace('127.0.0.1', 'localhost')}/wp-json/wc/v3/orders`;
    const params = wooOAuthParams({
      method: 'GET',
      url,
      consumerKey: woo.credentials.consumerKey,
      consumerSecret: woo.credentials.consumerSecret,
      nonce: 'host-mismatch',
      timestamp: Math.floor(Date.now() / 1000),
    });
    const response = await fetch(withOAuthQuery(url, params));
    expect((await errorOf(response)).message).toBe('Invalid signature - provided signature does not match.');
  });

  it('holds a read-only key to reading', async () => {
    const key = await woo.control.createApiKey({ permissions: 'read' });
    const signing = { key: key.consumer_key, secret: key.consumer_secret };
    expect((await signed('GET', '/webhooks', signing)).status).toBe(200);
    expect(await errorOf(await signed('PUT', '/webhooks/1', signing, { status: 'active' }))).toMatchObject({
      status: 401,
      message: 'The API key provided does not have write permissions.',
    });
  });
});

describe('WooCommerce simulator: REST collections and errors', () => {
  it('pages with X-WP-Total, X-WP-TotalPages and Link, and refuses per_page over 100', async () => {
    const product = await woo.control.createProduct({ name: 'P', sku: 'P', regular_price: '3.00' });
    for (let i = 0; i < 5; i++) await woo.control.placeOrder({ line_items: [{ product_id: product.id, quantity: 1 }] });
    const response = await signed('GET', '/orders?per_page=2&page=2&orderby=id&order=asc');
    expect(response.headers.get('x-wp-total')).toBe('5');
    expect(response.headers.get('x-wp-totalpages')).toBe('3');
    // WordPress builds the links from the request's own query, OAuth parameters included.
    const links = response.headers.get('link') ?? '';
    expect(links).toMatch(/^<[^>]*[?&]page=1&[^>]*>; rel="prev", <[^>]*[?&]page=3&[^>]*>; rel="next"$/);
    const page = (await response.json()) as { id: number }[];
    expect(page.map((order) => order.id)).toEqual([13, 14]);
    expect(await errorOf(await signed('GET', '/orders?per_page=101'))).toMatchObject({
      status: 400,
      code: 'rest_invalid_param',
      message: 'Invalid parameter(s): per_page',
      data: { params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' } },
    });
  });

  it('lists orders modified strictly after modified_after, to the second', async () => {
    const product = await woo.control.createProduct({ name: 'P', sku: 'P', regular_price: '3.00' });
    // The store's clock stays near the real one: OAuth timestamps are checked against it.
    const start = Math.floor(Date.now() / 1000) * 1000;
    const text = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    await woo.control.clock({ freeze_at: start });
    const first = await woo.control.placeOrder({ line_items: [{ product_id: product.id, quantity: 1 }] });
    await woo.control.clock({ advance_ms: 1500 });
    const second = await woo.control.placeOrder({ line_items: [{ product_id: product.id, quantity: 1 }] });
    expect(second.date_modified_gmt).toBe(text(start + 1000));
    const ids = async (after: string) =>
      (
        (await (await signed('GET', `/orders?modified_after=${after}&dates_are_gmt=true`)).json()) as { id: number }[]
      ).map((order) => order.id);
    expect(await ids(text(start - 1000))).toEqual([second.id, first.id]);
    expect(await ids(text(start))).toEqual([second.id]);
    expect(await ids(text(start + 1000))).toEqual([]);
  });

  it('ignores modified_after on customers, as the WordPress user query does', async () => {
    await woo.control.createCustomer({ email: 'a@example.test', first_name: 'A' });
    const response = await signed('GET', '/customers?modified_after=2999-01-01T00:00:00&dates_are_gmt=true');
    expect(((await response.json()) as unknown[]).length).toBe(1);
  });

  it('answers WooCommerce’s error bodies: unknown order, unknown route, batch over 100, refund of another order', async () => {
    expect(await errorOf(await signed('GET', '/orders/999'))).toEqual({
      status: 404,
      code: 'woocommerce_rest_shop_order_invalid_id',
      message: 'Invalid ID.',
      data: { status: 404 },
    });
    expect((await errorOf(await signed('GET', '/nothing-here'))).code).toBe('rest_no_route');
    const update = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, stock_quantity: 1 }));
    expect(await errorOf(await signed('POST', '/products/batch', {}, { update }))).toMatchObject({
      status: 413,
      code: 'woocommerce_rest_request_entity_too_large',
      message: 'Unable to accept more than 100 items for this request.',
    });
    const product = await woo.control.createProduct({ name: 'P', sku: 'P', regular_price: '10.00' });
    const a = await woo.control.placeOrder({ line_items: [{ product_id: product.id, quantity: 1 }], set_paid: true });
    const b = await woo.control.placeOrder({ line_items: [{ product_id: product.id, quantity: 1 }], set_paid: true });
    const refund = await woo.control.refund(a.id, { amount: '1.00' });
    expect(await errorOf(await signed('GET', `/orders/${b.id}/refunds/${refund.id}`))).toEqual({
      status: 500,
      code: 'woocommerce_rest_invalid_order_refund_id',
      message: 'Invalid order refund ID.',
      data: 404,
    });
  });

  it('refunds by lines with negative amounts and _refunded_item_id, restocking what was given back', async () => {
    const rate = await woo.control.createTaxRate({ percent: '10', label: 'State Tax', rate_code: 'US-CA-STATE TAX-1' });
    const product = await woo.control.createProduct({
      name: 'Mug',
      sku: 'MUG',
      regular_price: '8.00',
      manage_stock: true,
      stock_quantity: 10,
    });
    const order = await woo.control.placeOrder({
      line_items: [{ product_id: product.id, quantity: 2 }],
      shipping_lines: [{ total: '5.00' }],
      tax_rate_ids: [rate.id],
      set_paid: true,
    });
    expect(order).toMatchObject({ total: '23.10', cart_tax: '1.60', shipping_tax: '0.50', total_tax: '2.10' });
    const [line] = order.line_items as { id: number; taxes: unknown[] }[];
    expect(line?.taxes).toEqual([{ id: rate.id, total: '1.6', subtotal: '1.6' }]);
    const [shipping] = order.shipping_lines as { id: number }[];
    const refund = await woo.control.refund(order.id, {
      reason: 'chipped',
      line_items: [
        { id: line?.id ?? 0, quantity: 1, refund_total: '8.00', refund_tax: [{ id: rate.id, refund_total: '0.80' }] },
        { id: shipping?.id ?? 0, refund_total: '5.00', refund_tax: [{ id: rate.id, refund_total: '0.50' }] },
      ],
    });
    expect(refund).toMatchObject({ amount: '14.30', reason: 'chipped' });
    expect((refund.line_items as unknown[])[0]).toMatchObject({
      quantity: -1,
      total: '-8.00',
      total_tax: '-0.80',
      price: 8,
      meta_data: [expect.objectContaining({ key: '_refunded_item_id', value: String(line?.id) })],
    });
    expect((refund.shipping_lines as unknown[])[0]).toMatchObject({ total: '-5.00', total_tax: '-0.50' });
    const fetched = (await (await signed('GET', `/orders/${order.id}/refunds/${refund.id}`)).json()) as {
      amount: string;
    };
    expect(fetched.amount).toBe('14.30');
    const stock = (await (await signed('GET', `/products/${product.id}`)).json()) as { stock_quantity: number };
    expect(stock.stock_quantity).toBe(9);
  });

  it('finds products and variations by a comma-separated SKU list', async () => {
    const shirt = await woo.control.createProduct({
      name: 'Shirt',
      type: 'variable',
      variations: [
        { sku: 'SHIRT-M', regular_price: '12.00', attributes: { Size: 'M' } },
        { sku: 'SHIRT-L', regular_price: '12.00', attributes: { Size: 'L' } },
      ],
    });
    await woo.control.createProduct({ name: 'Mug', sku: 'MUG', regular_price: '8.00' });
    const found = (await (await signed('GET', '/products?sku=SHIRT-M,MUG')).json()) as {
      sku: string;
      type: string;
      parent_id: number;
    }[];
    expect(found.map(({ sku, type, parent_id }) => [sku, type, parent_id]).sort()).toEqual([
      ['MUG', 'simple', 0],
      ['SHIRT-M', 'variation', shirt.id],
    ]);
    const all = (await (await signed('GET', '/products')).json()) as unknown[];
    expect(all).toHaveLength(2); // without `sku`, variations are not listed
  });
  it('renders product categories as WooCommerce does: Uncategorized by default, none on variations, set by id', async () => {
    const shirt = await woo.control.createProduct({
      name: 'Shirt',
      type: 'variable',
      categories: [{ name: 'Apparel' }],
      variations: [{ sku: 'SHIRT-M', regular_price: '12.00', attributes: { Size: 'M' } }],
    });
    const mug = await woo.control.createProduct({ name: 'Mug', sku: 'MUG', regular_price: '8.00' });
    const listed = (await (await signed('GET', `/products?include=${shirt.id},${mug.id}`)).json()) as {
      id: number;
      categories: { id: number; name: string; slug: string }[];
    }[];
    const categoriesOf = (id: number) => listed.find((product) => product.id === id)?.categories;
    const apparel = { id: expect.any(Number), name: 'Apparel', slug: 'apparel' };
    expect(categoriesOf(shirt.id as number)).toEqual([apparel]);
    expect(categoriesOf(mug.id as number)).toEqual([{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }]);
    const [variation] = (await (await signed('GET', '/products?sku=SHIRT-M')).json()) as { categories: unknown[] }[];
    expect(variation?.categories).toEqual([]);

    const apparelId = categoriesOf(shirt.id as number)?.[0]?.id;
    const moved = await woo.control.updateProduct(mug.id as number, { categories: [{ id: apparelId }] });
    expect(moved.categories).toEqual([apparel]);
    const refused = await fetch(`${woo.url}/__sim/products/${mug.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ categories: [{ id: 9999 }] }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { code: string }).code).toBe('woocommerce_rest_term_invalid');
  });
});
