import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Money } from '../../sidecar/src/canonical/money.ts';
import type { Order } from '../../sidecar/src/canonical/order.ts';
import type { Result } from '../../sidecar/src/canonical/result.ts';
import type { UtcTimestamp } from '../../sidecar/src/canonical/time.ts';
import { checkOrderTotals } from '../../sidecar/src/canonical/totals.ts';
import { toOrderRefundedAction } from '../../sidecar/src/platforms/woocommerce/action-payload.ts';
import { wooExternalIds } from '../../sidecar/src/platforms/woocommerce/external-ids.ts';
import { isStaleUpdate } from '../../sidecar/src/platforms/woocommerce/stale.ts';
import { toCanonicalCustomer } from '../../sidecar/src/platforms/woocommerce/to-canonical-customer.ts';
import { toCanonicalOrder } from '../../sidecar/src/platforms/woocommerce/to-canonical-order.ts';
import { refundFromSummary, toCanonicalRefund } from '../../sidecar/src/platforms/woocommerce/to-canonical-refund.ts';
import { parseWooBody } from '../../sidecar/src/platforms/woocommerce/wire.ts';
import { registeredOrder } from '../support/woocommerce-payloads.ts';

/** The exact body a real WooCommerce delivered (see shared/fixtures/README.md). */
const fixtureBody = (name: string): string => {
  const recording = JSON.parse(
    readFileSync(new URL(`../../../shared/fixtures/woocommerce/${name}.json`, import.meta.url), 'utf8'),
  ) as { body_raw: string };
  return recording.body_raw;
};

