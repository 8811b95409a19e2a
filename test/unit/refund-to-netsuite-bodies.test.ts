import { describe, expect, it } from 'vitest';
import type { Money } from '../../sidecar/src/canonical/money.ts';
import type { Order, OrderLine } from '../../sidecar/src/canonical/order.ts';
import type { Refund } from '../../sidecar/src/canonical/refund.ts';
import type { UtcTimestamp } from '../../sidecar/src/canonical/time.ts';
import {
  bookingOf,
  creditContentOf,
  type RefundBooking,
  refundMemo,
  type Sale,
  salesOrderChangesOf,
  share,
} from '../../sidecar/src/flows/refund-to-netsuite-bodies.ts';

const m = (text: string) => text as Money;

function orderLine(lineId: string, sku: string, quantity: number, subtotal: string, tax: string): OrderLine {
  return {
    lineId,
    sku,
    productId: `${lineId}00`,
    name: `Product ${sku}`,
    quantity,
    unitPrice: m('0.00'),
    unitPriceRounded: false,
    subtotal: m(subtotal),
    subtotalTax: m(tax),
    total: m(subtotal),
    totalTax: m(tax),
    taxes: [{ rateId: '1', total: tax }],
  };
}

/** Two shirts (24.00 + 2.40 tax), a mug (8.00 + 0.80), shipping 5.00 + 0.50: 40.70. */
const ORDER: Order = {
  id: '727',
  number: '727',
  status: 'processing',
  currency: 'USD',
  createdAtGmt: '2026-03-22T19:28:02.000Z' as UtcTimestamp,
  modifiedAtGmt: '2026-03-22T19:41:10.000Z' as UtcTimestamp,
  customer: { ref: { kind: 'registered', id: '25' } } as Order['customer'],
  lines: [orderLine('1', 'TSHIRT', 2, '24.00', '2.40'), orderLine('2', 'MUG', 1, '8.00', '0.80')],
  shippingLines: [
    {
      lineId: '901',
      methodId: 'flat_rate',
      title: 'Flat rate',
      total: m('5.00'),
      totalTax: m('0.50'),
      taxes: [{ rateId: '1', total: '0.50' }],
    },
  ],
  feeLines: [],
  discounts: [],
  taxLines: [],
  totals: {
    discountTotal: m('0.00'),
    discountTax: m('0.00'),
    shippingTotal: m('5.00'),
    shippingTax: m('0.50'),
    cartTax: m('3.20'),
    totalTax: m('3.70'),
    total: m('40.70'),
  },
  pricesIncludeTax: false,
  refunds: [],
};

function refund(id: string, amount: string, content: Partial<Refund> = {}): Refund {
  return {
    id,
    orderId: '727',
    amount: m(amount),
    reason: 'Arrived chipped',
    itemised: true,
    lines: [],
    shipping: [],
    fees: [],
    kind: 'amount-only',
    ...content,
  };
}

const line = (orderLineId: string, quantity: number, amount: string, tax: string) => ({
  orderLineId,
  name: `line ${orderLineId}`,
  quantity,
  amount: m(amount),
  tax: m(tax),
});

const oneShirt = refund('731', '13.20', { lines: [line('1', 1, '12.00', '1.20')], kind: 'partial-by-line' });
const shippingBack = refund('732', '5.50', {
  shipping: [{ orderLineId: '901', methodId: 'flat_rate', amount: m('5.00'), tax: m('0.50') }],
  kind: 'shipping-only',
});
const goodwill = refund('733', '3.00');

const taxDetail = (reference: string | undefined, basis: string, amount: string) => ({
  ...(reference ? { reference } : {}),
  taxType: 'State Tax',
  taxCode: '5',
  taxBasis: m(basis),
  taxRate: '10',
  taxAmount: m(amount),
});

