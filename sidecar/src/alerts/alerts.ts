import { and, desc, eq, inArray, isNotNull, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { isUuid } from '../connections/config-error.ts';
import type { Queryable } from '../db/client.ts';
import { alerts } from '../db/schema.ts';
import { enqueueAlertDeliveries } from './enqueue-deliveries.ts';

export type Alert = typeof alerts.$inferSelect;
export type AlertSeverity = Alert['severity'];

export interface AlertInput {
  /** What sort of thing happened (`unmapped_sku`, `webhook_disabled`, …); the admin UI groups by it. */
  kind: string;
  severity: AlertSeverity;
  connectionId?: string | undefined;
  /** Repeats of one problem share it: `unmapped_sku:{connectionId}:{sku}`. */
  dedupeKey: string;
  /** A sentence the merchant can act on. */
  message: string;
}

/**
 * Opens an alert, or counts a repeat on the open one with the same dedupe key (its message and severity become the
 * latest). An acknowledged alert stays as it was: raising it again opens a new one. An opening (not a repeat) is
 * sent to the configured alert channels, each by its own durable job.
 */
export async function raiseAlert(db: Queryable, input: AlertInput): Promise<Alert> {
  // The alert and its deliveries commit together: an opening is never recorded without its messages queued.
  return db.transaction(async (tx) => {
    const alert = await upsertAlert(tx, input);
    // A fresh row starts at 1; a repeat of an open one counts up: only an opening is sent.
    if (alert.count === 1) await enqueueAlertDeliveries(tx, alert);
    return alert;
  });
}

async function upsertAlert(db: Queryable, input: AlertInput): Promise<Alert> {
  const [alert] = await db
    .insert(alerts)
    .values({
      id: uuidv7(),
      kind: input.kind,
      severity: input.severity,
      connectionId: input.connectionId ?? null,
      dedupeKey: input.dedupeKey,
      message: input.message,
    })
    .onConflictDoUpdate({
      target: alerts.dedupeKey,
      targetWhere: isNull(alerts.acknowledgedAt),
      set: {
        count: sql`${alerts.count} + 1`,
        lastSeen: sql`now()`,
        message: sql`excluded.message`,
        severity: sql`excluded.severity`,
      },
    })
    .returning();
  if (!alert) throw new Error(`Raising alert ${input.dedupeKey} returned no row.`);
  return alert;
}

export interface AlertFilter {
  acknowledged?: boolean | undefined;
  connectionId?: string | undefined;
  /** Page cursor: alerts opened before this one (ids are UUIDv7). */
  before?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function listAlerts(db: Queryable, filter: AlertFilter): Promise<Alert[]> {
  const conditions: SQL[] = [];
  if (filter.acknowledged !== undefined) {
    conditions.push(filter.acknowledged ? isNotNull(alerts.acknowledgedAt) : isNull(alerts.acknowledgedAt));
  }
  if (filter.connectionId) conditions.push(eq(alerts.connectionId, filter.connectionId));
  if (filter.before) conditions.push(lt(alerts.id, filter.before));
  return db
    .select()
    .from(alerts)
    .where(and(...conditions))
    .orderBy(desc(alerts.id))
    .limit(filter.limit);
}

/** Marks it seen; acknowledging twice keeps the first time. Undefined when there is no such alert. */
export async function acknowledgeAlert(db: Queryable, id: string): Promise<Alert | undefined> {
  if (!isUuid(id)) return undefined;
  const [alert] = await db
    .update(alerts)
    .set({ acknowledgedAt: sql`coalesce(${alerts.acknowledgedAt}, now())` })
    .where(eq(alerts.id, id))
    .returning();
  return alert;
}

/**
 * Closes the open alerts with these dedupe keys because what they reported is fixed (a SKU mapped, a setting made):
 * they are marked acknowledged, and a new occurrence opens a fresh alert. Returns how many were open.
 */
export async function resolveAlerts(db: Queryable, dedupeKeys: readonly string[]): Promise<number> {
  if (dedupeKeys.length === 0) return 0;
  const resolved = await db
    .update(alerts)
    .set({ acknowledgedAt: sql`now()` })
    .where(and(inArray(alerts.dedupeKey, [...dedupeKeys]), isNull(alerts.acknowledgedAt)))
    .returning({ id: alerts.id });
  return resolved.length;
}
