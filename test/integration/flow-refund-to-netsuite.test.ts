import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionHandlers } from '../../sidecar/src/flows/handlers.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { ledger as readLedger } from '../simulators/netsuite/records/test-helpers.ts';
import type { SimRecord } from '../simulators/netsuite/store.ts';
import { requestLog, type ServedSimulator, simControl } from '../simulators/netsuite/test-support.ts';
import {
  type Json,
  type StartedWooCommerceSimulator,
  startWooCommerceSimulator,
} from '../simulators/woocommerce/test-support.ts';
import { connectStore, seedNetSuite, startNetSuiteAccount } from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  billInNetSuite,
  depositPayoutLines,
  ledgerImpact,
  onlyRecord,
  recordsOf,
  SHOP_ACCOUNTS,
  transformRecord,
} from '../support/netsuite-books.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const TAX_CODE = '5';
const ACCOUNT = 'TSTDRV5550002';
const integration = { clientId: 'mlc-refund-client', certificateId: 'mlc-refund-cert' };
const TOPICS = ['order.created', 'order.updated', 'action.woocommerce_order_refunded'];

interface JobView {
  id: string;
  kind: string;
  state: string;
  lastError: { code: string; detail?: unknown } | null;
}

const ADDRESS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address_1: '1 Analytical Way',
  city: 'Springfield',
  state: 'IL',
  postcode: '62701',
  country: 'US',
};

/**
 * Refunds made in the WooCommerce simulator reach the sidecar as WooCommerce delivers them (order.updated listing the
 * refund, and the refund action naming the order); the sidecar reads them back through the store's REST API and books
 * them in the NetSuite simulator, whose ledger shows what each posted.
 */