/** The sales order as NetSuite holds it after the order flow wrote ORDER (line keys 3 and 4 after a rewrite). */
const SALES_ORDER: Sale = {
  type: 'salesOrder',
  id: '500',
  customerId: '42',
  total: m('40.70'),
  shippingCost: m('5.00'),
  shipMethodId: '77',
  taxOverride: true,
  lines: [
    { line: 3, itemId: '11', quantity: 2, amount: m('24.00'), closed: false, fulfilled: 0 },
    { line: 4, itemId: '12', quantity: 1, amount: m('8.00'), closed: false, fulfilled: 0 },
  ],
  taxDetails: [
    taxDetail('line-1', '24.00', '2.40'),
    taxDetail('line-2', '8.00', '0.80'),
    taxDetail(undefined, '5.00', '0.50'),
  ],
};

/** The invoice billing all of it: its lines name the order lines in `orderLine`. */
const INVOICE: Sale = {
  ...SALES_ORDER,
  type: 'invoice',
  id: '600',
  lines: [
    { line: 1, orderLine: 3, itemId: '11', quantity: 2, amount: m('24.00'), closed: false, fulfilled: 0 },
    { line: 2, orderLine: 4, itemId: '12', quantity: 1, amount: m('8.00'), closed: false, fulfilled: 0 },
  ],
};

const settings: { refundItemId: string | null; taxMode: 'override' | 'netsuite' } = {
  refundItemId: '90',
  taxMode: 'override',
};
const ok = <T>(result: { ok: true; value: T } | { ok: false }) => {
  if (!result.ok) throw new Error(`expected a plan: ${JSON.stringify(result)}`);
  return result.value;
};

describe('bookingOf: what a refund gives back, as NetSuite can book it', () => {
  it('books a refund of lines by their position on the order, with shipping alongside', () => {
    const both = refund('740', '18.70', {
      lines: [line('1', 1, '12.00', '1.20')],
      shipping: [{ amount: m('5.00'), tax: m('0.50') }],
    });
    expect(bookingOf(both, ORDER).content).toEqual({
      kind: 'lines',
      lines: [{ position: 0, quantity: 1, amount: '12.00', tax: '1.20' }],
      shipping: { amount: '5.00', tax: '0.50' },
    });
  });

  it('finds a line without _refunded_item_id by its SKU when only one order line has it', () => {
    const bySku = refund('741', '8.80', {
      lines: [{ sku: 'MUG', name: 'Mug', quantity: 1, amount: m('8.00'), tax: m('0.80') }],
    });
    expect(bookingOf(bySku, ORDER).content).toMatchObject({ kind: 'lines', lines: [{ position: 1 }] });
  });

  it('books shipping alone as shipping, and an amount alone or a refund known only by its summary as an amount', () => {
    expect(bookingOf(shippingBack, ORDER).content).toEqual({
      kind: 'shipping',
      shipping: { amount: '5.00', tax: '0.50' },
    });
    expect(bookingOf(goodwill, ORDER)).toEqual({ refund: goodwill, content: { kind: 'amount', amount: '3.00' } });
    const summary = { ...oneShirt, itemised: false, lines: [] };
    expect(bookingOf(summary, ORDER).content).toEqual({ kind: 'amount', amount: '13.20' });
  });

  it('books as an amount, saying why, what it cannot book by line', () => {
    const short = refund('742', '20.00', { lines: [line('1', 1, '12.00', '1.20')] });
    expect(bookingOf(short, ORDER)).toMatchObject({
      content: { kind: 'amount', amount: '20.00' },
      asAmountBecause: 'its lines and shipping add up to 13.20, not its amount 20.00',
    });
    const stranger = refund('743', '13.20', { lines: [line('999', 1, '12.00', '1.20')] });
    expect(bookingOf(stranger, ORDER).asAmountBecause).toContain('is not a line of order 727');
    const priceOnly = refund('744', '2.20', { lines: [line('1', 0, '2.00', '0.20')] });
    expect(bookingOf(priceOnly, ORDER).asAmountBecause).toContain('without giving back whole units');
    const fee = refund('745', '2.00', { fees: [{ name: 'Gift wrap', amount: m('2.00'), tax: m('0.00') }] });
    expect(bookingOf(fee, ORDER).asAmountBecause).toContain('fees');
  });
});

