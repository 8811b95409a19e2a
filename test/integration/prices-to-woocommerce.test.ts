/**
 * Prices → WooCommerce against the NetSuite and WooCommerce simulators, through a real sidecar and its
 * `netsuite-prices` schedule: off until the store names a price level; then the level's unit price (lowest quantity
 * break) becomes the regular price of simple products and variations, only when it changed; inactive items and items
 * NetSuite no longer has are left alone; a multi-currency account's prices are taken in the store's currency.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netsuitePricesSchedule } from '../../sidecar/src/prices/netsuite-prices.ts';
import { put } from '../simulators/netsuite/suiteql/fixtures.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  batchCalls,
  type EndToEnd,
  mapSkus,
  patchSettings,
  runSchedule,
  startEndToEnd,
  storeProduct,
} from '../support/e2e-harness.ts';

interface PriceRow {
  level: string;
  price: string;
  quantity?: number;
  currency?: string;
}

describe.each(databaseKinds())('prices: NetSuite → WooCommerce [%s]', (kind) => {
  let world: EndToEnd;
  let hoodieId = 0;

  beforeAll(async () => {
    world = await startEndToEnd(kind, {}, { schedules: () => [netsuitePricesSchedule] });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  const priceOf = (sku: string) => storeProduct(world, sku)?.regularPrice;

  /** Replaces the item's pricing sublist, as a merchant saving the item in NetSuite does. */
  function priceItem(itemId: string, rows: PriceRow[]): void {
    const store = world.netsuite.sim.store;
    const item = store.get('inventoryItem', itemId);
    if (!item) throw new Error(`NetSuite item ${itemId} is missing`);
    const items = rows.map((row) => ({
      priceLevel: { id: row.level },
      currencyPage: { id: row.currency ?? '1' },
      ...(row.quantity === undefined ? {} : { quantity: { value: row.quantity } }),
      price: row.price,
    }));
    store.put({ ...item, fields: { ...item.fields, price: { items } }, lastModified: Date.now() });
  }

  /** Runs the schedule now and waits for the price job it queued; answers the schedule's result and the job's note. */
  async function runPrices(): Promise<{ result: Record<string, unknown>; note: string | undefined }> {
    const body = await runSchedule(world, 'netsuite-prices');
    expect(body).toMatchObject({ name: 'netsuite-prices', lastOutcome: 'succeeded' });
    const runs = body.lastResult.details.runs as { jobId: string }[];
    if (runs.length === 0) return { result: body.lastResult, note: undefined };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const job = (await world.sidecar.call(`/api/v1/jobs/${runs[0]?.jobId}`)).json();
      if (job.state === 'succeeded') {
        const messages = (job.timeline as { message: string }[]).map((event) => event.message);
        return { result: body.lastResult, note: messages.find((message) => message.startsWith('Prices')) };
      }
      if (Date.now() > deadline || job.state === 'dead') throw new Error(`The price job did not finish: ${job.state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('is listed among the schedules, hourly, and writes nothing while the store names no price level', async () => {
    const listed = (await world.sidecar.call('/api/v1/schedules')).json();
    expect(listed.items.find((s: { name: string }) => s.name === 'netsuite-prices')).toMatchObject({
      cadence: '1h',
      cadenceMs: 3_600_000,
    });
    priceItem(world.ns.shirt, [{ level: '1', price: '14.50' }]);
    const before = batchCalls(world).length;
    const { result } = await runPrices();
    expect(result.message).toBe(
      'No WooCommerce store takes its prices from NetSuite (1 store(s) without a price level).',
    );
    expect(batchCalls(world).length).toBe(before);
    expect(priceOf('TSHIRT-BLK-M')).toBe('12.00');
  }, 60_000);

  it('writes the level’s price to simple products and variations, then nothing when nothing changed', async () => {
    const ns = world.netsuite.sim.store;
    // The harness maps TSHIRT-BLK-M and MUG-WHT. Quantity pricing: the lowest break is the unit price.
    priceItem(world.ns.shirt, [
      { level: '1', quantity: 10, price: '13.00' },
      { level: '1', quantity: 0, price: '14.5' },
      { level: '2', quantity: 0, price: '11.00' },
    ]);
    priceItem(world.ns.mug, [{ level: '1', price: '9.99' }]);
    const hoodie = world.woo.sim.store.createProduct({
      name: 'Hoodie',
      type: 'variable',
      variations: [
        { sku: 'HOODIE-S', regular_price: '29.00', attributes: { Size: 'S' } },
        { sku: 'HOODIE-M', regular_price: '29.00', attributes: { Size: 'M' } },
      ],
    } as never);
    hoodieId = hoodie.id;
    for (const [sku, price] of [
      ['HOODIE-S', '30.00'],
      ['HOODIE-M', '32.00'],
    ] as const) {
      const item = put(ns, 'inventoryItem', { itemId: `NS-${sku}`, displayName: sku, isInactive: false });
      priceItem(item.id, [{ level: '1', price }]);
      await mapSkus(world, [{ sku, netsuiteItemId: item.id }]);
    }
    world.woo.sim.store.createProduct({ name: 'Old cap', sku: 'OLD-CAP', regular_price: '5.00' });
    const cap = put(ns, 'inventoryItem', { itemId: 'NS-OLD-CAP', isInactive: true });
    priceItem(cap.id, [{ level: '1', price: '6.00' }]);
    await mapSkus(world, [{ sku: 'OLD-CAP', netsuiteItemId: cap.id }]);
    world.woo.sim.store.createProduct({ name: 'Gone', sku: 'GONE-1', regular_price: '7.00' });
    await mapSkus(world, [{ sku: 'GONE-1', netsuiteItemId: '999999' }]);

    await patchSettings(world, { priceLevelId: '1' });
    const before = batchCalls(world).length;
    const { result, note } = await runPrices();
    expect(result.message).toBe('Queued a price run for 1 store(s); 0 keep their own prices.');
    expect(note).toBe(
      'Prices (level 1): 6 mapped SKU(s), 4 changed, 4 written in 2 batch call(s); not written: 0 not in the store, ' +
        '1 not in NetSuite, 1 inactive, 0 without a price at the level, 0 priced in several currencies (set the ' +
        'price currency), 0 refused by WooCommerce.',
    );
    expect(
      batchCalls(world)
        .slice(before)
        .map((call) => call.path),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/\/products\/batch$/),
        expect.stringContaining(`/products/${hoodieId}/variations/batch`),
      ]),
    );
    expect(priceOf('TSHIRT-BLK-M')).toBe('14.50');
    expect(priceOf('MUG-WHT')).toBe('9.99');
    expect(priceOf('HOODIE-S')).toBe('30.00');
    expect(priceOf('HOODIE-M')).toBe('32.00');
    expect(priceOf('OLD-CAP')).toBe('5.00');
    expect(priceOf('GONE-1')).toBe('7.00');
    expect(priceOf('POSTER-A2')).toBe('15.00');

    const unchanged = batchCalls(world).length;
    expect((await runPrices()).note).toMatch(/^Prices \(level 1\): 6 mapped SKU\(s\), 0 changed, 0 written in 0 batch/);
    expect(batchCalls(world).length).toBe(unchanged);

    // Only the SKU whose price moved is sent.
    priceItem(world.ns.mug, [{ level: '1', price: '10.25' }]);
    expect((await runPrices()).note).toMatch(/, 1 changed, 1 written in 1 batch call\(s\);/);
    expect(batchCalls(world).length).toBe(unchanged + 1);
    expect(priceOf('MUG-WHT')).toBe('10.25');
  }, 60_000);

  it('in a multi-currency account, writes only the price in the store’s currency', async () => {
    priceItem(world.ns.mug, [
      { level: '1', price: '10.50', currency: '1' },
      { level: '1', price: '9.40', currency: '2' },
    ]);
    expect((await runPrices()).note).toMatch(/, 0 changed, .* 1 priced in several currencies/);
    expect(priceOf('MUG-WHT')).toBe('10.25');

    await patchSettings(world, { priceCurrencyId: '2' });
    expect((await runPrices()).note).toMatch(/, 1 changed, 1 written in 1 batch call\(s\);.* 0 priced in several/);
    expect(priceOf('MUG-WHT')).toBe('9.40');
    // Every other item is priced in currency 1 only: in currency 2 it has no price, and keeps the store's.
    expect(priceOf('TSHIRT-BLK-M')).toBe('14.50');
  }, 60_000);

  it('forgets a product deleted from the store, and writes to the product made anew with its SKU', async () => {
    await patchSettings(world, { priceCurrencyId: '1' });
    expect((await runPrices()).note).toMatch(/, 1 changed, 1 written in 1 batch call\(s\);/);
    const shirt = [...world.woo.sim.store.products.values()].find((p) => p.sku === 'TSHIRT-BLK-M');
    world.woo.sim.store.products.delete(shirt?.id ?? 0); // Deleted for good: a trashed product still takes updates.
    priceItem(world.ns.shirt, [{ level: '1', price: '15.00' }]);
    expect((await runPrices()).note).toMatch(
      /, 1 changed, 0 written in 1 batch call\(s\); not written: 1 not in the store, .* 0 refused by WooCommerce\.$/,
    );

    // NetSuite's price has not moved since, yet the new product gets it.
    world.woo.sim.store.createProduct({
      name: 'Cotton T-Shirt - Black, M',
      sku: 'TSHIRT-BLK-M',
      regular_price: '12.00',
    });
    expect((await runPrices()).note).toMatch(/, 1 changed, 1 written in 1 batch call\(s\); not written: 0 not in/);
    expect(priceOf('TSHIRT-BLK-M')).toBe('15.00');
  }, 60_000);
});

describe.each(databaseKinds())('prices: a newer run supersedes one still waiting [%s]', (kind) => {
  let world: EndToEnd;

  beforeAll(async () => {
    // No worker: the queued runs wait, as they would behind a busy queue.
    world = await startEndToEnd(kind, { MLC_WORKER_CONCURRENCY: '0' }, { schedules: () => [netsuitePricesSchedule] });
  }, 60_000);
  afterAll(async () => {
    await world?.close();
  });

  it('cancels the waiting run of the store when the schedule queues the next', async () => {
    await patchSettings(world, { priceLevelId: '1' });
    const run = async () =>
      (await world.sidecar.call('/api/v1/schedules/netsuite-prices/run', { method: 'POST' })).json().lastResult.details
        .runs as { jobId: string; superseded: number }[];
    const [first] = await run();
    const [second] = await run();
    expect(second).toMatchObject({ superseded: 1 });
    const stateOf = async (jobId = '') => (await world.sidecar.call(`/api/v1/jobs/${jobId}`)).json().state;
    expect(await stateOf(first?.jobId)).toBe('cancelled');
    expect(await stateOf(second?.jobId)).toBe('queued');
  }, 60_000);
});
