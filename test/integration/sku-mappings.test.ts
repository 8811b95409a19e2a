import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../../sidecar/src/alerts/alerts.ts';
import { netsuiteConnectionOf } from '../../sidecar/src/connections/netsuite-accounts.ts';
import { claimJob } from '../../sidecar/src/jobs/claim.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import type { JobHeld } from '../../sidecar/src/jobs/job-errors.ts';
import { holdJob } from '../../sidecar/src/jobs/settle.ts';
import { resolveSkus } from '../../sidecar/src/mappings/resolve-skus.ts';
import { listSkuMappings, saveSkuMapping } from '../../sidecar/src/mappings/sku-mappings.ts';
import { unmappedShippingHold, unmappedSkusHold } from '../../sidecar/src/mappings/unmapped.ts';
import { NetSuiteClients } from '../../sidecar/src/netsuite/client.ts';
import { requestLog, type ServedSimulator } from '../simulators/netsuite/test-support.ts';
import {
  createWooCommerceConnection,
  registerNetSuiteAccount,
  seedNetSuite,
  startNetSuiteAccount,
} from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const ACCOUNT = 'TSTDRV7654321';
const integration = { clientId: 'mlc-mapping-client', certificateId: 'mlc-mapping-cert' };

describe.each(databaseKinds())('SKU mappings, review queue and alerts [%s]', (kind) => {
  let harness: TestSidecar;
  let served: ServedSimulator;
  let accountId = '';
  let storeA = '';
  let storeB = '';
  let orderNumber = 1000;

  const db = () => harness.sidecar.database.db;
  const audit = () => harness.sidecar.audit;
  const post = (path: string, body?: unknown) =>
    harness.call(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const put = (path: string, body: unknown) => harness.call(path, { method: 'PUT', body: JSON.stringify(body) });
  const get = (path: string) => harness.call(path);
  const stateOf = async (jobId: string) => (await get(`/api/v1/jobs/${jobId}`)).json().state;
  const suiteQlCalls = async () =>
    (await requestLog(served.url)).filter((request) => request.path.endsWith('/query/v1/suiteql')).length;

  /** A job of the connection, claimed by this test and held the way an order flow holds it. */
  async function heldJob(connectionId: string, hold: (order: { number: string; total: string }) => Promise<JobHeld>) {
    const number = String(++orderNumber);
    const jobKind = `test.order.${number}`;
    await enqueueJob(
      db(),
      audit(),
      { kind: jobKind, entityKey: `test:order:${number}`, idempotencyKey: `test:${number}`, payload: { connectionId } },
      5,
    );
    const claimed = await claimJob(db(), audit(), { workerId: 'test-worker', kinds: [jobKind], leaseMs: 60_000 });
    if (!claimed) throw new Error('The test job was not claimable.');
    const held = await hold({ number, total: '59.97' });
    const settled = await holdJob(db(), audit(), claimed, 'test-worker', held.toRecord());
    if (!settled) throw new Error('The test job could not be held.');
    return { id: settled.id, number };
  }
  const heldForSkus = (connectionId: string, skus: string[]) =>
    heldJob(connectionId, (order) => unmappedSkusHold(db(), { connectionId, skus, order }));

  const createConnection = async (name: string) =>
    (
      await createWooCommerceConnection(harness, {
        name,
        storeUrl: `https://${name}.example.com`,
        netsuiteAccountId: accountId,
        settings: { masterLocationId: '1' },
      })
    ).connectionId;

  beforeAll(async () => {
    const netsuite = await startNetSuiteAccount(ACCOUNT, integration);
    served = netsuite.served;
    harness = await startTestSidecar(kind);
    accountId = await registerNetSuiteAccount(harness, netsuite.account);
    storeA = await createConnection('store-a');
    storeB = await createConnection('store-b');
  });
  afterAll(async () => {
    await harness?.close();
    await served?.close();
  });

  describe('held orders', () => {
    let onlyA: { id: string; number: string };
    let aAndB: { id: string; number: string };
    let otherStore: { id: string; number: string };
    let shipping: { id: string; number: string };

    beforeAll(async () => {
      onlyA = await heldForSkus(storeA, ['SKU-A']);
      aAndB = await heldForSkus(storeA, ['SKU-A', 'SKU-B']);
      otherStore = await heldForSkus(storeB, ['SKU-A']);
      shipping = await heldJob(storeA, (order) =>
        unmappedShippingHold(db(), { connectionId: storeA, methods: ['flat_rate'], order }),
      );
    });

    it('shows every held order in the review queue with its reason, SKUs and order', async () => {
      const response = await get('/api/v1/review-queue');
      expect(response.status).toBe(200);
      const { items, nextCursor } = response.json();
      expect(nextCursor).toBeNull();
      expect(items.map((item: { id: string }) => item.id)).toEqual([shipping.id, otherStore.id, aAndB.id, onlyA.id]);
      expect(items[2]).toEqual({
        id: aAndB.id,
        jobId: aAndB.id,
        kind: `test.order.${aAndB.number}`,
        connectionId: storeA,
        code: 'UNMAPPED_SKU',
        reason: `Order ${aAndB.number} is waiting: SKUs "SKU-A", "SKU-B" match no NetSuite item. Map them and the order goes on.`,
        skus: ['SKU-A', 'SKU-B'],
        shippingMethods: [],
        order: { number: aAndB.number, total: '59.97' },
        heldAt: expect.any(String),
      });
      expect(items[0]).toMatchObject({
        code: 'UNMAPPED_SHIPPING_METHOD',
        skus: [],
        shippingMethods: ['flat_rate'],
        reason: expect.stringContaining('shipping method "flat_rate"'),
      });
    });

    it('releases, on saving a mapping, exactly the orders whose SKUs are now all mapped', async () => {
      const forStoreA = await put('/api/v1/sku-mappings/SKU-A', { netsuiteItemId: '501', connectionId: storeA });
      expect(forStoreA.status).toBe(200);
      expect(forStoreA.json()).toEqual({ sku: 'SKU-A', netsuiteItemId: '501', connectionId: storeA, released: 1 });
      expect(await stateOf(onlyA.id)).toBe('queued');
      expect(await stateOf(aAndB.id)).toBe('held');
      expect(await stateOf(otherStore.id)).toBe('held');

      const globalB = await put('/api/v1/sku-mappings/SKU-B', { netsuiteItemId: '502' });
      expect(globalB.json()).toEqual({ sku: 'SKU-B', netsuiteItemId: '502', connectionId: null, released: 1 });
      expect(await stateOf(aAndB.id)).toBe('queued');
      expect(await stateOf(otherStore.id)).toBe('held');

      const globalA = await put('/api/v1/sku-mappings/SKU-A', { netsuiteItemId: '600' });
      expect(globalA.json().released).toBe(1);
      expect(await stateOf(otherStore.id)).toBe('queued');
      expect(await stateOf(shipping.id)).toBe('held');

      const timeline = (await get(`/api/v1/jobs/${onlyA.id}`)).json().timeline;
      expect(timeline.at(-1)).toMatchObject({ type: 'job.released', message: 'Released by sku mapping (was held).' });

      const open = (await get('/api/v1/alerts?acknowledged=false')).json().items as { kind: string }[];
      expect(open.filter((alert) => alert.kind === 'unmapped_sku')).toEqual([]);
    });

    it('lists the mappings, a connection’s own beside the global one', async () => {
      const { items } = (await get('/api/v1/sku-mappings?sku=SKU-A')).json();
      expect(items).toEqual([
        expect.objectContaining({ sku: 'SKU-A', netsuiteItemId: '600', connectionId: null, source: 'merchant' }),
        expect.objectContaining({ sku: 'SKU-A', netsuiteItemId: '501', connectionId: storeA, source: 'merchant' }),
      ]);
      const remapped = await put('/api/v1/sku-mappings/SKU-A', { netsuiteItemId: '502', connectionId: storeA });
      expect(remapped.json()).toMatchObject({ netsuiteItemId: '502', released: 0 });
      expect((await get(`/api/v1/sku-mappings?connectionId=${storeA}`)).json().items).toHaveLength(1);
    });

    it('refuses a mapping to something that is not an internal id or for an unknown connection', async () => {
      expect((await put('/api/v1/sku-mappings/SKU-C', { netsuiteItemId: 'SKU-C' })).status).toBe(400);
      const unknown = await put('/api/v1/sku-mappings/SKU-C', {
        netsuiteItemId: '7',
        connectionId: '01900000-0000-7000-8000-000000000000',
      });
      expect({ status: unknown.status, code: unknown.json().error.code }).toEqual({
        status: 400,
        code: 'CONNECTION_NOT_FOUND',
      });
    });

    it('releases a held order from the review queue, once', async () => {
      const released = await post(`/api/v1/review-queue/${shipping.id}/release`);
      expect(released.status).toBe(200);
      expect(released.json()).toMatchObject({ id: shipping.id, state: 'queued' });
      expect((await get('/api/v1/review-queue')).json().items).toEqual([]);
      expect((await post(`/api/v1/review-queue/${shipping.id}/release`)).status).toBe(409);
    });
  });

  describe('alerts', () => {
    it('raised one per unmapped SKU, repeats counted on the same alert, resolved once the SKU is mapped', async () => {
      const { items } = (await get(`/api/v1/alerts?connectionId=${storeA}`)).json();
      const skuA = items.filter((alert: { message: string }) => alert.message.includes('"SKU-A"'));
      expect(skuA).toEqual([
        expect.objectContaining({ kind: 'unmapped_sku', severity: 'warning', connectionId: storeA, count: 2 }),
      ]);
      expect(skuA[0].acknowledged).toBe(true);
    });

    it('de-duplicates, acknowledges, and opens a new alert when the problem comes back', async () => {
      const input = { kind: 'test', severity: 'error' as const, dedupeKey: 'test:dedupe', message: 'First.' };
      const first = await raiseAlert(db(), input);
      const repeat = await raiseAlert(db(), { ...input, message: 'Again.' });
      expect(repeat).toMatchObject({ id: first.id, count: 2, message: 'Again.' });
      expect(repeat.lastSeen.getTime()).toBeGreaterThanOrEqual(first.lastSeen.getTime());

      const acked = await post(`/api/v1/alerts/${first.id}/ack`);
      expect(acked.status).toBe(200);
      expect(acked.json()).toMatchObject({ id: first.id, acknowledged: true, count: 2 });
      const ackedAt = acked.json().acknowledgedAt;
      expect((await post(`/api/v1/alerts/${first.id}/ack`)).json().acknowledgedAt).toBe(ackedAt);

      const reopened = await raiseAlert(db(), input);
      expect(reopened.id).not.toBe(first.id);
      expect(reopened.count).toBe(1);
      const open = (await get('/api/v1/alerts?acknowledged=false')).json().items;
      expect(open.filter((alert: { kind: string }) => alert.kind === 'test')).toEqual([
        expect.objectContaining({ id: reopened.id, message: 'First.', count: 1, connectionId: null }),
      ]);
      const all = (await get('/api/v1/alerts')).json().items;
      expect(all.filter((alert: { kind: string }) => alert.kind === 'test')).toHaveLength(2);
    });

    it('answers 404 for an unknown alert', async () => {
      const missing = await post('/api/v1/alerts/01900000-0000-7000-8000-000000000000/ack');
      expect({ status: missing.status, code: missing.json().error.code }).toEqual({
        status: 404,
        code: 'ALERT_NOT_FOUND',
      });
    });
  });

  describe('against the NetSuite simulator', () => {
    let red = '';
    let blue = '';

    beforeAll(async () => {
      const { items } = await seedNetSuite(served, {
        items: [
          { itemId: 'SIM-RED', type: 'inventoryItem', displayName: 'Red shirt' },
          { itemId: 'SIM-BLUE', type: 'inventoryItem', displayName: 'Blue mug' },
        ],
      });
      red = items[0] ?? '';
      blue = items[1] ?? '';
    });

    async function client() {
      const { database, outbound, redactor, vault } = harness.sidecar;
      const clients = new NetSuiteClients({ database, outbound, secrets: redactor });
      return clients.connect(await netsuiteConnectionOf(database.db, vault, accountId));
    }

    it('resolves mapped SKUs from the table, looks up the rest once, and remembers what it found', async () => {
      await saveSkuMapping(db(), { sku: 'SIM-RED', netsuiteItemId: red, connectionId: storeA });
      const netsuite = await client();
      const before = await suiteQlCalls();
      const skus = ['SIM-RED', 'SIM-BLUE', 'SIM-NONE', 'sim-blue'];
      const first = await resolveSkus({ db: db(), client: netsuite, connectionId: storeA, skus });
      expect(Object.fromEntries(first.items)).toEqual({ 'SIM-RED': red, 'SIM-BLUE': blue });
      expect(first.missing).toEqual(['SIM-NONE', 'sim-blue']);
      expect((await suiteQlCalls()) - before).toBe(1);

      const [remembered] = await listSkuMappings(db(), { sku: 'SIM-BLUE', limit: 10 });
      expect(remembered).toMatchObject({ connectionId: storeA, netsuiteItemId: blue, source: 'lookup' });

      const second = await resolveSkus({ db: db(), client: netsuite, connectionId: storeA, skus: skus.slice(0, 2) });
      expect(Object.fromEntries(second.items)).toEqual({ 'SIM-RED': red, 'SIM-BLUE': blue });
      expect(second.missing).toEqual([]);
      expect((await suiteQlCalls()) - before).toBe(1);
    });

    it('searches NetSuite items for the mapping picker', async () => {
      const byName = await get(`/api/v1/netsuite/items?q=blue&netsuiteAccountId=${accountId}`);
      expect(byName.status).toBe(200);
      expect(byName.json()).toEqual({
        items: [{ id: blue, itemId: 'SIM-BLUE', displayName: 'Blue mug', type: 'InvtPart' }],
      });
      const byDisplayName = await get(`/api/v1/netsuite/items?q=${encodeURIComponent('shirt')}&connectionId=${storeB}`);
      expect(byDisplayName.json().items.map((item: { id: string }) => item.id)).toEqual([red]);
      const all = await get('/api/v1/netsuite/items?q=SIM-');
      expect(all.json().items.map((item: { itemId: string }) => item.itemId)).toEqual(['SIM-BLUE', 'SIM-RED']);
      expect((await get('/api/v1/netsuite/items?q=100%25')).json().items).toEqual([]);
    });

    it('answers 404 for an unknown NetSuite account', async () => {
      const missing = await get('/api/v1/netsuite/items?q=x&netsuiteAccountId=01900000-0000-7000-8000-000000000000');
      expect({ status: missing.status, code: missing.json().error.code }).toEqual({
        status: 404,
        code: 'NETSUITE_ACCOUNT_NOT_FOUND',
      });
    });
  });
});
