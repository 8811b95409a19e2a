import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productionHandlers } from '../../sidecar/src/flows/handlers.ts';
import { peekStock } from '../simulators/netsuite/records/inventory.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { create } from '../simulators/netsuite/records/test-helpers.ts';
import type { SimRecord } from '../simulators/netsuite/store.ts';
import { requestLog, type ServedSimulator } from '../simulators/netsuite/test-support.ts';
import {
  connectStore,
  seedNetSuite,
  startNetSuiteAccount,
  type WooCommerceConnection,
} from '../support/connector-setup.ts';
import { SHOP_ACCOUNTS } from '../support/netsuite-books.ts';
import { settledJob } from '../support/settled-job.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { deliverSigned } from '../support/woocommerce-deliveries.ts';

/** A NetSuite tax code id; the simulator keeps no tax code list, so any id is a valid reference. */
const TAX_CODE = '5';
const ACCOUNT = 'TSTDRV5550001';
const integration = { clientId: 'mlc-flow-client', certificateId: 'mlc-flow-cert' };

const ADDRESS = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  company: '',
  address_1: '1 Analytical Way',
  address_2: '',
  city: 'San Francisco',
  state: 'CA',
  postcode: '94103',
  country: 'US',
};

interface LineSpec {
  id: number;
  sku: string;
  name: string;
  quantity: number;
  subtotal: string;
  tax: string;
}

/** An order as WooCommerce's REST API v3 serialises it into an order.created / order.updated body (spec §1.6). */
function wooOrder(
  id: number,
  options: {
    status?: string;
    lines: LineSpec[];
    modified?: string;
    customerId?: number;
    email?: string;
    fees?: { name: string; total: string; tax: string }[];
  },
) {
  const cents = (text: string) => Math.round(Number(text) * 100);
  const money = (value: number) => (value / 100).toFixed(2);
  const fees = options.fees ?? [];
  const lineTax = [...options.lines, ...fees].reduce((total, line) => total + cents(line.tax), 0);
  const lineTotal =
    options.lines.reduce((total, line) => total + cents(line.subtotal), 0) +
    fees.reduce((total, fee) => total + cents(fee.total), 0);
  const shipping = 500;
  const shippingTax = 50;
  return {
    id,
    parent_id: 0,
    status: options.status ?? 'processing',
    currency: 'USD',
    version: '9.8.5',
    prices_include_tax: false,
    date_created: '2026-03-22T16:28:02',
    date_modified: '2026-03-22T16:41:10',
    discount_total: '0.00',
    discount_tax: '0.00',
    shipping_total: money(shipping),
    shipping_tax: money(shippingTax),
    cart_tax: money(lineTax),
    total: money(lineTotal + shipping + lineTax + shippingTax),
    total_tax: money(lineTax + shippingTax),
    customer_id: options.customerId ?? 25,
    order_key: `wc_order_${id}`,
    billing: { ...ADDRESS, email: options.email ?? 'ada@example.test', phone: '555-0100' },
    shipping: { ...ADDRESS, phone: '' },
    payment_method: 'stripe',
    payment_method_title: 'Credit Card (Stripe)',
    transaction_id: `ch_${id}`,
    customer_ip_address: '203.0.113.10',
    customer_user_agent: 'Mozilla/5.0',
    created_via: 'checkout',
    customer_note: '',
    date_completed: null,
    date_paid: '2026-03-22T16:28:08',
    cart_hash: '',
    number: String(id),
    meta_data: [],
    line_items: options.lines.map((line) => ({
      id: line.id,
      name: line.name,
      product_id: line.id + 1000,
      variation_id: 0,
      quantity: line.quantity,
      tax_class: '',
      subtotal: line.subtotal,
      subtotal_tax: line.tax,
      total: line.subtotal,
      total_tax: line.tax,
      taxes: [{ id: 1, total: line.tax, subtotal: line.tax }],
      meta_data: [],
      sku: line.sku,
      price: Number(line.subtotal) / line.quantity,
      image: { id: '', src: '' },
      parent_name: null,
    })),
    tax_lines: [
      {
        id: 900,
        rate_code: 'US-CA-STATE TAX-1',
        rate_id: 1,
        label: 'State Tax',
        compound: false,
        tax_total: money(lineTax),
        shipping_tax_total: money(shippingTax),
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
        total: money(shipping),
        total_tax: money(shippingTax),
        taxes: [{ id: 1, total: money(shippingTax), subtotal: '' }],
        meta_data: [],
      },
    ],
    fee_lines: fees.map((fee, index) => ({
      id: 950 + index,
      name: fee.name,
      tax_class: '',
      tax_status: 'taxable',
      amount: fee.total,
      total: fee.total,
      total_tax: fee.tax,
      taxes: [{ id: 1, total: fee.tax, subtotal: '' }],
      meta_data: [],
    })),
    coupon_lines: [],
    refunds: [],
    date_created_gmt: '2026-03-22T19:28:02',
    date_modified_gmt: options.modified ?? '2026-03-22T19:41:10',
    date_completed_gmt: null,
    date_paid_gmt: '2026-03-22T19:28:08',
    _links: { self: [{ href: `https://shop.example.com/wp-json/wc/v3/orders/${id}` }] },
  };
}

