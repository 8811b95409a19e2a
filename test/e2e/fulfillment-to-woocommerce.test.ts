/**
 * NetSuite → WooCommerce end to end: a paid order synced to NetSuite, shipped there in two fulfillments; the
 * `netsuite-fulfillments` schedule (run through the admin API, many times) writes each back once: a customer note with
 * carrier and tracking numbers, the `mlc_fulfillments` meta, status processing after the first and completed after
 * the second; each shipment invoiced from the sales order with the deposit applied, so receivables end at zero. The
 * `order.updated` our own write-back fires comes back to the sidecar and changes nothing in NetSuite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULFILLMENTS_META_KEY } from '../../sidecar/src/flows/fulfillment-writeback.ts';
import { toCents } from '../../sidecar/src/netsuite/builders/index.ts';
import { netsuiteFulfillmentsSchedule } from '../../sidecar/src/sync/netsuite-fulfillments.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { ledger } from '../simulators/netsuite/records/test-helpers.ts';
import { requestLog } from '../simulators/netsuite/test-support.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  deliverQueued,
  type EndToEnd,
  type JobView,
  placePaidOrder,
  runSchedule,
  settledJobs,
  startEndToEnd,
} from '../support/e2e-harness.ts';
import { ledgerImpact, onlyRecord, recordsOf, transformRecord } from '../support/netsuite-books.ts';

const SHIRTS = { sku: 'TSHIRT-BLK-M', quantity: 2 };
const MUG = { sku: 'MUG-WHT', quantity: 1 };
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

describe.each(databaseKinds())('NetSuite fulfillments → WooCommerce, end to end [%s]', (kind) => {
  let world: EndToEnd;

  beforeAll(async () => {
    world = await startEndToEnd(kind, {}, { schedules: () => [netsuiteFulfillmentsSchedule] });
  });
  afterAll(async () => {
    await world?.close();
  });

  const runPoll = async () => {
    const schedule = await runSchedule(world, 'netsuite-fulfillments');
    expect(schedule.lastOutcome, JSON.stringify(schedule)).toBe('succeeded');
    return schedule;
  };
  const fulfillmentJobs = async (orderId: number, withinMs = 25_000): Promise<JobView[]> => {
    const key = encodeURIComponent(`woocommerce:${world.connectionId}:fulfillment:${orderId}`);
    const deadline = Date.now() + withinMs;
    for (;;) {
      const response = await world.sidecar.call(`/api/v1/jobs?entityKey=${key}&limit=200`);
      const jobs = (response.json().items as JobView[]).reverse();
      if (jobs.every((job) => ['succeeded', 'dead', 'held'].includes(job.state))) return jobs;
      if (Date.now() > deadline) throw new Error(`Fulfillment jobs did not settle: ${jobs.map((j) => j.state)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const storeOrder = (id: number) => {
    const order = world.woo.sim.store.orders.get(id);
    if (!order) throw new Error(`No order ${id} in the store`);
    return order;
  };
  const customerNotes = (id: number) =>
    world.woo.sim.store.notesOf(id).filter((note) => note.customerNote && note.note.includes('shipped'));
  const netsuiteWrites = async () =>
    (await requestLog(world.netsuite.url)).filter(
      (entry) => WRITES.has(entry.method) && !entry.path.includes('suiteql'),
    ).length;
  const orderLineOf = (salesOrderExternalId: string, itemId: string) => {
    const line = linesOf(onlyRecord(world.netsuite, 'salesOrder', salesOrderExternalId).fields, 'item').find(
      (candidate) => (candidate.item as { id: string }).id === itemId,
    );
    return line?.line as number;
  };

  it('writes a partial shipment, then the rest, back once each however often it polls', async () => {
    const order = await placePaidOrder(world, [SHIRTS, MUG]);
    const orderId = order.id as number;
    await deliverQueued(world);
    await settledJobs(world, 'order', orderId);
    const externalId = `WOO_ORDER_${orderId}`;
    const salesOrder = onlyRecord(world.netsuite, 'salesOrder', externalId);
    const shirtLine = orderLineOf(externalId, world.ns.shirt);
    const mugLine = orderLineOf(externalId, world.ns.mug);

    // The shirts ship first, in one parcel.
    await transformRecord(world.netsuite, 'salesOrder', salesOrder.id, 'itemFulfillment', {
      externalId: `TEST_IF_${orderId}_1`,
      item: {
        items: [
          { orderLine: shirtLine, quantity: 2 },
          { orderLine: mugLine, itemReceive: false },
        ],
      },
      package: { items: [{ packageTrackingNumber: '1Z999AA10123456784', packageWeight: 1.2 }] },
    });
    for (let poll = 0; poll < 3; poll++) await runPoll();
    const afterPartial = await fulfillmentJobs(orderId);
    // The shipment's billing job (the order's own entity) has settled too: what NetSuite holds from here is fixed.
    await settledJobs(world, 'order', orderId);
    const writesBefore = await netsuiteWrites();
    expect(afterPartial.map((job) => job.state)).toEqual(['succeeded']);
    expect(customerNotes(orderId)).toHaveLength(1);
    expect(customerNotes(orderId)[0]?.note).toContain('1Z999AA10123456784');
    expect(customerNotes(orderId)[0]?.note).toContain('2 × ');
    expect(customerNotes(orderId)[0]?.note).toContain('The rest of your order will follow.');
    expect(storeOrder(orderId).status).toBe('processing');
    const meta = storeOrder(orderId).meta.find((entry) => entry.key === FULFILLMENTS_META_KEY);
    expect(meta?.value).toMatchObject([
      { trackingNumbers: ['1Z999AA10123456784'], lines: [{ sku: 'TSHIRT-BLK-M', quantity: '2' }] },
    ]);

    // Our own write-back comes back as order.updated: recognised, nothing written to NetSuite.
    const echoed = await deliverQueued(world);
    expect(echoed.map((entry) => entry.topic)).toContain('order.updated');
    await settledJobs(world, 'order', orderId);
    expect(await netsuiteWrites()).toBe(writesBefore);

    // The mug follows with its own tracking number.
    await transformRecord(world.netsuite, 'salesOrder', salesOrder.id, 'itemFulfillment', {
      externalId: `TEST_IF_${orderId}_2`,
      item: {
        items: [
          { orderLine: mugLine, quantity: 1 },
          { orderLine: shirtLine, itemReceive: false },
        ],
      },
      package: { items: [{ packageTrackingNumber: '9400111899560000000000' }] },
    });
    for (let poll = 0; poll < 3; poll++) await runPoll();
    const afterAll_ = await fulfillmentJobs(orderId);
    await settledJobs(world, 'order', orderId);
    const writesBeforeRest = await netsuiteWrites();
    expect(afterAll_.map((job) => job.state)).toEqual(['succeeded', 'succeeded']);
    const notes = customerNotes(orderId);
    expect(notes).toHaveLength(2);
    expect(
      notes.some(
        (note) => note.note.includes('9400111899560000000000') && note.note.startsWith('Your order has shipped'),
      ),
    ).toBe(true);
    expect(storeOrder(orderId).status).toBe('completed');
    const allMeta = storeOrder(orderId).meta.find((entry) => entry.key === FULFILLMENTS_META_KEY);
    expect(allMeta?.value).toHaveLength(2);

    await deliverQueued(world);
    await settledJobs(world, 'order', orderId);
    expect(await netsuiteWrites()).toBe(writesBeforeRest);

    // Billing: each shipment invoiced from the sales order, the deposit applied, receivables back to zero.
    const invoices = [1, 2].map((n) => onlyRecord(world.netsuite, 'invoice', `WOO_INV_${orderId}_${n}`));
    const billed = invoices.reduce((total, invoice) => total + toCents(Number(invoice.fields.total).toFixed(2)), 0n);
    expect(billed).toBe(toCents(order.total as string));
    const orderRecords = new Set([
      ...invoices.map((invoice) => invoice.id),
      onlyRecord(world.netsuite, 'customerDeposit', `WOO_DEP_${orderId}`).id,
      ...invoices.map(
        (invoice) => onlyRecord(world.netsuite, 'depositApplication', `WOO_DEPAPP_${orderId}_${invoice.id}`).id,
      ),
    ]);
    const books = ledgerImpact((await ledger(world.netsuite)).filter((line) => orderRecords.has(line.transactionId)));
    expect(books['1100']).toBeUndefined();
    // Revenue (2 × 12.00 + 8.00) and shipping credited on the items' income accounts by the invoices.
    expect(books).toMatchObject({ '4010': '-32.00', '4900': '-5.00' });

    for (let poll = 0; poll < 2; poll++) await runPoll();
    expect(await fulfillmentJobs(orderId)).toHaveLength(2);
    expect(customerNotes(orderId)).toHaveLength(2);
    expect(await netsuiteWrites()).toBe(writesBeforeRest);
    for (const n of [1, 2]) expect(recordsOf(world.netsuite, 'invoice', `WOO_INV_${orderId}_${n}`)).toHaveLength(1);
    expect(recordsOf(world.netsuite, 'invoice', `WOO_INV_${orderId}_3`)).toHaveLength(0);
  });
});
