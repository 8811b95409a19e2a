/**
 * `fulfillment_writeback_failing` through a real sidecar and the simulators: a shipment whose order was deleted from
 * the store leaves a dead write-back job and one error alert for the store (one message on the alert channel, and no
 * `job_dead` besides), counting each dead write-back job; it stays open while one of them is dead, and is resolved
 * once the last is replayed to success (the order restored) or cancelled.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_DELIVERY_JOB_KIND } from '../../sidecar/src/alerts/enqueue-deliveries.ts';
import { FULFILLMENT_WRITEBACK_FAILING } from '../../sidecar/src/alerts/fulfillment-alerts.ts';
import { JOB_DEAD } from '../../sidecar/src/alerts/job-alerts.ts';
import { alerts, jobs } from '../../sidecar/src/db/schema.ts';
import { netsuiteFulfillmentsSchedule } from '../../sidecar/src/sync/netsuite-fulfillments.ts';
import { startSlackWebhook } from '../simulators/alerts/slack-webhook.ts';
import type { Order } from '../simulators/woocommerce/model.ts';
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
import { shipInNetSuite } from '../support/netsuite-books.ts';
import { until } from '../support/until.ts';

/** The Slack text starts with the subject, which names the kind with spaces for underscores. */
const WRITEBACK_SUBJECT = 'fulfillment writeback failing';

