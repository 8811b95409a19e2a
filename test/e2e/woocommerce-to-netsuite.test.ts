/**
 * WooCommerce → NetSuite end to end: the WooCommerce simulator's own webhook deliveries (built at delivery time,
 * signed with each webhook's secret, sent when the test flushes WooCommerce's queue) reach a real sidecar, whose
 * production handlers write to the NetSuite simulator. What is checked is what a merchant would check: the records
 * NetSuite ends up with, each exactly once, and their money on the ledger. Replaying the recorded fixtures verbatim
 * is covered by test/integration/webhooks.woocommerce.test.ts.
 */
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboundEvents, jobs } from '../../sidecar/src/db/schema.ts';
import { toCents } from '../../sidecar/src/netsuite/builders/index.ts';
import { peekStock } from '../simulators/netsuite/records/inventory.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { ledger } from '../simulators/netsuite/records/test-helpers.ts';
import { requestLog, simControl } from '../simulators/netsuite/test-support.ts';
import type { Json } from '../simulators/woocommerce/test-support.ts';
import type { DeliveryLogEntry } from '../simulators/woocommerce/webhooks.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  CALIFORNIA,
  deliverQueued,
  type EndToEnd,
  type JobView,
  jobsOf,
  placePaidOrder,
  resend,
  settledJobs,
  startEndToEnd,
  TAX_CODE,
  timelineOf,
} from '../support/e2e-harness.ts';
import { billInNetSuite, depositPayoutLines, ledgerImpact, onlyRecord, recordsOf } from '../support/netsuite-books.ts';

const SHIRTS = { sku: 'TSHIRT-BLK-M', quantity: 2 };
const MUG = { sku: 'MUG-WHT', quantity: 1 };

/** NetSuite keeps money as numbers: compared in cents with the storefront's text. */
const cents = (value: unknown) => toCents(Number(value).toFixed(2));

interface OrderLineJson {
  id: number;
  sku: string;
}

