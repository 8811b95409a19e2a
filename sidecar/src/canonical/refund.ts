/**
 * A refund of an order. Every amount is positive (what goes back to the shopper) whatever sign the storefront uses.
 */
import { equals, type Money } from './money.ts';
import type { UtcTimestamp } from './time.ts';

export interface RefundedLine {
  /** The order line it gives back (the storefront's original line id); undefined if the storefront did not say. */
  orderLineId?: string;
  sku?: string;
  productId?: string;
  variationId?: string;
  name: string;
  /** Units given back; 0 for a money-only correction on the line. */
  quantity: number;
  /** Before tax. */
  amount: Money;
  tax: Money;
}

export interface RefundedShipping {
  orderLineId?: string;
  methodId?: string;
  amount: Money;
  tax: Money;
}

/**
 * - full: the refund gives back the order's whole total at once;
 * - partial-by-line: it names lines (with or without shipping);
 * - shipping-only: it names shipping and no lines;
 * - amount-only: it names nothing, just an amount (booked on the refund-adjustment item).
 */
export type RefundKind = 'full' | 'partial-by-line' | 'shipping-only' | 'amount-only';

export interface Refund {
  id: string;
  orderId: string;
  /** Tax included. */
  amount: Money;
  reason: string;
  createdAtGmt?: UtcTimestamp;
  /** Whether the storefront paid it out through the gateway (false: refunded by hand outside the storefront). */
  refundedPayment?: boolean;
  /** False when known only from the order's refund summary: lines and shipping are then unknown, not absent. */
  itemised: boolean;
  lines: RefundedLine[];
  shipping: RefundedShipping[];
  /** Fee lines given back, when the storefront itemises them. */
  fees: { orderLineId?: string; name: string; amount: Money; tax: Money }[];
  kind: RefundKind;
}

/**
 * The kind of a refund from what it itemises; `orderTotal`, when known, lets a refund of everything be called full.
 */
export function classifyRefund(
  refund: Pick<Refund, 'amount' | 'lines' | 'shipping' | 'fees'>,
  orderTotal?: Money,
): RefundKind {
  if (orderTotal !== undefined && equals(refund.amount, orderTotal)) return 'full';
  if (refund.lines.length > 0) return 'partial-by-line';
  if (refund.shipping.length > 0) return 'shipping-only';
  return 'amount-only';
}