describe.each(databaseKinds())('fulfillment_writeback_failing alert [%s]', (kind) => {
  let world: EndToEnd;
  let slack: Awaited<ReturnType<typeof startSlackWebhook>>;

  beforeAll(async () => {
    slack = await startSlackWebhook();
    world = await startEndToEnd(
      kind,
      { MLC_JOB_MAX_ATTEMPTS: '2' },
      { schedules: () => [netsuiteFulfillmentsSchedule] },
    );
    // Billing off: a deleted order's billing job would die too, under billing_failing, which is not under test here.
    await patchSettings(world, { postingMode: 'off' });
    const channels = await world.sidecar.call('/api/v1/alert-channels', {
      method: 'PUT',
      body: JSON.stringify({ minSeverity: 'error', mutedKinds: [], email: null, webhook: { url: slack.url } }),
    });
    expect(channels.status, channels.text).toBe(200);
  });
  afterAll(async () => {
    await world?.close();
    await slack?.close();
  });

  const db = () => world.sidecar.sidecar.database.db;
  /** Every alert of the kind, open or resolved, oldest first. */
  const alertsOf = (alertKind: string) =>
    db().select().from(alerts).where(eq(alerts.kind, alertKind)).orderBy(alerts.firstSeen);
  const openWritebackAlerts = () =>
    db()
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, FULFILLMENT_WRITEBACK_FAILING), isNull(alerts.acknowledgedAt)));
  const writebackMessages = () => slack.received.filter((post) => post.text?.includes(WRITEBACK_SUBJECT));
  /** An alert's messages are queued with its opening, in the same transaction: a repeat queues none. */
  const queuedMessages = async () =>
    (await db().select().from(jobs).where(eq(jobs.kind, ALERT_DELIVERY_JOB_KIND))).length;

  const writebackJob = async (orderId: number): Promise<JobView> => {
    const key = encodeURIComponent(`woocommerce:${world.connectionId}:fulfillment:${orderId}`);
    const response = await world.sidecar.call(`/api/v1/jobs?entityKey=${key}&limit=10`);
    const [job] = response.json().items as JobView[];
    if (!job) throw new Error(`Order ${orderId} has no write-back job`);
    return job;
  };
  const settledWriteback = async (orderId: number, state: string): Promise<JobView> => {
    await until(
      async () => (await writebackJob(orderId)).state === state,
      `the write-back of ${orderId} ${state}`,
      20_000,
    );
    return writebackJob(orderId);
  };
  const act = async (job: JobView, verb: 'replay' | 'cancel') => {
    const response = await world.sidecar.call(`/api/v1/jobs/${job.id}/${verb}`, { method: 'POST' });
    expect(response.status, response.text).toBe(200);
  };

  /** The store's orders taken out by `shippedThenDeleted`, to be put back. */
  const deleted = new Map<number, Order>();
  const restore = (orderId: number) => {
    const order = deleted.get(orderId);
    if (!order) throw new Error(`Order ${orderId} was not deleted`);
    world.woo.sim.store.orders.set(orderId, order);
  };

  /** A paid order synced, shipped whole in NetSuite, deleted from the store, then the fulfillment poll run. */
  async function shippedThenDeleted(): Promise<{ orderId: number; job: JobView }> {
    const order = await placePaidOrder(world, [{ sku: 'MUG-WHT', quantity: 1 }]);
    const orderId = order.id as number;
    await deliverQueued(world);
    await settledJobs(world, 'order', orderId);
    await shipInNetSuite(world.netsuite, orderId);
    const stored = world.woo.sim.store.orders.get(orderId);
    if (!stored) throw new Error(`Order ${orderId} is not in the store`);
    deleted.set(orderId, stored);
    world.woo.sim.store.orders.delete(orderId);
    await runSchedule(world, 'netsuite-fulfillments');
    const job = await settledWriteback(orderId, 'dead');
    expect(job.lastError?.code).toBe('ORDER_NOT_IN_STORE');
    return { orderId, job };
  }

  it('raises one alert per store for dead write-back jobs and resolves it when the last is replayed or cancelled', async () => {
    const first = await shippedThenDeleted();
    const [raised, ...noOther] = await openWritebackAlerts();
    expect(noOther).toEqual([]);
    expect(raised).toMatchObject({
      severity: 'error',
      count: 1,
      connectionId: world.connectionId,
      dedupeKey: `${FULFILLMENT_WRITEBACK_FAILING}:${world.connectionId}`,
    });
    expect(raised?.message).toContain(
      `of order ${first.orderId} could not be written back to WooCommerce (job ${first.job.id}): ORDER_NOT_IN_STORE: ` +
        `Order ${first.orderId} is no longer in WooCommerce`,
    );
    expect(raised?.message).not.toContain('more of this store');
    // It takes the place of job_dead for write-back jobs: one dead job, one alert, one message sent.
    expect(await alertsOf(JOB_DEAD)).toEqual([]);
    expect(await queuedMessages()).toBe(1);
    await until(() => writebackMessages().length === 1, 'the alert on the webhook channel', 20_000);

    const second = await shippedThenDeleted();
    const [counted, ...stillNoOther] = await openWritebackAlerts();
    expect(stillNoOther).toEqual([]);
    expect(counted).toMatchObject({ id: raised?.id, count: 2 });
    expect(counted?.message).toContain(`of order ${second.orderId} could not be written back`);
    expect(counted?.message).toContain(`(job ${second.job.id})`);
    expect(counted?.message).toContain("1 more of this store's shipments are not written back");
    expect(await queuedMessages()).toBe(1);

    // The merchant tells the first customer by hand and cancels its job: the second is still not written back.
    await act(first.job, 'cancel');
    expect((await settledWriteback(first.orderId, 'cancelled')).state).toBe('cancelled');
    expect((await openWritebackAlerts()).map((alert) => alert.id)).toEqual([raised?.id]);

    // The second order is restored in the store and its job replayed: the shipment is written back, nothing is dead.
    restore(second.orderId);
    await act(second.job, 'replay');
    await settledWriteback(second.orderId, 'succeeded');
    expect(
      world.woo.sim.store.notesOf(second.orderId).filter((note) => note.customerNote && note.note.includes('shipped')),
    ).toHaveLength(1);
    expect(await openWritebackAlerts()).toEqual([]);

    // A later dead write-back opens a fresh alert (sent again), which cancelling it, the last, resolves.
    const third = await shippedThenDeleted();
    const [reopened] = await openWritebackAlerts();
    expect(reopened).toMatchObject({ count: 1 });
    expect(reopened?.id).not.toBe(raised?.id);
    expect(reopened?.message).toContain(`(job ${third.job.id})`);
    expect(await queuedMessages()).toBe(2);
    await until(() => writebackMessages().length === 2, 'the reopened alert on the webhook channel', 20_000);
    await act(third.job, 'cancel');
    await settledWriteback(third.orderId, 'cancelled');
    expect(await openWritebackAlerts()).toEqual([]);
    expect((await alertsOf(FULFILLMENT_WRITEBACK_FAILING)).map((alert) => alert.acknowledgedAt !== null)).toEqual([
      true,
      true,
    ]);
    expect(await alertsOf(JOB_DEAD)).toEqual([]);
    expect(writebackMessages()).toHaveLength(2);
  });
});
