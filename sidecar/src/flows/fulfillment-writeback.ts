/**
 * The pure part of the fulfillment write-back: what a NetSuite item fulfillment says to the storefront's customer
 * (a customer note with carrier and tracking numbers, which WooCommerce e-mails), what the order keeps of it in its
 * meta (`mlc_fulfillments`), and whether the order is now complete (every product line shipped or closed).
 */
import { recordOf } from '../json-record.ts';
import type { SalesOrderProgress } from './sales-order-progress.ts';

/**
 * The order meta key holding every fulfillment written back, as a JSON array of `FulfillmentMeta`. Not `_`-prefixed:
 * WooCommerce's REST API leaves protected (`_…`) order meta out of what it answers, so the connector could not read
 * the list back to extend it; unprotected, it also shows in the order's Custom Fields box.
 */
export const FULFILLMENTS_META_KEY = 'mlc_fulfillments';

export interface FulfillmentLine {
  /** The sales order line it ships (`orderLine`). */
  orderLine: number | undefined;
  itemId: string | undefined;
  quantity: bigint;
}

/** An item fulfillment as read from NetSuite. */
export interface Fulfillment {
  id: string;
  tranId: string | undefined;
  /** `C` Shipped; `A` Picked and `B` Packed are not shipped yet. */
  shipStatus: string;
  /** The ship method's name (`UPS Ground`), when NetSuite names one. */
  carrier: string | undefined;
  trackingNumbers: string[];
  lines: FulfillmentLine[];
}

/** A storefront product line as the customer knows it, by the NetSuite item it was written as. */
export interface ProductLine {
  name: string;
  sku: string;
}

/** What the order's meta keeps of one fulfillment. */
export interface FulfillmentMeta {
  fulfillmentId: string;
  tranId: string | null;
  carrier: string | null;
  trackingNumbers: string[];
  lines: { sku: string | null; name: string; quantity: string }[];
}

export interface WritebackInput {
  fulfillment: Fulfillment;
  progress: SalesOrderProgress;
  /** NetSuite item id → the storefront line it came from. */
  products: ReadonlyMap<string, ProductLine>;
  /** The order's status now. */
  orderStatus: string;
  /** The `mlc_fulfillments` meta value the order has now (anything unreadable counts as none). */
  currentMeta: unknown;
  /** Tracking numbers an earlier write-back of this fulfillment already told the customer. */
  alreadyTold: readonly string[] | undefined;
}

export interface WritebackPlan {
  /** The customer note to add; undefined when the customer was already told all of it. */
  note: string | undefined;
  /** Tracking numbers not told before. */
  newTrackingNumbers: string[];
  meta: FulfillmentMeta[];
  /** Every product line shipped (or closed). */
  complete: boolean;
  /** `completed` when the order should move there now. */
  status: 'completed' | undefined;
}

/** Statuses an order moves to `completed` from once everything shipped; a cancelled or refunded one stays. */
const COMPLETABLE = new Set(['processing', 'on-hold']);

/** Every product line of the sales order fully fulfilled, or closed (refunded, cancelled). */
export function everythingShipped(progress: SalesOrderProgress, products: ReadonlyMap<string, ProductLine>): boolean {
  const lines = progress.lines.filter((line) => line.itemId !== undefined && products.has(line.itemId));
  return lines.length > 0 && lines.every((line) => line.closed || line.fulfilled >= line.quantity);
}

export function metaOf(fulfillment: Fulfillment, products: ReadonlyMap<string, ProductLine>): FulfillmentMeta {
  return {
    fulfillmentId: fulfillment.id,
    tranId: fulfillment.tranId ?? null,
    carrier: fulfillment.carrier ?? null,
    trackingNumbers: fulfillment.trackingNumbers,
    lines: fulfillment.lines.map((line) => {
      const product = line.itemId === undefined ? undefined : products.get(line.itemId);
      return {
        sku: product?.sku ?? null,
        name: product?.name ?? `Item ${line.itemId ?? '?'}`,
        quantity: String(line.quantity),
      };
    }),
  };
}

/** The meta entries the order has, readable ones only. */
export function readFulfillmentsMeta(value: unknown): FulfillmentMeta[] {
  const parsed = typeof value === 'string' ? safeJson(value) : value;
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((entry): entry is FulfillmentMeta => typeof recordOf(entry).fulfillmentId === 'string');
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

const list = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** The customer note: what shipped, with which carrier, under which tracking numbers, and whether more follows. */
export function noteText(meta: FulfillmentMeta, trackingNumbers: readonly string[], complete: boolean): string {
  const what = list(meta.lines.map((line) => `${line.quantity} × ${line.name}`));
  const head = complete ? 'Your order has shipped' : 'Part of your order has shipped';
  const carrier = meta.carrier ? ` with ${meta.carrier}` : '';
  const tracking =
    trackingNumbers.length === 0
      ? ''
      : ` Tracking number${trackingNumbers.length === 1 ? '' : 's'}: ${trackingNumbers.join(', ')}.`;
  const rest = complete ? '' : ' The rest of your order will follow.';
  const reference = meta.tranId ? ` (shipment ${meta.tranId})` : '';
  return `${head}${carrier}${what ? `: ${what}` : ''}.${tracking}${rest}${reference}`;
}

export function planWriteback(input: WritebackInput): WritebackPlan {
  const { fulfillment, products } = input;
  const complete = everythingShipped(input.progress, products);
  const entry = metaOf(fulfillment, products);
  const meta = [...readFulfillmentsMeta(input.currentMeta).filter((m) => m.fulfillmentId !== fulfillment.id), entry];
  const told = new Set(input.alreadyTold ?? []);
  const newTrackingNumbers = fulfillment.trackingNumbers.filter((number) => !told.has(number));
  // A fulfillment told once is told again only for tracking numbers added to it since.
  const note =
    input.alreadyTold === undefined
      ? noteText(entry, fulfillment.trackingNumbers, complete)
      : newTrackingNumbers.length > 0
        ? noteText(entry, newTrackingNumbers, complete)
        : undefined;
  return {
    note,
    newTrackingNumbers,
    meta,
    complete,
    status: complete && COMPLETABLE.has(input.orderStatus) ? 'completed' : undefined,
  };
}
