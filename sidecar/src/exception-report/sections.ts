import { and, asc, count, eq, inArray, isNull, like, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { alerts, jobs } from '../db/schema.ts';
import type { Job } from '../jobs/job.ts';
import { recordOf } from '../json-record.ts';
import { reviewQueueEntryOf } from '../review-queue/review-queue.ts';
import { FULFILLMENT_JOB_KIND } from '../sync/netsuite-fulfillments.ts';
import { NO_DELIVERIES } from '../webhook-health/no-deliveries-alert.ts';
import { WEBHOOK_DISABLED, WEBHOOK_MISSING } from '../webhook-health/webhook-check.ts';
import {
  type AlertKindRow,
  type AlertRow,
  type DeadJobRow,
  type HeldOrderRow,
  type ReportSections,
  SECTION_CAP,
  type Section,
  type UnwrittenFulfillmentRow,
} from './report.ts';

/** A fulfillment write-back retrying longer than this is reported as not written back (1 h). */
export const WRITEBACK_OVERDUE_MS = 60 * 60 * 1000;
/** Raised by the stock drift check. */
export const STOCK_DRIFT = 'stock_drift';
const WEBHOOK_OUTAGE_KINDS = [WEBHOOK_DISABLED, WEBHOOK_MISSING, NO_DELIVERIES];

const text = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

async function jobSection<T>(db: Queryable, where: SQL | undefined, row: (job: Job) => T): Promise<Section<T>> {
  const [total] = await db.select({ n: count() }).from(jobs).where(where);
  const listed = await db.select().from(jobs).where(where).orderBy(asc(jobs.updatedAt)).limit(SECTION_CAP);
  return { total: total?.n ?? 0, items: listed.map(row) };
}

function heldOrderRow(job: Job): HeldOrderRow {
  const entry = reviewQueueEntryOf(job);
  return {
    jobId: job.id,
    connectionId: entry.connectionId,
    orderNumber: entry.order?.number || null,
    code: entry.code,
    reason: entry.reason,
    since: job.updatedAt.toISOString(),
  };
}

function deadJobRow(job: Job): DeadJobRow {
  return {
    jobId: job.id,
    kind: job.kind,
    entityKey: job.entityKey,
    connectionId: text(recordOf(job.payload).connectionId),
    code: job.lastError?.code ?? 'UNKNOWN',
    message: job.lastError?.message ?? '',
    since: (job.finishedAt ?? job.updatedAt).toISOString(),
  };
}

function unwrittenRow(job: Job): UnwrittenFulfillmentRow {
  const payload = recordOf(job.payload);
  return {
    jobId: job.id,
    connectionId: text(payload.connectionId),
    orderId: text(payload.orderId),
    fulfillmentId: text(payload.fulfillmentId),
    tranId: text(payload.tranId),
    state: job.state,
    attempts: job.attempts,
    code: job.lastError?.code ?? null,
    message: job.lastError?.message ?? null,
    since: job.createdAt.toISOString(),
  };
}

async function alertSection(db: Queryable, kinds: string[]): Promise<Section<AlertRow>> {
  const where = and(inArray(alerts.kind, kinds), isNull(alerts.acknowledgedAt));
  const [total] = await db.select({ n: count() }).from(alerts).where(where);
  const listed = await db.select().from(alerts).where(where).orderBy(asc(alerts.firstSeen)).limit(SECTION_CAP);
  return {
    total: total?.n ?? 0,
    items: listed.map((alert) => ({
      alertId: alert.id,
      kind: alert.kind,
      severity: alert.severity,
      connectionId: alert.connectionId,
      message: alert.message,
      count: alert.count,
      since: alert.firstSeen.toISOString(),
    })),
  };
}

const worstSeverity = sql<string>`case when bool_or(${alerts.severity} = 'error') then 'error'
  when bool_or(${alerts.severity} = 'warning') then 'warning' else 'info' end`;

async function openAlertsByKind(db: Queryable): Promise<Section<AlertKindRow>> {
  const rows = await db
    .select({ kind: alerts.kind, severity: worstSeverity, count: count() })
    .from(alerts)
    .where(isNull(alerts.acknowledgedAt))
    .groupBy(alerts.kind)
    .orderBy(asc(alerts.kind));
  return { total: rows.reduce((sum, row) => sum + row.count, 0), items: rows.slice(0, SECTION_CAP) };
}

/** Reads every section from the ledger and the alerts, as they are at `now`. */
export async function readSections(db: Queryable, now: Date): Promise<ReportSections> {
  const overdue = new Date(now.getTime() - WRITEBACK_OVERDUE_MS);
  return {
    heldOrders: await jobSection(db, and(eq(jobs.state, 'held'), like(jobs.entityKey, '%:order:%')), heldOrderRow),
    deadJobs: await jobSection(db, eq(jobs.state, 'dead'), deadJobRow),
    fulfillmentsNotWrittenBack: await jobSection(
      db,
      and(
        eq(jobs.kind, FULFILLMENT_JOB_KIND),
        or(eq(jobs.state, 'dead'), and(eq(jobs.state, 'retrying'), lt(jobs.createdAt, overdue))),
      ),
      unwrittenRow,
    ),
    webhookOutages: await alertSection(db, WEBHOOK_OUTAGE_KINDS),
    stockDrift: await alertSection(db, [STOCK_DRIFT]),
    openAlerts: await openAlertsByKind(db),
  };
}
