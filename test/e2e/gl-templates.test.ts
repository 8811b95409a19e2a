/**
 * GL templates on the money path, end to end through the simulators (netsuite-gl.md "GL templates", "How it is
 * checked"): the shirt is in WooCommerce's Apparel category, whose template names revenue account 4020 and a
 * department; the mug (Kitchen) has none. Billing leaves apparel revenue on 4020, the mug's on the item's own 4010,
 * shipping on 4900 and tax on 2200, receivables at zero, with one reclassification journal however often the billing
 * job runs; a refund after billing moves the refunded apparel revenue back off 4020. In cash-sale mode the shipment
 * becomes a cash sale into the payment method's account and a partial refund a cash refund out of it, booked once
 * however often WooCommerce redelivers it. An order billed before the template was set keeps its books as posted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netsuiteFulfillmentsSchedule } from '../../sidecar/src/sync/netsuite-fulfillments.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { type LedgerLine, ledger, seed, totals } from '../simulators/netsuite/records/test-helpers.ts';
import { requestLog } from '../simulators/netsuite/test-support.ts';
import type { Json } from '../simulators/woocommerce/test-support.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  deliverQueued,
  type EndToEnd,
  type JobView,
  patchSettings,
  placePaidOrder,
  resend,
  runSchedule,
  settledJobs,
  startEndToEnd,
} from '../support/e2e-harness.ts';
import { ledgerImpact, onlyRecord, recordsOf, shipInNetSuite } from '../support/netsuite-books.ts';

const SHIRTS = { sku: 'TSHIRT-BLK-M', quantity: 2 };
const SHIRT = { sku: 'TSHIRT-BLK-M', quantity: 1 };
const MUG = { sku: 'MUG-WHT', quantity: 1 };
const DEPARTMENT = '7';
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BILLING = 'netsuite.fulfillment-billing';

describe.each(databaseKinds())('GL templates and refunds on the money path, end to end [%s]', (kind) => {
  let world: EndToEnd;
  let apparelAccount = '';

  beforeAll(async () => {
    world = await startEndToEnd(kind, {}, { schedules: () => [netsuiteFulfillmentsSchedule] });
    const seeded = await seed(world.netsuite, {
      accounts: [{ number: '4020', name: 'Apparel Sales', type: 'Income' }],
    });
    apparelAccount = String((seeded.accounts as { id: string }[])[0]?.id);
    const products = [...world.woo.sim.store.products.values()];
    const productOf = (sku: string) => products.find((product) => product.sku === sku)?.id ?? 0;
    await world.woo.control.updateProduct(productOf(SHIRT.sku), { categories: [{ name: 'Apparel' }] });
    await world.woo.control.updateProduct(productOf(MUG.sku), { categories: [{ name: 'Kitchen' }] });
    await setTemplates(apparelTemplates());
  });
  afterAll(async () => {
    await world?.close();
  });

  /** Matched by the category's name in capitals: the slug is `apparel`, the name `Apparel`. */
  const apparelTemplates = () => [
    { name: 'Apparel', match: { category: 'APPAREL' }, revenueAccountId: apparelAccount, departmentId: DEPARTMENT },
  ];
  const setTemplates = (glTemplates: unknown[]) => patchSettings(world, { glTemplates });
  /** The store's `GET /products` requests so far: how the connector read the products' categories. */
  const productReads = async () =>
    (await world.woo.control.requests()).filter((entry) => entry.method === 'GET' && entry.path.endsWith('/products'));
  const runPoll = async () => {
    const schedule = await runSchedule(world, 'netsuite-fulfillments');
    expect(schedule.lastOutcome, JSON.stringify(schedule)).toBe('succeeded');
  };
  const setMode = (postingMode: string) => patchSettings(world, { postingMode });
  const netsuiteWrites = async () =>
    (await requestLog(world.netsuite.url)).filter(
      (entry) => WRITES.has(entry.method) && !entry.path.includes('suiteql'),
    ).length;
  const allSucceeded = (jobs: JobView[]) => {
    expect(jobs.map((job) => `${job.kind}: ${job.state} ${job.lastError?.message ?? ''}`.trim())).toEqual(
      jobs.map((job) => `${job.kind}: succeeded`),
    );
    return jobs;
  };
  const lineOf = (order: Json, sku: string) =>
    (order.line_items as { id: number; sku: string }[]).find((line) => line.sku === sku)?.id ?? 0;
  /** The GL lines of the transactions with these externalIds. */
  const linesOfRecords = async (externalIds: readonly string[]): Promise<LedgerLine[]> =>
    (await ledger(world.netsuite)).filter((line) => line.externalId !== null && externalIds.includes(line.externalId));
  const balanced = (lines: LedgerLine[]) => {
    const { debit, credit } = totals(lines);
    expect(debit).toBe(credit);
  };

  /** A paid order synced, shipped whole in NetSuite, the poll run and every job of the order settled. */
  async function shippedAndBilled(lines: { sku: string; quantity: number }[]): Promise<Json> {
    const order = await placePaidOrder(world, lines);
    const orderId = order.id as number;
    await deliverQueued(world);
    allSucceeded(await settledJobs(world, 'order', orderId));
    await shipInNetSuite(world.netsuite, orderId);
    await runPoll();
    await deliverQueued(world);
    const jobs = allSucceeded(await settledJobs(world, 'order', orderId));
    expect(jobs.map((job) => job.kind)).toContain(BILLING);
    return order;
  }

  /** Refunds one shirt (12.00 and its 1.20 tax) and delivers what WooCommerce sends; answers the refund's id. */
  async function refundOneShirt(order: Json) {
    const refund = await world.woo.control.refund(order.id as number, {
      reason: 'One shirt too many',
      refunded_payment: true,
      line_items: [
        {
          id: lineOf(order, SHIRT.sku),
          quantity: 1,
          refund_total: '12.00',
          refund_tax: [{ id: world.taxRateId, refund_total: '1.20' }],
        },
      ],
    });
    const sent = await deliverQueued(world);
    allSucceeded(await settledJobs(world, 'order', order.id as number));
    return { refundId: refund.id as number, sent };
  }

  let invoiced: Json | undefined;

  it('bills the apparel revenue onto the template account, tags its lines, and posts its journal once', async () => {
    const readsBefore = (await productReads()).length;
    const order = await shippedAndBilled([SHIRTS, MUG]);
    invoiced = order;
    // One read of both products' categories by the order flow and one by billing, never one per line.
    const reads = (await productReads()).slice(readsBefore);
    const productIds = (order.line_items as { product_id: number }[]).map((line) => String(line.product_id));
    expect(reads.map((entry) => entry.query.include?.split(',').sort())).toEqual([
      [...productIds].sort(),
      [...productIds].sort(),
    ]);
    const orderId = order.id as number;
    const salesOrder = onlyRecord(world.netsuite, 'salesOrder', `WOO_ORDER_${orderId}`);
    const departmentOf = (itemId: string) =>
      (
        linesOf(salesOrder.fields, 'item').find((line) => (line.item as { id: string }).id === itemId)?.department as
          | { id: string }
          | undefined
      )?.id;
    expect(departmentOf(world.ns.shirt)).toBe(DEPARTMENT);
    expect(departmentOf(world.ns.mug)).toBeUndefined();

    const invoice = onlyRecord(world.netsuite, 'invoice', `WOO_INV_${orderId}_1`);
    const journal = onlyRecord(world.netsuite, 'journalEntry', `WOO_RECLASS_INV_${orderId}_1`);
    const records = [
      `WOO_INV_${orderId}_1`,
      `WOO_DEP_${orderId}`,
      `WOO_DEPAPP_${orderId}_${invoice.id}`,
      `WOO_RECLASS_INV_${orderId}_1`,
    ];
    const lines = await linesOfRecords(records);
    balanced(lines);
    // 2 × 12.00 apparel on 4020, the 8.00 mug on its item's 4010, shipping 5.00, tax 10 % of 37.00, paid by Stripe.
    expect(ledgerImpact(lines)).toEqual({
      '1000': '40.70',
      '2200': '-3.70',
      '4010': '-8.00',
      '4020': '-24.00',
      '4900': '-5.00',
    });
    const moved = lines.filter((line) => line.transactionId === journal.id);
    expect(moved.map((line) => [line.account.number, line.debit, line.credit, line.department, line.location])).toEqual(
      [
        ['4010', '24.00', '0.00', DEPARTMENT, world.ns.west],
        ['4020', '0.00', '24.00', DEPARTMENT, world.ns.west],
      ],
    );
    expect(String(journal.fields.memo)).toMatch(/ml-connector job [0-9a-f-]{36}/);
    expect(moved.every((line) => line.entity === (invoice.fields.entity as { id: string }).id)).toBe(true);

    // Polling again and replaying the billing job bill nothing and post nothing.
    const writes = await netsuiteWrites();
    await runPoll();
    const billing = (await settledJobs(world, 'order', orderId)).find((job) => job.kind === BILLING);
    const replayed = await world.sidecar.call(`/api/v1/jobs/${billing?.id}/replay`, { method: 'POST' });
    expect(replayed.status, replayed.text).toBe(200);
    for (const deadline = Date.now() + 20_000; ; ) {
      const again = (await settledJobs(world, 'order', orderId)).find((job) => job.id === billing?.id);
      if (again?.replays === 1 && again.state === 'succeeded') break;
      if (Date.now() > deadline) throw new Error(`The replayed billing job ended ${again?.state}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await netsuiteWrites()).toBe(writes);
    expect(recordsOf(world.netsuite, 'journalEntry', `WOO_RECLASS_INV_${orderId}_1`)).toHaveLength(1);
    expect(recordsOf(world.netsuite, 'invoice', `WOO_INV_${orderId}_2`)).toHaveLength(0);
    expect(ledgerImpact(await linesOfRecords(records))).toEqual(ledgerImpact(lines));
  });

  it('a partial refund after billing brings the template account down by the refunded revenue', async () => {
    const order = invoiced as Json;
    const orderId = order.id as number;
    const invoice = onlyRecord(world.netsuite, 'invoice', `WOO_INV_${orderId}_1`);
    const { refundId } = await refundOneShirt(order);
    expect(onlyRecord(world.netsuite, 'creditMemo', `WOO_REFUND_${refundId}`)).toBeDefined();
    const reversal = onlyRecord(world.netsuite, 'journalEntry', `WOO_RECLASS_REFUND_${refundId}`);
    const lines = await linesOfRecords([
      `WOO_INV_${orderId}_1`,
      `WOO_DEP_${orderId}`,
      `WOO_DEPAPP_${orderId}_${invoice.id}`,
      `WOO_RECLASS_INV_${orderId}_1`,
      `WOO_REFUND_${refundId}`,
      `WOO_REFUND_${refundId}_PAY`,
      `WOO_RECLASS_REFUND_${refundId}`,
    ]);
    balanced(lines);
    expect(ledgerImpact(lines)).toEqual({
      '1000': '27.50',
      '2200': '-2.50',
      '4010': '-8.00',
      '4020': '-12.00',
      '4900': '-5.00',
    });
    const reversed = ledgerImpact(lines.filter((line) => line.transactionId === reversal.id));
    expect(reversed).toEqual({ '4010': '-12.00', '4020': '12.00' });
  });

  it('cash-sale mode: a cash sale on shipment, a partial refund as a cash refund, booked once however redelivered', async () => {
    await setMode('cash_sale');
    try {
      const order = await shippedAndBilled([SHIRT, MUG]);
      const orderId = order.id as number;
      expect(recordsOf(world.netsuite, 'customerDeposit', `WOO_DEP_${orderId}`)).toHaveLength(0);
      const sale = onlyRecord(world.netsuite, 'cashSale', `WOO_CS_${orderId}_1`);
      expect(Number(sale.fields.total).toFixed(2)).toBe(order.total);
      const saleRecords = [`WOO_CS_${orderId}_1`, `WOO_RECLASS_CS_${orderId}_1`];
      const sold = await linesOfRecords(saleRecords);
      balanced(sold);
      expect(ledgerImpact(sold)).toEqual({
        '1000': '27.50',
        '2200': '-2.50',
        '4010': '-8.00',
        '4020': '-12.00',
        '4900': '-5.00',
      });

      const { refundId, sent } = await refundOneShirt(order);
      const records = [...saleRecords, `WOO_REFUND_${refundId}`, `WOO_RECLASS_REFUND_${refundId}`];
      const expected = { '1000': '14.30', '2200': '-1.30', '4010': '-8.00', '4900': '-5.00' };
      const refunded = await linesOfRecords(records);
      balanced(refunded);
      // The shirt's 12.00 came back off 4020 and its tax off 2200; the cash went back out of the Stripe account.
      expect(ledgerImpact(refunded)).toEqual(expected);
      expect(onlyRecord(world.netsuite, 'cashRefund', `WOO_REFUND_${refundId}`)).toBeDefined();
      expect(recordsOf(world.netsuite, 'creditMemo', `WOO_REFUND_${refundId}`)).toHaveLength(0);

      // WooCommerce redelivers both deliveries, and the merchant replays the refund job: nothing more is booked.
      const writes = await netsuiteWrites();
      for (const entry of sent) expect((await resend(world, entry)).status).toBe(200);
      const jobs = allSucceeded(await settledJobs(world, 'order', orderId));
      const refundJob = jobs.findLast((job) => job.payload.topic === 'action.woocommerce_order_refunded');
      const replayed = await world.sidecar.call(`/api/v1/jobs/${refundJob?.id}/replay`, { method: 'POST' });
      expect(replayed.status, replayed.text).toBe(200);
      for (const deadline = Date.now() + 20_000; ; ) {
        const again = (await settledJobs(world, 'order', orderId)).find((job) => job.id === refundJob?.id);
        if (again?.replays === 1 && again.state === 'succeeded') break;
        if (Date.now() > deadline) throw new Error(`The replayed refund job ended ${again?.state}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await netsuiteWrites()).toBe(writes);
      expect(recordsOf(world.netsuite, 'cashRefund', `WOO_REFUND_${refundId}`)).toHaveLength(1);
      expect(recordsOf(world.netsuite, 'journalEntry', `WOO_RECLASS_REFUND_${refundId}`)).toHaveLength(1);
      expect(ledgerImpact(await linesOfRecords(records))).toEqual(expected);
    } finally {
      await setMode('invoice');
    }
  });
  it('an order billed before the template was set is not reclassified, nor is its refund reversed', async () => {
    await setTemplates([]);
    let order: Json;
    try {
      order = await shippedAndBilled([SHIRT]);
    } finally {
      await setTemplates(apparelTemplates());
    }
    const orderId = order.id as number;
    const { refundId } = await refundOneShirt(order);
    expect(onlyRecord(world.netsuite, 'creditMemo', `WOO_REFUND_${refundId}`)).toBeDefined();
    expect(recordsOf(world.netsuite, 'journalEntry', `WOO_RECLASS_INV_${orderId}_1`)).toHaveLength(0);
    expect(recordsOf(world.netsuite, 'journalEntry', `WOO_RECLASS_REFUND_${refundId}`)).toHaveLength(0);
    const lines = await linesOfRecords([`WOO_INV_${orderId}_1`, `WOO_REFUND_${refundId}`]);
    expect(ledgerImpact(lines)['4020']).toBeUndefined();
  });
});