const fixture = (name: string): unknown => unwrap(parseWooBody(fixtureBody(name)));

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code} at ${result.error.path.join('.')}: ${result.error.message}`);
  return result.value;
}

const refusal = <T>(result: Result<T>) => (result.ok ? undefined : result.error);

const at = (text: string) => text as UtcTimestamp;

describe('WooCommerce guest order fixtures', () => {
  const created = unwrap(toCanonicalOrder(fixture('order.created')));

  it('builds the order header with UTC dates', () => {
    expect(created).toMatchObject({
      id: '12',
      number: '12',
      status: 'pending',
      currency: 'USD',
      createdAtGmt: '2026-11-23T15:33:51.000Z',
      modifiedAtGmt: '2026-11-23T15:33:51.000Z',
      pricesIncludeTax: false,
      paymentMethod: { id: 'bacs', title: 'Direct bank transfer' },
      refunds: [],
    });
    expect(created.paidAtGmt).toBeUndefined();
    expect(created.completedAtGmt).toBeUndefined();
    expect(created.transactionId).toBeUndefined();
    expect(created.customerNote).toBeUndefined();
  });

  it('makes the shopper a guest matched by email, with the billing address', () => {
    expect(created.customer).toEqual({
      ref: { kind: 'guest', email: 'ada@example.test' },
      email: 'ada@example.test',
      firstName: 'Ada',
      lastName: 'Lovelace',
      phone: '555-0100',
      billingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        line1: '1 Analytical Way',
        city: 'San Francisco',
        state: 'CA',
        postalCode: '94103',
        country: 'US',
        phone: '555-0100',
      },
      shippingAddress: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        line1: '1 Analytical Way',
        city: 'San Francisco',
        state: 'CA',
        postalCode: '94103',
        country: 'US',
      },
    });
    expect(created.billingAddress).toEqual(created.customer.billingAddress);
    expect(created.shippingAddress).toEqual(created.customer.shippingAddress);
    expect(wooExternalIds().customer(created.customer.ref)).toBeUndefined();
  });

  it('carries the SKU line, the flat-rate shipping and the totals to the cent', () => {
    expect(created.lines).toEqual([
      {
        lineId: '1',
        sku: 'HELDOUT-SKU-001',
        productId: '11',
        name: 'Heldout Widget',
        quantity: 2,
        unitPrice: '19.99',
        unitPriceRounded: false,
        subtotal: '39.98',
        subtotalTax: '0.00',
        total: '39.98',
        totalTax: '0.00',
        taxes: [],
      },
    ]);
    expect(created.shippingLines).toEqual([
      { lineId: '2', methodId: 'flat_rate', title: 'Flat rate', total: '5.00', totalTax: '0.00', taxes: [] },
    ]);
    expect(created.feeLines).toEqual([]);
    expect(created.discounts).toEqual([]);
    expect(created.taxLines).toEqual([]);
    expect(created.totals).toEqual({
      discountTotal: '0.00',
      discountTax: '0.00',
      shippingTotal: '5.00',
      shippingTax: '0.00',
      cartTax: '0.00',
      totalTax: '0.00',
      total: '44.98',
    });
  });

  it('order.updated sent in the same second is the same order and not stale', () => {
    const updated = unwrap(toCanonicalOrder(fixture('order.updated')));
    expect(updated).toEqual(created);
    expect(isStaleUpdate(updated.modifiedAtGmt, created.modifiedAtGmt)).toBe(false);
  });

  it('order.updated after two refunds lists them newest first, paid', () => {
    const refunded = unwrap(toCanonicalOrder(fixture('order.updated-after-refunds')));
    expect(refunded.status).toBe('refunded');
    expect(refunded.paidAtGmt).toBe('2026-11-23T15:33:52.000Z');
    expect(refunded.modifiedAtGmt).toBe('2026-11-23T15:33:54.000Z');
    expect(refunded.totals.total).toBe('44.98');
    expect(refunded.refunds).toEqual([
      { id: '14', reason: 'heldout full refund', amount: '34.98', tax: '0.00' },
      { id: '13', reason: 'heldout partial refund', amount: '10.00', tax: '0.00' },
    ]);
    expect(isStaleUpdate(refunded.modifiedAtGmt, created.modifiedAtGmt)).toBe(false);
    expect(isStaleUpdate(created.modifiedAtGmt, refunded.modifiedAtGmt)).toBe(true);

    const fromSummaries = refunded.refunds.map((summary) => refundFromSummary(refunded, summary));
    expect(fromSummaries).toEqual([
      {
        id: '14',
        orderId: '12',
        amount: '34.98',
        reason: 'heldout full refund',
        itemised: false,
        lines: [],
        shipping: [],
        fees: [],
        kind: 'amount-only',
      },
      expect.objectContaining({ id: '13', amount: '10.00', kind: 'amount-only', itemised: false }),
    ]);
  });

  it('passes the totals check on every order fixture', () => {
    for (const name of ['order.created', 'order.updated', 'order.updated-after-refunds']) {
      const check = checkOrderTotals(unwrap(toCanonicalOrder(fixture(name))));
      expect(check).toMatchObject({
        ok: true,
        total: '44.98',
        breakdown: { lines: '39.98', shipping: '5.00', fees: '0.00', discounts: '0.00', tax: '0.00' },
      });
    }
  });

  it('reports a mismatch with both figures', () => {
    const order: Order = { ...created, totals: { ...created.totals, total: '44.99' as Money } };
    const check = checkOrderTotals(order);
    expect(check).toMatchObject({ ok: false, code: 'TOTALS_MISMATCH', computed: '44.98', expected: '44.99' });
    if (!check.ok) {
      expect(check.difference).toBe('-0.01');
      expect(check.message).toContain('44.98');
      expect(check.message).toContain('44.99');
    }
  });
});

describe('WooCommerce customer, action and other fixtures', () => {
  it('builds a registered customer from customer.created, dropping the blank shipping address', () => {
    const customer = unwrap(toCanonicalCustomer(fixture('customer.created')));
    expect(customer).toEqual({
      ref: { kind: 'registered', id: '2' },
      email: 'grace@example.test',
      firstName: 'Grace',
      lastName: 'Hopper',
      billingAddress: {
        firstName: 'Grace',
        lastName: 'Hopper',
        line1: '2 Compiler Rd',
        city: 'New York',
        state: 'NY',
        postalCode: '10001',
        country: 'US',
      },
      createdAtGmt: '2026-11-23T15:33:55.000Z',
      modifiedAtGmt: '2026-11-23T15:33:55.000Z',
    });
    expect(wooExternalIds().customer(customer.ref)).toBe('WOO_CUST_2');
  });

  it('reads the order id of the order-refunded action', () => {
    expect(toOrderRefundedAction(fixture('action.woocommerce_order_refunded'))).toEqual({
      ok: true,
      value: { orderId: '12' },
    });
  });

  it('refuses what is not an order or customer, as error values', () => {
    expect(refusal(toCanonicalOrder(fixture('product.updated')))).toMatchObject({
      code: 'PAYLOAD_INVALID',
      path: ['number'],
    });
    expect(refusal(toCanonicalCustomer(fixture('product.updated')))).toMatchObject({
      code: 'PAYLOAD_INVALID',
      path: ['email'],
    });
    expect(refusal(parseWooBody(fixtureBody('ping')))).toMatchObject({ code: 'PAYLOAD_INVALID' });
    expect(refusal(toOrderRefundedAction(fixture('order.created')))).toMatchObject({ code: 'PAYLOAD_INVALID' });
  });
});

/** Spec §1.6 example order 727, with a coupon, a fee, a second shipping method and consistent totals. */
describe('WooCommerce registered order (synthetic, spec §1.6 shape)', () => {
  const order = unwrap(toCanonicalOrder(registeredOrder()));

  it('refers to the registered customer and keeps the order facts', () => {
    expect(order.customer.ref).toEqual({ kind: 'registered', id: '25' });
    expect(order.customer).toMatchObject({
      email: 'john.doe@example.com',
      company: 'Doe Ltd',
      phone: '(555) 555-5555',
    });
    expect(order).toMatchObject({
      status: 'processing',
      createdAtGmt: '2026-03-22T19:28:02.000Z',
      modifiedAtGmt: '2026-03-22T19:41:10.000Z',
      paidAtGmt: '2026-03-22T19:28:08.000Z',
      transactionId: 'ch_3Nf9example',
      customerNote: 'Leave at the back door',
      refunds: [{ id: '731', reason: 'Mug arrived chipped', amount: '5.00' }],
    });
    expect(order.refunds[0]?.tax).toBeUndefined();
  });

  it('has two SKU lines, the variation carrying its own SKU and ids', () => {
    expect(order.lines.map((line) => [line.sku, line.productId, line.variationId, line.quantity])).toEqual([
      ['TSHIRT-BLK-M', '93', '94', 2],
      ['MUG-WHT', '101', undefined, 1],
    ]);
    expect(order.lines[0]).toMatchObject({
      unitPrice: '10.80',
      subtotal: '24.00',
      subtotalTax: '2.40',
      total: '21.60',
      totalTax: '2.16',
      taxes: [{ rateId: '1', total: '2.16' }],
    });
  });

  it('maps shipping methods, the fee, the coupon and the tax line', () => {
    expect(order.shippingLines.map((line) => [line.methodId, line.instanceId, line.total, line.totalTax])).toEqual([
      ['flat_rate', '3', '5.00', '0.50'],
      ['local_pickup', '5', '1.50', '0.15'],
    ]);
    expect(order.feeLines).toEqual([
      { lineId: '319', name: 'Gift wrap', total: '2.00', totalTax: '0.20', taxes: [{ rateId: '1', total: '0.2' }] },
    ]);
    expect(order.discounts).toEqual([{ lineId: '320', couponCode: 'save10', amount: '3.20', amountTax: '0.32' }]);
    expect(order.taxLines).toEqual([
      {
        lineId: '318',
        rateId: '1',
        rateCode: 'US-CA-STATE TAX-1',
        label: 'State Tax',
        compound: false,
        taxTotal: '3.08',
        shippingTaxTotal: '0.65',
        ratePercent: 10,
      },
    ]);
  });

  it('passes the totals check: 32.00 + 6.50 + 2.00 − 3.20 + 3.73 = 41.03', () => {
    expect(checkOrderTotals(order)).toEqual({
      ok: true,
      total: '41.03',
      breakdown: { lines: '32.00', shipping: '6.50', fees: '2.00', discounts: '3.20', tax: '3.73' },
    });
  });

  it('rounds a float unit price half-up for display and says so', () => {
    const payload = registeredOrder();
    const mug = payload.line_items[1];
    if (!mug) throw new Error('fixture');
    Object.assign(mug, { quantity: 3, subtotal: '10.00', total: '10.00', price: 10 / 3 });
    const line = unwrap(toCanonicalOrder(payload)).lines[1];
    expect(line).toMatchObject({ unitPrice: '3.33', unitPriceRounded: true, total: '10.00' });
  });

  it('refuses money that is not two-decimal text, with its path', () => {
    const floatTotal = { ...registeredOrder(), total: 41.03 };
    expect(refusal(toCanonicalOrder(floatTotal))).toMatchObject({ code: 'MONEY_INVALID', path: ['total'] });
    const payload = registeredOrder();
    Object.assign(payload.line_items[0] ?? {}, { subtotal: '19.999' });
    expect(refusal(toCanonicalOrder(payload))).toMatchObject({
      code: 'MONEY_INVALID',
      path: ['line_items', 0, 'subtotal'],
    });
    expect(refusal(toCanonicalOrder({ ...registeredOrder(), discount_total: '1e3' }))).toMatchObject({
      code: 'MONEY_INVALID',
    });
  });

  it('refuses bad shapes and dates as PAYLOAD_INVALID, and WooCommerce error bodies with their message', () => {
    const { line_items: _omitted, ...noLines } = registeredOrder();
    expect(refusal(toCanonicalOrder(noLines))).toMatchObject({ code: 'PAYLOAD_INVALID', path: ['line_items'] });
    expect(refusal(toCanonicalOrder({ ...registeredOrder(), date_modified_gmt: '2026-03-22 19:41' }))).toMatchObject({
      code: 'PAYLOAD_INVALID',
      path: ['date_modified_gmt'],
    });
    const restError = { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } };
    expect(refusal(toCanonicalOrder(restError))?.message).toContain('Invalid ID.');
  });

  it('keeps unknown keys out of the way (passthrough) and a guest without email stays a guest', () => {
    const payload = { ...registeredOrder(), customer_id: 0, billing: { ...registeredOrder().billing, email: '' } };
    const order = unwrap(toCanonicalOrder({ ...payload, something_new: { nested: true } }));
    expect(order.customer.ref).toEqual({ kind: 'guest' });
    expect(order.customer.email).toBeUndefined();
  });
});

describe('WooCommerce refunds (synthetic, spec §1.6 "Refunds" shape)', () => {
  const lineRefund = {
    id: 731,
    date_created: '2026-03-23T10:02:11',
    date_created_gmt: '2026-03-23T13:02:11',
    amount: '5.00',
    reason: 'Mug arrived chipped',
    refunded_by: 1,
    refunded_payment: false,
    meta_data: [],
    line_items: [
      {
        id: 320,
        name: 'Ceramic Mug',
        product_id: 101,
        variation_id: 0,
        quantity: -1,
        tax_class: '',
        subtotal: '-4.55',
        subtotal_tax: '-0.45',
        total: '-4.55',
        total_tax: '-0.45',
        taxes: [{ id: 1, total: '-0.45', subtotal: '-0.45' }],
        meta_data: [{ id: 2210, key: '_refunded_item_id', value: '316' }],
        sku: 'MUG-WHT',
        price: -4.55,
      },
    ],
    _links: { up: [{ href: 'https://shop.example.com/wp-json/wc/v3/orders/727' }] },
  };

  it('reads a partial refund by line with positive amounts', () => {
    const refund = unwrap(toCanonicalRefund(lineRefund, { orderId: '727', orderTotal: '41.03' as Money }));
    expect(refund).toEqual({
      id: '731',
      orderId: '727',
      amount: '5.00',
      reason: 'Mug arrived chipped',
      createdAtGmt: '2026-03-23T13:02:11.000Z',
      refundedPayment: false,
      itemised: true,
      lines: [
        {
          orderLineId: '316',
          sku: 'MUG-WHT',
          productId: '101',
          name: 'Ceramic Mug',
          quantity: 1,
          amount: '4.55',
          tax: '0.45',
        },
      ],
      shipping: [],
      fees: [],
      kind: 'partial-by-line',
    });
    expect(wooExternalIds().refund(refund.id)).toBe('WOO_REFUND_731');
  });

  it('classifies a shipping-only refund', () => {
    const shippingOnly = {
      id: 740,
      date_created_gmt: '2026-03-24T09:00:00',
      amount: '5.50',
      reason: 'Late delivery',
      refunded_payment: true,
      line_items: [],
      shipping_lines: [
        {
          id: 741,
          method_title: 'Flat rate',
          method_id: 'flat_rate',
          total: '-5.00',
          total_tax: '-0.50',
          taxes: [{ id: 1, total: '-0.5', subtotal: '' }],
          meta_data: [{ id: 2220, key: '_refunded_item_id', value: '317' }],
        },
      ],
    };
    const refund = unwrap(toCanonicalRefund(shippingOnly, { orderId: '727', orderTotal: '41.03' as Money }));
    expect(refund.kind).toBe('shipping-only');
    expect(refund.shipping).toEqual([{ orderLineId: '317', methodId: 'flat_rate', amount: '5.00', tax: '0.50' }]);
  });

  it('classifies an amount-only refund and a full one', () => {
    const amountOnly = { id: 750, date_created_gmt: '2026-03-24T09:00:00', amount: '3.00', reason: '', line_items: [] };
    expect(unwrap(toCanonicalRefund(amountOnly, { orderId: '727', orderTotal: '41.03' as Money })).kind).toBe(
      'amount-only',
    );
    const everything = { ...amountOnly, id: 751, amount: '41.03' };
    expect(unwrap(toCanonicalRefund(everything, { orderId: '727', orderTotal: '41.03' as Money })).kind).toBe('full');
    expect(unwrap(toCanonicalRefund(everything, { orderId: '727' })).kind).toBe('amount-only');
  });

  it('refuses a refund amount sent as a number', () => {
    expect(refusal(toCanonicalRefund({ ...lineRefund, amount: 5 }, { orderId: '727' }))).toMatchObject({
      code: 'MONEY_INVALID',
      path: ['amount'],
    });
  });
});

describe('WooCommerce externalIds and staleness', () => {
  it('builds every externalId with the default and a custom prefix', () => {
    const ids = wooExternalIds('WOO_EU_');
    expect(ids.order('12')).toBe('WOO_EU_ORDER_12');
    expect(ids.customer({ kind: 'registered', id: '25' })).toBe('WOO_EU_CUST_25');
    expect(ids.customer({ kind: 'guest', email: 'ada@example.test' })).toBeUndefined();
    expect(ids.deposit('12')).toBe('WOO_EU_DEP_12');
    expect(ids.invoice('12', 2)).toBe('WOO_EU_INV_12_2');
    expect(ids.refund('14')).toBe('WOO_EU_REFUND_14');
    expect(wooExternalIds().order('12')).toBe('WOO_ORDER_12');
  });

  it('calls only an older update stale', () => {
    const written = at('2026-11-23T15:33:52.000Z');
    expect(isStaleUpdate(at('2026-11-23T15:33:51.000Z'), written)).toBe(true);
    expect(isStaleUpdate(at('2026-11-23T15:33:52.000Z'), written)).toBe(false);
    expect(isStaleUpdate(at('2026-11-23T15:33:53.000Z'), written)).toBe(false);
    expect(isStaleUpdate(at('2026-11-23T15:33:51.000Z'))).toBe(false);
  });
});