describe('share: an amount for part of a quantity, exact to the cent', () => {
  it('rounds half away from zero, as WooCommerce does', () => {
    expect(share(m('10.00'), 1, 3)).toBe('3.33');
    expect(share(m('10.00'), 2, 3)).toBe('6.67');
    expect(share(m('0.05'), 1, 2)).toBe('0.03');
    expect(share(m('-0.05'), 1, 2)).toBe('-0.03');
    expect(share(m('24.00'), 2, 2)).toBe('24.00');
    expect(share(m('24.00'), 0, 2)).toBe('0.00');
  });
});

describe('salesOrderChangesOf: the sales order net of every refund, before billing', () => {
  const changes = (refunds: Refund[], salesOrder: Sale = SALES_ORDER, refundItemId: string | null = '90') =>
    ok(
      salesOrderChangesOf(
        ORDER,
        refunds.map((each) => bookingOf(each, ORDER)),
        salesOrder,
        refundItemId,
      ),
    );

  it('cuts a line refunded in part to the units kept, with its amount and its tax', () => {
    expect(changes([oneShirt])).toEqual({
      body: {
        item: { items: [{ line: 3, quantity: 1, amount: 12 }] },
        taxDetails: {
          items: [
            {
              taxDetailsReference: 'line-1',
              taxType: 'State Tax',
              taxCode: { id: '5' },
              taxBasis: 12,
              taxRate: 10,
              taxAmount: 1.2,
            },
            {
              taxDetailsReference: 'line-2',
              taxType: 'State Tax',
              taxCode: { id: '5' },
              taxBasis: 8,
              taxRate: 10,
              taxAmount: 0.8,
            },
            { taxType: 'State Tax', taxCode: { id: '5' }, taxBasis: 5, taxRate: 10, taxAmount: 0.5 },
          ],
        },
      },
      replace: ['taxDetails'],
      notes: [],
    });
  });

  it('closes a line refunded whole, and takes shipping and its tax off', () => {
    const mugAndShipping = refund('750', '14.30', {
      lines: [line('2', 1, '8.00', '0.80')],
      shipping: [{ amount: m('5.00'), tax: m('0.50') }],
    });
    const planned = changes([mugAndShipping]);
    expect(planned?.body.item).toEqual({ items: [{ line: 4, isClosed: true }] });
    expect(planned?.body.shippingCost).toBe(0);
    const taxDetails = planned?.body.taxDetails as { items: { taxAmount: number }[] } | undefined;
    expect(taxDetails?.items.map((tax) => tax.taxAmount)).toEqual([2.4, 0.8, 0]);
  });

  it('adds refunds not tied to lines as one negative line on the refund item, and holds without one', () => {
    expect(changes([goodwill, refund('734', '1.50')])?.body).toEqual({
      item: { items: [{ item: { id: '90' }, quantity: 1, amount: -4.5, description: 'Refunded before billing' }] },
    });
    const unset = salesOrderChangesOf(ORDER, [bookingOf(goodwill, ORDER)], SALES_ORDER, null);
    expect(unset).toMatchObject({ ok: false, problem: { code: 'REFUND_ITEM_NOT_SET' } });
  });

  it('changes nothing once the order stands so: writing it again is a no-op', () => {
    const applied: Sale = {
      ...SALES_ORDER,
      lines: [
        { ...(SALES_ORDER.lines[0] as Sale['lines'][number]), quantity: 1, amount: m('12.00') },
        SALES_ORDER.lines[1] as Sale['lines'][number],
        { line: 5, itemId: '90', quantity: 1, amount: m('-3.00'), closed: false, fulfilled: 0 },
      ],
      taxDetails: [
        taxDetail('line-1', '12.00', '1.20'),
        taxDetail('line-2', '8.00', '0.80'),
        taxDetail(undefined, '5.00', '0.50'),
      ],
    };
    expect(changes([oneShirt, goodwill], applied)).toBeUndefined();
  });

  it('keeps units NetSuite already shipped, saying so', () => {
    const shipped: Sale = {
      ...SALES_ORDER,
      lines: [
        { ...(SALES_ORDER.lines[0] as Sale['lines'][number]), fulfilled: 2 },
        SALES_ORDER.lines[1] as Sale['lines'][number],
      ],
    };
    const planned = changes([oneShirt], shipped);
    expect(planned?.body.item).toBeUndefined();
    expect(planned?.notes).toEqual([
      expect.stringContaining('1 refunded unit(s) of "Product TSHIRT" on order 727 had already shipped'),
    ]);
    const bothShirts = refund('735', '26.40', { lines: [line('1', 2, '24.00', '2.40')] });
    const whole = changes([bothShirts], shipped);
    expect(whole?.body.item).toBeUndefined();
    expect(whole?.notes).toEqual([expect.stringContaining('2 refunded unit(s)')]);
  });
});

