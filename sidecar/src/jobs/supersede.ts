import { and, eq, inArray, sql } from 'drizzle-orm';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Queryable } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { type EnqueueSpec, enqueueJob } from './enqueue.ts';
import type { Job, JobState } from './job.ts';

/** A job in these states has not started its run: a newer job of its entity makes it pointless. */
const WAITING_STATES = ['queued', 'retrying', 'held', 'dead'] as const satisfies readonly JobState[];

export interface Superseding {
  job: Job;
  /** How many of the entity's waiting jobs the new one cancelled. */
  superseded: number;
}

/**
 * Cancels the entity's jobs still waiting (each with a `job.cancelled` audit event saying `cancelMessage`), then
 * enqueues the new one. For runs that read their source when they run (stock, prices): the newest run does all a
 * waiting one would, so a stale run is not replayed and a failed one never blocks the next. Run it in the caller's
 * transaction, so the cancellations and the new job commit together.
 */
export async function enqueueSuperseding(
  db: Queryable,
  audit: AuditLog,
  spec: EnqueueSpec,
  defaultMaxAttempts: number,
  cancelMessage: string,
): Promise<Superseding> {
  const cancelled = await db
    .update(jobs)
    .set({ state: 'cancelled', finishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(jobs.entityKey, spec.entityKey), inArray(jobs.state, WAITING_STATES)))
    .returning();
  for (const job of cancelled) {
    await audit.record(db, { type: 'job.cancelled', job, message: cancelMessage });
  }
  const { job } = await enqueueJob(db, audit, spec, defaultMaxAttempts);
  return { job, superseded: cancelled.length };
}
