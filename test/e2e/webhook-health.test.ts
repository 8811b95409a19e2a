/**
 * Webhook health end to end: the sidecar is refusing deliveries long enough for WooCommerce to switch the connector's
 * order webhooks off (more than 5 failures in a row), orders keep coming in the store, the health check raises one
 * alert per webhook however often it runs, and re-enabling through the admin API activates the webhooks in the store,
 * resolves the alerts and backfills the orders placed meanwhile, each of which reaches NetSuite once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wooCommerceBackfillSchedule } from '../../sidecar/src/sync/woocommerce-backfill.ts';
import { wooCommerceWebhookHealthSchedule } from '../../sidecar/src/webhook-health/woocommerce-webhook-health.ts';
import type { Json } from '../simulators/woocommerce/test-support.ts';
import { databaseKinds } from '../support/databases.ts';
import { deliverQueued, type EndToEnd, placePaidOrder, settledJobs, startEndToEnd } from '../support/e2e-harness.ts';
import { recordsOf } from '../support/netsuite-books.ts';

const MUG = { sku: 'MUG-WHT', quantity: 1 };

describe.each(databaseKinds())('Webhook health, end to end [%s]', (kind) => {
  let world: EndToEnd;

  beforeAll(async () => {
    world = await startEndToEnd(
      kind,
      {},
      {
        schedules: () => [wooCommerceBackfillSchedule, wooCommerceWebhookHealthSchedule],
      },
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  const run = async (name: string) => {
    const response = await world.sidecar.call(`/api/v1/schedules/${name}/run`, { method: 'POST' });
    expect(response.status, response.text).toBe(200);
    return response.json();
  };
  const openDisabledAlerts = async () => {
    const response = await world.sidecar.call(
      `/api/v1/alerts?acknowledged=false&connectionId=${world.connectionId}&limit=200`,
    );
    return (response.json().items as { kind: string; message: string; count: number }[]).filter(
      (alert) => alert.kind === 'webhook_disabled',
    );
  };
  const salesOrders = (order: Json) => recordsOf(world.netsuite, 'salesOrder', `WOO_ORDER_${order.id}`);

  it('raises one alert per disabled webhook, and re-enabling backfills the orders placed meanwhile into NetSuite once', async () => {
    const before = await placePaidOrder(world, [MUG]);
    await deliverQueued(world);
    await settledJobs(world, 'order', before.id);
    expect(salesOrders(before)).toHaveLength(1);
    await run('woocommerce-backfill'); // the watermark, from before the outage

    // The sidecar refuses every order delivery: WooCommerce drops each and, past 5 failures in a row, disables.
    const orderHooks = ['order.created', 'order.updated'].map((topic) => world.webhooks.get(topic)?.id ?? 0);
    for (const webhookId of orderHooks) {
      await world.woo.control.failDeliveries({ webhook_id: webhookId, times: 1_000, status: 503 });
    }
    const placedMeanwhile: Json[] = [];
    for (let i = 0; i < 10; i++) {
      const states = await Promise.all(orderHooks.map((id) => world.woo.control.webhook(id)));
      if (states.every((webhook) => webhook.status === 'disabled')) break;
      placedMeanwhile.push(await placePaidOrder(world, [MUG]));
      await world.woo.control.flush();
    }
    await world.woo.control.clearFaults();
    for (const id of orderHooks) expect((await world.woo.control.webhook(id)).status).toBe('disabled');
    // Disabled, WooCommerce does not even queue them: this one is only in the store.
    placedMeanwhile.push(await placePaidOrder(world, [MUG]));
    expect(await world.woo.control.flush()).toEqual([]);
    for (const order of placedMeanwhile) expect(salesOrders(order)).toHaveLength(0);

    for (let i = 0; i < 3; i++) await run('woocommerce-webhook-health');
    const alerts = await openDisabledAlerts();
    expect(alerts).toHaveLength(2);
    expect(alerts.map((alert) => alert.count)).toEqual([3, 3]);
    expect(alerts.map((alert) => alert.message.match(/"(order\.\w+)"/)?.[1]).sort()).toEqual([
      'order.created',
      'order.updated',
    ]);

    for (const webhookId of orderHooks) {
      const response = await world.sidecar.call(
        `/api/v1/connections/${world.connectionId}/webhooks/${webhookId}/activate`,
        { method: 'POST' },
      );
      expect(response.status, response.text).toBe(200);
      expect(response.json()).toMatchObject({
        webhook: { id: webhookId, status: 'active' },
        backfill: { status: 'finished', message: expect.stringMatching(/^Polled 1 WooCommerce store/) },
      });
      expect((await world.woo.control.webhook(webhookId)).status).toBe('active');
    }
    expect(await openDisabledAlerts()).toEqual([]);

    for (const order of placedMeanwhile) {
      const jobs = await settledJobs(world, 'order', order.id);
      expect(jobs.map((job) => job.state)).toEqual(jobs.map(() => 'succeeded'));
      expect(salesOrders(order)).toHaveLength(1);
    }
    // Later polls and checks find nothing more to do: each order reached NetSuite once.
    const again = await run('woocommerce-backfill');
    expect(again.lastResult.details.connections[0].orders.enqueued).toBe(0);
    await run('woocommerce-webhook-health');
    expect(await openDisabledAlerts()).toEqual([]);
    for (const order of [before, ...placedMeanwhile]) expect(salesOrders(order)).toHaveLength(1);
  });
});
