/**
 * The pure part of the refund flow: a canonical refund, the order it refunds and what NetSuite holds (the sales order
 * and its bills, as read back) → what to write. No I/O here.
 *
 * Positions: the order flow writes the storefront's lines first and in order, so the n-th item line of the sales
 * order is the n-th line of the order, and its tax-details reference is `line-{n}` (`taxReferenceOf`). Bills and
 * credits name the sales order line they come from in `orderLine`.
 */
import {
  add,
  compare,
  equals,
  isZero,
  type Money,
  moneyFromMinor,
  subtract,
  sum,
  toMinor,
  ZERO,
} from '../canonical/money.ts';
import type { Order } from '../canonical/order.ts';
import type { Refund } from '../canonical/refund.ts';
import { moneyNumber, type RefundContentInput, type TaxLineInput, taxReferenceOf } from '../netsuite/builders/index.ts';

// ── what NetSuite holds ─────────────────────────────────────────────────────────────────────────────────────────

export interface SaleLine {
  /** NetSuite's key of the line on this record. */
  line: number;
  /** On a bill: the key of the sales order line it bills. */
  orderLine?: number;
  itemId?: string;
  quantity: number;
  amount: Money;
  closed: boolean;
  fulfilled: number;
}

export interface SaleTaxDetail {
  /** `line-{n}` for tax on the n-th item line; absent for tax on shipping or the whole order. */
  reference?: string;
  taxType: string;
  taxCode: string;
  taxBasis: Money;
  /** Percent, as NetSuite prints it ("10", "8.25"). */
  taxRate: string;
  taxAmount: Money;
}

/** A sales order, invoice or cash sale as read back from NetSuite: what the refund flow needs of it. */
export interface Sale {
  type: 'salesOrder' | 'invoice' | 'cashSale';
  id: string;
  customerId?: string;
  total: Money;
  shippingCost: Money;
  /** The shipping item the sale charges shipping on. */
  shipMethodId?: string;
  taxOverride: boolean;
  lines: SaleLine[];
  taxDetails: SaleTaxDetail[];
}

/** Why a refund cannot be written as it stands: a hold code, a sentence for the merchant, and the figures. */
export interface RefundProblem {
  code: string;
  message: string;
  detail?: Record<string, unknown>;
}

export type Planned<T> = { ok: true; value: T } | { ok: false; problem: RefundProblem };

const planned = <T>(value: T): Planned<T> => ({ ok: true, value });
const problem = (code: string, message: string, detail?: Record<string, unknown>): Planned<never> => ({
  ok: false,
  problem: { code, message, ...(detail ? { detail } : {}) },
});

// ── what a refund gives back ────────────────────────────────────────────────────────────────────────────────────

export interface RefundedOrderLine {
  /** 0-based position of the order line in `order.lines` (and of its line on the sales order). */
  position: number;
  quantity: number;
  /** Before tax. */
  amount: Money;
  tax: Money;
}

export interface RefundedCharge {
  amount: Money;
  tax: Money;
}

/**
 * - lines: order lines given back, with any shipping refunded alongside;
 * - shipping: shipping alone, no line;
 * - amount: an amount not tied to lines, booked on the refund-adjustment item.
 */
export type RefundContent =
  | { kind: 'lines'; lines: RefundedOrderLine[]; shipping: RefundedCharge }
  | { kind: 'shipping'; shipping: RefundedCharge }
  | { kind: 'amount'; amount: Money };

export interface RefundBooking {
  refund: Refund;
  content: RefundContent;
  /** Set when an itemised refund is booked as an amount anyway, saying why. */
  asAmountBecause?: string;
}

const NO_CHARGE: RefundedCharge = { amount: ZERO, tax: ZERO };

