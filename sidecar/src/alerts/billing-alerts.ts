/**
 * `billing_failing`: a store's billing job (invoice or cash sale, deposit applied, reclassification journal) is dead,
 * so an order that shipped is not billed in NetSuite and its deposit sits unapplied. One alert per store, its count
 * going up with each dead billing job; resolved once none of the store's billing jobs is dead (replayed to success
 * or cancelled). Kept with the job's state change, like `job_dead`, so an operator's cancel resolves it too.
 */
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { alerts, jobs } from '../db/schema.ts';
import type { Job } from '../jobs/job.ts';
import { recordOf } from '../json-record.ts';
import { BILLING_JOB_KIND } from '../sync/netsuite-fulfillments.ts';
import { raiseAlert, resolveAlerts } from './alerts.ts';

export const BILLING_FAILING = 'billing_failing';

export const billingFailingKey = (connectionId: string) => `${BILLING_FAILING}:${connectionId}`;

async function deadBillingJobs(db: Queryable, connectionId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(jobs)
    .where(
      and(
        eq(jobs.state, 'dead'),
        eq(jobs.kind, BILLING_JOB_KIND),
        sql`${jobs.payload}->>'connectionId' = ${connectionId}`,
      ),
    );
  return row?.n ?? 0;
}

async function isOpen(db: Queryable, key: string): Promise<boolean> {
  const [row] = await db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.dedupeKey, key), isNull(alerts.acknowledgedAt)));
  return row !== undefined;
}

/** Raises or resolves the store's `billing_failing` for a billing job that just settled; other jobs change nothing. */
export async function alertOnBillingSettled(db: Queryable, job: Job): Promise<void> {
  const payload = recordOf(job.payload);
  if (job.kind !== BILLING_JOB_KIND || typeof payload.connectionId !== 'string') return;
  const connectionId = payload.connectionId;
  const key = billingFailingKey(connectionId);
  const clears = job.state === 'succeeded' || job.state === 'cancelled';
  if (!(job.state === 'dead' || (clears && (await isOpen(db, key))))) return;
  // Settles of one store's billing jobs take turns, so each counts what the others committed.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  const dead = await deadBillingJobs(db, connectionId);
  if (job.state === 'dead') {
    const others = dead > 1 ? ` ${dead - 1} more of this store's shipments are not billed either.` : '';
    await raiseAlert(db, {
      kind: BILLING_FAILING,
      severity: 'error',
      connectionId,
      dedupeKey: key,
      message:
        `Shipment ${String(payload.tranId ?? payload.fulfillmentId)} of order ${String(payload.orderId)} could not be ` +
        `billed in NetSuite (job ${job.id}): ${job.lastError?.code ?? 'ERROR'}: ${job.lastError?.message ?? 'no detail'}${others}`,
    });
    return;
  }
  if (dead === 0) await resolveAlerts(db, [key]);
}
