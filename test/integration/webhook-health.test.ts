/**
 * The `woocommerce-webhook-health` schedule and its two endpoints against the WooCommerce simulator: a webhook that
 * WooCommerce disabled after failed deliveries raises one alert however often the check runs, re-enabling it through
 * the sidecar activates it in the store and resolves the alert, a missing webhook and a silent store are reported.
 * The backfill after re-enabling is covered end to end in test/e2e/webhook-health.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents } from '../../sidecar/src/db/schema.ts';
import { CONNECTOR_TOPICS } from '../../sidecar/src/webhook-health/webhook-check.ts';
import { wooCommerceWebhookHealthSchedule } from '../../sidecar/src/webhook-health/woocommerce-webhook-health.ts';
import {
  type StartedWooCommerceSimulator,
  startWooCommerceSimulator,
  type WebhookState,
} from '../simulators/woocommerce/test-support.ts';
import {
  createWooCommerceConnection,
  registerNetSuiteAccount,
  unusedNetSuiteAccount,
  type WooCommerceConnection,
} from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const HOUR = 3_600_000;

interface AlertView {
  id: string;
  kind: string;
  severity: string;
  connectionId: string;
  message: string;
  count: number;
  acknowledged: boolean;
}

describe.each(databaseKinds())('WooCommerce webhook health [%s]', (kind) => {
  let harness: TestSidecar;
  let woo: StartedWooCommerceSimulator;
  let shop: WooCommerceConnection;
  let quiet: WooCommerceConnection;
  let productId = 0;
  const webhooks = new Map<string, WebhookState>();

  beforeAll(async () => {
    woo = await startWooCommerceSimulator();
    // No workers: the deliveries' jobs stay queued; only the health schedule is registered.
    harness = await startTestSidecar(kind, {
      env: { MLC_WORKER_CONCURRENCY: '0' },
      schedules: () => [wooCommerceWebhookHealthSchedule],
    });
    const netsuiteAccountId = await registerNetSuiteAccount(harness, unusedNetSuiteAccount());
    const settings = { masterLocationId: '1', goLiveAt: '2020-01-01T00:00:00Z' };
    shop = await createWooCommerceConnection(harness, {
      name: 'Simulated shop',
      storeUrl: woo.url,
      credentials: woo.credentials,
      netsuiteAccountId,
      settings,
    });
    // A second store with the same REST key but no webhooks of its own: the silence rule is tried on it.
    quiet = await createWooCommerceConnection(harness, {
      name: 'Quiet shop',
      storeUrl: woo.url,
      credentials: woo.credentials,
      netsuiteAccountId,
      settings,
    });
    for (const topic of CONNECTOR_TOPICS) {
      const webhook = await woo.control.createWebhook({
        name: `ml-connector ${topic}`,
        topic,
        delivery_url: shop.webhookUrl,
        secret: shop.webhookSecret,
      });
      webhooks.set(topic, webhook);
    }
    productId = (await woo.control.createProduct({ name: 'Widget', sku: 'WIDGET-1', regular_price: '10.00' })).id;
  });
  afterAll(async () => {
    await harness?.close();
    await woo?.stop();
  });

  const runCheck = async () => {
    const response = await harness.call('/api/v1/schedules/woocommerce-webhook-health/run', { method: 'POST' });
    expect(response.status, response.text).toBe(200);
    return response.json();
  };
  const openAlerts = async (connectionId: string, alertKind: string): Promise<AlertView[]> => {
    const response = await harness.call(`/api/v1/alerts?acknowledged=false&connectionId=${connectionId}&limit=200`);
    expect(response.status, response.text).toBe(200);
    return (response.json().items as AlertView[]).filter((alert) => alert.kind === alertKind);
  };
  const health = async (connectionId: string) => {
    const response = await harness.call(`/api/v1/connections/${connectionId}/webhook-health`);
    expect(response.status, response.text).toBe(200);
    return response.json();
  };
  const activate = (connectionId: string, webhookId: number | string) =>
    harness.call(`/api/v1/connections/${connectionId}/webhooks/${webhookId}/activate`, { method: 'POST' });
  const idOf = (topic: string) => webhooks.get(topic)?.id ?? 0;

  it('finds every webhook of ours active: no alert, and the admin view lists them', async () => {
    const run = await runCheck();
    expect(run.lastOutcome).toBe('succeeded');
    expect(run.lastResult.details.connections).toContainEqual(
      expect.objectContaining({
        connectionId: shop.connectionId,
        webhooks: { ours: 8, notActive: [], missingTopics: [] },
      }),
    );
    expect(await openAlerts(shop.connectionId, 'webhook_disabled')).toEqual([]);
    expect(await openAlerts(shop.connectionId, 'webhook_missing')).toEqual([]);
    const view = await health(shop.connectionId);
    expect(view.webhooks).toHaveLength(8);
    expect(view.webhooks[0]).toEqual({
      id: idOf('order.created'),
      name: 'ml-connector order.created',
      topic: 'order.created',
      status: 'active',
      failureCount: null,
      modifiedAt: expect.any(String),
      notActiveSince: null,
    });
    expect(view).toMatchObject({ missingTopics: [], error: null, checkedAt: expect.any(String) });
  });

  it('raises exactly one alert for a webhook WooCommerce disabled after 7 failed deliveries, however often it runs', async () => {
    const webhookId = idOf('order.created');
    await woo.control.failDeliveries({ webhook_id: webhookId, times: 7, status: 500 });
    for (let i = 0; i < 7; i++) {
      await woo.control.placeOrder({
        billing: { first_name: 'Ada', last_name: 'Lovelace', email: `ada${i}@example.test`, country: 'US' },
        line_items: [{ product_id: productId, quantity: 1 }],
        set_paid: true,
      });
      await woo.control.flush();
    }
    expect(await woo.control.webhook(webhookId)).toMatchObject({ status: 'disabled', failure_count: 6 });

    for (let run = 0; run < 3; run++) await runCheck();
    const alerts = await openAlerts(shop.connectionId, 'webhook_disabled');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'error', count: 3 });
    expect(alerts[0]?.message).toMatch(/^WEBHOOK_DISABLED: the "order\.created" webhook of Simulated shop/);
    expect(alerts[0]?.message).toContain('Re-enable');
    const view = await health(shop.connectionId);
    expect(view.webhooks.find((w: { id: number }) => w.id === webhookId)).toMatchObject({
      status: 'disabled',
      notActiveSince: expect.any(String),
    });
  });

  it('refuses what it cannot re-enable, with codes', async () => {
    const other = await woo.control.createWebhook({
      topic: 'order.created',
      delivery_url: 'https://elsewhere.example.test/hook',
      status: 'paused',
    });
    const cases: [string, number | string, number, string][] = [
      [randomUUID(), idOf('order.created'), 404, 'CONNECTION_NOT_FOUND'],
      ['not-a-uuid', idOf('order.created'), 400, 'INVALID_REQUEST'],
      [shop.connectionId, 'abc', 400, 'INVALID_REQUEST'],
      [shop.connectionId, 0, 400, 'INVALID_REQUEST'],
      [shop.connectionId, 99_999, 404, 'WEBHOOK_NOT_FOUND'],
      [shop.connectionId, other.id, 409, 'WEBHOOK_NOT_THE_CONNECTORS'],
      [quiet.connectionId, idOf('order.created'), 409, 'WEBHOOK_NOT_THE_CONNECTORS'],
    ];
    for (const [connectionId, webhookId, status, code] of cases) {
      const response = await activate(connectionId, webhookId);
      expect({ status: response.status, code: response.json().error?.code }).toEqual({ status, code });
    }
    expect((await woo.control.webhook(other.id)).status).toBe('paused');
    expect((await harness.call(`/api/v1/connections/${randomUUID()}/webhook-health`)).status).toBe(404);
    expect((await harness.call('/api/v1/connections/nope/webhook-health')).status).toBe(400);
  });

  it('re-enables the webhook in the store through the endpoint and resolves the alert for good', async () => {
    const webhookId = idOf('order.created');
    const response = await activate(shop.connectionId, webhookId);
    expect(response.status, response.text).toBe(200);
    expect(response.json()).toMatchObject({
      webhook: { id: webhookId, status: 'active', notActiveSince: null },
      // This sidecar runs no backfill schedule; the end-to-end test has one.
      backfill: { status: 'not-scheduled' },
    });
    expect(await woo.control.webhook(webhookId)).toMatchObject({ status: 'active' });
    expect(await openAlerts(shop.connectionId, 'webhook_disabled')).toEqual([]);
    await runCheck();
    expect(await openAlerts(shop.connectionId, 'webhook_disabled')).toEqual([]);
    expect((await health(shop.connectionId)).webhooks.every((w: { status: string }) => w.status === 'active')).toBe(
      true,
    );
  });

  it('reports a webhook paused by hand as a warning, resolved once it is active again', async () => {
    const webhookId = idOf('customer.updated');
    await woo.control.updateWebhook(webhookId, { status: 'paused' });
    await runCheck();
    expect(await openAlerts(shop.connectionId, 'webhook_disabled')).toMatchObject([
      { severity: 'warning', message: expect.stringMatching(/^WEBHOOK_PAUSED: the "customer\.updated" webhook/) },
    ]);
    await woo.control.updateWebhook(webhookId, { status: 'active' });
    await runCheck();
    expect(await openAlerts(shop.connectionId, 'webhook_disabled')).toEqual([]);
  });

  it('reports the topics no webhook of ours delivers, and resolves it once they are back', async () => {
    const { sim } = woo;
    sim.webhooks.delete(sim.webhooks.get(idOf('order.deleted')));
    await runCheck();
    const missing = await openAlerts(shop.connectionId, 'webhook_missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toMatch(/^WEBHOOK_MISSING: Simulated shop has no webhook sending "order\.deleted"/);
    expect((await health(shop.connectionId)).missingTopics).toEqual(['order.deleted']);
    // The quiet store has none at all.
    expect((await openAlerts(quiet.connectionId, 'webhook_missing'))[0]?.message).toContain('"order.created"');

    const again = await woo.control.createWebhook({
      topic: 'order.deleted',
      delivery_url: shop.webhookUrl,
      secret: shop.webhookSecret,
    });
    webhooks.set('order.deleted', again);
    await runCheck();
    expect(await openAlerts(shop.connectionId, 'webhook_missing')).toEqual([]);
  });

  it('warns when a store that had traffic falls silent for longer than usual, and stops when deliveries resume', async () => {
    const { db } = harness.sidecar.database;
    const deliver = (receivedAt: Date, source: 'webhook' | 'backfill' = 'webhook') =>
      db.insert(inboundEvents).values({
        id: randomUUID(),
        connectionId: quiet.connectionId,
        platform: 'woocommerce',
        topic: 'order.updated',
        webhookId: '1',
        deliveryId: randomUUID(),
        bodySha256: randomUUID(),
        headers: {},
        source,
        receivedAt,
      });
    // Four deliveries are not traffic enough to know what is usual.
    const now = Date.now();
    for (let i = 0; i < 4; i++) await deliver(new Date(now - 2 * 24 * HOUR - (4 - i) * HOUR));
    await runCheck();
    expect(await openAlerts(quiet.connectionId, 'no_deliveries')).toEqual([]);
    expect((await health(quiet.connectionId)).deliveries).toEqual({
      state: 'learning',
      allowedSilenceMs: null,
      silentForMs: null,
    });

    // A fifth, hourly like the others, two days ago: the allowance is the 6-hour floor, long passed.
    await deliver(new Date(now - 2 * 24 * HOUR));
    // A backfilled version is not a delivery: it does not end the silence.
    await deliver(new Date(now), 'backfill');
    for (let run = 0; run < 2; run++) await runCheck();
    const silent = await openAlerts(quiet.connectionId, 'no_deliveries');
    expect(silent).toMatchObject([{ severity: 'warning', count: 2 }]);
    expect(silent[0]?.message).toMatch(/^NO_DELIVERIES: Quiet shop has sent no webhook for 2 days/);
    const view = await health(quiet.connectionId);
    expect(view.lastDeliveryAt).toBe(new Date(now - 2 * 24 * HOUR).toISOString());
    expect(view.deliveries).toMatchObject({ state: 'silent', allowedSilenceMs: 6 * HOUR });

    await deliver(new Date());
    await runCheck();
    expect(await openAlerts(quiet.connectionId, 'no_deliveries')).toEqual([]);
    expect((await health(quiet.connectionId)).deliveries.state).toBe('ok');
  });
});
