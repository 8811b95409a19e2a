/**
 * The fulfillment write-back against the NetSuite and WooCommerce simulators, through a real sidecar: what the poll
 * leaves alone, a replayed job, an unreachable store (retried), and an order deleted from the store (dead, with its
 * code, and one fulfillment_writeback_failing alert in job_dead's place).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULFILLMENT_WRITEBACK_FAILING } from '../../sidecar/src/alerts/fulfillment-alerts.ts';
import { jobDeadAlertKey } from '../../sidecar/src/alerts/job-alerts.ts';
import { alerts, connections, netsuitePollCursors } from '../../sidecar/src/db/schema.ts';
import { FULFILLMENTS_META_KEY } from '../../sidecar/src/flows/fulfillment-writeback.ts';
import { FULFILLMENT_JOB_KIND, netsuiteFulfillmentsSchedule } from '../../sidecar/src/sync/netsuite-fulfillments.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { create } from '../simulators/netsuite/records/test-helpers.ts';
import { trackingItemsOf } from '../simulators/woocommerce/shipment-tracking.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  deliverQueued,
  type EndToEnd,
  type JobView,
  patchSettings,
  placePaidOrder,
  runSchedule,
  settledJobs,
  startEndToEnd,
} from '../support/e2e-harness.ts';
import { onlyRecord, recordsOf, shipInNetSuite, transformRecord } from '../support/netsuite-books.ts';

describe.each(databaseKinds())('flow: NetSuite fulfillment → WooCommerce [%s]', (kind) => {
  let world: EndToEnd;

  beforeAll(async () => {
    world = await startEndToEnd(
      kind,
      { MLC_JOB_MAX_ATTEMPTS: '3' },
      { schedules: () => [netsuiteFulfillmentsSchedule] },
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  const db = () => world.sidecar.sidecar.database.db;
  const openAlerts = (alertKind: string) =>
    db()
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, alertKind), isNull(alerts.acknowledgedAt)));
  const runPoll = () => runSchedule(world, 'netsuite-fulfillments');
  const jobsOf = async (orderId: number): Promise<JobView[]> => {
    const key = encodeURIComponent(`woocommerce:${world.connectionId}:fulfillment:${orderId}`);
    const response = await world.sidecar.call(`/api/v1/jobs?entityKey=${key}&limit=200`);
    return (response.json().items as JobView[]).reverse();
  };
  const until = async (orderId: number, done: (jobs: JobView[]) => boolean): Promise<JobView[]> => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const jobs = await jobsOf(orderId);
      if (done(jobs)) return jobs;
      if (Date.now() > deadline) throw new Error(`Jobs of ${orderId}: ${jobs.map((job) => job.state).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  };
  const settled = (orderId: number, count = 1) =>
    until(orderId, (jobs) => jobs.length === count && jobs.every((job) => ['succeeded', 'dead'].includes(job.state)));
  const shippedNotes = (id: number) =>
    world.woo.sim.store.notesOf(id).filter((note) => note.customerNote && note.note.includes('shipped'));

  /** The storefront total of each order placed, by id. */
  const totals = new Map<number, string>();

  /** A paid order synced to NetSuite, then shipped there whole with one tracking number. */
  async function shippedOrder(tracking: string): Promise<number> {
    const order = await placePaidOrder(world, [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]);
    const orderId = order.id as number;
    totals.set(orderId, order.total as string);
    await deliverQueued(world);
    await settledJobs(world, 'order', orderId);
    const [line] = linesOf(onlyRecord(world.netsuite, 'salesOrder', `WOO_ORDER_${orderId}`).fields, 'item');
    await shipInNetSuite(world.netsuite, orderId, {
      item: { items: [{ orderLine: line?.line, quantity: 1 }] },
      package: { items: [{ packageTrackingNumber: tracking }] },
    });
    return orderId;
  }

  let firstOrderId = 0;

  it('writes a shipment back once, keeps the watermark, and a replayed job adds nothing', async () => {
    const orderId = await shippedOrder('1ZREPLAY');
    firstOrderId = orderId;
    const result = await runPoll();
    expect(result.lastOutcome, JSON.stringify(result.lastResult)).toBe('succeeded');
    const [job] = await settled(orderId);
    expect(job?.state).toBe('succeeded');
    expect(shippedNotes(orderId)).toHaveLength(1);
    expect(world.woo.sim.store.orders.get(orderId)?.status).toBe('completed');
    const [cursor] = await db().select().from(netsuitePollCursors);
    expect(cursor?.lastModified).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

    const replayed = await world.sidecar.call(`/api/v1/jobs/${job?.id}/replay`, { method: 'POST' });
    expect(replayed.status, replayed.text).toBe(200);
    const [again] = await until(orderId, (jobs) => jobs[0]?.replays === 1 && jobs[0]?.state === 'succeeded');
    expect(again?.id).toBe(job?.id);
    expect(shippedNotes(orderId)).toHaveLength(1);
  });

  it('a fulfillment of a sales order the connector did not write is left alone', async () => {
    await runPoll();
    const ours = onlyRecord(world.netsuite, 'salesOrder', `WOO_ORDER_${firstOrderId}`);
    // A sales order keyed in by hand in NetSuite, for the same customer, shipped there.
    const foreignId = await create(world.netsuite, 'salesOrder', {
      externalId: 'PHONE_ORDER_1',
      entity: ours.fields.entity,
      location: { id: world.ns.west },
      item: { items: [{ item: { id: world.ns.mug }, quantity: 1, rate: 8, location: { id: world.ns.west } }] },
    });
    await transformRecord(world.netsuite, 'salesOrder', foreignId, 'itemFulfillment', { externalId: 'PHONE_IF_1' });
    const report = (await runPoll()).lastResult.details.accounts[0];
    expect(report).toMatchObject({ enqueued: 0 });
    expect(report.listed).toBeGreaterThan(report.ours);
  });

  it('retries while the store is unreachable, then writes back once', async () => {
    const orderId = await shippedOrder('1ZRETRY');
    await db()
      .update(connections)
      .set({ storeUrl: 'http://127.0.0.1:9' })
      .where(eq(connections.id, world.connectionId));
    try {
      await runPoll();
      const [retrying] = await until(orderId, (jobs) => (jobs[0]?.attempts ?? 0) >= 1 && jobs[0]?.lastError !== null);
      expect(retrying?.lastError?.code).toBe('WOOCOMMERCE_UNAVAILABLE');
    } finally {
      await db().update(connections).set({ storeUrl: world.woo.url }).where(eq(connections.id, world.connectionId));
    }
    const [job] = await settled(orderId);
    if (job?.state === 'dead') {
      // Attempts ran out while the store was away: replaying it is what the merchant would do.
      await world.sidecar.call(`/api/v1/jobs/${job.id}/replay`, { method: 'POST' });
      await until(orderId, (jobs) => jobs[0]?.state === 'succeeded');
    }
    expect(shippedNotes(orderId)).toHaveLength(1);
    expect(shippedNotes(orderId)[0]?.note).toContain('1ZRETRY');
  });

  it('an order deleted from the store: the job is dead with a code the merchant can read, and one alert says so', async () => {
    const orderId = await shippedOrder('1ZGONE');
    world.woo.sim.store.orders.delete(orderId);
    await runPoll();
    const [job] = await settled(orderId);
    expect(job?.state).toBe('dead');
    expect(job?.lastError?.code).toBe('ORDER_NOT_IN_STORE');
    expect(job?.lastError?.message).toContain(`Order ${orderId} is no longer in WooCommerce`);
    const [alert, ...others] = await openAlerts(FULFILLMENT_WRITEBACK_FAILING);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ severity: 'error', count: 1, connectionId: world.connectionId });
    expect(alert?.message).toContain(`of order ${orderId} could not be written back to WooCommerce (job ${job?.id})`);
    expect(alert?.message).toContain('ORDER_NOT_IN_STORE');
    // It takes job_dead's place for write-back jobs: one dead job, one alert.
    const jobDead = await db()
      .select()
      .from(alerts)
      .where(eq(alerts.dedupeKey, jobDeadAlertKey(FULFILLMENT_JOB_KIND, world.connectionId)));
    expect(jobDead).toEqual([]);
  });

  it('a store running Shipment Tracking gets the tracking numbers through its REST API, once, instead of meta', async () => {
    world.woo.sim.settings = { ...world.woo.sim.settings, shipmentTracking: true };
    try {
      const orderId = await shippedOrder('1ZTRACKED');
      await runPoll();
      const [job] = await settled(orderId);
      expect(job?.state).toBe('succeeded');
      const order = world.woo.sim.store.orders.get(orderId);
      if (!order) throw new Error('order gone');
      expect(trackingItemsOf(order).map((item) => item.tracking_number)).toEqual(['1ZTRACKED']);
      expect(order.meta.some((entry) => entry.key === FULFILLMENTS_META_KEY)).toBe(false);
      expect(shippedNotes(orderId)).toHaveLength(1);
      expect(order.status).toBe('completed');

      await world.sidecar.call(`/api/v1/jobs/${job?.id}/replay`, { method: 'POST' });
      await until(orderId, (jobs) => jobs[0]?.replays === 1 && jobs[0]?.state === 'succeeded');
      expect(trackingItemsOf(order)).toHaveLength(1);
    } finally {
      world.woo.sim.settings = { ...world.woo.sim.settings, shipmentTracking: false };
    }
  });

  it('bills what shipped with the deposit applied; nothing with postingMode "off"; a cash sale in "cash_sale"', async () => {
    const billed = await shippedOrder('1ZBILLED');
    await runPoll();
    await settled(billed);
    await settledJobs(world, 'order', billed);
    const invoice = onlyRecord(world.netsuite, 'invoice', `WOO_INV_${billed}_1`);
    expect(onlyRecord(world.netsuite, 'depositApplication', `WOO_DEPAPP_${billed}_${invoice.id}`)).toBeDefined();

    const setMode = (postingMode: string) => patchSettings(world, { postingMode });
    await setMode('off');
    try {
      const unbilled = await shippedOrder('1ZOFF');
      await runPoll();
      await settled(unbilled);
      expect(shippedNotes(unbilled)).toHaveLength(1);
      const orderJobs = await settledJobs(world, 'order', unbilled);
      expect(orderJobs.map((job) => job.kind)).not.toContain('netsuite.fulfillment-billing');
      expect(recordsOf(world.netsuite, 'invoice', `WOO_INV_${unbilled}_1`)).toHaveLength(0);
      await setMode('cash_sale');
      // Paid while in cash-sale mode: no deposit; the shipment becomes a cash sale into the payment method's account.
      const sold = await shippedOrder('1ZCASH');
      expect(recordsOf(world.netsuite, 'customerDeposit', `WOO_DEP_${sold}`)).toHaveLength(0);
      await runPoll();
      await settled(sold);
      await settledJobs(world, 'order', sold);
      const sale = onlyRecord(world.netsuite, 'cashSale', `WOO_CS_${sold}_1`);
      expect((sale.fields.account as { id: string }).id).toBe(world.ns.checking);
      expect(recordsOf(world.netsuite, 'invoice', `WOO_INV_${sold}_1`)).toHaveLength(0);
      expect(Number(sale.fields.total).toFixed(2)).toBe(totals.get(sold));
    } finally {
      await setMode('invoice');
    }
  });
});
