import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionHandlers } from '../../sidecar/src/flows/handlers.ts';
import { toCents } from '../../sidecar/src/netsuite/builders/index.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import type { SimRecord } from '../simulators/netsuite/store.ts';
import { requestLog, type ServedSimulator, simControl, startSimulator } from '../simulators/netsuite/test-support.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const TAX_CODE = '5';
const ACCOUNT = 'TSTDRV5550002';
const integration = { clientId: 'mlc-refund-client', certificateId: 'mlc-refund-cert' };
const secret = () => randomBytes(24).toString('base64url');
const sign = (body: string, key: string) => createHmac('sha256', key).update(body).digest('base64');

interface LedgerLine {
  transactionId: string;
  transactionType: string;
  externalId: string | null;
  account: { id: string; number: string | null };
  debit: string;
  credit: string;
}

const ADDRESS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  company: '',
  address_1: '1 Analytical Way',
  address_2: '',
  city: 'Springfield',
  state: 'IL',
  postcode: '62701',
  country: 'US',
};

/** Two shirts (24.00 + 2.40 tax), a mug (8.00 + 0.80 tax), flat-rate shipping 5.00 + 0.50: 40.70, paid by Stripe. */
function wooOrder(id: number) {
  const line = (lineId: number, sku: string, name: string, quantity: number, subtotal: string, tax: string) => ({
    id: lineId,
    name,
    product_id: lineId + 1000,
    variation_id: 0,
    quantity,
    tax_class: '',
    subtotal,
    subtotal_tax: tax,
    total: subtotal,
    total_tax: tax,
    taxes: [{ id: 1, total: tax, subtotal: tax }],
    meta_data: [],
    sku,
    price: Number(subtotal) / quantity,
    image: { id: '', src: '' },
    parent_name: null,
  });
  return {
    id,
    parent_id: 0,
    status: 'processing',
    currency: 'USD',
    version: '9.8.5',
    prices_include_tax: false,
    date_created: '2026-03-22T16:28:02',
    date_modified: '2026-03-22T16:41:10',
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: '5.00',
    shipping_tax: '0.50',
    cart_tax: '3.20',
    total: '40.70',
    total_tax: '3.70',
    customer_id: 25,
    order_key: `wc_order_${id}`,
    billing: { ...ADDRESS, email: 'ada@example.test', phone: '555-0100' },
    shipping: { ...ADDRESS, phone: '' },
    payment_method: 'stripe',
    payment_method_title: 'Credit Card (Stripe)',
    transaction_id: `ch_${id}`,
    created_via: 'checkout',
    customer_note: '',
    date_completed: null,
    date_paid: '2026-03-22T16:28:08',
    cart_hash: '',
    number: String(id),
    meta_data: [],
    line_items: [
      line(1, 'TSHIRT-BLK-M', 'Cotton T-Shirt - Black, M', 2, '24.00', '2.40'),
      line(2, 'MUG-WHT', 'Ceramic Mug', 1, '8.00', '0.80'),
    ],
    tax_lines: [
      {
        id: 900,
        rate_code: 'US-IL-STATE TAX-1',
        rate_id: 1,
        label: 'State Tax',
        compound: false,
        tax_total: '3.20',
        shipping_tax_total: '0.50',
        rate_percent: 10,
        meta_data: [],
      },
    ],
    shipping_lines: [
      {
        id: 901,
        method_title: 'Flat rate',
        method_id: 'flat_rate',
        instance_id: '3',
        total: '5.00',
        total_tax: '0.50',
        taxes: [{ id: 1, total: '0.50', subtotal: '' }],
        meta_data: [],
      },
    ],
    fee_lines: [],
    coupon_lines: [],
    refunds: [],
    date_created_gmt: '2026-03-22T19:28:02',
    date_modified_gmt: '2026-03-22T19:41:10',
    date_completed_gmt: null,
    date_paid_gmt: '2026-03-22T19:28:08',
  };
}

interface RefundedItem {
  orderLineId: number;
  quantity: number;
  total: string;
  tax: string;
}

