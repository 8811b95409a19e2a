import { randomBytes } from 'node:crypto';
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillCursors, inboundEvents, jobs } from '../../sidecar/src/db/schema.ts';
import { wooCommerceBackfillSchedule } from '../../sidecar/src/sync/woocommerce-backfill.ts';
import { type StartedWooCommerceSimulator, startWooCommerceSimulator } from '../simulators/woocommerce/test-support.ts';
import { connectStore, unusedNetSuiteAccount } from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const MINUTE = 60_000;

describe.each(databaseKinds())('WooCommerce backfill against the simulator [%s]', (kind) => {
  let harness: TestSidecar;
  let woo: StartedWooCommerceSimulator;
  let connectionId = '';
  let productId = 0;
  const webhookSecret = randomBytes(24).toString('base64url');
  // The store's clock, frozen so every date is known, and moved on by minutes only: WooCommerce refuses OAuth
  // timestamps more than 15 minutes from its own time. Go-live is a minute after the first order.
  const start = Math.floor(Date.now() / 1000) * 1000;
  const goLiveAt = new Date(start + MINUTE).toISOString();
  const at = (ms: number) => new Date(ms).toISOString();

  beforeAll(async () => {
    woo = await startWooCommerceSimulator();
    await woo.control.clock({ freeze_at: start });
    // No workers: what the backfill enqueues stays queued where the test can count it.
    harness = await startTestSidecar(kind, {
      env: { MLC_WORKER_CONCURRENCY: '0' },
      schedules: () => [wooCommerceBackfillSchedule],
    });
    ({ connectionId } = await connectStore(harness, unusedNetSuiteAccount(), {
      name: 'Simulated shop',
      storeUrl: woo.url,
      webhookSecret,
      credentials: woo.credentials,
      settings: { masterLocationId: '1', goLiveAt },
    }));
    productId = (await woo.control.createProduct({ name: 'Widget', sku: 'WIDGET-1', regular_price: '10.00' })).id;
  });
  afterAll(async () => {
    await harness?.close();
    await woo?.stop();
  });

  const placeOrder = (email: string) =>
    woo.control.placeOrder({
      billing: { first_name: 'Ada', last_name: 'Lovelace', email, country: 'US' },
      line_items: [{ product_id: productId, quantity: 1 }],
      set_paid: true,
    });
  const poll = async () => {
    const response = await harness.call('/api/v1/schedules/woocommerce-backfill/run', { method: 'POST' });
    expect(response.status).toBe(200);
    return response.json();
  };
  const jobsOf = (resource: 'order' | 'customer', id: number) =>
    harness.sidecar.database.db
      .select()
      .from(jobs)
      .where(eq(jobs.entityKey, `woocommerce:${connectionId}:${resource}:${id}`));

  it('enqueues once what was placed while webhooks were down, nothing from before go-live, and moves its cursor', async () => {
    const beforeGoLive = await placeOrder('early@example.test');

    await woo.control.clock({ freeze_at: start + 2 * MINUTE });
    const hook = `${harness.sidecar.url}/webhooks/woocommerce/${connectionId}`;
    for (const topic of ['order.created', 'order.updated']) {
      await woo.control.createWebhook({ topic, delivery_url: hook, secret: webhookSecret, status: 'active' });
    }
    const delivered = await placeOrder('delivered@example.test');
    expect((await woo.control.flush()).every((entry) => entry.success)).toBe(true);
    expect(await jobsOf('order', delivered.id)).toHaveLength(2); // order.created and order.updated, by webhook

    // The sidecar is unreachable for a while: WooCommerce tries each delivery once and drops it.
    await woo.control.failDeliveries({ times: 100, status: null });
    await woo.control.clock({ advance_ms: MINUTE });
    const missedFirst = await placeOrder('missed-1@example.test');
    await woo.control.clock({ advance_ms: MINUTE });
    const missedSecond = await placeOrder('missed-2@example.test');
    const customer = await woo.control.createCustomer({ email: 'new-customer@example.test', first_name: 'Grace' });
    const dropped = await woo.control.flush();
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped.some((entry) => entry.success)).toBe(false);
    await woo.control.clearFaults();

    const first = await poll();
    expect(first).toMatchObject({
      lastOutcome: 'succeeded',
      lastResult: { message: expect.stringMatching(/^Polled/) },
    });
    expect(first.lastResult.details.connections[0]).toMatchObject({
      orders: { enqueued: 2, caughtUp: true, cursor: at(start + 4 * MINUTE) },
      customers: { enqueued: 1, caughtUp: true },
    });
    const second = await poll();
    expect(second.lastResult.details.connections[0]).toMatchObject({
      orders: { enqueued: 0 },
      customers: { enqueued: 0 },
    });

    for (const order of [missedFirst, missedSecond]) {
      expect(await jobsOf('order', order.id)).toMatchObject([
        { kind: 'woocommerce.order', state: 'queued', payload: { topic: 'order.updated' } },
      ]);
    }
    expect(await jobsOf('customer', customer.id)).toMatchObject([{ kind: 'woocommerce.customer', state: 'queued' }]);
    expect(await jobsOf('order', delivered.id)).toHaveLength(2);
    expect(await jobsOf('order', beforeGoLive.id)).toHaveLength(0);

    const { db } = harness.sidecar.database;
    const backfilled = await db
      .select()
      .from(inboundEvents)
      .where(and(eq(inboundEvents.connectionId, connectionId), eq(inboundEvents.source, 'backfill')));
    expect(backfilled.map((event) => JSON.parse(event.body ?? '{}').id).sort()).toEqual(
      [missedFirst.id, missedSecond.id, customer.id].sort(),
    );
    // The body is the REST order, which has the webhook body's shape.
    const body = JSON.parse(backfilled.find((e) => e.topic === 'order.updated')?.body ?? '{}');
    expect(body).toMatchObject({ status: 'processing', billing: { email: expect.stringMatching(/^missed-/) } });

    const [cursor] = await db
      .select()
      .from(backfillCursors)
      .where(and(eq(backfillCursors.connectionId, connectionId), eq(backfillCursors.resource, 'orders')));
    expect(cursor?.modifiedAfter.toISOString()).toBe(at(start + 4 * MINUTE));

    // Ten minutes before the cursor is before go-live: every listing started at go-live.
    const listings = (await woo.control.requests()).filter((request) => /\/orders$/.test(request.path));
    expect(listings.map((request) => request.query.modified_after)).toEqual([
      goLiveAt.slice(0, 19),
      goLiveAt.slice(0, 19),
    ]);
  });

  it('enqueues a missed update of an order it already has', async () => {
    const [order] = await harness.sidecar.database.db
      .select({ entityKey: jobs.entityKey })
      .from(jobs)
      .where(like(jobs.entityKey, `woocommerce:${connectionId}:order:%`))
      .limit(1);
    const id = Number(order?.entityKey.split(':').at(-1));
    const before = (await jobsOf('order', id)).length;
    await woo.control.clock({ advance_ms: MINUTE });
    await woo.control.failDeliveries({ times: 100, status: 500 });
    await woo.control.setOrderStatus(id, 'completed');
    await woo.control.flush();
    await woo.control.clearFaults();
    const result = await poll();
    expect(result.lastResult.details.connections[0].orders.enqueued).toBe(1);
    expect(await jobsOf('order', id)).toHaveLength(before + 1);
  });
});
