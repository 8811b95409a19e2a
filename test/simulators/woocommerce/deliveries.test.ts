import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type StartedWooCommerceSimulator,
  startWebhookReceiver,
  startWooCommerceSimulator,
  type WebhookReceiver,
} from './test-support.ts';

let woo: StartedWooCommerceSimulator;
let receiver: WebhookReceiver;

beforeAll(async () => {
  woo = await startWooCommerceSimulator();
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await woo.stop();
  await receiver.stop();
});
beforeEach(async () => {
  await woo.control.reset();
  receiver.received.length = 0;
  receiver.respondWith(200);
});

const fixture = (name: string) =>
  JSON.parse(readFileSync(`/work/shared/fixtures/woocommerce/${name}`, 'utf8')) as {
    raw_headers: [string, string][];
    body_raw: string;
  };

/** The keys of an object, and of its nested objects and first array items, as a comparable outline. */
function outline(value: unknown): unknown {
  if (Array.isArray(value)) return value.length > 0 ? [outline(value[0])] : [];
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, outline(item)]));
  }
  return typeof value;
}

async function widgetOrder(extra: Record<string, unknown> = {}) {
  const product = await woo.control.createProduct({
    name: 'Heldout Widget',
    sku: 'HELDOUT-SKU-001',
    regular_price: '19.99',
    manage_stock: true,
    stock_quantity: 100,
  });
  const order = await woo.control.placeOrder({
    billing: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.test', country: 'US' },
    line_items: [{ product_id: product.id, quantity: 2 }],
    shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
    ...extra,
  });
  return { product, order };
}

