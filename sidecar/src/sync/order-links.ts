import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Order } from '../canonical/order.ts';
import type { UtcTimestamp } from '../canonical/time.ts';
import type { Queryable } from '../db/client.ts';
import { orderLinks } from '../db/schema.ts';

export interface OrderLink {
  connectionId: string;
  orderId: string;
  salesOrderId: string;
  lastModifiedGmt: UtcTimestamp;
  /**
   * `fingerprintOf` the order last carried through completely. Recording: undefined keeps the stored one, null clears
   * it (the sales order changed in a way the order's content does not show, e.g. closed on cancellation).
   */
  fingerprint?: string | null | undefined;
}

/**
 * A digest of everything about an order NetSuite holds or books: not its status, modification or completion time,
 * which change on every save (our own write-backs included) without changing a line, an amount or an address.
 */
export function fingerprintOf(order: Order): string {
  const { status, modifiedAtGmt, completedAtGmt, ...content } = order;
  return createHash('sha256').update(JSON.stringify(content)).digest('base64url');
}

/** What was last written to NetSuite for a storefront order, if anything. */
export async function findOrderLink(
  db: Queryable,
  connectionId: string,
  orderId: string,
): Promise<OrderLink | undefined> {
  const [row] = await db
    .select()
    .from(orderLinks)
    .where(and(eq(orderLinks.connectionId, connectionId), eq(orderLinks.orderId, orderId)));
  return (
    row && {
      connectionId: row.connectionId,
      orderId: row.orderId,
      salesOrderId: row.salesOrderId,
      lastModifiedGmt: row.lastModifiedGmt as UtcTimestamp,
      fingerprint: row.fingerprint ?? undefined,
    }
  );
}

/**
 * Remembers the sales order an order became and the storefront version written; the fingerprint only when given, so
 * a flow that stops half-way leaves the previous one and its next run does the whole work again.
 */
export async function recordOrderLink(db: Queryable, link: OrderLink): Promise<void> {
  const fingerprint = link.fingerprint === undefined ? {} : { fingerprint: link.fingerprint };
  await db
    .insert(orderLinks)
    .values({ ...link, fingerprint: link.fingerprint ?? null })
    .onConflictDoUpdate({
      target: [orderLinks.connectionId, orderLinks.orderId],
      set: {
        salesOrderId: link.salesOrderId,
        lastModifiedGmt: link.lastModifiedGmt,
        ...fingerprint,
        updatedAt: sql`now()`,
      },
    });
}
