/**
 * The sidecar's WooCommerce REST client against the simulator, through the real `OutboundCalls` (audit on an
 * in-memory PGlite): every method, both places for the OAuth parameters, the error codes, and no secret in the audit.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../sidecar/src/audit/audit-log.ts';
import { OutboundCalls } from '../../../sidecar/src/audit/outbound-call.ts';
import { type Database, openDatabase } from '../../../sidecar/src/db/client.ts';
import { migrate } from '../../../sidecar/src/db/migrate.ts';
import { auditEvents } from '../../../sidecar/src/db/schema.ts';
import { createMetrics } from '../../../sidecar/src/metrics.ts';
import {
  isBatchItemError,
  type WooCommerceRestClient,
  WooCommerceStores,
  type WooCommerceStoresOptions,
} from '../../../sidecar/src/platforms/woocommerce/rest-client.ts';
import { WooCommerceError } from '../../../sidecar/src/platforms/woocommerce/rest-errors.ts';
import { toCanonicalOrder } from '../../../sidecar/src/platforms/woocommerce/to-canonical-order.ts';
import { toCanonicalRefund } from '../../../sidecar/src/platforms/woocommerce/to-canonical-refund.ts';
import { Redactor } from '../../../sidecar/src/redact.ts';
import {
  type StartedWooCommerceSimulator,
  startWebhookReceiver,
  startWooCommerceSimulator,
  type WebhookReceiver,
} from './test-support.ts';

let woo: StartedWooCommerceSimulator;
let receiver: WebhookReceiver;
let database: Database;
let outbound: OutboundCalls;

beforeAll(async () => {
  woo = await startWooCommerceSimulator();
  receiver = await startWebhookReceiver();
  database = await openDatabase({});
  await migrate(database.db);
  outbound = new OutboundCalls(database.db, new AuditLog(new Redactor()), createMetrics(database.db));
});
afterAll(async () => {
  await woo.stop();
  await receiver.stop();
  await database.close();
});
beforeEach(() => woo.control.reset());

function connect(
  options: WooCommerceStoresOptions = {},
  secret = woo.credentials.consumerSecret,
): WooCommerceRestClient {
  return new WooCommerceStores(outbound, options).connect({
    connectionId: 'c1',
    storeUrl: woo.url,
    consumerKey: woo.credentials.consumerKey,
    consumerSecret: secret,
  });
}

async function failure(promise: Promise<unknown>): Promise<WooCommerceError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof WooCommerceError)) throw new Error(`expected a WooCommerceError, got ${String(error)}`);
  return error;
}

async function shop() {
  const mug = await woo.control.createProduct({
    name: 'Mug',
    sku: 'MUG',
    regular_price: '8.00',
    manage_stock: true,
    stock_quantity: 10,
  });
  const shirt = await woo.control.createProduct({
    name: 'Shirt',
    type: 'variable',
    variations: [
      { sku: 'SHIRT-M', regular_price: '12.00', manage_stock: true, stock_quantity: 5, attributes: { Size: 'M' } },
      { sku: 'SHIRT-L', regular_price: '12.00', manage_stock: true, stock_quantity: 5, attributes: { Size: 'L' } },
    ],
  });
  const [medium = 0, large = 0] = shirt.variations as number[];
  const order = await woo.control.placeOrder({
    billing: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.test', country: 'US' },
    line_items: [
      { sku: 'MUG', quantity: 1 },
      { sku: 'SHIRT-M', quantity: 2 },
    ],
    shipping_lines: [{ total: '5.00' }],
    set_paid: true,
  });
  return { mug, shirt, medium, large, order };
}

describe.each(['header', 'query'] as const)(
  'WooCommerce REST client against the simulator (OAuth in the %s)',
  (oauthParamsIn) => {
    it('reads an order the adapter accepts, and pages orders by modified_after', async () => {
      const { order } = await shop();
      const client = connect({ oauthParamsIn });
      const read = await client.getOrder(order.id);
      const canonical = toCanonicalOrder(read);
      expect(canonical.ok).toBe(true);
      await woo.control.placeOrder({ line_items: [{ sku: 'MUG', quantity: 1 }] });
      const page = await client.listOrders({
        modifiedAfterGmt: new Date(Date.now() - 60_000),
        perPage: 1,
        orderby: 'modified',
        order: 'asc',
      });
      expect(page.total).toBe(2);
      expect(page.totalPages).toBe(2);
      expect(page.items).toHaveLength(1);
      const none = await client.listOrders({ modifiedAfterGmt: new Date(Date.now() + 60_000) });
      expect(none).toEqual({ items: [], total: 0, totalPages: 0 });
    });

    it('lists customers modified after the cursor', async () => {
      await woo.control.createCustomer({ email: 'grace@example.test', first_name: 'Grace' });
      const client = connect({ oauthParamsIn });
      const recent = await client.listCustomers({ modifiedAfterGmt: new Date(Date.now() - 60_000) });
      expect(recent.items).toEqual([expect.objectContaining({ email: 'grace@example.test' })]);
      const future = await client.listCustomers({ modifiedAfterGmt: new Date(Date.now() + 60_000) });
      expect(future).toMatchObject({ items: [], total: 1, totalPages: 1 });
    });

    it('reads refunds, one and all, in the shape the refund adapter takes', async () => {
      const { order } = await shop();
      const line = (order.line_items as { id: number }[])[0];
      await woo.control.refund(order.id, { amount: '2.00', reason: 'goodwill' });
      const itemised = await woo.control.refund(order.id, {
        reason: 'broken',
        line_items: [{ id: line?.id ?? 0, quantity: 1, refund_total: '8.00' }],
      });
      const client = connect({ oauthParamsIn });
      const all = await client.listOrderRefunds(order.id);
      expect(all.map((refund) => (refund as { id: number }).id)).toEqual([itemised.id, itemised.id - 1]);
      const one = await client.getOrderRefund(order.id, itemised.id);
      const canonical = toCanonicalRefund(one, { orderId: String(order.id) });
      expect(canonical.ok).toBe(true);
    });

    it('writes back: a note, an order status, stock by SKU in batches, and a webhook', async () => {
      const { order, mug, shirt, medium } = await shop();
      const client = connect({ oauthParamsIn });
      const note = await client.addOrderNote(order.id, { note: 'Shipped with UPS 1Z999', customerNote: true });
      expect(note).toMatchObject({ note: 'Shipped with UPS 1Z999', customer_note: true });
      expect(woo.sim.store.notesOf(order.id)[0]?.note).toBe('Shipped with UPS 1Z999');

      const updated = (await client.updateOrder(order.id, {
        status: 'completed',
        meta_data: [{ key: 'ns_id', value: '77' }],
      })) as {
        status: string;
        meta_data: { key: string; value: unknown }[];
      };
      expect(updated.status).toBe('completed');
      expect(updated.meta_data).toEqual([expect.objectContaining({ key: 'ns_id', value: '77' })]);

      const products = await client.findProductsBySku(['MUG', 'SHIRT-M', 'NOPE']);
      expect(products.map((product) => [product.sku, product.type]).sort()).toEqual([
        ['MUG', 'simple'],
        ['SHIRT-M', 'variation'],
      ]);
      const simple = await client.batchUpdateProducts([
        { id: mug.id, stock_quantity: 42 },
        { id: 999_999, stock_quantity: 1 },
      ]);
      expect(simple.update[0]).toMatchObject({ id: mug.id, stock_quantity: 42 });
      expect(isBatchItemError(simple.update[1])).toBe(true);
      const variations = await client.batchUpdateVariations(shirt.id, [{ id: medium, stock_quantity: 7 }]);
      expect(variations.update[0]).toMatchObject({ id: medium, stock_quantity: 7 });

      const webhook = await woo.control.createWebhook({
        topic: 'order.updated',
        delivery_url: receiver.url,
        secret: 'hook-secret',
      });
      await woo.control.updateWebhook(webhook.id, { status: 'disabled' });
      expect((await client.listWebhooks()).map((hook) => [hook.id, hook.status])).toEqual([[webhook.id, 'disabled']]);
      const reactivated = await client.updateWebhook(webhook.id, { status: 'active' });
      expect(reactivated.status).toBe('active');
      expect((await woo.control.webhook(webhook.id)).status).toBe('active');
    });

    it('names what went wrong: unknown order, refund of another order, wrong secret, oversized batch', async () => {
      const { order } = await shop();
      const other = await woo.control.placeOrder({ line_items: [{ sku: 'MUG', quantity: 1 }], set_paid: true });
      const refund = await woo.control.refund(other.id, { amount: '1.00' });
      const client = connect({ oauthParamsIn });
      expect(await failure(client.getOrder(999_999))).toMatchObject({
        code: 'WOOCOMMERCE_NOT_FOUND',
        wooCode: 'woocommerce_rest_shop_order_invalid_id',
        transient: false,
      });
      expect(await failure(client.getOrderRefund(order.id, refund.id))).toMatchObject({
        code: 'WOOCOMMERCE_NOT_FOUND',
        status: 500,
        wooCode: 'woocommerce_rest_invalid_order_refund_id',
      });
      expect(await failure(connect({ oauthParamsIn }, 'cs_wrong').getOrder(order.id))).toMatchObject({
        code: 'WOOCOMMERCE_UNAUTHORIZED',
        wooMessage: 'Invalid signature - provided signature does not match.',
      });
      const many = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, stock_quantity: 0 }));
      expect(await failure(client.batchUpdateProducts(many))).toMatchObject({ code: 'WOOCOMMERCE_BATCH_TOO_LARGE' });
    });
  },
);

describe('WooCommerce REST client: what the audit keeps', () => {
  it('audits every call without the consumer secret, and in header mode without the signature', async () => {
    await database.db.delete(auditEvents);
    const redactor = new Redactor();
    const audited = new OutboundCalls(database.db, new AuditLog(redactor), createMetrics(database.db));
    const client = new WooCommerceStores(audited, { secrets: redactor }).connect({
      connectionId: 'c1',
      storeUrl: woo.url,
      consumerKey: woo.credentials.consumerKey,
      consumerSecret: woo.credentials.consumerSecret,
    });
    await client.listWebhooks();
    const rows = await database.db.select().from(auditEvents);
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(woo.credentials.consumerSecret);
    expect(text).not.toContain(woo.credentials.consumerKey);
    expect(text).not.toContain('oauth_signature');
    expect(rows[0]?.data).toMatchObject({
      target: 'woocommerce',
      request: { headers: { authorization: '[REDACTED]' } },
    });
  });
});