const SHIRTS: LineSpec = {
  id: 1,
  sku: 'TSHIRT-BLK-M',
  name: 'Cotton T-Shirt - Black, M',
  quantity: 2,
  subtotal: '24.00',
  tax: '2.40',
};
const MUG: LineSpec = { id: 2, sku: 'MUG-WHT', name: 'Ceramic Mug', quantity: 1, subtotal: '8.00', tax: '0.80' };

describe('flow: WooCommerce order → NetSuite customer, sales order and deposit [pglite]', () => {
  let harness: TestSidecar;
  let served: ServedSimulator;
  let store: WooCommerceConnection;
  let connectionId = '';
  const ids = { main: '', west: '', checking: '', shirt: '', mug: '', shipping: '', giftWrap: '' };

  const get = (path: string) => harness.call(path);
  const messagesOf = async (jobId: string) =>
    ((await get(`/api/v1/jobs/${jobId}`)).json().timeline as { message: string }[]).map((event) => event.message);
  const records = (type: SimRecord['type'], prefix: string) =>
    served.sim.store.all(type).filter((record) => record.externalId?.startsWith(prefix));

  const deliver = (topic: string, body: string, deliveryId?: string) =>
    deliverSigned(store.webhookUrl, store.webhookSecret, { topic, body, ...(deliveryId ? { deliveryId } : {}) });
  const settled = (jobId: string | undefined, until?: readonly string[]) => settledJob(harness, jobId, until);

  beforeAll(async () => {
    const netsuite = await startNetSuiteAccount(ACCOUNT, integration);
    served = netsuite.served;
    const { locations, accounts, items } = await seedNetSuite(served, {
      locations: [{ name: 'Main' }, { name: 'West' }],
      accounts: SHOP_ACCOUNTS,
      items: [
        { itemId: 'NS-SHIRT-BLACK-M', type: 'inventoryItem', incomeAccount: '4010', stock: { Main: 5, West: 10 } },
        { itemId: 'MUG-WHT', type: 'inventoryItem', incomeAccount: '4010', stock: { Main: 5, West: 10 } },
        { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900' },
        { itemId: 'GIFT-WRAP', type: 'otherChargeItem', incomeAccount: '4010' },
      ],
    });
    Object.assign(ids, {
      main: locations[0],
      west: locations[1],
      checking: accounts[0],
      shirt: items[0],
      mug: items[1],
      shipping: items[2],
      giftWrap: items[3],
    });

    harness = await startTestSidecar('pglite', { handlers: productionHandlers });
    store = await connectStore(harness, netsuite.account, {
      name: 'Flow shop',
      storeUrl: 'https://shop.example.com',
      settings: {
        masterLocationId: ids.main,
        locationRules: [{ country: 'US', state: 'CA', locationId: ids.west }],
        shippingItems: { flat_rate: ids.shipping },
        paymentMethods: { stripe: { accountId: ids.checking } },
        taxCodes: { '1': TAX_CODE },
        goLiveAt: '2026-01-01T00:00:00Z',
      },
    });
    connectionId = store.connectionId;
    // One SKU mapped by the merchant, the other found in NetSuite by its item name.
    const mapped = await harness.call(`/api/v1/sku-mappings/${SHIRTS.sku}`, {
      method: 'PUT',
      body: JSON.stringify({ netsuiteItemId: ids.shirt }),
    });
    expect(mapped.status).toBe(200);
  });
  afterAll(async () => {
    await harness?.close();
    await served?.close();
  });

  const paidOrder = JSON.stringify(wooOrder(727, { lines: [SHIRTS, MUG] }));

  it('writes a paid order as one customer, one sales order committing stock at its location, and one deposit', async () => {
    const created = await deliver('order.created', paidOrder);
    const job = await settled(created.jobId);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });

    const customers = records('customer', 'WOO_CUST_');
    expect(customers.map((record) => record.externalId)).toEqual(['WOO_CUST_25']);
    expect(customers[0]?.fields).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.test' });

    const orders = records('salesOrder', 'WOO_ORDER_');
    expect(orders.map((record) => record.externalId)).toEqual(['WOO_ORDER_727']);
    const order = orders[0] as SimRecord;
    expect(String(order.fields.total)).toBe('40.7');
    expect(order.fields).toMatchObject({ otherRefNum: '727', entity: { id: customers[0]?.id } });
    expect(String(order.fields.memo)).toContain(`[job ${created.jobId}]`);
    const taxLines = linesOf(order.fields, 'taxDetails');
    expect(taxLines.length).toBeGreaterThan(0);
    for (const taxLine of taxLines) expect(taxLine.taxCode).toEqual({ id: TAX_CODE });
    const lines = linesOf(order.fields, 'item');
    expect(
      lines.map((line) => ({
        item: (line.item as { id: string }).id,
        location: (line.location as { id: string }).id,
        quantity: String(line.quantity),
        committed: String(line.quantityCommitted),
      })),
    ).toEqual([
      { item: ids.shirt, location: ids.west, quantity: '2', committed: '2' },
      { item: ids.mug, location: ids.west, quantity: '1', committed: '1' },
    ]);
    expect(peekStock(served.sim, ids.shirt, ids.west)?.committed).toBe('2');
    expect(peekStock(served.sim, ids.shirt, ids.main)?.committed ?? '0').toBe('0');

    const deposits = records('customerDeposit', 'WOO_DEP_');
    expect(deposits.map((record) => record.externalId)).toEqual(['WOO_DEP_727']);
    expect(deposits[0]?.fields).toMatchObject({
      salesOrder: { id: order.id },
      account: { id: ids.checking },
    });
    expect(String(deposits[0]?.fields.payment)).toBe('40.7');
    expect(String(deposits[0]?.fields.memo)).toContain(`[job ${created.jobId}]`);

    const timeline = (await get(`/api/v1/jobs/${created.jobId}`)).json().timeline as { message: string }[];
    expect(timeline.map((event) => event.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('Sales order WOO_ORDER_727 written')]),
    );
  });

  it('writes nothing twice for an order.updated of the same order or an exact redelivery', async () => {
    const requestsBefore = (await requestLog(served.url)).length;
    const updated = await deliver('order.updated', paidOrder);
    expect((await settled(updated.jobId)).state).toBe('succeeded');
    // Recognised by its fingerprint: not one NetSuite request.
    expect((await requestLog(served.url)).length).toBe(requestsBefore);
    expect(await messagesOf(updated.jobId ?? '')).toEqual(
      expect.arrayContaining([expect.stringContaining('changed nothing NetSuite holds')]),
    );
    const again = await deliver('order.updated', paidOrder, updated.deliveryId);
    expect(again.status).toBe('duplicate');
    expect(again.jobId).toBeUndefined();

    expect(records('customer', 'WOO_CUST_')).toHaveLength(1);
    expect(records('salesOrder', 'WOO_ORDER_')).toHaveLength(1);
    expect(records('customerDeposit', 'WOO_DEP_')).toHaveLength(1);
    expect(linesOf(records('salesOrder', 'WOO_ORDER_')[0]?.fields ?? {}, 'item')).toHaveLength(2);
    expect(peekStock(served.sim, ids.shirt, ids.west)?.committed).toBe('2');
  });

  it('skips an update older than the version already written', async () => {
    const older = JSON.stringify(wooOrder(727, { lines: [SHIRTS], modified: '2026-03-22T19:30:00' }));
    const job = await settled((await deliver('order.updated', older)).jobId);
    expect(job.state).toBe('succeeded');
    expect(linesOf(records('salesOrder', 'WOO_ORDER_727')[0]?.fields ?? {}, 'item')).toHaveLength(2);
  });

  it('sends nothing for an order whose status the connection does not send', async () => {
    const pending = JSON.stringify(wooOrder(728, { status: 'pending', lines: [SHIRTS] }));
    const job = await settled((await deliver('order.created', pending)).jobId);
    expect(job.state).toBe('succeeded');
    expect(records('salesOrder', 'WOO_ORDER_728')).toHaveLength(0);
    expect(records('customerDeposit', 'WOO_DEP_728')).toHaveLength(0);
    const timeline = (await get(`/api/v1/jobs/${job.id}`)).json().timeline as { message: string }[];
    expect(timeline.map((event) => event.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('is "pending"')]),
    );
  });

  it('holds an order with an unmapped SKU for review, and completes it once the SKU is mapped', async () => {
    const unknown: LineSpec = {
      id: 3,
      sku: 'POSTER-A2',
      name: 'Poster A2',
      quantity: 1,
      subtotal: '15.00',
      tax: '1.50',
    };
    const body = JSON.stringify(wooOrder(729, { lines: [MUG, unknown] }));
    const delivered = await deliver('order.created', body);
    const held = await settled(delivered.jobId);
    expect(held.state).toBe('held');
    expect(held.lastError).toMatchObject({ code: 'UNMAPPED_SKU', detail: { skus: ['POSTER-A2'] } });
    expect(records('salesOrder', 'WOO_ORDER_729')).toHaveLength(0);

    const queue = (await get('/api/v1/review-queue')).json().items as { jobId: string; code: string }[];
    expect(queue).toEqual([
      expect.objectContaining({
        jobId: delivered.jobId,
        code: 'UNMAPPED_SKU',
        skus: ['POSTER-A2'],
        order: { number: '729', total: '30.80' },
      }),
    ]);

    const mapped = await harness.call('/api/v1/sku-mappings/POSTER-A2', {
      method: 'PUT',
      body: JSON.stringify({ netsuiteItemId: ids.mug, connectionId }),
    });
    expect(mapped.json()).toMatchObject({ released: 1 });
    expect((await settled(delivered.jobId, ['succeeded', 'dead'])).state).toBe('succeeded');
    const [order] = records('salesOrder', 'WOO_ORDER_729');
    expect(String(order?.fields.total)).toBe('30.8');
    expect(records('customerDeposit', 'WOO_DEP_729')).toHaveLength(1);
    expect((await get('/api/v1/review-queue')).json().items).toEqual([]);
  });

  it('matches a guest by email, case aside, and creates a guest customer only once', async () => {
    const known = JSON.stringify(wooOrder(730, { customerId: 0, email: 'ADA@Example.test', lines: [MUG] }));
    expect((await settled((await deliver('order.created', known)).jobId)).state).toBe('succeeded');
    const [ada] = records('customer', 'WOO_CUST_25');
    expect(records('salesOrder', 'WOO_ORDER_730')[0]?.fields.entity).toMatchObject({ id: ada?.id });

    const stranger = JSON.stringify(wooOrder(731, { customerId: 0, email: 'grace@example.test', lines: [MUG] }));
    expect((await settled((await deliver('order.created', stranger)).jobId)).state).toBe('succeeded');
    expect((await settled((await deliver('order.updated', stranger)).jobId)).state).toBe('succeeded');
    const guests = records('customer', 'WOO_GUEST_');
    expect(guests).toHaveLength(1);
    expect(guests[0]?.fields).toMatchObject({ email: 'grace@example.test' });
    expect(records('salesOrder', 'WOO_ORDER_731')[0]?.fields.entity).toMatchObject({ id: guests[0]?.id });
  });

  it('holds a guest order without an email', async () => {
    const anonymous = JSON.stringify(wooOrder(732, { customerId: 0, email: '', lines: [MUG] }));
    const held = await settled((await deliver('order.created', anonymous)).jobId);
    expect({ state: held.state, code: held.lastError?.code }).toEqual({ state: 'held', code: 'GUEST_WITHOUT_EMAIL' });
    expect(records('salesOrder', 'WOO_ORDER_732')).toHaveLength(0);
  });

  it('holds an order whose lines do not add up to its total, with both figures, writing no sales order', async () => {
    const off = JSON.stringify({ ...wooOrder(733, { lines: [MUG] }), total: '99.99' });
    const held = await settled((await deliver('order.created', off)).jobId);
    expect(held.state).toBe('held');
    expect(held.lastError).toMatchObject({ code: 'TOTALS_MISMATCH', detail: { computed: '14.30', expected: '99.99' } });
    expect(records('salesOrder', 'WOO_ORDER_733')).toHaveLength(0);
  });

  it('holds an order taxed at a rate with no NetSuite tax code, released by mapping the rate', async () => {
    const settings = (taxCodes: Record<string, string>) =>
      harness.call(`/api/v1/connections/${connectionId}`, {
        method: 'PATCH',
        body: JSON.stringify({ settings: { taxCodes } }),
      });
    expect((await settings({})).status).toBe(200);
    const delivered = await deliver('order.created', JSON.stringify(wooOrder(735, { lines: [MUG] })));
    const held = await settled(delivered.jobId);
    expect(held.state).toBe('held');
    expect(held.lastError).toMatchObject({ code: 'UNMAPPED_TAX_RATE', detail: { rates: ['1'] } });
    expect(records('salesOrder', 'WOO_ORDER_735')).toHaveLength(0);

    expect((await settings({ '1': TAX_CODE })).status).toBe(200);
    expect((await settled(delivered.jobId, ['succeeded', 'dead'])).state).toBe('succeeded');
    expect(records('salesOrder', 'WOO_ORDER_735')).toHaveLength(1);
  });

  const patchSettings = async (settings: Record<string, unknown>) => {
    const response = await harness.call(`/api/v1/connections/${connectionId}`, {
      method: 'PATCH',
      body: JSON.stringify({ settings }),
    });
    expect(response.status).toBe(200);
  };
  const itemLines = (externalId: string) =>
    linesOf(records('salesOrder', externalId)[0]?.fields ?? {}, 'item').map((line) => ({
      item: (line.item as { id: string }).id,
      quantity: String(line.quantity ?? ''),
      amount: String(line.amount),
      closed: line.isClosed === true,
    }));

  it('posts fees on the fee item (held until one is set) and dates the order in the account time zone', async () => {
    const giftWrapped = JSON.stringify(
      wooOrder(736, { lines: [MUG], fees: [{ name: 'Gift wrap', total: '3.00', tax: '0.30' }] }),
    );
    const delivered = await deliver('order.created', giftWrapped);
    const held = await settled(delivered.jobId);
    expect({ state: held.state, code: held.lastError?.code }).toEqual({ state: 'held', code: 'FEE_ITEM_NOT_SET' });

    // Setting what the hold named releases the order by itself.
    await patchSettings({ feeItemId: ids.giftWrap, netsuiteTimeZone: 'Asia/Tokyo' });
    try {
      expect((await settled(delivered.jobId, ['succeeded', 'dead'])).state).toBe('succeeded');
    } finally {
      await patchSettings({ netsuiteTimeZone: 'UTC' });
    }
    const [order] = records('salesOrder', 'WOO_ORDER_736');
    expect(String(order?.fields.total)).toBe('17.6');
    // Placed 2026-03-22T19:28:02Z: already the 23rd in Tokyo.
    expect(order?.fields.tranDate).toBe('2026-03-23');
    expect(itemLines('WOO_ORDER_736')).toEqual([
      { item: ids.mug, quantity: '1', amount: '8', closed: false },
      { item: ids.giftWrap, quantity: '1', amount: '3', closed: false },
    ]);
    expect(records('salesOrder', 'WOO_ORDER_727')[0]?.fields.tranDate).toBe('2026-03-22');
  });

  it('rewrites the sales order when the lines change before anything ships', async () => {
    await settled((await deliver('order.created', JSON.stringify(wooOrder(737, { lines: [SHIRTS, MUG] })))).jobId);
    const committedBefore = peekStock(served.sim, ids.mug, ids.west)?.committed;
    const edited = JSON.stringify(wooOrder(737, { lines: [SHIRTS], modified: '2026-03-22T20:00:00' }));
    expect((await settled((await deliver('order.updated', edited)).jobId)).state).toBe('succeeded');
    expect(itemLines('WOO_ORDER_737')).toEqual([{ item: ids.shirt, quantity: '2', amount: '24', closed: false }]);
    expect(String(records('salesOrder', 'WOO_ORDER_737')[0]?.fields.total)).toBe('31.9');
    expect(Number(peekStock(served.sim, ids.mug, ids.west)?.committed)).toBe(Number(committedBefore) - 1);
    // Paid before the edit: the deposit follows the new total.
    expect(records('customerDeposit', 'WOO_DEP_737').map((deposit) => String(deposit.fields.payment))).toEqual([
      '31.9',
    ]);
  });

  it('after shipping: leaves an unchanged order alone and raises an alert for a changed one', async () => {
    await settled((await deliver('order.created', JSON.stringify(wooOrder(738, { lines: [SHIRTS] })))).jobId);
    const [salesOrder] = records('salesOrder', 'WOO_ORDER_738');
    await create(served, `salesOrder/${salesOrder?.id}/!transform/itemFulfillment`, { externalId: 'WOO_IF_738' });

    const completed = JSON.stringify(
      wooOrder(738, { status: 'completed', lines: [SHIRTS], modified: '2026-03-22T20:00:00' }),
    );
    const unchanged = await settled((await deliver('order.updated', completed)).jobId);
    expect(unchanged.state).toBe('succeeded');
    expect(await messagesOf(unchanged.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('changed nothing NetSuite holds')]),
    );

    const moved = wooOrder(738, { lines: [SHIRTS], modified: '2026-03-22T20:02:00' });
    moved.shipping = { ...moved.shipping, address_1: '9 Elsewhere Rd' };
    expect((await settled((await deliver('order.updated', JSON.stringify(moved))).jobId)).state).toBe('succeeded');
    const movedAlerts = (await get(`/api/v1/alerts?connectionId=${connectionId}`)).json().items as { kind: string }[];
    expect(movedAlerts.filter((alert) => alert.kind === 'order_changed_after_shipping')).toHaveLength(1);

    const grown = JSON.stringify(wooOrder(738, { lines: [SHIRTS, MUG], modified: '2026-03-22T20:05:00' }));
    expect((await settled((await deliver('order.updated', grown)).jobId)).state).toBe('succeeded');
    expect(itemLines('WOO_ORDER_738')).toEqual([{ item: ids.shirt, quantity: '2', amount: '24', closed: false }]);
    const alerts = (await get(`/api/v1/alerts?connectionId=${connectionId}`)).json().items as { kind: string }[];
    expect(alerts.map((alert) => alert.kind)).toContain('order_changed_after_shipping');
    expect(records('salesOrder', 'WOO_ORDER_738')).toHaveLength(1);
  });

  it('closes the unshipped lines of a cancelled order, releasing their stock, and pays its deposit back', async () => {
    await settled((await deliver('order.created', JSON.stringify(wooOrder(739, { lines: [MUG] })))).jobId);
    const committed = Number(peekStock(served.sim, ids.mug, ids.west)?.committed);
    const cancelled = JSON.stringify(
      wooOrder(739, { status: 'cancelled', lines: [MUG], modified: '2026-03-22T20:00:00' }),
    );
    expect((await settled((await deliver('order.updated', cancelled)).jobId)).state).toBe('succeeded');
    expect(itemLines('WOO_ORDER_739')).toEqual([{ item: ids.mug, quantity: '1', amount: '8', closed: true }]);
    expect(Number(peekStock(served.sim, ids.mug, ids.west)?.committed)).toBe(committed - 1);
    // Paid before it was cancelled: the deposit goes back, once, however often the cancellation arrives.
    const payouts = () => records('customerRefund', 'WOO_CANCEL_739');
    expect(payouts().map((payout) => String(payout.fields.total))).toEqual(['14.3']);
    expect(payouts()[0]?.fields).toMatchObject({ account: { id: ids.checking } });
    const again = JSON.stringify(wooOrder(739, { status: 'cancelled', lines: [MUG], modified: '2026-03-22T20:10:00' }));
    expect((await settled((await deliver('order.updated', again)).jobId)).state).toBe('succeeded');
    expect(payouts()).toHaveLength(1);
  });

  it('closes the sales order of an order moved to the trash (order.deleted names only its id)', async () => {
    await settled((await deliver('order.created', JSON.stringify(wooOrder(741, { lines: [MUG] })))).jobId);
    const trashed = await settled((await deliver('order.deleted', JSON.stringify({ id: 741 }))).jobId);
    expect(trashed.state).toBe('succeeded');
    expect(itemLines('WOO_ORDER_741')).toEqual([{ item: ids.mug, quantity: '1', amount: '8', closed: true }]);

    const never = await settled((await deliver('order.deleted', JSON.stringify({ id: 999 }))).jobId);
    expect(await messagesOf(never.id)).toEqual(
      expect.arrayContaining([expect.stringContaining('never reached NetSuite')]),
    );
  });
});
