import { and, eq, sql } from 'drizzle-orm';
import { alertOnJobSettledSafely } from '../alerts/job-alerts.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db, Queryable } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { type BackoffPolicy, retryDelayMs } from './backoff.ts';
import type { Job, JobChanges, JobErrorRecord } from './job.ts';

/**
 * How a claimed job ends an attempt. Every update is conditional on this worker still holding the lease: a worker
 * that lost it (paused past its lease, another took over) changes nothing and is told so by `false`.
 */
async function settle(
  db: Db,
  audit: AuditLog,
  job: Job,
  workerId: string,
  changes: JobChanges,
  event: (settled: Job) => Parameters<AuditLog['record']>[1],
): Promise<Job | undefined> {
  return db.transaction(async (tx) => {
    const [settled] = await tx
      .update(jobs)
      .set({ ...changes, lockedBy: null, lockedUntil: null, updatedAt: sql`now()` })
      .where(and(eq(jobs.id, job.id), eq(jobs.state, 'running'), eq(jobs.lockedBy, workerId)))
      .returning();
    if (settled) {
      await audit.record(tx, event(settled));
      await recordJobAlerts(tx, audit, settled);
    }
    return settled;
  });
}

/** Raises or resolves the alerts a job's new state calls for (`job_dead`, `orders_held`), with the state change. */
export async function recordJobAlerts(tx: Queryable, audit: AuditLog, job: Job): Promise<void> {
  const failure = await alertOnJobSettledSafely(tx, job);
  if (failure)
    await audit.record(tx, { type: 'job.note', job, message: `Could not raise its alert: ${failure.message}` });
}

export function completeJob(db: Db, audit: AuditLog, job: Job, workerId: string) {
  // An error from an earlier attempt or the hold it was released from is history (its audit events keep it), not
  // the state of a job that succeeded.
  return settle(
    db,
    audit,
    job,
    workerId,
    { state: 'succeeded', finishedAt: sql`now()`, lastError: null },
    (settled) => ({
      type: 'job.succeeded',
      job: settled,
      message: `Succeeded on attempt ${settled.attempts}.`,
    }),
  );
}

export function holdJob(db: Db, audit: AuditLog, job: Job, workerId: string, error: JobErrorRecord) {
  return settle(db, audit, job, workerId, { state: 'held', lastError: error }, (settled) => ({
    type: 'job.held',
    job: settled,
    message: `${error.code}: ${error.message}`,
    data: { error },
  }));
}

export interface FailOptions {
  error: JobErrorRecord;
  /** Straight to dead, whatever attempts remain. */
  permanent: boolean;
  retryAfterMs?: number | undefined;
  backoff: BackoffPolicy;
}

/** Retries with backoff while attempts remain and the error is not permanent; otherwise dead. */
export function failJob(db: Db, audit: AuditLog, job: Job, workerId: string, options: FailOptions) {
  const { error } = options;
  if (options.permanent || job.attempts >= job.maxAttempts) {
    const why = options.permanent ? 'a permanent error' : `${job.attempts} of ${job.maxAttempts} attempts`;
    return settle(db, audit, job, workerId, { state: 'dead', lastError: error, finishedAt: sql`now()` }, (settled) => ({
      type: 'job.dead',
      job: settled,
      message: `Dead after ${why}. ${error.code}: ${error.message}`,
      data: { error },
    }));
  }
  const delayMs = retryDelayMs(job.attempts, options.backoff, options.retryAfterMs);
  return settle(
    db,
    audit,
    job,
    workerId,
    { state: 'retrying', lastError: error, runAt: sql`now() + ${delayMs} * interval '1 millisecond'` },
    (settled) => ({
      type: 'job.retrying',
      job: settled,
      message: `Attempt ${settled.attempts} failed; retrying in ${Math.ceil(delayMs / 1000)} s. ${error.code}: ${error.message}`,
      data: { error, delayMs },
    }),
  );
}

/**
 * Hands a job back without counting the attempt (shutdown ran out of grace): due at once, for any worker.
 */
export function releaseLease(db: Db, audit: AuditLog, job: Job, workerId: string) {
  return settle(
    db,
    audit,
    job,
    workerId,
    { state: 'retrying', attempts: sql`greatest(${jobs.attempts} - 1, 0)`, runAt: sql`now()` },
    (settled) => ({
      type: 'job.retrying',
      job: settled,
      message: 'Worker shutting down; the job goes back to the queue without counting this attempt.',
    }),
  );
}

/** Extends a running job's lease; false when this worker no longer holds it. */
export async function renewLease(db: Db, job: Job, workerId: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(and(eq(jobs.id, job.id), eq(jobs.state, 'running'), eq(jobs.lockedBy, workerId)))
    .returning({ id: jobs.id });
  return renewed.length > 0;
}
