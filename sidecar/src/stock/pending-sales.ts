/**
 * What the storefront has sold that NetSuite does not know yet, per SKU, for one connection. The rule: an order
 * counts while it has no sales order (no `order_links` row) and its latest delivery, received since the connection's
 * go-live, shows it open — any status but cancelled, refunded, failed, trash or checkout-draft, and not deleted.
 * That covers orders whose job is still queued, running or retrying, held (unmapped SKU, …), dead, and those that
 * passed through the status gate without reaching NetSuite (pending payment, or a status the connection does not
 * send). Once an order has its sales order, NetSuite has committed its lines and they are out of "available".
 * Deliveries whose body the retention job cleared are not counted.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';

/** Statuses whose order takes nothing from stock (WooCommerce restores stock on cancel and refund). */
const NOT_SELLING = new Set(['cancelled', 'refunded', 'failed', 'trash', 'checkout-draft']);

interface LatestDelivery {
  topic: string;
  body: string;
  [column: string]: unknown;
}

export async function pendingSales(db: Queryable, connectionId: string, since: Date): Promise<Map<string, number>> {
  const result = await db.execute(sql`
    SELECT DISTINCT ON (e.body::jsonb->>'id') e.topic, e.body
    FROM inbound_events e
    WHERE e.connection_id = ${connectionId}
      AND e.topic IN ('order.created', 'order.updated', 'order.restored', 'order.deleted')
      AND e.body IS NOT NULL AND e.received_at >= ${since.toISOString()}
      AND NOT EXISTS (
        SELECT 1 FROM order_links l WHERE l.connection_id = e.connection_id AND l.order_id = e.body::jsonb->>'id'
      )
    ORDER BY e.body::jsonb->>'id', e.received_at DESC, e.id DESC`);
  const rows = ((result as { rows?: unknown[] }).rows ?? (result as unknown as unknown[])) as LatestDelivery[];
  const pending = new Map<string, number>();
  for (const row of rows) {
    if (row.topic === 'order.deleted') continue;
    const order = parse(row.body);
    if (!order || NOT_SELLING.has(String(order.status))) continue;
    for (const line of Array.isArray(order.line_items) ? order.line_items : []) {
      const sku = typeof line?.sku === 'string' ? line.sku : '';
      const quantity = Number(line?.quantity);
      if (sku && Number.isFinite(quantity) && quantity > 0) pending.set(sku, (pending.get(sku) ?? 0) + quantity);
    }
  }
  return pending;
}

function parse(body: string): { status?: unknown; line_items?: { sku?: unknown; quantity?: unknown }[] } | undefined {
  try {
    const value = JSON.parse(body);
    return value && typeof value === 'object' ? value : undefined;
  } catch {
    return undefined;
  }
}