describe.each(databaseKinds())('flow: WooCommerce refunds → NetSuite [%s]', (kind) => {
  let harness: TestSidecar;
  let served: ServedSimulator;
  let woo: StartedWooCommerceSimulator;
  let connectionId = '';
  let taxRate = 0;
  const ids = { main: '', checking: '', shirt: '', mug: '', shipping: '', refunds: '' };
  const products = { shirt: 0, mug: 0 };

  const get = (path: string) => harness.call(path);
  const records = (type: SimRecord['type'], externalId: string) => recordsOf(served, type, externalId);
  const only = (type: SimRecord['type'], externalId: string) => onlyRecord(served, type, externalId);

  /** Every job of the order, once none is still running or waiting for anything but a held or dead one before it. */
  async function settledJobs(orderId: number): Promise<JobView[]> {
    const entityKey = encodeURIComponent(`woocommerce:${connectionId}:order:${orderId}`);
    const blocked = (job: JobView, jobs: JobView[]) =>
      job.state === 'queued' && jobs.some((other) => ['held', 'dead'].includes(other.state) && other.id < job.id);
    for (const deadline = Date.now() + 25_000; Date.now() < deadline; ) {
      const jobs = (await get(`/api/v1/jobs?entityKey=${entityKey}`)).json().items as JobView[];
      const done = (job: JobView) => ['succeeded', 'held', 'dead'].includes(job.state) || blocked(job, jobs);
      if (jobs.length > 0 && jobs.every(done)) return jobs;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`The jobs of order ${orderId} did not settle.`);
  }

  /**
   * Runs WooCommerce's queue (its Action Scheduler) and waits for the sidecar to work through the order's jobs. The
   * store's clock moves on first: WooCommerce derives a delivery id from the webhook and the second, so two refund
   * actions of one order in the same second would be one delivery to the sidecar.
   */
  async function deliver(orderId: number): Promise<JobView[]> {
    await woo.control.clock({ advance_ms: 2000 });
    const delivered = await woo.control.flush();
    expect(delivered.map((entry) => entry.status)).toEqual(delivered.map(() => 200));
    return settledJobs(orderId);
  }

  const refundJobs = (jobs: JobView[]) => jobs.filter((job) => job.kind === 'woocommerce.order-refunded');
  const expectAllSucceeded = (jobs: JobView[]) =>
    expect(jobs.map((job) => ({ state: job.state, error: job.lastError?.code ?? null }))).toEqual(
      jobs.map(() => ({ state: 'succeeded', error: null })),
    );

  const timelineOf = async (jobId: string) =>
    ((await get(`/api/v1/jobs/${jobId}`)).json().timeline as { message: string }[]).map((event) => event.message);
  const timelinesOf = async (jobs: JobView[]) => (await Promise.all(jobs.map((job) => timelineOf(job.id)))).flat();

  /** A paid order of two shirts (24.00 + 2.40 tax), a mug (8.00 + 0.80) and flat-rate shipping (5.00 + 0.50): 40.70. */
  async function placeOrder(options: { paid?: boolean } = {}) {
    const order = await woo.control.placeOrder({
      billing: { ...ADDRESS, email: 'ada@example.test' },
      shipping: ADDRESS,
      payment_method: 'stripe',
      payment_method_title: 'Credit Card (Stripe)',
      line_items: [
        { product_id: products.shirt, quantity: 2 },
        { product_id: products.mug, quantity: 1 },
      ],
      shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
      tax_rate_ids: [taxRate],
      set_paid: options.paid ?? true,
    });
    expect(order.total).toBe('40.70');
    const jobs = await deliver(order.id);
    expectAllSucceeded(jobs);
    return order;
  }

  const itemIds = (order: Json) => {
    const [shirts, mug] = order.line_items as { id: number }[];
    const [shipping] = order.shipping_lines as { id: number }[];
    return { shirts: shirts?.id ?? 0, mug: mug?.id ?? 0, shipping: shipping?.id ?? 0 };
  };
  const give = (id: number, quantity: number, total: string, tax: string) => ({
    id,
    quantity,
    refund_total: total,
    refund_tax: [{ id: taxRate, refund_total: tax }],
  });

  async function refund(order: Json, input: Parameters<StartedWooCommerceSimulator['control']['refund']>[1]) {
    const made = await woo.control.refund(order.id, { refunded_payment: true, ...input });
    return { refund: made, jobs: await deliver(order.id) };
  }

  /** What issue 6 will do on NetSuite's side: ship everything, invoice it and apply the deposit to the invoice. */
  const bill = (orderId: number, total = '40.70') => billInNetSuite(served, orderId, total);
  const ledger = (transaction?: string) => readLedger(served, transaction);
  const impact = ledgerImpact;
  const transform = (from: string, fromId: string, to: string, body: unknown) =>
    transformRecord(served, from, fromId, to, body);

  beforeAll(async () => {
    const netsuite = await startNetSuiteAccount(ACCOUNT, integration);
    served = netsuite.served;
    const { locations, accounts, items } = await seedNetSuite(served, {
      locations: [{ name: 'Main' }],
      accounts: SHOP_ACCOUNTS,
      items: [
        { itemId: 'NS-SHIRT-BLACK-M', type: 'inventoryItem', incomeAccount: '4010', cost: '5.00', stock: { Main: 50 } },
        { itemId: 'MUG-WHT', type: 'inventoryItem', incomeAccount: '4010', cost: '3.00', stock: { Main: 50 } },
        { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900' },
        { itemId: 'REFUND-ADJUSTMENT', type: 'otherChargeItem', incomeAccount: '4950' },
      ],
    });
    Object.assign(ids, {
      main: locations[0],
      checking: accounts[0],
      shirt: items[0],
      mug: items[1],
      shipping: items[2],
      refunds: items[3],
    });

    woo = await startWooCommerceSimulator();
    taxRate = (await woo.control.createTaxRate({ percent: '10', label: 'State Tax', shipping: true })).id;
    products.shirt = (
      await woo.control.createProduct({
        name: 'Cotton T-Shirt - Black, M',
        sku: 'TSHIRT-BLK-M',
        regular_price: '12.00',
      })
    ).id;
    products.mug = (await woo.control.createProduct({ name: 'Ceramic Mug', sku: 'MUG-WHT', regular_price: '8.00' })).id;

    harness = await startTestSidecar(kind, { handlers: productionHandlers });
    const store = await connectStore(harness, netsuite.account, {
      name: 'Refund shop',
      storeUrl: woo.url,
      credentials: woo.credentials,
      settings: {
        masterLocationId: ids.main,
        shippingItems: { flat_rate: ids.shipping },
        paymentMethods: { stripe: { accountId: ids.checking } },
        taxCodes: { [String(taxRate)]: TAX_CODE },
        refundItemId: ids.refunds,
        goLiveAt: '2020-01-01T00:00:00Z',
      },
    });
    connectionId = store.connectionId;
    for (const [sku, item] of [
      ['TSHIRT-BLK-M', ids.shirt],
      ['MUG-WHT', ids.mug],
    ] as const) {
      const mapped = await harness.call(`/api/v1/sku-mappings/${sku}`, {
        method: 'PUT',
        body: JSON.stringify({ netsuiteItemId: item }),
      });
      expect(mapped.status).toBe(200);
    }
    for (const topic of TOPICS) {
      await woo.control.createWebhook({
        topic,
        delivery_url: store.webhookUrl,
        secret: store.webhookSecret,
        status: 'active',
      });
    }
  });
  afterAll(async () => {
    await harness?.close();
    await served?.close();
    await woo?.stop();
  });

  let beforeBilling: Json;

  it('before billing: a partial line refund pays the deposit back and cuts the sales order', async () => {
    beforeBilling = await placeOrder();
    const items = itemIds(beforeBilling);
    const { refund: made, jobs } = await refund(beforeBilling, {
      line_items: [give(items.shirts, 1, '12.00', '1.20')],
    });
    expectAllSucceeded(jobs);
    expect(refundJobs(jobs)).toHaveLength(1);

    const customerRefund = only('customerRefund', `WOO_REFUND_${made.id}`);
    expect(String(customerRefund.fields.total)).toBe('13.2');
    expect(customerRefund.fields.account).toMatchObject({ id: ids.checking });
    expect(String(customerRefund.fields.memo)).toMatch(
      new RegExp(`^Refund ${made.id} of order ${beforeBilling.id} \\[job [0-9a-f-]+\\]$`),
    );
    // NetSuite pays a deposit out through a deposit application of its own: liability down, cash out.
    expect(impact(await depositPayoutLines(served, customerRefund))).toEqual({ '2100': '13.20', '1000': '-13.20' });

    const salesOrder = only('salesOrder', `WOO_ORDER_${beforeBilling.id}`);
    const [shirts, mug] = linesOf(salesOrder.fields, 'item');
    expect({ quantity: String(shirts?.quantity), amount: String(shirts?.amount), closed: shirts?.isClosed }).toEqual({
      quantity: '1',
      amount: '12',
      closed: false,
    });
    expect(mug?.isClosed).toBe(false);
    expect(linesOf(salesOrder.fields, 'taxDetails').map((line) => String(line.taxAmount))).toEqual([
      '1.2',
      '0.8',
      '0.5',
    ]);
    expect(await timelinesOf(jobs)).toEqual(
      expect.arrayContaining([expect.stringContaining(`as customer refund WOO_REFUND_${made.id}`)]),
    );
  });

  it('books a refund once whether the action comes twice or its job is replayed, and closes a line refunded whole', async () => {
    const { refund: made, jobs } = await refund(beforeBilling, {
      line_items: [give(itemIds(beforeBilling).mug, 1, '8.00', '0.80')],
    });
    expectAllSucceeded(jobs);
    await woo.control.fireAction('woocommerce_order_refunded', beforeBilling.id);
    const again = refundJobs(await deliver(beforeBilling.id)).sort((a, b) => a.id.localeCompare(b.id));
    expect(again).toHaveLength(3);
    const [first, , third] = again as [JobView, JobView, JobView];
    expect((await harness.call(`/api/v1/jobs/${first.id}/replay`, { method: 'POST' })).status).toBeLessThan(300);
    expectAllSucceeded(await settledJobs(beforeBilling.id));

    expect(records('customerRefund', `WOO_REFUND_${made.id}`)).toHaveLength(1);
    expect(await timelineOf(third.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('is booked in NetSuite already')]),
    );
    const [, mug] = linesOf(only('salesOrder', `WOO_ORDER_${beforeBilling.id}`).fields, 'item');
    expect(mug?.isClosed).toBe(true);
  });

  it('before billing: an amount-only refund sits on the sales order as the refund item, and billing later leaves nothing open', async () => {
    const { refund: made, jobs } = await refund(beforeBilling, { amount: '2.00' });
    expectAllSucceeded(jobs);
    expect(String(only('customerRefund', `WOO_REFUND_${made.id}`).fields.total)).toBe('2');
    const fields = only('salesOrder', `WOO_ORDER_${beforeBilling.id}`).fields;
    const adjustment = linesOf(fields, 'item').filter((line) => (line.item as { id: string }).id === ids.refunds);
    expect(adjustment.map((line) => String(line.amount))).toEqual(['-2']);

    // Billed later, the invoice charges what the deposit still holds (40.70 − 13.20 − 8.80 − 2.00) and the rest of
    // the deposit pays it: receivables stay at zero, the adjustment lands on the refund item's account.
    const invoice = await bill(beforeBilling.id, '16.70');
    const billing = [...(await ledger(invoice.id)), ...(await ledger(`WOO_DEPAPP_${beforeBilling.id}_1`))];
    expect(impact(billing)).toEqual({
      '4010': '-12.00',
      '4950': '2.00',
      '4900': '-5.00',
      '2200': '-1.70',
      '2100': '16.70',
    });
  });

  let billed: Json;

  it('after billing: a credit memo from the invoice and a customer refund reverse revenue, tax and shipping', async () => {
    billed = await placeOrder();
    const invoice = await bill(billed.id);
    const items = itemIds(billed);
    const { refund: made, jobs } = await refund(billed, {
      line_items: [give(items.mug, 1, '8.00', '0.80'), give(items.shipping, 0, '5.00', '0.50')],
    });
    expectAllSucceeded(jobs);

    const memo = only('creditMemo', `WOO_REFUND_${made.id}`);
    expect(memo.fields).toMatchObject({ createdFrom: { id: invoice.id } });
    expect(String(memo.fields.total)).toBe('14.3');
    expect(String(memo.fields.memo)).toMatch(/\[job [0-9a-f-]+\]$/);
    expect(impact(await ledger(`WOO_REFUND_${made.id}`))).toEqual({
      '4010': '8.00',
      '4900': '5.00',
      '2200': '1.30',
      '1100': '-14.30',
    });
    const payout = only('customerRefund', `WOO_REFUND_${made.id}_PAY`);
    expect(payout.fields.account).toMatchObject({ id: ids.checking });
    expect(impact(await ledger(`WOO_REFUND_${made.id}_PAY`))).toEqual({ '1100': '14.30', '1000': '-14.30' });
    expect(served.sim.store.get('creditMemo', memo.id)?.fields).toMatchObject({ unapplied: '0' });
  });

  it('after billing: an amount-only refund books on the refund-adjustment item', async () => {
    const { refund: made, jobs } = await refund(billed, { amount: '3.00' });
    expectAllSucceeded(jobs);
    const memo = only('creditMemo', `WOO_REFUND_${made.id}`);
    expect(linesOf(memo.fields, 'item').map((line) => (line.item as { id: string }).id)).toEqual([ids.refunds]);
    expect(impact(await ledger(`WOO_REFUND_${made.id}`))).toEqual({ '4950': '3.00', '1100': '-3.00' });
    expect(impact(await ledger(`WOO_REFUND_${made.id}_PAY`))).toEqual({ '1100': '3.00', '1000': '-3.00' });
  });

  it('a NetSuite fault after the credit memo was written makes no second one; a lost payout is paid on replay', async () => {
    const order = await placeOrder();
    await bill(order.id);
    await simControl(served.url, 'PUT', '/__sim/governance', {
      faults: [{ kind: 503, rate: 1, phase: 'after', path: '!transform/creditMemo' }],
    });
    let outcome: Awaited<ReturnType<typeof refund>>;
    try {
      outcome = await refund(order, { line_items: [give(itemIds(order).shirts, 1, '12.00', '1.20')] });
    } finally {
      await simControl(served.url, 'PUT', '/__sim/governance', { faults: [] });
    }
    const { refund: made, jobs } = outcome;
    expectAllSucceeded(jobs);
    const transforms = (await requestLog(served.url)).filter((entry) => entry.path.endsWith('!transform/creditMemo'));
    expect(transforms.some((entry) => entry.fault === 503 && entry.handlerStatus === 204)).toBe(true);
    expect(records('creditMemo', `WOO_REFUND_${made.id}`)).toHaveLength(1);
    const payout = only('customerRefund', `WOO_REFUND_${made.id}_PAY`);

    // The payout lost (deleted in NetSuite): replaying the refund job pays it again from the one credit memo.
    const deleted = await served.ns(`/services/rest/record/v1/customerRefund/${payout.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const [action] = refundJobs(jobs) as [JobView];
    expect((await harness.call(`/api/v1/jobs/${action.id}/replay`, { method: 'POST' })).status).toBeLessThan(300);
    expectAllSucceeded(await settledJobs(order.id));
    expect(records('creditMemo', `WOO_REFUND_${made.id}`)).toHaveLength(1);
    expect(records('customerRefund', `WOO_REFUND_${made.id}_PAY`)).toHaveLength(1);
    expect(await timelineOf(action.id)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`Credit memo WOO_REFUND_${made.id} of refund ${made.id} exists`),
      ]),
    );

    // Shipping alone, on the same bill: a credit on the shipping item, with its tax.
    const shipping = await refund(order, { line_items: [give(itemIds(order).shipping, 0, '5.00', '0.50')] });
    expectAllSucceeded(shipping.jobs);
    const memo = only('creditMemo', `WOO_REFUND_${shipping.refund.id}`);
    expect(linesOf(memo.fields, 'item').map((line) => (line.item as { id: string }).id)).toEqual([ids.shipping]);
    expect(impact(await ledger(`WOO_REFUND_${shipping.refund.id}`))).toEqual({
      '4900': '5.00',
      '2200': '0.50',
      '1100': '-5.50',
    });
  });

  it('cash-sale mode: a cash refund from the cash sale reverses revenue and tax and pays from the account', async () => {
    const order = await placeOrder();
    const salesOrder = only('salesOrder', `WOO_ORDER_${order.id}`);
    await transform('salesOrder', salesOrder.id, 'itemFulfillment', { externalId: `WOO_IF_${order.id}_1` });
    await transform('salesOrder', salesOrder.id, 'cashSale', {
      externalId: `WOO_CS_${order.id}_1`,
      undepFunds: { id: 'F' },
      account: { id: ids.checking },
    });
    const { refund: made, jobs } = await refund(order, {
      line_items: [give(itemIds(order).shirts, 1, '12.00', '1.20')],
    });
    expectAllSucceeded(jobs);
    const cashRefund = only('cashRefund', `WOO_REFUND_${made.id}`);
    expect(String(cashRefund.fields.memo)).toMatch(/\[job [0-9a-f-]+\]$/);
    expect(impact(await ledger(`WOO_REFUND_${made.id}`))).toEqual({
      '4010': '12.00',
      '2200': '1.20',
      '1000': '-13.20',
    });
    expect(records('creditMemo', `WOO_REFUND_${made.id}`)).toHaveLength(0);
  });

  it('holds a refund larger than what the deposit holds, with both figures, writing nothing', async () => {
    const order = await placeOrder();
    // The merchant corrected the deposit in NetSuite to what really arrived.
    const deposit = only('customerDeposit', `WOO_DEP_${order.id}`);
    const patched = await served.ns(`/services/rest/record/v1/customerDeposit/${deposit.id}`, {
      method: 'PATCH',
      json: { payment: 10 },
    });
    expect(patched.status).toBe(204);
    const { refund: made, jobs } = await refund(order, {
      line_items: [give(itemIds(order).shirts, 1, '12.00', '1.20')],
    });
    const held = jobs.find((job) => job.state === 'held');
    expect(held?.lastError).toMatchObject({
      code: 'REFUND_EXCEEDS_DEPOSIT',
      detail: { refundTotal: '13.20', depositHolds: '10.00' },
    });
    expect(records('customerRefund', `WOO_REFUND_${made.id}`)).toHaveLength(0);
    const [shirts] = linesOf(only('salesOrder', `WOO_ORDER_${order.id}`).fields, 'item');
    expect(String(shirts?.quantity)).toBe('2');
  });

  it('notes and books nothing for an order that never reached NetSuite', async () => {
    const order = await placeOrder({ paid: false });
    expect(records('salesOrder', `WOO_ORDER_${order.id}`)).toHaveLength(0);
    const { refund: made, jobs } = await refund(order, { amount: '5.00' });
    expectAllSucceeded(jobs);
    expect(records('customerRefund', `WOO_REFUND_${made.id}`)).toHaveLength(0);
    expect(await timelinesOf(refundJobs(jobs))).toEqual(
      expect.arrayContaining([expect.stringContaining('never reached NetSuite')]),
    );
  });
});