function positionOf(order: Order, line: Refund['lines'][number]): number | undefined {
  if (line.orderLineId !== undefined) {
    const index = order.lines.findIndex((candidate) => candidate.lineId === line.orderLineId);
    if (index >= 0) return index;
  }
  if (line.sku === undefined) return undefined;
  const matches = order.lines.flatMap((candidate, index) => (candidate.sku === line.sku ? [index] : []));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * What a refund gives back, as NetSuite can book it. A refund is booked by line only when every line it names is a
 * line of the order, gives back whole units, and its lines and shipping add up to its amount; otherwise (fees,
 * money-only corrections, amounts beyond the items) the whole refund is booked as an amount, which keeps the money
 * exact and says why.
 */
export function bookingOf(refund: Refund, order: Order): RefundBooking {
  const asAmount = (because?: string): RefundBooking => ({
    refund,
    content: { kind: 'amount', amount: refund.amount },
    ...(because ? { asAmountBecause: because } : {}),
  });
  if (!refund.itemised || (refund.lines.length === 0 && refund.shipping.length === 0 && refund.fees.length === 0)) {
    return asAmount();
  }
  if (refund.fees.length > 0) return asAmount('it gives back fees, which are not lines of the sales order');
  const lines = new Map<number, RefundedOrderLine>();
  for (const line of refund.lines) {
    const position = positionOf(order, line);
    if (position === undefined) return asAmount(`its line "${line.name}" is not a line of order ${order.number}`);
    if (line.quantity <= 0 || !Number.isInteger(line.quantity)) {
      return asAmount(`its line "${line.name}" corrects the price without giving back whole units`);
    }
    const seen = lines.get(position);
    lines.set(position, {
      position,
      quantity: (seen?.quantity ?? 0) + line.quantity,
      amount: add(seen?.amount ?? ZERO, line.amount),
      tax: add(seen?.tax ?? ZERO, line.tax),
    });
  }
  const shipping: RefundedCharge = {
    amount: sum(refund.shipping.map((line) => line.amount)),
    tax: sum(refund.shipping.map((line) => line.tax)),
  };
  const itemised = sum([
    ...[...lines.values()].flatMap((line) => [line.amount, line.tax]),
    shipping.amount,
    shipping.tax,
  ]);
  if (!equals(itemised, refund.amount)) {
    return asAmount(`its lines and shipping add up to ${itemised}, not its amount ${refund.amount}`);
  }
  if (lines.size === 0) return { refund, content: { kind: 'shipping', shipping } };
  const ordered = [...lines.values()].sort((a, b) => a.position - b.position);
  return { refund, content: { kind: 'lines', lines: ordered, shipping } };
}

/** The tax a booking gives back, as far as it itemises it (an amount's tax is not known). */
export function refundedTax(content: RefundContent): Money {
  if (content.kind === 'amount') return ZERO;
  const lines = content.kind === 'lines' ? content.lines.map((line) => line.tax) : [];
  return sum([...lines, content.shipping.tax]);
}

// ── before billing: the sales order ─────────────────────────────────────────────────────────────────────────────

/** `amount × part ÷ whole`, rounded half away from zero to the cent (as WooCommerce rounds). */
export function share(amount: Money, part: number, whole: number): Money {
  if (part === whole) return amount;
  const numerator = toMinor(amount) * BigInt(part);
  const divisor = BigInt(whole);
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const away = twice >= divisor ? (numerator < 0n ? -1n : 1n) : 0n;
  return moneyFromMinor(quotient + away);
}

export interface SalesOrderChanges {
  /** PATCH body: lines by their NetSuite key, shipping cost, tax details. */
  body: Record<string, unknown>;
  replace: string[];
  /** What could not be taken off the order: the merchant must finish it in NetSuite. */
  notes: string[];
}

interface Given {
  quantity: number;
  amount: Money;
  tax: Money;
}

function totalsByLine(bookings: readonly RefundBooking[]) {
  const lines = new Map<number, Given>();
  let shipping = NO_CHARGE;
  let amount = ZERO;
  for (const { content } of bookings) {
    if (content.kind === 'amount') {
      amount = add(amount, content.amount);
      continue;
    }
    shipping = { amount: add(shipping.amount, content.shipping.amount), tax: add(shipping.tax, content.shipping.tax) };
    if (content.kind !== 'lines') continue;
    for (const line of content.lines) {
      const seen = lines.get(line.position);
      lines.set(line.position, {
        quantity: (seen?.quantity ?? 0) + line.quantity,
        amount: add(seen?.amount ?? ZERO, line.amount),
        tax: add(seen?.tax ?? ZERO, line.tax),
      });
    }
  }
  return { lines, shipping, amount };
}

const notNegative = (money: Money): Money => (compare(money, ZERO) < 0 ? ZERO : money);

const taxDetailBody = (detail: SaleTaxDetail) => ({
  ...(detail.reference === undefined ? {} : { taxDetailsReference: detail.reference }),
  taxType: detail.taxType,
  taxCode: { id: detail.taxCode },
  taxBasis: moneyNumber(detail.taxBasis),
  taxRate: Number(detail.taxRate),
  taxAmount: moneyNumber(detail.taxAmount),
});

/**
 * The sales order as it should stand with every refund of the order taken off it, before anything is billed: lines
 * refunded whole closed (their stock released), lines refunded in part cut to the units kept (never below what
 * NetSuite already shipped), shipping and the storefront's tax cut to what is kept, and amounts not tied to lines as
 * one negative line on the refund-adjustment item. Computed from all refunds at once, so writing it again changes
 * nothing. Undefined when the order already stands so; an empty body with notes when only the notes remain.
 */
export function salesOrderChangesOf(
  order: Order,
  bookings: readonly RefundBooking[],
  salesOrder: Sale,
  refundItemId: string | null,
): Planned<SalesOrderChanges | undefined> {
  const given = totalsByLine(bookings);
  const items: Record<string, unknown>[] = [];
  const notes: string[] = [];
  const taxTargets = new Map<string, { basis: Money; amount: Money }>();

  for (const [position, refunded] of given.lines) {
    const orderLine = order.lines[position];
    const line = salesOrder.lines[position];
    if (!(orderLine && line)) {
      return problem(
        'SALES_ORDER_LINES_DIFFER',
        `Order ${order.number}'s sales order has no line ${position + 1}: it was changed in NetSuite. Take the refund off it by hand.`,
        { salesOrderId: salesOrder.id },
      );
    }
    const remaining = Math.max(orderLine.quantity - refunded.quantity, 0);
    // NetSuite refuses a line below what it shipped; shipped units stay, to be billed and credited after.
    const kept = Math.max(remaining, line.fulfilled);
    if (kept === 0) {
      if (!line.closed) items.push({ line: line.line, isClosed: true });
      continue;
    }
    if (kept > remaining) {
      notes.push(
        `${kept - remaining} refunded unit(s) of "${orderLine.name}" on order ${order.number} had already shipped: ` +
          'NetSuite keeps them on the sales order and will bill them, while the deposit paid them back. ' +
          'Once billed, credit them on that invoice in NetSuite.',
      );
    }
    const amount = share(orderLine.subtotal, kept, orderLine.quantity);
    if (line.closed || line.quantity !== kept || !equals(line.amount, amount)) {
      items.push({
        line: line.line,
        ...(line.closed ? { isClosed: false } : {}),
        quantity: kept,
        amount: moneyNumber(amount),
      });
    }
    taxTargets.set(taxReferenceOf(position + 1), {
      basis: share(orderLine.total, kept, orderLine.quantity),
      amount: share(orderLine.totalTax, kept, orderLine.quantity),
    });
  }

  const body: Record<string, unknown> = {};
  if (!isZero(given.shipping.amount) || !isZero(given.shipping.tax)) {
    const shippingCost = notNegative(
      subtract(sum(order.shippingLines.map((line) => line.total)), given.shipping.amount),
    );
    if (!equals(shippingCost, salesOrder.shippingCost)) body.shippingCost = moneyNumber(shippingCost);
    const shippingTax = notNegative(
      subtract(sum(order.shippingLines.map((line) => line.totalTax)), given.shipping.tax),
    );
    const unreferenced = salesOrder.taxDetails.filter((detail) => detail.reference === undefined);
    if (unreferenced.length === 1) taxTargets.set('', { basis: shippingCost, amount: shippingTax });
    else if (!isZero(given.shipping.tax)) {
      notes.push(
        `The shipping tax refunded on order ${order.number} could not be told apart from its other order-level tax: ` +
          'the sales order keeps it. Correct its tax in NetSuite before it is billed.',
      );
    }
  }

  if (!isZero(given.amount)) {
    if (refundItemId === null) return refundItemNotSet(order);
    const target = moneyNumber(subtract(ZERO, given.amount));
    const existing = salesOrder.lines.find((line) => line.itemId === refundItemId);
    if (!existing) {
      items.push({ item: { id: refundItemId }, quantity: 1, amount: target, description: 'Refunded before billing' });
    } else if (moneyNumber(existing.amount) !== target) {
      items.push({ line: existing.line, amount: target });
    }
  }

  const replace: string[] = [];
  if (salesOrder.taxOverride && taxTargets.size > 0) {
    let changed = false;
    const details = salesOrder.taxDetails.map((detail) => {
      const target = taxTargets.get(detail.reference ?? '');
      if (!target || (equals(target.amount, detail.taxAmount) && equals(target.basis, detail.taxBasis))) return detail;
      changed = true;
      return { ...detail, taxBasis: target.basis, taxAmount: target.amount };
    });
    if (changed) {
      body.taxDetails = { items: details.map(taxDetailBody) };
      replace.push('taxDetails');
    }
  }
  if (items.length > 0) body.item = { items };
  const unchanged = Object.keys(body).length === 0 && notes.length === 0;
  return planned(unchanged ? undefined : { body, replace, notes });
}

export const refundItemNotSet = (order: Pick<Order, 'number'>): Planned<never> =>
  problem(
    'REFUND_ITEM_NOT_SET',
    `Order ${order.number} has a refund not tied to lines, which books on the refund-adjustment item, but the connection has none: set refundItemId and release it.`,
    { order: order.number },
  );

// ── after billing: a credit memo or cash refund from the bill ───────────────────────────────────────────────────

export interface CreditContent {
  content: RefundContentInput;
  /** What the credit adds up to before NetSuite adds anything: the storefront's refund, less tax NetSuite computes. */
  expectedTotal: Money;
}

function taxLineOf(
  sale: Sale,
  reference: string | undefined,
  given: RefundedCharge,
  line: number | undefined,
): Planned<TaxLineInput | undefined> {
  if (isZero(given.tax)) return planned(undefined);
  const detail = sale.taxDetails.find((candidate) => candidate.reference === reference);
  if (!detail) {
    const what = line === undefined ? 'shipping' : `line ${line}`;
    return problem(
      'REFUND_TAX_NOT_ON_BILL',
      `The refund gives back tax on ${what}, which ${sale.type} ${sale.id} carries no tax for.`,
      { saleId: sale.id, tax: given.tax },
    );
  }
  return planned({
    ...(line === undefined ? {} : { line }),
    taxType: detail.taxType,
    taxCode: detail.taxCode,
    taxBasis: given.amount,
    taxRate: detail.taxRate,
    taxAmount: given.tax,
  });
}

const notOnBill = (sale: Sale, what: string): Planned<never> =>
  problem('REFUND_NOT_ON_BILL', `${sale.type} ${sale.id} does not bill ${what}.`, { saleId: sale.id });

/**
 * The lines, shipping and tax a credit memo (from an invoice) or cash refund (from a cash sale) gives back for a
 * refund, when that bill holds all of it: refunded lines as the bill's lines (same items, so the same income
 * accounts), shipping on the bill's shipping, an amount on the refund-adjustment item, and the storefront's tax
 * under the bill's own tax codes.
 */
export function creditContentOf(
  booking: RefundBooking,
  salesOrder: Sale,
  sale: Sale,
  settings: { refundItemId: string | null; taxMode: 'override' | 'netsuite' },
): Planned<CreditContent> {
  const { content, refund } = booking;
  const override = settings.taxMode === 'override';
  const expectedTotal = override ? refund.amount : subtract(refund.amount, refundedTax(content));
  const taxLines: TaxLineInput[] = [];
  const addTax = (result: Planned<TaxLineInput | undefined>): RefundProblem | undefined => {
    if (!result.ok) return result.problem;
    if (result.value) taxLines.push(result.value);
    return undefined;
  };
  const tax = (): RefundContentInput['tax'] =>
    override ? { mode: 'override', lines: taxLines } : { mode: 'netsuite' };

  if (content.kind === 'amount') {
    if (settings.refundItemId === null) return refundItemNotSet({ number: refund.orderId });
    if (compare(content.amount, sale.total) > 0) return notOnBill(sale, `the ${content.amount} refunded`);
    const refunded = {
      kind: 'amount' as const,
      item: settings.refundItemId,
      amount: content.amount,
      description: `Refund ${refund.id}${refund.reason ? `: ${refund.reason}` : ''}`.slice(0, 999),
    };
    return planned({ content: { refunded, shippingCost: '0.00', tax: tax() }, expectedTotal });
  }

  if (compare(content.shipping.amount, sale.shippingCost) > 0) {
    return notOnBill(sale, `the ${content.shipping.amount} of shipping refunded`);
  }
  if (override) {
    const failed = addTax(taxLineOf(sale, undefined, content.shipping, undefined));
    if (failed) return { ok: false, problem: failed };
  }

  if (content.kind === 'shipping') {
    // A credit needs an item line: the shipping item carries the shipping back to its own income account.
    if (sale.shipMethodId === undefined) return notOnBill(sale, 'shipping on a shipping item');
    const refunded = {
      kind: 'amount' as const,
      item: sale.shipMethodId,
      amount: content.shipping.amount,
      description: `Shipping refund ${refund.id}`,
    };
    return planned({ content: { refunded, shippingCost: '0.00', tax: tax() }, expectedTotal });
  }

  const lines: { saleLine: number; quantity: string; amount: Money }[] = [];
  for (const given of content.lines) {
    const orderLine = salesOrder.lines[given.position];
    const billed = orderLine && sale.lines.find((line) => line.orderLine === orderLine.line);
    if (!billed || billed.quantity < given.quantity) {
      return notOnBill(sale, `${given.quantity} unit(s) of order line ${given.position + 1}`);
    }
    lines.push({ saleLine: billed.line, quantity: String(given.quantity), amount: given.amount });
    if (override) {
      const failed = addTax(taxLineOf(sale, taxReferenceOf(given.position + 1), given, given.position + 1));
      if (failed) return { ok: false, problem: failed };
    }
  }
  return planned({
    content: { refunded: { kind: 'lines', lines }, shippingCost: content.shipping.amount, tax: tax() },
    expectedTotal,
  });
}

/** The memo every refund record carries: what it is, and the job that wrote it. */
export function refundMemo(refund: Refund, order: Pick<Order, 'number'>, jobId: string): string {
  const tag = ` [job ${jobId}]`;
  const text = `Refund ${refund.id} of order ${order.number}${refund.reason ? `: ${refund.reason}` : ''}`;
  return `${text.slice(0, 999 - tag.length)}${tag}`;
}