describe('WooCommerce simulator: webhook deliveries', () => {
  it('sends order.created signed with the webhook secret, with WooCommerce 11 headers, in the recorded order', async () => {
    const webhook = await woo.control.createWebhook({
      topic: 'order.created',
      delivery_url: receiver.url,
      secret: 'heldout-secret-order-created',
    });
    const { order } = await widgetOrder();
    const [entry] = await woo.control.flush();
    expect(entry?.success).toBe(true);
    const delivery = receiver.received.find((request) => request.headers['x-wc-webhook-topic'] === 'order.created');
    if (!delivery) throw new Error('no order.created delivery');
    const expected = createHmac('sha256', 'heldout-secret-order-created').update(delivery.body).digest('base64');
    expect(delivery.headers['x-wc-webhook-signature']).toBe(expected);
    const recorded = fixture('order.created.json').raw_headers.map(([name]) => name);
    expect(delivery.rawHeaders.map(([name]) => name)).toEqual(recorded);
    expect(Object.fromEntries(delivery.rawHeaders)).toMatchObject({
      'User-Agent': 'WooCommerce/11.0.1 Hookshot (WordPress/7.0.4)',
      'Content-Type': 'application/json',
      'X-WC-Webhook-Source': `${woo.url}/`,
      'X-WC-Webhook-Resource': 'order',
      'X-WC-Webhook-Event': 'created',
      'X-WC-Webhook-ID': String(webhook.id),
    });
    expect(delivery.headers['x-wc-webhook-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
    // The body is the REST resource, PHP-encoded (`\/` in URLs), and matches the recorded delivery key for key.
    expect(delivery.body).toContain(
      `"href":"${woo.url.replace(/\//g, '\\/')}\\/wp-json\\/wc\\/v3\\/orders\\/${order.id}"`,
    );
    const body = JSON.parse(delivery.body) as Record<string, unknown>;
    expect(outline(body)).toEqual(outline(JSON.parse(fixture('order.created.json').body_raw)));
    expect(body).toMatchObject({ id: order.id, status: 'pending', total: '44.98', shipping_total: '5.00' });
    expect((body.line_items as Record<string, unknown>[])[0]).toMatchObject({
      price: 19.99,
      subtotal: '39.98',
      sku: 'HELDOUT-SKU-001',
    });
  });

  it('pings a new active webhook unsigned, form-encoded, and clears pending_delivery on a 200', async () => {
    const webhook = await woo.control.createWebhook({
      topic: 'order.updated',
      delivery_url: receiver.url,
      secret: 's3cret-value',
    });
    expect(receiver.received).toHaveLength(1);
    const [ping] = receiver.received;
    expect(ping?.body).toBe(`webhook_id=${webhook.id}`);
    expect(ping?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.keys(ping?.headers ?? {}).some((name) => name.startsWith('x-wc-'))).toBe(false);
    expect(ping?.rawHeaders.map(([name]) => name)).toEqual(fixture('ping.json').raw_headers.map(([name]) => name));
    expect(webhook.pending_delivery).toBe(false);

    receiver.respondWith(204);
    const other = await woo.control.createWebhook({ topic: 'order.created', delivery_url: receiver.url });
    expect(other.pending_delivery).toBe(true); // only exactly 200 counts for a ping
    expect(other.secret).toHaveLength(50);
  });

  it('shares one delivery id between deliveries of a webhook in the same second, not across seconds', async () => {
    await woo.control.createWebhook({ topic: 'product.updated', delivery_url: receiver.url, secret: 'x-secret-1' });
    await woo.control.clock({ freeze: true });
    const a = await woo.control.createProduct({ name: 'A', sku: 'A' });
    const b = await woo.control.createProduct({ name: 'B', sku: 'B' });
    await woo.control.updateProduct(a.id, { regular_price: '1.00' });
    await woo.control.updateProduct(b.id, { regular_price: '2.00' });
    const sameSecond = await woo.control.flush();
    expect(sameSecond).toHaveLength(2);
    expect(sameSecond[0]?.deliveryId).toBe(sameSecond[1]?.deliveryId);
    await woo.control.clock({ advance_ms: 1000 });
    await woo.control.updateProduct(a.id, { regular_price: '3.00' });
    const [later] = await woo.control.flush();
    expect(later?.deliveryId).not.toBe(sameSecond[0]?.deliveryId);
  });

  it('builds the body at delivery time: order.created and order.updated flushed together carry the same state', async () => {
    await woo.control.createWebhook({ topic: 'order.created', delivery_url: receiver.url, secret: 'created-secret' });
    await woo.control.createWebhook({ topic: 'order.updated', delivery_url: receiver.url, secret: 'updated-secret' });
    receiver.received.length = 0;
    const { order } = await widgetOrder();
    await woo.control.markPaid(order.id);
    const entries = await woo.control.flush();
    expect(entries.map((entry) => entry.topic)).toEqual(['order.created', 'order.updated']);
    expect(entries[0]?.body).toBe(entries[1]?.body);
    expect(JSON.parse(entries[0]?.body ?? '{}')).toMatchObject({ status: 'processing' });
  });

  it('coalesces events on one resource while its delivery is pending; no retries after a failure', async () => {
    await woo.control.createWebhook({ topic: 'order.updated', delivery_url: receiver.url, secret: 'updated-secret' });
    const { order } = await widgetOrder();
    await woo.control.setOrderStatus(order.id, 'on-hold');
    await woo.control.setOrderStatus(order.id, 'processing');
    expect(await woo.control.pending()).toHaveLength(1);
    receiver.respondWith(503);
    const [failed] = await woo.control.flush();
    expect(failed).toMatchObject({ success: false, status: 503, failureCount: 1 });
    expect(await woo.control.pending()).toHaveLength(0);
    expect(await woo.control.flush()).toHaveLength(0);
  });

  it('disables a webhook on its 7th consecutive failure (more than 5 counted), and a success resets the count', async () => {
    const webhook = await woo.control.createWebhook({
      topic: 'product.updated',
      delivery_url: receiver.url,
      secret: 'p-secret',
    });
    const product = await woo.control.createProduct({ name: 'W', sku: 'W-1', regular_price: '1.00' });
    receiver.respondWith(500);
    const history: [number, string][] = [];
    for (let attempt = 1; attempt <= 7; attempt++) {
      await woo.control.updateProduct(product.id, { regular_price: `${attempt}.00` });
      const [entry] = await woo.control.flush();
      history.push([entry?.failureCount ?? -1, entry?.webhookStatus ?? '']);
    }
    expect(history).toEqual([
      [1, 'active'],
      [2, 'active'],
      [3, 'active'],
      [4, 'active'],
      [5, 'active'],
      [6, 'active'],
      [6, 'disabled'],
    ]);
    // Disabled: nothing more is queued.
    await woo.control.updateProduct(product.id, { regular_price: '9.00' });
    expect(await woo.control.pending()).toHaveLength(0);

    // Re-activated by hand the count stays at 6 until a delivery succeeds.
    receiver.respondWith(200);
    await woo.control.updateWebhook(webhook.id, { status: 'active' });
    await woo.control.failDeliveries({ webhook_id: webhook.id, times: 1, status: null });
    await woo.control.updateProduct(product.id, { regular_price: '10.00' });
    const [networkError] = await woo.control.flush();
    expect(networkError).toMatchObject({ success: false, status: null, injected: true, webhookStatus: 'disabled' });
    await woo.control.updateWebhook(webhook.id, { status: 'active' });
    await woo.control.updateProduct(product.id, { regular_price: '11.00' });
    const [ok] = await woo.control.flush();
    expect(ok).toMatchObject({ success: true, failureCount: 0, webhookStatus: 'active' });
  });

  it('counts 301 and 302 as delivered, 303 and no answer as failures', async () => {
    await woo.control.createWebhook({ topic: 'product.updated', delivery_url: receiver.url, secret: 'p-secret' });
    const product = await woo.control.createProduct({ name: 'R', sku: 'R-1', regular_price: '1.00' });
    const outcomes: [number | null, boolean][] = [];
    for (const status of [302, 303]) {
      receiver.respondWith(status);
      await woo.control.updateProduct(product.id, { regular_price: `${status}.00` });
      const [entry] = await woo.control.flush();
      outcomes.push([entry?.status ?? null, entry?.success ?? false]);
    }
    expect(outcomes).toEqual([
      [302, true],
      [303, false],
    ]);
  });

  it('announces a refund as order.updated and action.woocommerce_order_refunded, and a trashed order by its id', async () => {
    await woo.control.createWebhook({ topic: 'order.updated', delivery_url: receiver.url, secret: 'u-secret' });
    await woo.control.createWebhook({
      topic: 'action.woocommerce_order_refunded',
      delivery_url: receiver.url,
      secret: 'a-secret',
    });
    await woo.control.createWebhook({ topic: 'order.deleted', delivery_url: receiver.url, secret: 'd-secret' });
    const { order } = await widgetOrder({ set_paid: true });
    await woo.control.flush();
    await woo.control.refund(order.id, { amount: '10.00', reason: 'partial' });
    await woo.control.refund(order.id, { amount: '34.98', reason: 'rest' });
    const refunds = await woo.control.flush();
    expect(refunds.map((entry) => entry.topic)).toEqual(['order.updated', 'action.woocommerce_order_refunded']);
    expect(refunds[1]?.body).toBe(`{"action":"woocommerce_order_refunded","arg":${order.id}}`);
    const updated = JSON.parse(refunds[0]?.body ?? '{}') as { status: string; refunds: unknown[] };
    expect(updated.status).toBe('refunded');
    expect(updated.refunds).toEqual([
      expect.objectContaining({ reason: 'rest', total: '-34.98', total_tax: '0.00' }),
      expect.objectContaining({ reason: 'partial', total: '-10.00', total_tax: '0.00' }),
    ]);
    expect(outline(updated)).toEqual(outline(JSON.parse(fixture('order.updated-after-refunds.json').body_raw)));

    await woo.control.trashOrder(order.id);
    const [deleted] = await woo.control.flush();
    expect(deleted).toMatchObject({ topic: 'order.deleted', body: `{"id":${order.id}}` });
  });

  it('reduces stock when an order is paid and sends product.updated in the recorded product shape', async () => {
    await woo.control.createWebhook({ topic: 'product.updated', delivery_url: receiver.url, secret: 'p-secret' });
    await widgetOrder({ set_paid: true });
    const [entry] = await woo.control.flush();
    const product = JSON.parse(entry?.body ?? '{}') as Record<string, unknown>;
    expect(product).toMatchObject({ sku: 'HELDOUT-SKU-001', stock_quantity: 98, manage_stock: true });
    expect(outline(product)).toEqual(outline(JSON.parse(fixture('product.updated.json').body_raw)));
  });

  it('sends customer.created in the recorded customer shape', async () => {
    await woo.control.createWebhook({ topic: 'customer.created', delivery_url: receiver.url, secret: 'c-secret' });
    await woo.control.createCustomer({
      email: 'grace@example.test',
      first_name: 'Grace',
      last_name: 'Hopper',
      billing: {
        first_name: 'Grace',
        last_name: 'Hopper',
        address_1: '2 Compiler Rd',
        city: 'New York',
        state: 'NY',
        postcode: '10001',
        country: 'US',
        email: 'grace@example.test',
      },
    });
    const [entry] = await woo.control.flush();
    const body = JSON.parse(entry?.body ?? '{}') as Record<string, unknown>;
    const recorded = JSON.parse(fixture('customer.created.json').body_raw) as Record<string, unknown>;
    expect(outline(body)).toEqual(outline(recorded));
    expect(body.avatar_url).toBe(recorded.avatar_url);
  });

  it('delivers on its own after each change in auto mode', async () => {
    await woo.control.reset({ deliveryMode: 'auto' });
    await woo.control.createWebhook({ topic: 'product.created', delivery_url: receiver.url, secret: 'auto-secret' });
    receiver.received.length = 0;
    await woo.control.createProduct({ name: 'Auto', sku: 'AUTO' });
    await woo.control.flush(); // waits for the delivery already under way
    expect(receiver.received.map((request) => request.headers['x-wc-webhook-topic'])).toEqual(['product.created']);
  });
});
