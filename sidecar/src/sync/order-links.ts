import { and, eq, sql } from 'drizzle-orm';
import type { UtcTimestamp } from '../canonical/time.ts';
import type { Queryable } from '../db/client.ts';
import { orderLinks } from '../db/schema.ts';

export interface OrderLink {
  connectionId: string;
  orderId: string;
  salesOrderId: string;
  lastModifiedGmt: UtcTimestamp;
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
    }
  );
}

/** Remembers the sales order an order became and the storefront version written. */
export async function recordOrderLink(db: Queryable, link: OrderLink): Promise<void> {
  await db
    .insert(orderLinks)
    .values(link)
    .onConflictDoUpdate({
      target: [orderLinks.connectionId, orderLinks.orderId],
      set: { salesOrderId: link.salesOrderId, lastModifiedGmt: link.lastModifiedGmt, updatedAt: sql`now()` },
    });
}
