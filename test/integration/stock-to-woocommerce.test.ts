/**
 * Stock → WooCommerce against the NetSuite and WooCommerce simulators, through a real sidecar: 1,000 simple products
 * in ≤ 10 batch calls and nothing on a run without change; variations through their parent's variations batch; a
 * pending order's quantity held back; drift when the store's stock is edited by hand, and its alert on two runs; a
 * product deleted from the store forgotten and named, and the product made anew with its SKU written.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, stockLevels } from '../../sidecar/src/db/schema.ts';
import { queueStockRun } from '../../sidecar/src/stock/netsuite-stock.ts';
import { put, stock } from '../simulators/netsuite/suiteql/fixtures.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  batchCalls,
  deliverQueued,
  type EndToEnd,
  mapSkus,
  placePaidOrder,
  settledJobs,
  startEndToEnd,
  storeProduct,
} from '../support/e2e-harness.ts';

const PRODUCTS = 1_000;

describe.each(databaseKinds())('stock: NetSuite → WooCommerce [%s]', (kind) => {
  let world: EndToEnd;
  const items = new Map<string, { id: string }>();
  const productIds = new Map<string, number>();

  beforeAll(async () => {
    world = await startEndToEnd(kind);
    const ns = world.netsuite.sim.store;
    const mappings: { sku: string; netsuiteItemId: string }[] = [];
    for (let n = 0; n < PRODUCTS; n++) {
      const sku = `BULK-${String(n).padStart(4, '0')}`;
      const item = put(ns, 'inventoryItem', { itemId: `NS-${sku}`, displayName: sku, isInactive: false });
      items.set(sku, item);
      stock(ns, item, { id: world.ns.main } as never, { onHand: '10' });
      const product = world.woo.sim.store.createProduct({ name: sku, sku, manage_stock: true, stock_quantity: 0 });
      productIds.set(sku, product.id);
      mappings.push({ sku, netsuiteItemId: item.id });
    }
    await mapSkus(world, mappings);
  }, 120_000);
  afterAll(async () => {
    await world?.close();
  });

  const db = () => world.sidecar.sidecar.database.db;
  const stockOf = (sku: string) => storeProduct(world, sku)?.stockQuantity;

  async function syncNow(): Promise<Record<string, unknown>> {
    const started = await world.sidecar.call(`/api/v1/connections/${world.connectionId}/stock-sync`, {
      method: 'POST',
    });
    expect(started.status, started.text).toBe(202);
    return waitForRun();
  }
  async function waitForRun(): Promise<Record<string, unknown>> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const progress = await world.sidecar.call(`/api/v1/connections/${world.connectionId}/stock-sync`);
      const body = JSON.parse(progress.text) as Record<string, unknown>;
      if (body.state === 'succeeded' || body.state === 'failed') return body;
      if (Date.now() > deadline) throw new Error(`The stock run did not finish: ${progress.text}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('writes 1,000 changed products in ≤ 10 batch calls, then nothing when nothing changed', async () => {
    const first = await syncNow();
    expect(first, JSON.stringify(first)).toMatchObject({ state: 'succeeded', skusChanged: PRODUCTS + 2, error: null });
    expect(stockOf('BULK-0000')).toBe(10);

    // NetSuite's availability of all 1,000 moves (12 on hand, 1 committed → 11 available).
    for (const item of items.values()) {
      stock(world.netsuite.sim.store, item as never, { id: world.ns.main } as never, { onHand: '12', committed: '1' });
    }
    const before = batchCalls(world).length;
    const started = performance.now();
    const run = await syncNow();
    const ms = Math.round(performance.now() - started);
    expect(run, JSON.stringify(run)).toMatchObject({ state: 'succeeded', skusChanged: PRODUCTS, error: null });
    const sent = batchCalls(world).length - before;
    expect(sent).toBeLessThanOrEqual(10);
    expect(stockOf('BULK-0000')).toBe(11);
    expect(stockOf('BULK-0999')).toBe(11);
    console.info(`stock: ${PRODUCTS} products in ${sent} batch calls, ${ms} ms [${kind}]`);

    const again = await syncNow();
    expect(again).toMatchObject({ state: 'succeeded', skusChanged: 0, batchesSent: 0 });
    expect(batchCalls(world).length - before).toBe(sent);

    // Only the SKUs whose availability moved are sent.
    stock(world.netsuite.sim.store, items.get('BULK-0007') as never, { id: world.ns.main } as never, { onHand: '4' });
    const third = await syncNow();
    expect(third).toMatchObject({ state: 'succeeded', skusChanged: 1, batchesSent: 1 });
    expect(stockOf('BULK-0007')).toBe(4);
  }, 120_000);

  it('variations go through their parent’s variations batch', async () => {
    const parent = world.woo.sim.store.createProduct({
      name: 'Hoodie',
      type: 'variable',
      variations: [
        { sku: 'HOODIE-S', manage_stock: true, stock_quantity: 0, attributes: { Size: 'S' } },
        { sku: 'HOODIE-M', manage_stock: true, stock_quantity: 0, attributes: { Size: 'M' } },
      ],
    } as never);
    const ns = world.netsuite.sim.store;
    for (const [sku, onHand] of [
      ['HOODIE-S', '7'],
      ['HOODIE-M', '3'],
    ] as const) {
      const item = put(ns, 'inventoryItem', { itemId: `NS-${sku}`, displayName: sku, isInactive: false });
      stock(ns, item, { id: world.ns.west } as never, { onHand });
      await mapSkus(world, [{ sku, netsuiteItemId: item.id }]);
    }
    const before = batchCalls(world).length;
    const run = await syncNow();
    expect(run).toMatchObject({ state: 'succeeded', skusChanged: 2, batchesSent: 1 });
    const calls = batchCalls(world).slice(before);
    expect(calls.map((c) => c.path)).toEqual([expect.stringContaining(`/products/${parent.id}/variations/batch`)]);
    expect(stockOf('HOODIE-S')).toBe(7);
    expect(stockOf('HOODIE-M')).toBe(3);
  }, 60_000);

  it('holds back what a pending order sold that NetSuite does not know yet', async () => {
    // The harness maps TSHIRT-BLK-M to an item with 100 available at West (a location of the connection).
    await syncNow();
    expect(stockOf('TSHIRT-BLK-M')).toBe(100);
    const order = await placePaidOrder(world, [{ product_id: productIdOf('TSHIRT-BLK-M'), quantity: 3 }], {
      set_paid: false,
      status: 'pending',
    } as never);
    await deliverQueued(world);
    await settledJobs(world, 'order', order.id);
    const run = await syncNow();
    expect(run).toMatchObject({ state: 'succeeded' });
    expect(stockOf('TSHIRT-BLK-M')).toBe(97);
  }, 60_000);

  it('reports drift when the store’s stock was changed by hand, and alerts when it persists', async () => {
    const product = world.woo.sim.store.products.get(productIds.get('BULK-0042') ?? 0);
    if (!product) throw new Error('BULK-0042 is missing');
    product.stockQuantity = 55;
    const drift = await world.sidecar.call(`/api/v1/connections/${world.connectionId}/stock-drift`);
    expect(drift.status, drift.text).toBe(200);
    expect(JSON.parse(drift.text).differences).toEqual([
      expect.objectContaining({ sku: 'BULK-0042', storefront: 55, computed: 11 }),
    ]);

    const services = {
      db: db(),
      audit: world.sidecar.sidecar.audit,
      jobMaxAttempts: 3,
    };
    const open = () =>
      db()
        .select()
        .from(alerts)
        .where(and(eq(alerts.kind, 'stock_drift'), eq(alerts.connectionId, world.connectionId)));
    await queueStockRun(services, { id: world.connectionId }, 'schedule');
    expect(await waitForRun()).toMatchObject({ drifting: 1 });
    expect(await open()).toHaveLength(0);
    await queueStockRun(services, { id: world.connectionId }, 'schedule');
    expect(await waitForRun()).toMatchObject({ drifting: 1 });
    expect(await open()).toHaveLength(1);

    // "Sync stock now" puts back what NetSuite allows.
    const fixed = await syncNow();
    expect(fixed).toMatchObject({ state: 'succeeded', drifting: 0 });
    expect(stockOf('BULK-0042')).toBe(11);
  }, 60_000);

  it('forgets a product deleted from the store, names its SKU, and writes to the product made anew with it', async () => {
    await syncNow();
    const store = world.woo.sim.store;
    const deleted = productIds.get('BULK-0500') ?? 0;
    store.products.delete(deleted); // Deleted for good (a trashed product still takes updates in WooCommerce).
    stock(world.netsuite.sim.store, items.get('BULK-0500') as never, { id: world.ns.main } as never, { onHand: '6' });
    const before = world.woo.sim.requests.length;

    const run = await syncNow();
    // WooCommerce answers the batch 200 with this item as `woocommerce_rest_product_invalid_id`: not a refusal.
    expect(run, JSON.stringify(run)).toMatchObject({
      state: 'succeeded',
      skusChanged: 1,
      error: null,
      skusNotInStore: 1,
      notInStore: ['BULK-0500'],
    });
    const [level] = await db()
      .select()
      .from(stockLevels)
      .where(and(eq(stockLevels.connectionId, world.connectionId), eq(stockLevels.sku, 'BULK-0500')));
    expect(level).toMatchObject({ productId: null, parentId: null, lastWritten: null });

    // Still not in the store: looked up, not written again.
    const again = await syncNow();
    expect(again).toMatchObject({ state: 'succeeded', skusChanged: 0, batchesSent: 0, skusNotInStore: 1 });
    expect(
      world.woo.sim.requests.slice(before).filter((r) => r.path.endsWith('/batch') && r.method === 'POST'),
    ).toHaveLength(1);

    const remade = store.createProduct({ name: 'BULK-0500', sku: 'BULK-0500', manage_stock: true, stock_quantity: 0 });
    productIds.set('BULK-0500', remade.id);
    const third = await syncNow();
    expect(third).toMatchObject({
      state: 'succeeded',
      skusChanged: 1,
      batchesSent: 1,
      skusNotInStore: 0,
      notInStore: [],
    });
    expect(store.products.get(remade.id)?.stockQuantity).toBe(6);
  }, 60_000);

  const productIdOf = (sku: string) => [...world.woo.sim.store.products.values()].find((p) => p.sku === sku)?.id ?? 0;
});
