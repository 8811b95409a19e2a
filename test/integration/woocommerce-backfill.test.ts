import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UtcTimestamp } from '../../sidecar/src/canonical/time.ts';
import { backfillCursors, inboundEvents, jobs } from '../../sidecar/src/db/schema.ts';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../sidecar/src/http/keep-alive.ts';
import { recordOrderLink } from '../../sidecar/src/sync/order-links.ts';
import { wooCommerceBackfillSchedule } from '../../sidecar/src/sync/woocommerce-backfill.ts';
import {
  createWooCommerceConnection,
  registerNetSuiteAccount,
  unusedNetSuiteAccount,
} from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { deliverSigned } from '../support/woocommerce-deliveries.ts';

/**
 * A store's REST collections as WooCommerce serves them to the backfill: orders filtered by `modified_after`
 * (strictly, to the second, GMT) and sorted by modification; customers by id, the filter left to the client.
 * `afterPage` lets a test change the store between two requests.
 */
function fakeStore() {
  const orders = new Map<number, Record<string, unknown>>();
  const customers = new Map<number, Record<string, unknown>>();
  const requests: URL[] = [];
  const state = { failing: false, afterPage: undefined as ((url: URL) => void) | undefined };
  const server: Server = createServer(KEEP_ALIVE_SERVER_OPTIONS, (request, response) => {
    const url = new URL(request.url ?? '/', 'http://store');
    requests.push(url);
    if (state.failing) {
      response.writeHead(503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'down', message: 'Maintenance', data: { status: 503 } }));
      return;
    }
    const page = Number(url.searchParams.get('page') ?? 1);
    const perPage = Number(url.searchParams.get('per_page') ?? 10);
    let items: Record<string, unknown>[];
    if (url.pathname.endsWith('/orders')) {
      const after = url.searchParams.get('modified_after') ?? '';
      items = [...orders.values()]
        .filter((o) => String(o.date_modified_gmt) > after)
        .sort(
          (a, b) =>
            String(a.date_modified_gmt).localeCompare(String(b.date_modified_gmt)) || Number(a.id) - Number(b.id),
        );
    } else if (url.pathname.endsWith('/customers')) {
      items = [...customers.values()].sort((a, b) => Number(a.id) - Number(b.id));
    } else {
      response.writeHead(404).end();
      return;
    }
    const body = items.slice((page - 1) * perPage, page * perPage);
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-wp-total': String(items.length),
      'x-wp-totalpages': String(Math.ceil(items.length / perPage)),
    });
    response.end(JSON.stringify(body));
    state.afterPage?.(url);
  });
  return {
    orders,
    customers,
    requests,
    state,
    order(id: number, created: string, modified = created) {
      orders.set(id, {
        id,
        number: String(id),
        status: 'processing',
        date_created_gmt: created,
        date_modified_gmt: modified,
        line_items: [{ sku: `SKU-${id}`, quantity: 1 }],
      });
    },
    customer(id: number, modified: string) {
      customers.set(id, { id, email: `c${id}@example.com`, date_created_gmt: modified, date_modified_gmt: modified });
    },
    async listen() {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const GO_LIVE = '2026-03-01T00:00:00.000Z';

describe.each(databaseKinds())('WooCommerce backfill of missed webhooks [%s]', (kind) => {
  let harness: TestSidecar;
  const store = fakeStore();
  const brokenStore = fakeStore();
  const webhookSecret = randomBytes(24).toString('base64url');
  let connectionId = '';
  let netsuiteAccountId = '';

  const connect = async (name: string, storeUrl: string) =>
    (
      await createWooCommerceConnection(harness, {
        name,
        storeUrl,
        netsuiteAccountId,
        webhookSecret,
        settings: { masterLocationId: '1', goLiveAt: GO_LIVE },
      })
    ).connectionId;

  beforeAll(async () => {
    // No workers: the jobs the backfill enqueues stay queued where the test can count them.
    harness = await startTestSidecar(kind, {
      env: { MLC_WORKER_CONCURRENCY: '0' },
      schedules: () => [wooCommerceBackfillSchedule],
    });
    netsuiteAccountId = await registerNetSuiteAccount(harness, unusedNetSuiteAccount());
    connectionId = await connect('Shop', await store.listen());
  });
  afterAll(async () => {
    await harness?.close();
    await store.close();
    await brokenStore.close();
  });

  const poll = async () => {
    const response = await harness.call('/api/v1/schedules/woocommerce-backfill/run', { method: 'POST' });
    expect(response.status).toBe(200);
    return response.json();
  };
  const jobsOf = async (resource: 'order' | 'customer', id: number) => {
    const { db } = harness.sidecar.database;
    return db
      .select()
      .from(jobs)
      .where(eq(jobs.entityKey, `woocommerce:${connectionId}:${resource}:${id}`));
  };
  const cursor = async (resource: 'orders' | 'customers') => {
    const [row] = await harness.sidecar.database.db
      .select()
      .from(backfillCursors)
      .where(and(eq(backfillCursors.connectionId, connectionId), eq(backfillCursors.resource, resource)));
    return row;
  };
  const orderRequests = () => store.requests.filter((url) => url.pathname.endsWith('/orders'));

  const deliverWebhook = (order: Record<string, unknown>) =>
    deliverSigned(`${harness.sidecar.url}/webhooks/woocommerce/${connectionId}`, webhookSecret, {
      topic: 'order.updated',
      headers: { 'x-wc-webhook-resource': 'order', 'x-wc-webhook-event': 'updated' },
      webhookId: '7',
      body: JSON.stringify(order),
    });

  it('enqueues the orders whose webhooks never came, once however often it polls, and none before go-live', async () => {
    store.order(90, '2026-02-20T10:00:00'); // before go-live, untouched since: never listed
    store.order(91, '2026-02-25T10:00:00', '2026-03-02T09:00:00'); // placed before go-live, edited after
    store.order(101, '2026-03-02T10:00:00');
    store.order(102, '2026-03-02T11:00:00');
    store.order(103, '2026-03-02T12:00:00');
    await deliverWebhook(store.orders.get(101) ?? {}); // this one did arrive

    const first = await poll();
    expect(first).toMatchObject({ lastOutcome: 'succeeded' });
    expect(first.lastResult.message).toContain('2 orders and 0 customers whose webhooks never came enqueued');
    expect(first.lastResult.details.connections[0].orders).toMatchObject({
      listed: 4,
      enqueued: 2,
      beforeGoLive: 1,
      caughtUp: true,
      cursor: '2026-03-02T12:00:00.000Z',
    });
    expect(orderRequests()[0]?.searchParams.get('modified_after')).toBe('2026-03-01T00:00:00');
    expect(Object.fromEntries(orderRequests()[0]?.searchParams ?? [])).toMatchObject({
      dates_are_gmt: 'true',
      orderby: 'modified',
      order: 'asc',
      per_page: '100',
      page: '1',
    });

    await poll();
    for (const id of [102, 103]) {
      const queued = await jobsOf('order', id);
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({
        kind: 'woocommerce.order',
        state: 'queued',
        payload: { topic: 'order.updated' },
      });
      const [event] = await harness.sidecar.database.db
        .select()
        .from(inboundEvents)
        .where(
          eq(inboundEvents.id, (queued[0]?.payload as { inboundEventId?: string } | undefined)?.inboundEventId ?? ''),
        );
      expect(event).toMatchObject({ source: 'backfill', topic: 'order.updated', webhookId: 'backfill' });
      expect(JSON.parse(event?.body ?? '{}')).toEqual(store.orders.get(id));
    }
    expect(await jobsOf('order', 101)).toHaveLength(1); // the webhook's own
    expect(await jobsOf('order', 91)).toHaveLength(0);
    expect(await jobsOf('order', 90)).toHaveLength(0);
    // The second poll started the overlap before the cursor, never before go-live.
    expect(orderRequests().at(-1)?.searchParams.get('modified_after')).toBe('2026-03-02T11:50:00');
  });

  it('enqueues a newer version of an order, and not one the order flow already wrote', async () => {
    store.order(102, '2026-03-02T11:00:00', '2026-03-03T08:00:00');
    store.order(104, '2026-03-03T09:00:00');
    await recordOrderLink(harness.sidecar.database.db, {
      connectionId,
      orderId: '104',
      salesOrderId: '9104',
      lastModifiedGmt: '2026-03-03T09:00:00.000Z' as UtcTimestamp,
    });
    const result = await poll();
    expect(result.lastResult.details.connections[0].orders.enqueued).toBe(1);
    expect((await jobsOf('order', 102)).map((job) => job.state)).toEqual(['queued', 'queued']);
    expect(await jobsOf('order', 104)).toHaveLength(0);
    expect((await cursor('orders'))?.modifiedAfter.toISOString()).toBe('2026-03-03T09:00:00.000Z');
  });

  it('misses no order when one is modified between two pages of a long backlog', async () => {
    for (let i = 0; i < 150; i++) {
      const minute = String(i % 60).padStart(2, '0');
      store.order(1000 + i, `2026-03-04T${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${minute}:00`);
    }
    // After the first page, the first order of the backlog is edited: it jumps to the end of the list.
    store.state.afterPage = (url) => {
      if (url.pathname.endsWith('/orders') && url.searchParams.get('page') === '1') {
        store.state.afterPage = undefined;
        store.order(1000, '2026-03-04T10:00:00', '2026-03-05T00:00:00');
      }
    };
    const result = await poll();
    expect(result.lastResult.details.connections[0].orders).toMatchObject({ enqueued: 151, caughtUp: true });
    for (let i = 0; i < 150; i++) expect(await jobsOf('order', 1000 + i)).toHaveLength(i === 0 ? 2 : 1);
  });

  it('enqueues customers changed since the last sweep', async () => {
    store.customer(7, '2026-02-01T00:00:00'); // before go-live
    store.customer(8, '2026-03-06T00:00:00');
    const result = await poll();
    expect(result.lastResult.details.connections[0].customers).toMatchObject({ enqueued: 1, caughtUp: true });
    expect(await jobsOf('customer', 7)).toHaveLength(0);
    expect(await jobsOf('customer', 8)).toMatchObject([{ kind: 'woocommerce.customer', state: 'queued' }]);
    await poll();
    expect(await jobsOf('customer', 8)).toHaveLength(1);
    expect((await cursor('customers'))?.nextPage).toBe(1);
  });

  it('polls the other stores when one fails, and records the failure as the last result', async () => {
    brokenStore.state.failing = true;
    const brokenId = await connect('Broken shop', await brokenStore.listen());
    store.order(105, '2026-03-07T09:00:00');
    const result = await poll();
    expect(result.lastOutcome).toBe('failed');
    expect(result.lastResult).toMatchObject({ code: 'BACKFILL_INCOMPLETE' });
    expect(result.lastResult.message).toMatch(/Store "Broken shop" could not be polled/);
    const reports = result.lastResult.detail.connections;
    expect(reports.find((r: { connectionId: string }) => r.connectionId === brokenId).error.code).toMatch(
      /^WOOCOMMERCE_/,
    );
    expect(await jobsOf('order', 105)).toHaveLength(1);
    await harness.call(`/api/v1/connections/${brokenId}`, { method: 'DELETE' });
  });
});
