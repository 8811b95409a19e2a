import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { inboundEvents } from '../db/schema.ts';
import { enqueueJob } from '../jobs/enqueue.ts';

export interface VerifiedDelivery {
  connectionId: string;
  platform: string;
  topic: string;
  webhookId: string;
  deliveryId: string;
  body: string;
  headers: Record<string, string>;
  /** Who brought it (default `webhook`); `backfill`: a version read from the REST API because its webhook never came. */
  source?: 'webhook' | 'backfill';
  /**
   * The event's id (default a fresh UUIDv7). The backfill derives it from the record's version, so a version read
   * twice lands on the same event and the same job (`inbound:{id}`) and is stored once.
   */
  eventId?: string;
  /** The job it starts; none for topics the connector does not act on. */
  work: { kind: string; entityKey: string } | undefined;
}

export type StoredDelivery =
  | { status: 'accepted'; eventId: string; jobId: string | undefined }
  | { status: 'duplicate'; eventId: string };

/**
 * Stores a verified delivery and enqueues its job in ONE transaction, so the sender hears 200 only once both are
 * durable. An exact redelivery (same webhook, delivery id and body bytes) matches the unique key and adds nothing.
 */
export async function storeDelivery(
  db: Db,
  audit: AuditLog,
  delivery: VerifiedDelivery,
  maxAttempts: number,
): Promise<StoredDelivery> {
  const bodySha256 = createHash('sha256').update(delivery.body).digest('hex');
  return db.transaction(async (tx) => {
    const eventId = delivery.eventId ?? uuidv7();
    const [inserted] = await tx
      .insert(inboundEvents)
      .values({
        id: eventId,
        connectionId: delivery.connectionId,
        platform: delivery.platform,
        topic: delivery.topic,
        webhookId: delivery.webhookId,
        deliveryId: delivery.deliveryId,
        bodySha256,
        body: delivery.body,
        headers: delivery.headers,
        ...(delivery.source ? { source: delivery.source } : {}),
      })
      .onConflictDoNothing()
      .returning({ id: inboundEvents.id });
    if (!inserted) {
      const [first] = await tx
        .select({ id: inboundEvents.id })
        .from(inboundEvents)
        .where(
          sql`${inboundEvents.connectionId} = ${delivery.connectionId} and ${inboundEvents.webhookId} = ${delivery.webhookId}
            and ${inboundEvents.deliveryId} = ${delivery.deliveryId} and ${inboundEvents.bodySha256} = ${bodySha256}`,
        );
      // A backfilled version stored before matches on its derived id, whatever its body.
      return { status: 'duplicate', eventId: first?.id ?? eventId };
    }
    if (!delivery.work) return { status: 'accepted', eventId, jobId: undefined };
    const { job } = await enqueueJob(
      tx,
      audit,
      {
        kind: delivery.work.kind,
        entityKey: delivery.work.entityKey,
        idempotencyKey: `inbound:${eventId}`,
        payload: { inboundEventId: eventId, connectionId: delivery.connectionId, topic: delivery.topic },
      },
      maxAttempts,
    );
    return { status: 'accepted', eventId, jobId: job.id };
  });
}
