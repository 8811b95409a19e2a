import { like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../sidecar/src/db/client.ts';
import { auditEvents } from '../../sidecar/src/db/schema.ts';
import type { NetSuiteClient, NetSuiteConnection } from '../../sidecar/src/netsuite/client.ts';
import { requestLog, type ServedSimulator } from '../simulators/netsuite/test-support.ts';
import { type ClientHarness, startClientHarness } from '../support/netsuite-client-harness.ts';

/** The NetSuite client against the NetSuite simulator: the same wire rules from the other side. */
describe('NetSuite client against the simulator', () => {
  let harness: ClientHarness;
  let served: ServedSimulator;
  let database: Database;

  const control = (method: string, path: string, body?: unknown) => harness.control(method, path, body);
  const simRequests = () => requestLog(served.url);

  /** Backoff sleeps are skipped unless `realSleeps`: only the 429 test needs to wait for slots to free. */
  const connect = (overrides: Partial<NetSuiteConnection> = {}, realSleeps = false): NetSuiteClient =>
    realSleeps ? harness.connect(overrides, {}) : harness.connect(overrides);

  beforeAll(async () => {
    harness = await startClientHarness();
    ({ served, database } = harness);
  });
  afterAll(() => harness?.close());
  beforeEach(() => harness.resetAccount());

  async function seedStore() {
    const response = await control('POST', '/__sim/seed', {
      locations: [{ name: 'Main' }],
      accounts: [{ number: '4010', name: 'Apparel Sales', type: 'Income' }],
      items: [
        {
          itemId: 'SKU-RED-M',
          type: 'inventoryItem',
          incomeAccount: '4010',
          basePrice: '19.99',
          cost: '8.00',
          stock: { Main: 10 },
        },
      ],
    });
    const seeded = (await response.json()) as { locations: { id: string }[]; items: { id: string }[] };
    return { main: seeded.locations[0]?.id ?? '', shirt: seeded.items[0]?.id ?? '' };
  }

  it('authenticates with a client assertion and reads, writes and deletes records', async () => {
    const client = connect();
    const customer = { isPerson: true, firstName: 'Ada', lastName: 'Lovelace', externalId: 'WOO_CUST_1' };
    const created = await client.create('customer', customer);
    expect(created.alreadyDone).toBe(false);
    expect(await client.getByExternalId('customer', 'WOO_CUST_1')).toMatchObject({
      id: created.id,
      firstName: 'Ada',
    });
    await client.patch('customer', created.id, { email: 'ada@example.com' });
    expect(await client.get('customer', created.id, { fields: ['email'] })).toMatchObject({ email: 'ada@example.com' });
    const upserted = await client.upsert('customer', 'WOO_CUST_1', { isPerson: true, firstName: 'Augusta' });
    expect(upserted.id).toBe(created.id);
    const fresh = await client.upsert('customer', 'WOO_CUST_2', { isPerson: true, firstName: 'B', lastName: 'C' });
    expect(fresh.id).not.toBe(created.id);
    expect(await client.delete('customer', fresh.id)).toBe(true);
    expect(await client.getByExternalId('customer', 'WOO_CUST_2')).toBeUndefined();
  });

  it('answers a duplicate externalId create with the existing record', async () => {
    const client = connect();
    const body = { companyName: 'Acme', externalId: 'WOO_CUST_9' };
    const first = await client.create('customer', body);
    expect(await client.create('customer', body)).toEqual({ id: first.id, alreadyDone: true });
  });

  it('never creates a sales order twice when the answer is lost after the write', async () => {
    const store = await seedStore();
    const client = connect();
    const customer = await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_12' });
    await control('PUT', '/__sim/governance', {
      faults: [{ kind: 503, rate: 1, phase: 'after', path: '/record/v1/salesOrder$' }],
    });
    const order = await client.create('salesOrder', {
      externalId: 'WOO_ORDER_12',
      entity: { id: customer.id },
      item: { items: [{ item: { id: store.shirt }, quantity: 2, rate: 19.99, location: { id: store.main } }] },
    });
    expect(order.alreadyDone).toBe(true);
    await control('PUT', '/__sim/governance', { faults: [] });
    const posts = (await simRequests()).filter(
      (request) => request.method === 'POST' && /salesOrder$/.test(request.path),
    );
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ handled: true, status: 503 });
    const rows = [];
    for await (const row of client.suiteql('SELECT id FROM transaction WHERE externalid = ?', ['WOO_ORDER_12'])) {
      rows.push(row);
    }
    expect(rows).toEqual([{ id: order.id }]);
  });

  it('transforms a sales order once, even when the connection drops after the write', async () => {
    const store = await seedStore();
    const client = connect();
    const customer = await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_13' });
    const order = await client.create('salesOrder', {
      externalId: 'WOO_ORDER_13',
      entity: { id: customer.id },
      item: { items: [{ item: { id: store.shirt }, quantity: 1, rate: 19.99, location: { id: store.main } }] },
    });
    await control('PUT', '/__sim/governance', {
      faults: [{ kind: 'reset', rate: 1, phase: 'after', path: '!transform' }],
    });
    const fulfillment = await client.transform('salesOrder', order.id, 'itemFulfillment', {
      externalId: 'WOO_FUL_13',
      shipStatus: { id: 'C' },
      item: { items: [{ orderLine: 1, location: Number(store.main), quantity: 1 }] },
    });
    expect(fulfillment.alreadyDone).toBe(true);
    await control('PUT', '/__sim/governance', { faults: [] });
    expect(await client.getByExternalId('itemFulfillment', 'WOO_FUL_13')).toMatchObject({ id: fulfillment.id });
    const transforms = (await simRequests()).filter((request) => request.path.includes('!transform'));
    expect(transforms).toHaveLength(1);
  });

  it('renews the token once after the simulator revokes it', async () => {
    const client = connect();
    await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_14' });
    await control('POST', '/__sim/tokens/revoke');
    expect(await client.getByExternalId('customer', 'WOO_CUST_14')).toMatchObject({ companyName: 'Acme' });
    const statuses = (await simRequests()).filter((request) => /eid:WOO_CUST_14$/.test(request.path));
    expect(statuses.map((request) => request.status)).toEqual([401, 200]);
  });

  it('renews its token before the 55th minute on a fake clock, so NetSuite never refuses it', async () => {
    let offsetMs = 0;
    const client = harness.connect({}, { sleep: async () => {}, now: () => Date.now() + offsetMs });
    const tokenRequests = async () =>
      (await database.db.select().from(auditEvents).where(like(auditEvents.message, '%/auth/oauth2/v1/token %')))
        .length;
    const before = await tokenRequests();
    const moveClocks = async (toMinutes: number) => {
      const advanceMs = toMinutes * 60_000 - offsetMs;
      offsetMs += advanceMs;
      await control('POST', '/__sim/clock', { advanceMs });
    };
    await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_20' });
    await moveClocks(54);
    await client.getByExternalId('customer', 'WOO_CUST_20');
    expect((await tokenRequests()) - before).toBe(1);
    await moveClocks(56);
    await client.getByExternalId('customer', 'WOO_CUST_20');
    expect((await tokenRequests()) - before).toBe(2);
    await moveClocks(112);
    await client.getByExternalId('customer', 'WOO_CUST_20');
    expect((await tokenRequests()) - before).toBe(3);
    expect((await simRequests()).filter((request) => request.status === 401)).toEqual([]);
  });

  it('does not retry a permanent 400, and keeps NetSuite’s own detail', async () => {
    const client = connect();
    const customer = await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_21' });
    const error = await client
      .create('salesOrder', { externalId: 'WOO_ORDER_21', entity: { id: customer.id }, item: { items: [] } })
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, errorCode: 'USER_ERROR', transient: false });
    expect((error as Error).message).toContain('at least one line item');
    const posts = (await simRequests()).filter(
      (request) => request.method === 'POST' && request.path.endsWith('/record/v1/salesOrder'),
    );
    expect(posts).toHaveLength(1);
  });

  it('stays under the account limit: the cap from governanceLimits keeps NetSuite from answering 429', async () => {
    const client = connect({ concurrency: {} });
    await control('PUT', '/__sim/governance', { concurrencyLimit: 3, latencyMs: 25 });
    const customer = await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_15' });
    await Promise.all(Array.from({ length: 16 }, () => client.get('customer', customer.id)));
    const requests = await simRequests();
    expect(requests.filter((request) => request.status === 429)).toEqual([]);
    expect(requests.filter((request) => request.path.endsWith('/governanceLimits'))).toHaveLength(1);
    expect(await client.governanceLimits()).toMatchObject({ accountConcurrencyLimit: 3 });
  });

  it('absorbs the simulator’s concurrency-limit 429s with backoff when the cap is set too high', async () => {
    const client = connect({ concurrency: { cap: 8 } }, true);
    await control('PUT', '/__sim/governance', { concurrencyLimit: 2, latencyMs: 20 });
    const customer = await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_16' });
    const reads = await Promise.all(Array.from({ length: 6 }, () => client.get('customer', customer.id)));
    expect(reads.every((record) => record.id === customer.id)).toBe(true);
    const limited = (await simRequests()).filter((request) => request.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    const events = await database.db.select().from(auditEvents).where(like(auditEvents.message, '% → 429 %'));
    expect(events.length).toBe(limited.length);
  });
});