/** A refund as `GET /orders/{id}/refunds` lists it (spec §1.6): amount positive, items negative. */
function wooRefund(id: number, amount: string, content: { lines?: RefundedItem[]; shipping?: RefundedItem } = {}) {
  const negative = (text: string) => (text === '0.00' ? text : `-${text}`);
  const item = (refunded: RefundedItem, index: number) => ({
    id: id * 10 + index,
    total: negative(refunded.total),
    total_tax: negative(refunded.tax),
    taxes: [{ id: 1, total: negative(refunded.tax), subtotal: negative(refunded.tax) }],
    meta_data: [{ id: id * 100 + index, key: '_refunded_item_id', value: String(refunded.orderLineId) }],
  });
  return {
    id,
    date_created: '2026-03-23T10:02:11',
    date_created_gmt: '2026-03-23T13:02:11',
    amount,
    reason: `Refund ${id}`,
    refunded_by: 1,
    refunded_payment: true,
    meta_data: [],
    line_items: (content.lines ?? []).map((refunded, index) => ({
      ...item(refunded, index),
      name: refunded.orderLineId === 1 ? 'Cotton T-Shirt - Black, M' : 'Ceramic Mug',
      product_id: refunded.orderLineId + 1000,
      variation_id: 0,
      quantity: -refunded.quantity,
      tax_class: '',
      subtotal: negative(refunded.total),
      subtotal_tax: negative(refunded.tax),
      sku: refunded.orderLineId === 1 ? 'TSHIRT-BLK-M' : 'MUG-WHT',
      price: -Number(refunded.total) / refunded.quantity,
    })),
    shipping_lines: content.shipping ? [{ ...item(content.shipping, 9), method_id: 'flat_rate' }] : [],
  };
}

const ONE_SHIRT: RefundedItem = { orderLineId: 1, quantity: 1, total: '12.00', tax: '1.20' };
const THE_MUG: RefundedItem = { orderLineId: 2, quantity: 1, total: '8.00', tax: '0.80' };
const SHIPPING: RefundedItem = { orderLineId: 901, quantity: 0, total: '5.00', tax: '0.50' };

/**
 * The store's REST API as far as the refund flow reads it: an order and its refunds, newest first, with
 * WooCommerce's paging headers. (Stands in until the WooCommerce simulator serves these.)
 */
