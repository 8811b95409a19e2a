import { eq, max } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { inboundEvents } from '../db/schema.ts';

/** When the store last delivered a verified webhook (an index read, so deliveries never write to the connection). */
export async function lastDeliveryAt(db: Queryable, connectionId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: max(inboundEvents.receivedAt) })
    .from(inboundEvents)
    .where(eq(inboundEvents.connectionId, connectionId));
  return row?.at ?? undefined;
}