describe('creditContentOf: a credit memo or cash refund from the bill', () => {
  const credit = (booking: RefundBooking, sale: Sale = INVOICE, options = settings) =>
    creditContentOf(booking, SALES_ORDER, sale, options);

  it('gives back refunded lines as the bill lines that billed them, with their tax under the bill tax code', () => {
    expect(ok(credit(bookingOf(oneShirt, ORDER)))).toEqual({
      content: {
        refunded: { kind: 'lines', lines: [{ saleLine: 1, quantity: '1', amount: '12.00' }] },
        shippingCost: '0.00',
        tax: {
          mode: 'override',
          lines: [{ line: 1, taxType: 'State Tax', taxCode: '5', taxBasis: '12.00', taxRate: '10', taxAmount: '1.20' }],
        },
      },
      expectedTotal: '13.20',
    });
  });

  it('gives back shipping alone on the shipping item, and an amount on the refund item', () => {
    expect(ok(credit(bookingOf(shippingBack, ORDER))).content).toEqual({
      refunded: { kind: 'amount', item: '77', amount: '5.00', description: 'Shipping refund 732' },
      shippingCost: '0.00',
      tax: {
        mode: 'override',
        lines: [{ taxType: 'State Tax', taxCode: '5', taxBasis: '5.00', taxRate: '10', taxAmount: '0.50' }],
      },
    });
    expect(ok(credit(bookingOf(goodwill, ORDER))).content).toEqual({
      refunded: { kind: 'amount', item: '90', amount: '3.00', description: 'Refund 733: Arrived chipped' },
      shippingCost: '0.00',
      tax: { mode: 'override', lines: [] },
    });
  });

  it('leaves tax to NetSuite in netsuite tax mode, expecting the refund less its tax', () => {
    const planned = ok(credit(bookingOf(oneShirt, ORDER), INVOICE, { ...settings, taxMode: 'netsuite' }));
    expect(planned.content.tax).toEqual({ mode: 'netsuite' });
    expect(planned.expectedTotal).toBe('12.00');
  });

  it('refuses a bill that does not hold the refunded units, and an amount without a refund item', () => {
    const partBill: Sale = { ...INVOICE, lines: [INVOICE.lines[1] as Sale['lines'][number]] };
    expect(credit(bookingOf(oneShirt, ORDER), partBill)).toMatchObject({
      ok: false,
      problem: { code: 'REFUND_NOT_ON_BILL' },
    });
    expect(credit(bookingOf(goodwill, ORDER), INVOICE, { ...settings, refundItemId: null })).toMatchObject({
      ok: false,
      problem: { code: 'REFUND_ITEM_NOT_SET' },
    });
    const untaxed: Sale = { ...INVOICE, taxDetails: [] };
    expect(credit(bookingOf(oneShirt, ORDER), untaxed)).toMatchObject({
      ok: false,
      problem: { code: 'REFUND_TAX_NOT_ON_BILL' },
    });
  });
});

describe('refundMemo', () => {
  it('names the refund, its order and the job, within NetSuite 999 characters', () => {
    expect(refundMemo(oneShirt, ORDER, 'job-1')).toBe('Refund 731 of order 727: Arrived chipped [job job-1]');
    const long = refundMemo({ ...oneShirt, reason: 'x'.repeat(2000) }, ORDER, 'job-1');
    expect(long).toHaveLength(999);
    expect(long.endsWith(' [job job-1]')).toBe(true);
  });
});
