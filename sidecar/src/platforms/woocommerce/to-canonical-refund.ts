/**
 * WooCommerce refunds → canonical Refund, from the REST refund resource (itemised) or from an order's `refunds`
 * summary (amount only: what the order.updated delivery after a refund carries).
 */
import { abs, isZero, type Money } from '../../canonical/money.ts';
import type { Order, RefundSummary } from '../../canonical/order.ts';
import { classifyRefund, type Refund, type RefundedLine } from '../../canonical/refund.ts';
import { ok, type Result } from '../../canonical/result.ts';
import { type WooRefund, type WooRefundItem, WooRefundPayload } from './refund-payload.ts';
import { idOrNone, optional, parseWooPayload, present } from './wire.ts';

export interface RefundContext {
  /** The order the refund belongs to: the REST refund body does not name it (only its `_links.up` URL does). */
  orderId: string;
  /** The order's total, so a refund of all of it at once is classified `full`. */
  orderTotal?: Money;
}

export function toCanonicalRefund(payload: unknown, context: RefundContext): Result<Refund> {
  const parsed = parseWooPayload(WooRefundPayload, payload, 'refund');
  return parsed.ok ? ok(refundFrom(parsed.value, context)) : parsed;
}

function refundFrom(refund: WooRefund, context: RefundContext): Refund {
  const lines = refund.line_items
    .map(
      (item): RefundedLine => ({
        ...optional('orderLineId', refundedItemId(item)),
        ...optional('sku', present(item.sku)),
        ...optional('productId', idOrNone(item.product_id)),
        ...optional('variationId', idOrNone(item.variation_id)),
        name: item.name,
        quantity: Math.abs(item.quantity),
        amount: abs(item.total),
        tax: abs(item.total_tax),
      }),
    )
    .filter((line) => line.quantity !== 0 || !isZero(line.amount) || !isZero(line.tax));
  const shipping = refund.shipping_lines
    .map((item) => ({
      ...optional('orderLineId', refundedItemId(item)),
      ...optional('methodId', present(item.method_id)),
      amount: abs(item.total),
      tax: abs(item.total_tax),
    }))
    .filter((line) => !isZero(line.amount) || !isZero(line.tax));
  const fees = refund.fee_lines
    .map((item) => ({
      ...optional('orderLineId', refundedItemId(item)),
      name: item.name,
      amount: abs(item.total),
      tax: abs(item.total_tax),
    }))
    .filter((line) => !isZero(line.amount) || !isZero(line.tax));
  const amount = abs(refund.amount);
  return {
    id: String(refund.id),
    orderId: context.orderId,
    amount,
    reason: refund.reason ?? '',
    ...optional('createdAtGmt', refund.date_created_gmt ?? undefined),
    ...optional('refundedPayment', refund.refunded_payment ?? undefined),
    itemised: true,
    lines,
    shipping,
    fees,
    kind: classifyRefund({ amount, lines, shipping, fees }, context.orderTotal),
  };
}

/**
 * A refund known only from the order's summary: no lines, no date. It can be booked as amount-only (or full when it
 * is the whole order); to book it by line, read the refund from the REST API first.
 */
export function refundFromSummary(order: Pick<Order, 'id' | 'totals'>, summary: RefundSummary): Refund {
  const itemless = { amount: summary.amount, lines: [], shipping: [], fees: [] };
  return {
    id: summary.id,
    orderId: order.id,
    reason: summary.reason,
    itemised: false,
    ...itemless,
    kind: classifyRefund(itemless, order.totals.total),
  };
}

/** The order line a refund item gives back, from its `_refunded_item_id` meta entry. */
function refundedItemId(item: Pick<WooRefundItem, 'meta_data'>): string | undefined {
  const value = item.meta_data.find((meta) => meta.key === '_refunded_item_id')?.value;
  return typeof value === 'string' || typeof value === 'number' ? present(String(value)) : undefined;
}