describe.each(databaseKinds())('WooCommerce → sidecar → NetSuite, end to end [%s]', (kind) => {
  let world: EndToEnd;

  beforeAll(async () => {
    world = await startEndToEnd(kind);
  });
  afterAll(async () => {
    await world?.close();
  });

  const records = (type: Parameters<typeof recordsOf>[1], externalId: string) =>
    recordsOf(world.netsuite, type, externalId);
  const only = (type: Parameters<typeof onlyRecord>[1], externalId: string) =>
    onlyRecord(world.netsuite, type, externalId);
  const webhookId = (topic: string) => world.webhooks.get(topic)?.id ?? 0;
  const states = (settled: JobView[]) => settled.map((job) => ({ state: job.state, lastError: job.lastError }));
  /** Every job succeeded, none of them after an error. */
  const allSucceeded = (settled: JobView[]) =>
    expect(states(settled)).toEqual(settled.map(() => ({ state: 'succeeded', lastError: null })));
  /** Every job succeeded in the end; a job keeps the error of an earlier attempt (a hold, a retry) as its last. */
  const allEndedSucceeded = (settled: JobView[]) =>
    expect(settled.map((job) => job.state)).toEqual(settled.map(() => 'succeeded'));
  const messagesOf = async (settled: JobView[]) =>
    (await Promise.all(settled.map((job) => timelineOf(world, job.id)))).flat();
  const itemLines = (externalId: string) =>
    linesOf(only('salesOrder', externalId).fields, 'item').map((line) => ({
      item: (line.item as { id: string }).id,
      quantity: String(line.quantity),
      closed: line.isClosed === true,
    }));
  /** Deliveries the sidecar stored, all of them or those of one delivery id (and body). */
  const storedEvents = async (where: { webhookId?: number; deliveryId?: string; body?: string } = {}) => {
    const { db } = world.sidecar.sidecar.database;
    const filters = [eq(inboundEvents.connectionId, world.connectionId)];
    if (where.webhookId !== undefined) filters.push(eq(inboundEvents.webhookId, String(where.webhookId)));
    if (where.deliveryId !== undefined) filters.push(eq(inboundEvents.deliveryId, where.deliveryId));
    if (where.body !== undefined) {
      filters.push(eq(inboundEvents.bodySha256, createHash('sha256').update(where.body).digest('hex')));
    }
    const [row] = await db
      .select({ n: count() })
      .from(inboundEvents)
      .where(and(...filters));
    return Number(row?.n);
  };
  const jobCount = async () => {
    const [row] = await world.sidecar.sidecar.database.db.select({ n: count() }).from(jobs);
    return Number(row?.n);
  };
  /** A paid order, delivered and written: one sales order and one deposit in NetSuite. */
  async function placedAndSynced(lines = [SHIRTS, MUG]): Promise<Json> {
    const order = await placePaidOrder(world, lines);
    await deliverQueued(world);
    allSucceeded(await settledJobs(world, 'order', order.id));
    expect(records('salesOrder', `WOO_ORDER_${order.id}`)).toHaveLength(1);
    expect(records('customerDeposit', `WOO_DEP_${order.id}`)).toHaveLength(1);
    return order;
  }
  const lineOf = (order: Json, sku: string) =>
    (order.line_items as OrderLineJson[]).find((line) => line.sku === sku)?.id ?? 0;
  const shippingLineOf = (order: Json) => (order.shipping_lines as { id: number }[])[0]?.id ?? 0;

  let first: { order: Json; customer: Json } | undefined;

  it("lands a new customer's paid order (two SKUs, shipping, tax) as customer, sales order and deposit", async () => {
    const grace = { ...CALIFORNIA, first_name: 'Grace', last_name: 'Hopper' };
    const email = 'grace@example.test';
    const customer = await world.woo.control.createCustomer({
      email,
      first_name: grace.first_name,
      last_name: grace.last_name,
      billing: { ...grace, email },
      shipping: grace,
    });
    const order = await placePaidOrder(world, [SHIRTS, MUG], {
      customer_id: customer.id,
      billing: { ...grace, email },
      shipping: grace,
    });
    first = { order, customer };
    // 2 × 12.00 + 8.00, 10 % tax on it and on the 5.00 shipping.
    expect(order).toMatchObject({ status: 'processing', total: '40.70', total_tax: '3.70', shipping_total: '5.00' });
    const sent = await deliverQueued(world);
    expect(sent.map((entry) => entry.topic).sort()).toEqual(['customer.created', 'order.created', 'order.updated']);

    // A registration alone does not make a NetSuite customer (the order does); its job only updates one that exists.
    allSucceeded(await settledJobs(world, 'customer', customer.id));
    allSucceeded(await settledJobs(world, 'order', order.id));

    const netsuiteCustomer = only('customer', `WOO_CUST_${customer.id}`);
    expect(netsuiteCustomer.fields).toMatchObject({
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.test',
    });
    const salesOrder = only('salesOrder', `WOO_ORDER_${order.id}`);
    expect(cents(salesOrder.fields.total)).toBe(toCents(String(order.total)));
    expect(salesOrder.fields).toMatchObject({ entity: { id: netsuiteCustomer.id }, otherRefNum: String(order.id) });
    expect(cents(salesOrder.fields.shippingCost)).toBe(500n);
    const lines = linesOf(salesOrder.fields, 'item').map((line) => ({
      item: (line.item as { id: string }).id,
      location: (line.location as { id: string }).id,
      quantity: String(line.quantity),
      committed: String(line.quantityCommitted),
      amount: String(line.amount),
    }));
    expect(lines).toEqual([
      { item: world.ns.shirt, location: world.ns.west, quantity: '2', committed: '2', amount: '24' },
      { item: world.ns.mug, location: world.ns.west, quantity: '1', committed: '1', amount: '8' },
    ]);
    const tax = linesOf(salesOrder.fields, 'taxDetails');
    expect(tax.map((line) => line.taxCode)).toEqual(tax.map(() => ({ id: TAX_CODE })));
    expect(tax.reduce((total, line) => total + cents(line.taxAmount), 0n)).toBe(370n);
    expect(peekStock(world.netsuite.sim, world.ns.shirt, world.ns.west)?.committed).toBe('2');

    const deposit = only('customerDeposit', `WOO_DEP_${order.id}`);
    expect(deposit.fields).toMatchObject({ salesOrder: { id: salesOrder.id }, account: { id: world.ns.checking } });
    expect(cents(deposit.fields.payment)).toBe(toCents(String(order.total)));
    expect(ledgerImpact(await ledger(world.netsuite, deposit.id))).toEqual({
      '1000': '40.70',
      '2100': '-40.70',
    });

    // Once NetSuite has the customer, customer.updated keeps it current.
    await world.woo.control.updateCustomer(customer.id, { last_name: 'Hopper-Murray' });
    expect((await deliverQueued(world)).map((entry) => entry.topic)).toEqual(['customer.updated']);
    allSucceeded(await settledJobs(world, 'customer', customer.id));
    expect(only('customer', `WOO_CUST_${customer.id}`).fields).toMatchObject({ lastName: 'Hopper-Murray' });
  });

  it('creates nothing for a pending order until it becomes processing', async () => {
    const order = await placePaidOrder(world, [MUG], { set_paid: false });
    expect(order.status).toBe('pending');
    await deliverQueued(world);
    const waiting = await settledJobs(world, 'order', order.id);
    allSucceeded(waiting);
    expect(records('salesOrder', `WOO_ORDER_${order.id}`)).toHaveLength(0);
    expect(records('customerDeposit', `WOO_DEP_${order.id}`)).toHaveLength(0);
    expect(await messagesOf(waiting)).toEqual(expect.arrayContaining([expect.stringContaining('is "pending"')]));

    await world.woo.control.markPaid(order.id, 'ch_pending_paid');
    expect((await deliverQueued(world)).map((entry) => entry.topic)).toEqual(['order.updated']);
    allSucceeded(await settledJobs(world, 'order', order.id));
    const salesOrder = only('salesOrder', `WOO_ORDER_${order.id}`);
    expect(cents(salesOrder.fields.total)).toBe(1430n);
    expect(cents(only('customerDeposit', `WOO_DEP_${order.id}`).fields.payment)).toBe(1430n);
  });

  it('leaves one of each record after the same delivery three times and a replay of its job', async () => {
    if (!first) throw new Error('The first order was not placed.');
    const orderId = first.order.id;
    const logged = await world.woo.control.deliveries({ webhook_id: webhookId('order.created'), kind: 'delivery' });
    const delivery = logged.find((entry) => (JSON.parse(entry.body) as { id: number }).id === orderId);
    if (!delivery?.deliveryId) throw new Error(`No order.created delivery of order ${orderId} was logged.`);
    const jobsBefore = await jobsOf(world, 'order', orderId);

    for (let i = 0; i < 3; i++) {
      const response = await resend(world, delivery);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'duplicate' });
    }
    expect(
      await storedEvents({ webhookId: delivery.webhookId, deliveryId: delivery.deliveryId, body: delivery.body }),
    ).toBe(1);
    expect(await jobsOf(world, 'order', orderId)).toHaveLength(jobsBefore.length);

    const created = jobsBefore.find((job) => job.payload.topic === 'order.created');
    if (!created) throw new Error('The order.created delivery started no job.');
    const replayed = await world.sidecar.call(`/api/v1/jobs/${created.id}/replay`, { method: 'POST' });
    expect(replayed.status, replayed.text).toBe(200);
    const after = await settledJobs(world, 'order', orderId);
    allSucceeded(after);
    expect(after.find((job) => job.id === created.id)?.replays).toBe(1);

    expect(records('customer', `WOO_CUST_${first.customer.id}`)).toHaveLength(1);
    expect(records('salesOrder', `WOO_ORDER_${orderId}`)).toHaveLength(1);
    expect(records('customerDeposit', `WOO_DEP_${orderId}`)).toHaveLength(1);
    expect(linesOf(only('salesOrder', `WOO_ORDER_${orderId}`).fields, 'item')).toHaveLength(2);
  });

  it('processes two different deliveries that share a delivery id (same webhook, same second)', async () => {
    // Frozen at the start of a second no earlier delivery was sent in.
    const { now } = await world.woo.control.clock({});
    await world.woo.control.clock({ freeze_at: (Math.floor(Date.parse(now) / 1000) + 1) * 1000 });
    let sent: DeliveryLogEntry[];
    let orders: Json[];
    let revisited: Json;
    try {
      // Two orders in one second: the order.created webhook sends both under one delivery id.
      orders = [await placePaidOrder(world, [MUG]), await placePaidOrder(world, [SHIRTS])];
      // One order changed twice in that second: order.updated sends it twice under one delivery id.
      revisited = await placePaidOrder(world, [MUG], { set_paid: false });
      sent = await deliverQueued(world);
      await world.woo.control.markPaid(revisited.id);
      sent.push(...(await deliverQueued(world)));
      await world.woo.control.updateOrder(revisited.id, { shipping: { address_1: '2 Difference Engine Row' } });
      sent.push(...(await deliverQueued(world)));
    } finally {
      await world.woo.control.clock({ unfreeze: true });
    }
    const created = sent.filter((entry) => entry.topic === 'order.created');
    expect(created).toHaveLength(3);
    expect(new Set(created.map((entry) => entry.deliveryId)).size).toBe(1);
    const revisions = sent.filter(
      (entry) => entry.topic === 'order.updated' && (JSON.parse(entry.body) as { id: number }).id === revisited.id,
    );
    expect(revisions).toHaveLength(3);
    expect(new Set(revisions.map((entry) => entry.deliveryId)).size).toBe(1);
    expect(new Set(revisions.map((entry) => entry.body)).size).toBe(3);
    const [createdEntry] = created;
    expect(
      await storedEvents({ webhookId: webhookId('order.created'), deliveryId: createdEntry?.deliveryId ?? '' }),
    ).toBe(3);

    for (const order of orders) {
      allSucceeded(await settledJobs(world, 'order', order.id));
      expect(cents(only('salesOrder', `WOO_ORDER_${order.id}`).fields.total)).toBe(toCents(String(order.total)));
      expect(records('customerDeposit', `WOO_DEP_${order.id}`)).toHaveLength(1);
    }
    const revisitedJobs = await settledJobs(world, 'order', revisited.id);
    allSucceeded(revisitedJobs);
    expect(revisitedJobs).toHaveLength(4);
    const salesOrder = only('salesOrder', `WOO_ORDER_${revisited.id}`);
    expect(salesOrder.fields.shippingAddress).toMatchObject({ addr1: '2 Difference Engine Row' });
    expect(records('customerDeposit', `WOO_DEP_${revisited.id}`)).toHaveLength(1);
  });

  it('holds an order with an unmapped SKU in the review queue, and mapping the SKU completes it', async () => {
    const order = await placePaidOrder(world, [{ sku: 'POSTER-A2', quantity: 1 }, MUG]);
    await deliverQueued(world);
    const [held, ...behind] = await settledJobs(world, 'order', order.id);
    expect({ state: held?.state, code: held?.lastError?.code }).toEqual({ state: 'held', code: 'UNMAPPED_SKU' });
    expect(behind.map((job) => job.state)).toEqual(['queued']);
    expect(records('salesOrder', `WOO_ORDER_${order.id}`)).toHaveLength(0);
    const queue = (await world.sidecar.call('/api/v1/review-queue')).json().items as { jobId: string }[];
    expect(queue.find((entry) => entry.jobId === held?.id)).toMatchObject({
      code: 'UNMAPPED_SKU',
      skus: ['POSTER-A2'],
      order: { number: String(order.id), total: String(order.total) },
    });

    const mapped = await world.sidecar.call('/api/v1/sku-mappings/POSTER-A2', {
      method: 'PUT',
      body: JSON.stringify({ netsuiteItemId: world.ns.poster, connectionId: world.connectionId }),
    });
    expect(mapped.status, mapped.text).toBe(200);
    expect(mapped.json()).toMatchObject({ released: 1 });
    allEndedSucceeded(await settledJobs(world, 'order', order.id));
    expect(itemLines(`WOO_ORDER_${order.id}`)).toEqual([
      { item: world.ns.poster, quantity: '1', closed: false },
      { item: world.ns.mug, quantity: '1', closed: false },
    ]);
    expect(cents(only('salesOrder', `WOO_ORDER_${order.id}`).fields.total)).toBe(toCents(String(order.total)));
    expect(records('customerDeposit', `WOO_DEP_${order.id}`)).toHaveLength(1);
    const after = (await world.sidecar.call('/api/v1/review-queue')).json().items as { jobId: string }[];
    expect(after.map((entry) => entry.jobId)).not.toContain(held?.id);
  });

  it('skips a stale update: an older body delivered after a newer one', async () => {
    const order = await placedAndSynced([MUG]);
    // The first change's delivery is held up on the way (here: not sent, kept in the log) and arrives late…
    await world.woo.control.failDeliveries({ webhook_id: webhookId('order.updated'), times: 1, status: null });
    await world.woo.control.updateOrder(order.id, { shipping: { address_1: '10 Old Street' } });
    const [delayed] = await world.woo.control.flush();
    expect(delayed).toMatchObject({ topic: 'order.updated', injected: true, success: false });
    // …after the next change's, made two seconds later.
    await world.woo.control.clock({ advance_ms: 2_000 });
    await world.woo.control.updateOrder(order.id, { shipping: { address_1: '20 New Street' } });
    await deliverQueued(world);
    allSucceeded(await settledJobs(world, 'order', order.id));
    expect(only('salesOrder', `WOO_ORDER_${order.id}`).fields.shippingAddress).toMatchObject({
      addr1: '20 New Street',
    });

    if (!delayed) throw new Error('No delivery was held back.');
    const late = await resend(world, delayed);
    expect(late.status).toBe(200);
    expect(await late.json()).toMatchObject({ status: 'accepted' });
    const settled = await settledJobs(world, 'order', order.id);
    allSucceeded(settled);
    const last = settled.at(-1);
    expect(await timelineOf(world, last?.id ?? '')).toEqual(
      expect.arrayContaining([expect.stringContaining('is older than the version already written')]),
    );
    expect(only('salesOrder', `WOO_ORDER_${order.id}`).fields.shippingAddress).toMatchObject({
      addr1: '20 New Street',
    });
  });

  it('before billing: a partial refund pays the deposit back once, through the refund action and order.updated', async () => {
    const order = await placedAndSynced();
    const refund = await world.woo.control.refund(order.id, {
      reason: 'One shirt too many',
      refunded_payment: true,
      line_items: [
        {
          id: lineOf(order, SHIRTS.sku),
          quantity: 1,
          refund_total: '12.00',
          refund_tax: [{ id: world.taxRateId, refund_total: '1.20' }],
        },
      ],
    });
    expect(refund.amount).toBe('13.20');
    const sent = await deliverQueued(world);
    expect(sent.map((entry) => entry.topic).sort()).toEqual(['action.woocommerce_order_refunded', 'order.updated']);
    const settled = await settledJobs(world, 'order', order.id);
    allSucceeded(settled);
    expect(settled.map((job) => job.kind)).toContain('woocommerce.order-refunded');

    const customerRefund = only('customerRefund', `WOO_REFUND_${refund.id}`);
    expect(cents(customerRefund.fields.total)).toBe(1320n);
    expect(customerRefund.fields.account).toMatchObject({ id: world.ns.checking });
    // Customer deposits (a liability) debited by the refund, the cash paid out of checking.
    expect(ledgerImpact(await depositPayoutLines(world.netsuite, customerRefund))).toEqual({
      '2100': '13.20',
      '1000': '-13.20',
    });
    const messages = await messagesOf(settled.slice(-2));
    expect(messages.filter((message) => /13\.20 (was already paid|paid) back/.test(message))).toEqual([
      expect.stringContaining('13.20 paid back out of deposit'),
    ]);
    expect(itemLines(`WOO_ORDER_${order.id}`)).toEqual([
      { item: world.ns.shirt, quantity: '1', closed: false },
      { item: world.ns.mug, quantity: '1', closed: false },
    ]);
  });

  it('after billing: a partial refund posts a credit memo and a customer refund, reversing revenue, tax and shipping', async () => {
    const order = await placedAndSynced();
    const invoice = await billInNetSuite(world.netsuite, order.id, '40.70');
    const taxed = (amount: string) => [{ id: world.taxRateId, refund_total: amount }];
    const refund = await world.woo.control.refund(order.id, {
      reason: 'Mug arrived chipped',
      refunded_payment: true,
      line_items: [
        { id: lineOf(order, MUG.sku), quantity: 1, refund_total: '8.00', refund_tax: taxed('0.80') },
        { id: shippingLineOf(order), refund_total: '5.00', refund_tax: taxed('0.50') },
      ],
    });
    expect(refund.amount).toBe('14.30');
    const sent = await deliverQueued(world);
    expect(sent.map((entry) => entry.topic).sort()).toEqual(['action.woocommerce_order_refunded', 'order.updated']);
    allSucceeded(await settledJobs(world, 'order', order.id));

    const memo = only('creditMemo', `WOO_REFUND_${refund.id}`);
    expect(memo.fields).toMatchObject({ createdFrom: { id: invoice.id } });
    expect(cents(memo.fields.total)).toBe(1430n);
    expect(ledgerImpact(await ledger(world.netsuite, `WOO_REFUND_${refund.id}`))).toEqual({
      '4010': '8.00',
      '4900': '5.00',
      '2200': '1.30',
      '1100': '-14.30',
    });
    const payout = only('customerRefund', `WOO_REFUND_${refund.id}_PAY`);
    expect(payout.fields.account).toMatchObject({ id: world.ns.checking });
    expect(ledgerImpact(await ledger(world.netsuite, `WOO_REFUND_${refund.id}_PAY`))).toEqual({
      '1100': '14.30',
      '1000': '-14.30',
    });
    expect(records('customerRefund', `WOO_REFUND_${refund.id}`)).toHaveLength(0);
  });

  it('closes the unshipped lines of a cancelled order and of an order moved to the trash', async () => {
    const cancelled = await placedAndSynced();
    const trashed = await placedAndSynced();
    const committed = () => Number(peekStock(world.netsuite.sim, world.ns.shirt, world.ns.west)?.committed);
    const before = committed();

    await world.woo.control.setOrderStatus(cancelled.id, 'cancelled');
    expect((await deliverQueued(world)).map((entry) => entry.topic)).toEqual(['order.updated']);
    allSucceeded(await settledJobs(world, 'order', cancelled.id));
    expect(itemLines(`WOO_ORDER_${cancelled.id}`).map((line) => line.closed)).toEqual([true, true]);
    expect(committed()).toBe(before - 2);
    // Paid and not billed: what the deposit holds goes back to the shopper, once.
    const payback = only('customerRefund', `WOO_CANCEL_${cancelled.id}`);
    expect(cents(payback.fields.total)).toBe(4070n);
    expect(ledgerImpact(await depositPayoutLines(world.netsuite, payback))).toEqual({
      '2100': '40.70',
      '1000': '-40.70',
    });

    await world.woo.control.trashOrder(trashed.id);
    expect((await deliverQueued(world)).map((entry) => entry.topic)).toEqual(['order.deleted']);
    allSucceeded(await settledJobs(world, 'order', trashed.id));
    expect(itemLines(`WOO_ORDER_${trashed.id}`).map((line) => line.closed)).toEqual([true, true]);
    expect(committed()).toBe(before - 4);
  });

  it('answers a delivery with a bad signature 401 and stores nothing', async () => {
    const eventsBefore = await storedEvents();
    const jobsBefore = await jobCount();
    for (const webhook of world.webhooks.values())
      await world.woo.control.updateWebhook(webhook.id, { status: 'paused' });
    const forged = await world.woo.control.createWebhook({
      topic: 'order.created',
      delivery_url: world.webhookUrl,
      secret: 'not-the-connection-secret',
    });
    try {
      const order = await placePaidOrder(world, [MUG]);
      const sent = await world.woo.control.flush();
      expect(
        sent.map((entry) => ({ webhookId: entry.webhookId, status: entry.status, success: entry.success })),
      ).toEqual([{ webhookId: forged.id, status: 401, success: false }]);
      expect(await storedEvents()).toBe(eventsBefore);
      expect(await jobCount()).toBe(jobsBefore);
      expect(await jobsOf(world, 'order', order.id)).toEqual([]);
      expect(records('salesOrder', `WOO_ORDER_${order.id}`)).toHaveLength(0);
    } finally {
      await world.woo.control.call('DELETE', `/webhooks/${forged.id}`);
      for (const webhook of world.webhooks.values())
        await world.woo.control.updateWebhook(webhook.id, { status: 'active' });
    }
  });

  it('ends with every record exactly once when a third of NetSuite calls fail, before or after NetSuite acted', async () => {
    const shoppers = ['ines', 'jorge', 'kwame', 'lena'];
    const customers = await Promise.all(
      shoppers
        .slice(0, 2)
        .map((name) =>
          world.woo.control.createCustomer({ email: `${name}@example.test`, first_name: name, last_name: 'Shopper' }),
        ),
    );
    const orders: Json[] = [];
    for (const [index, name] of shoppers.entries()) {
      const billing = { ...CALIFORNIA, first_name: name, last_name: 'Shopper', email: `${name}@example.test` };
      const customer = customers[index];
      orders.push(
        await placePaidOrder(world, index % 2 === 0 ? [SHIRTS, MUG] : [MUG], {
          billing,
          ...(customer ? { customer_id: customer.id } : {}),
        }),
      );
    }
    // Every 6th call answered with a 503 instead of acting; of the rest, every 5th acted on and answered with a 503: a
    // third in all, both kinds certain to happen.
    await simControl(world.netsuite.url, 'PUT', '/__sim/governance', {
      faults: [
        { kind: 503, every: 6, phase: 'before' },
        { kind: 503, every: 5, phase: 'after' },
      ],
    });
    let refund: Json;
    try {
      await deliverQueued(world);
      for (const order of orders) allEndedSucceeded(await settledJobs(world, 'order', order.id, 50_000));
      // And a refund of the second order's mug (8.00 + 0.80), paid back out of its deposit.
      const [, second] = orders;
      if (!second) throw new Error('The second order was not placed.');
      refund = await world.woo.control.refund(second.id, {
        refunded_payment: true,
        line_items: [
          {
            id: lineOf(second, MUG.sku),
            quantity: 1,
            refund_total: '8.00',
            refund_tax: [{ id: world.taxRateId, refund_total: '0.80' }],
          },
        ],
      });
      await deliverQueued(world);
      allEndedSucceeded(await settledJobs(world, 'order', second.id, 50_000));
    } finally {
      await simControl(world.netsuite.url, 'PUT', '/__sim/governance', { faults: [] });
    }
    const faults = (await requestLog(world.netsuite.url)).filter((entry) => entry.fault !== null);
    expect(faults.some((entry) => entry.handled)).toBe(true);
    expect(faults.some((entry) => !entry.handled)).toBe(true);

    for (const [index, order] of orders.entries()) {
      const customer = customers[index];
      const email = `${shoppers[index]}@example.test`;
      const inNetSuite = world.netsuite.sim.store.all('customer').filter((record) => record.fields.email === email);
      expect(inNetSuite, email).toHaveLength(1);
      if (customer) expect(inNetSuite[0]?.externalId).toBe(`WOO_CUST_${customer.id}`);
      const salesOrder = only('salesOrder', `WOO_ORDER_${order.id}`);
      expect(salesOrder.fields.entity).toMatchObject({ id: inNetSuite[0]?.id });
      expect(cents(salesOrder.fields.total)).toBe(toCents(String(order.total)));
      expect(linesOf(salesOrder.fields, 'item')).toHaveLength(index % 2 === 0 ? 2 : 1);
      expect(cents(only('customerDeposit', `WOO_DEP_${order.id}`).fields.payment)).toBe(toCents(String(order.total)));
    }
    expect(cents(only('customerRefund', `WOO_REFUND_${refund.id}`).fields.total)).toBe(880n);
  }, 120_000);
});
