import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { fulfillmentWritebacks } from '../db/schema.ts';

export type FulfillmentWriteback = typeof fulfillmentWritebacks.$inferSelect;
export type FulfillmentWritebackInput = Omit<FulfillmentWriteback, 'createdAt' | 'updatedAt'>;

/** What a fulfillment already wrote back to its order, if anything. */
export async function findFulfillmentWriteback(
  db: Queryable,
  connectionId: string,
  fulfillmentId: string,
): Promise<FulfillmentWriteback | undefined> {
  const [row] = await db
    .select()
    .from(fulfillmentWritebacks)
    .where(
      and(eq(fulfillmentWritebacks.connectionId, connectionId), eq(fulfillmentWritebacks.fulfillmentId, fulfillmentId)),
    );
  return row;
}

/** Every fulfillment written back to one order, oldest first. */
export async function listOrderWritebacks(
  db: Queryable,
  connectionId: string,
  orderId: string,
): Promise<FulfillmentWriteback[]> {
  return db
    .select()
    .from(fulfillmentWritebacks)
    .where(and(eq(fulfillmentWritebacks.connectionId, connectionId), eq(fulfillmentWritebacks.orderId, orderId)))
    .orderBy(fulfillmentWritebacks.createdAt);
}

/** Records (or brings up to date) what was written back; call it right after the storefront accepted the write. */
export async function recordFulfillmentWriteback(db: Queryable, input: FulfillmentWritebackInput): Promise<void> {
  await db
    .insert(fulfillmentWritebacks)
    .values(input)
    .onConflictDoUpdate({
      target: [fulfillmentWritebacks.connectionId, fulfillmentWritebacks.fulfillmentId],
      set: {
        lastModified: input.lastModified,
        noteId: input.noteId,
        trackingNumbers: input.trackingNumbers,
        statusSet: input.statusSet,
        updatedAt: sql`now()`,
      },
    });
}