async function startStore() {
  const orders = new Map<number, unknown>();
  const refunds = new Map<number, unknown[]>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://store').pathname;
    const match = /^\/wp-json\/wc\/v3\/orders\/(\d+)(\/refunds)?$/.exec(path);
    const orderId = Number(match?.[1]);
    const body = match?.[2] ? [...(refunds.get(orderId) ?? [])].reverse() : orders.get(orderId);
    if (request.method !== 'GET' || body === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.' }));
      return;
    }
    const count = Array.isArray(body) ? body.length : 1;
    response.writeHead(200, {
      'content-type': 'application/json',
      'x-wp-total': String(count),
      'x-wp-totalpages': '1',
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    putOrder: (order: { id: number } & Record<string, unknown>) => orders.set(order.id, order),
    addRefund: (orderId: number, refund: unknown) => refunds.set(orderId, [...(refunds.get(orderId) ?? []), refund]),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(databaseKinds())('flow: WooCommerce refunds → NetSuite [%s]', (kind) => {
  let harness: TestSidecar;
  let served: ServedSimulator;
  let store: Awaited<ReturnType<typeof startStore>>;
  let connectionId = '';
  const webhookSecret = secret();
  const ids = { main: '', checking: '', shirt: '', mug: '', shipping: '', refunds: '' };

  const get = (path: string) => harness.call(path);
  const records = (type: SimRecord['type'], externalId: string) =>
    served.sim.store.all(type).filter((record) => record.externalId === externalId);
  const only = (type: SimRecord['type'], externalId: string): SimRecord => {
    const found = records(type, externalId);
    expect(found, `${type} ${externalId}`).toHaveLength(1);
    return found[0] as SimRecord;
  };

  async function deliver(topic: string, body: string) {
    const response = await fetch(`${harness.sidecar.url}/webhooks/woocommerce/${connectionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-wc-webhook-topic': topic,
        'x-wc-webhook-id': '1',
        'x-wc-webhook-delivery-id': randomBytes(16).toString('hex'),
        'x-wc-webhook-signature': sign(body, webhookSecret),
      },
      body,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { status: string; jobId?: string };
  }

  async function settled(jobId: string | undefined, until: readonly string[] = ['succeeded', 'held', 'dead']) {
    if (!jobId) throw new Error('The delivery started no job.');
    for (const deadline = Date.now() + 25_000; Date.now() < deadline; ) {
      const job = (await get(`/api/v1/jobs/${jobId}`)).json();
      if (until.includes(job.state)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Job ${jobId} did not settle.`);
  }

  const timelineOf = async (jobId: string) =>
    ((await get(`/api/v1/jobs/${jobId}`)).json().timeline as { message: string }[]).map((event) => event.message);

  /** The order in the store and in NetSuite (customer, sales order, deposit), through the order flow. */
  async function placeOrder(id: number) {
    const order = wooOrder(id);
    store.putOrder(order);
    const job = await settled((await deliver('order.created', JSON.stringify(order))).jobId);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    return { salesOrder: only('salesOrder', `WOO_ORDER_${id}`), deposit: only('customerDeposit', `WOO_DEP_${id}`) };
  }

  /** What issue 6 will do on NetSuite's side: ship everything, invoice it and apply the deposit to the invoice. */
  async function bill(id: number, total = '40.70') {
    const { salesOrder, deposit } = {
      salesOrder: only('salesOrder', `WOO_ORDER_${id}`),
      deposit: only('customerDeposit', `WOO_DEP_${id}`),
    };
    const transform = async (from: string, fromId: string, to: string, body: unknown) => {
      const response = await served.ns(`/services/rest/record/v1/${from}/${fromId}/!transform/${to}`, {
        method: 'POST',
        json: body,
      });
      expect(response.status, await response.clone().text()).toBe(204);
    };
    await transform('salesOrder', salesOrder.id, 'itemFulfillment', { externalId: `WOO_IF_${id}_1` });
    await transform('salesOrder', salesOrder.id, 'invoice', { externalId: `WOO_INV_${id}_1` });
    const invoice = only('invoice', `WOO_INV_${id}_1`);
    expect(Number(invoice.fields.total).toFixed(2)).toBe(total);
    await transform('customerDeposit', deposit.id, 'depositApplication', {
      externalId: `WOO_DEPAPP_${id}_1`,
      apply: { items: [{ doc: { id: invoice.id }, apply: true, amount: Number(total) }] },
    });
    return invoice;
  }

  async function refundAction(orderId: number) {
    const body = JSON.stringify({ action: 'woocommerce_order_refunded', arg: orderId });
    return settled((await deliver('action.woocommerce_order_refunded', body)).jobId);
  }

  async function ledger(transaction?: string): Promise<LedgerLine[]> {
    const query = transaction === undefined ? '' : `?transaction=${encodeURIComponent(transaction)}`;
    return ((await (await simControl(served.url, 'GET', `/__sim/ledger${query}`)).json()) as { items: LedgerLine[] })
      .items;
  }

  /** Account number → net debit (positive) or credit (negative), as money text, over the given lines. */
  const impact = (lines: LedgerLine[]) => {
    const net = new Map<string, bigint>();
    for (const line of lines) {
      const key = line.account.number ?? line.account.id;
      net.set(key, (net.get(key) ?? 0n) + toCents(line.debit) - toCents(line.credit));
    }
    return Object.fromEntries(
      [...net].filter(([, cents]) => cents !== 0n).map(([number, cents]) => [number, (Number(cents) / 100).toFixed(2)]),
    );
  };

  beforeAll(async () => {
    const keys = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
    served = await startSimulator();
    store = await startStore();
    await simControl(served.url, 'POST', '/__sim/reset', { accountId: ACCOUNT });
    await simControl(served.url, 'POST', '/__sim/integrations', {
      ...integration,
      publicKeyPem: await exportSPKI(keys.publicKey),
    });
    const seeded = await simControl(served.url, 'POST', '/__sim/seed', {
      locations: [{ name: 'Main' }],
      accounts: [
        { number: '1000', name: 'Checking', type: 'Bank' },
        { number: '4010', name: 'Merchandise Sales', type: 'Income' },
        { number: '4950', name: 'Refunds and Allowances', type: 'Income' },
      ],
      items: [
        { itemId: 'NS-SHIRT-BLACK-M', type: 'inventoryItem', incomeAccount: '4010', cost: '5.00', stock: { Main: 50 } },
        { itemId: 'MUG-WHT', type: 'inventoryItem', incomeAccount: '4010', cost: '3.00', stock: { Main: 50 } },
        { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900' },
        { itemId: 'REFUND-ADJUSTMENT', type: 'otherChargeItem', incomeAccount: '4950' },
      ],
    });
    const { locations, accounts, items } = (await seeded.json()) as Record<string, { id: string }[]>;
    Object.assign(ids, {
      main: locations?.[0]?.id,
      checking: accounts?.[0]?.id,
      shirt: items?.[0]?.id,
      mug: items?.[1]?.id,
      shipping: items?.[2]?.id,
      refunds: items?.[3]?.id,
    });

    harness = await startTestSidecar(kind, { handlers: productionHandlers });
    const account = await harness.call('/api/v1/netsuite-accounts', {
      method: 'POST',
      body: JSON.stringify({
        accountId: ACCOUNT,
        baseUrl: served.url,
        auth: { type: 'm2m', ...integration, privateKeyPem: await exportPKCS8(keys.privateKey) },
      }),
    });
    expect(account.status).toBe(201);
    const connection = await harness.call('/api/v1/connections', {
      method: 'POST',
      body: JSON.stringify({
        platform: 'woocommerce',
        name: 'Refund shop',
        storeUrl: store.url,
        netsuiteAccountId: account.json().id,
        webhookSecret,
        credentials: { consumerKey: `ck_${secret()}`, consumerSecret: `cs_${secret()}` },
        settings: {
          masterLocationId: ids.main,
          shippingItems: { flat_rate: ids.shipping },
          paymentMethods: { stripe: { accountId: ids.checking } },
          taxCodes: { '1': TAX_CODE },
          refundItemId: ids.refunds,
          goLiveAt: '2026-01-01T00:00:00Z',
        },
      }),
    });
    expect(connection.status).toBe(201);
    connectionId = connection.json().id;
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
  });
  afterAll(async () => {
    await harness?.close();
    await served?.close();
    await store?.close();
  });

  it('before billing: a partial line refund pays the deposit back and cuts the sales order', async () => {
    await placeOrder(801);
    store.addRefund(801, wooRefund(811, '13.20', { lines: [ONE_SHIRT] }));
    const job = await refundAction(801);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });

    const refund = only('customerRefund', 'WOO_REFUND_811');
    expect(String(refund.fields.total)).toBe('13.2');
    expect(String(refund.fields.memo)).toBe(`Refund 811 of order 801: Refund 811 [job ${job.id}]`);
    expect(refund.fields.account).toMatchObject({ id: ids.checking });
    // NetSuite pays a deposit out through a deposit application of its own: liability down, cash out.
    const application = served.sim.store
      .all('depositApplication')
      .find((record) => linesOf(record.fields, 'apply').some((line) => (line.doc as { id: string }).id === refund.id));
    expect(application).toBeDefined();
    const lines = (await ledger()).filter((line) => [refund.id, application?.id].includes(line.transactionId));
    expect(impact(lines)).toEqual({ '2100': '13.20', '1000': '-13.20' });

    const [shirts, mug] = linesOf(only('salesOrder', 'WOO_ORDER_801').fields, 'item');
    expect({ quantity: String(shirts?.quantity), amount: String(shirts?.amount), closed: shirts?.isClosed }).toEqual({
      quantity: '1',
      amount: '12',
      closed: false,
    });
    expect(mug?.isClosed).toBe(false);
    const tax = linesOf(only('salesOrder', 'WOO_ORDER_801').fields, 'taxDetails').map((line) => String(line.taxAmount));
    expect(tax).toEqual(['1.2', '0.8', '0.5']);
    expect(await timelineOf(job.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('as customer refund WOO_REFUND_811')]),
    );
  });

  it('books a refund once whether the action comes twice or its job is replayed, and closes a line refunded whole', async () => {
    store.addRefund(801, wooRefund(812, '8.80', { lines: [THE_MUG] }));
    const first = await refundAction(801);
    const second = await refundAction(801);
    expect([first.state, second.state]).toEqual(['succeeded', 'succeeded']);
    const replayed = await harness.call(`/api/v1/jobs/${first.id}/replay`, { method: 'POST' });
    expect(replayed.status).toBeLessThan(300);
    expect((await settled(first.id, ['succeeded', 'held', 'dead'])).state).toBe('succeeded');

    expect(records('customerRefund', 'WOO_REFUND_811')).toHaveLength(1);
    expect(records('customerRefund', 'WOO_REFUND_812')).toHaveLength(1);
    expect(await timelineOf(second.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('is booked in NetSuite already')]),
    );
    const [, mug] = linesOf(only('salesOrder', 'WOO_ORDER_801').fields, 'item');
    expect(mug?.isClosed).toBe(true);
    expect(String(only('customerDeposit', 'WOO_DEP_801').fields.payment)).toBe('40.7');
  });

  it('before billing: an amount-only refund pays the deposit back and sits on the sales order as the refund item', async () => {
    store.addRefund(801, wooRefund(813, '2.00'));
    const job = await refundAction(801);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    expect(String(only('customerRefund', 'WOO_REFUND_813').fields.total)).toBe('2');
    const adjustment = linesOf(only('salesOrder', 'WOO_ORDER_801').fields, 'item').filter(
      (line) => (line.item as { id: string }).id === ids.refunds,
    );
    expect(adjustment.map((line) => String(line.amount))).toEqual(['-2']);
    // What the deposit still holds (40.70 − 13.20 − 8.80 − 2.00) is what the sales order will still bill: its open
    // lines, shipping, and the tax of open lines and shipping (a closed line keeps its amount but is never billed).
    const fields = only('salesOrder', 'WOO_ORDER_801').fields;
    const open = linesOf(fields, 'item').filter((line) => line.isClosed !== true);
    const openReferences = new Set(open.map((line) => line.taxDetailsReference).filter(Boolean));
    const tax = linesOf(fields, 'taxDetails').filter((line) => {
      const reference = (line.taxDetailsReference as { id?: string } | undefined)?.id;
      return reference === undefined || openReferences.has(reference);
    });
    const cents = [...open.map((line) => line.amount), fields.shippingCost, ...tax.map((line) => line.taxAmount)]
      .map((value) => toCents(Number(value).toFixed(2)))
      .reduce((total, value) => total + value, 0n);
    expect(cents).toBe(1670n);

    // Billed later, the invoice charges exactly that and the rest of the deposit pays it: receivables stay at zero.
    const invoice = await bill(801, '16.70');
    const billing = [...(await ledger(invoice.id)), ...(await ledger('WOO_DEPAPP_801_1'))];
    expect(impact(billing)).toEqual({
      '4010': '-12.00',
      '4950': '2.00',
      '4900': '-5.00',
      '2200': '-1.70',
      '2100': '16.70',
    });
  });

  it('after billing: a credit memo from the invoice and a customer refund reverse revenue, tax and shipping', async () => {
    await placeOrder(802);
    const invoice = await bill(802);
    store.addRefund(802, wooRefund(821, '14.30', { lines: [THE_MUG], shipping: SHIPPING }));
    const job = await refundAction(802);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });

    const memo = only('creditMemo', 'WOO_REFUND_821');
    expect(memo.fields).toMatchObject({ createdFrom: { id: invoice.id } });
    expect(String(memo.fields.total)).toBe('14.3');
    expect(String(memo.fields.memo)).toContain(`[job ${job.id}]`);
    expect(impact(await ledger('WOO_REFUND_821'))).toEqual({
      '4010': '8.00',
      '4900': '5.00',
      '2200': '1.30',
      '1100': '-14.30',
    });
    const payout = only('customerRefund', 'WOO_REFUND_821_PAY');
    expect(payout.fields.account).toMatchObject({ id: ids.checking });
    expect(impact(await ledger('WOO_REFUND_821_PAY'))).toEqual({ '1100': '14.30', '1000': '-14.30' });
    expect(served.sim.store.get('creditMemo', memo.id)?.fields).toMatchObject({ unapplied: '0' });
  });

  it('after billing: an amount-only refund books on the refund-adjustment item', async () => {
    store.addRefund(802, wooRefund(822, '3.00'));
    const job = await refundAction(802);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    const memo = only('creditMemo', 'WOO_REFUND_822');
    expect(linesOf(memo.fields, 'item').map((line) => (line.item as { id: string }).id)).toEqual([ids.refunds]);
    expect(impact(await ledger('WOO_REFUND_822'))).toEqual({ '4950': '3.00', '1100': '-3.00' });
    expect(impact(await ledger('WOO_REFUND_822_PAY'))).toEqual({ '1100': '3.00', '1000': '-3.00' });
    expect(records('creditMemo', 'WOO_REFUND_821')).toHaveLength(1);
  });

  it('a NetSuite fault after the credit memo was written makes no second one; a lost payout is paid on replay', async () => {
    await placeOrder(803);
    await bill(803);
    store.addRefund(803, wooRefund(831, '13.20', { lines: [ONE_SHIRT] }));
    await simControl(served.url, 'PUT', '/__sim/governance', {
      faults: [{ kind: 503, rate: 1, phase: 'after', path: '!transform/creditMemo' }],
    });
    let job: { id: string; state: string; lastError: unknown };
    try {
      job = await refundAction(803);
    } finally {
      await simControl(served.url, 'PUT', '/__sim/governance', { faults: [] });
    }
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    const transforms = (await requestLog(served.url)).filter((entry) => entry.path.endsWith('!transform/creditMemo'));
    expect(transforms.some((entry) => entry.fault === 503 && entry.handlerStatus === 204)).toBe(true);
    expect(records('creditMemo', 'WOO_REFUND_831')).toHaveLength(1);
    const payout = only('customerRefund', 'WOO_REFUND_831_PAY');

    // The payout lost (deleted in NetSuite): replaying the job pays it again from the one credit memo.
    const deleted = await served.ns(`/services/rest/record/v1/customerRefund/${payout.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect((await harness.call(`/api/v1/jobs/${job.id}/replay`, { method: 'POST' })).status).toBeLessThan(300);
    expect((await settled(job.id)).state).toBe('succeeded');
    expect(records('creditMemo', 'WOO_REFUND_831')).toHaveLength(1);
    expect(records('customerRefund', 'WOO_REFUND_831_PAY')).toHaveLength(1);
    expect(await timelineOf(job.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('Credit memo WOO_REFUND_831 of refund 831 exists already')]),
    );
  });

  it('after billing: a shipping-only refund credits the shipping item and its tax', async () => {
    store.addRefund(803, wooRefund(832, '5.50', { shipping: SHIPPING }));
    const job = await refundAction(803);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    const memo = only('creditMemo', 'WOO_REFUND_832');
    expect(linesOf(memo.fields, 'item').map((line) => (line.item as { id: string }).id)).toEqual([ids.shipping]);
    expect(impact(await ledger('WOO_REFUND_832'))).toEqual({ '4900': '5.00', '2200': '0.50', '1100': '-5.50' });
    expect(impact(await ledger('WOO_REFUND_832_PAY'))).toEqual({ '1100': '5.50', '1000': '-5.50' });
  });

  it('cash-sale mode: a cash refund from the cash sale reverses revenue and tax and pays from the account', async () => {
    await placeOrder(806);
    const { salesOrder } = { salesOrder: only('salesOrder', 'WOO_ORDER_806') };
    for (const [to, body] of [
      ['itemFulfillment', { externalId: 'WOO_IF_806_1' }],
      ['cashSale', { externalId: 'WOO_CS_806_1', undepFunds: { id: 'F' }, account: { id: ids.checking } }],
    ] as const) {
      const response = await served.ns(`/services/rest/record/v1/salesOrder/${salesOrder.id}/!transform/${to}`, {
        method: 'POST',
        json: body,
      });
      expect(response.status, await response.clone().text()).toBe(204);
    }
    store.addRefund(806, wooRefund(861, '13.20', { lines: [ONE_SHIRT] }));
    const job = await refundAction(806);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    const refund = only('cashRefund', 'WOO_REFUND_861');
    expect(String(refund.fields.memo)).toContain(`[job ${job.id}]`);
    expect(impact(await ledger('WOO_REFUND_861'))).toEqual({ '4010': '12.00', '2200': '1.20', '1000': '-13.20' });
    expect(records('creditMemo', 'WOO_REFUND_861')).toHaveLength(0);
    expect((await refundAction(806)).state).toBe('succeeded');
    expect(records('cashRefund', 'WOO_REFUND_861')).toHaveLength(1);
  });

  it('holds a refund larger than what the deposit holds, with both figures, writing nothing', async () => {
    await placeOrder(804);
    store.addRefund(804, wooRefund(841, '50.00'));
    const job = await refundAction(804);
    expect(job.state).toBe('held');
    expect(job.lastError).toMatchObject({
      code: 'REFUND_EXCEEDS_DEPOSIT',
      detail: { refundTotal: '50.00', depositHolds: '40.70' },
    });
    expect(records('customerRefund', 'WOO_REFUND_841')).toHaveLength(0);
    expect(linesOf(only('salesOrder', 'WOO_ORDER_804').fields, 'item')).toHaveLength(2);
  });

  it('notes and books nothing for an order that never reached NetSuite', async () => {
    store.putOrder({ ...wooOrder(805), status: 'pending' });
    store.addRefund(805, wooRefund(851, '13.20', { lines: [ONE_SHIRT] }));
    const job = await refundAction(805);
    expect(job.state).toBe('succeeded');
    expect(records('customerRefund', 'WOO_REFUND_851')).toHaveLength(0);
    expect(await timelineOf(job.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('never reached NetSuite')]),
    );
  });
});
