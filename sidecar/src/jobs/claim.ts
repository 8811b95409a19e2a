import { and, eq, inArray, lt, lte, ne, notExists, notInArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { jobs } from '../db/schema.ts';
import { type Job, SETTLED_STATES } from './job.ts';

export interface ClaimOptions {
  workerId: string;
  /** Only jobs of these kinds (the ones this worker has handlers for). */
  kinds: readonly string[];
  leaseMs: number;
}

const earlier = alias(jobs, 'earlier');
const sibling = alias(jobs, 'sibling');

/** A claim that loses the race the one-running-per-entity index referees simply looks again, a few times. */
const CLAIM_TRIES = 3;

/**
 * Takes the next due job, safe across processes (FOR UPDATE SKIP LOCKED) and leased: a job whose worker died is
 * due again once its lease runs out. A job is eligible only at the head of its entity: no earlier job of the same
 * entity that is unsettled (queued, running, retrying, held or dead), and no other job of it running.
 */
export async function claimJob(db: Db, audit: AuditLog, options: ClaimOptions): Promise<Job | undefined> {
  if (options.kinds.length === 0) return undefined;
  for (let attempt = 1; attempt <= CLAIM_TRIES; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [candidate] = await tx
          .select({ id: jobs.id, state: jobs.state, lockedBy: jobs.lockedBy })
          .from(jobs)
          .where(
            and(
              or(
                and(inArray(jobs.state, ['queued', 'retrying']), lte(jobs.runAt, sql`now()`)),
                and(eq(jobs.state, 'running'), lt(jobs.lockedUntil, sql`now()`)),
              ),
              inArray(jobs.kind, [...options.kinds]),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(earlier)
                  .where(
                    and(
                      eq(earlier.entityKey, jobs.entityKey),
                      lt(earlier.seq, jobs.seq),
                      notInArray(earlier.state, [...SETTLED_STATES]),
                    ),
                  ),
              ),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(sibling)
                  .where(
                    and(eq(sibling.entityKey, jobs.entityKey), ne(sibling.id, jobs.id), eq(sibling.state, 'running')),
                  ),
              ),
            ),
          )
          .orderBy(jobs.runAt, jobs.seq)
          .limit(1)
          .for('update', { of: jobs, skipLocked: true });
        if (!candidate) return undefined;

        const [job] = await tx
          .update(jobs)
          .set({
            state: 'running',
            attempts: sql`${jobs.attempts} + 1`,
            lockedBy: options.workerId,
            lockedUntil: sql`now() + ${options.leaseMs} * interval '1 millisecond'`,
            updatedAt: sql`now()`,
          })
          .where(eq(jobs.id, candidate.id))
          .returning();
        if (!job) return undefined;
        if (candidate.state === 'running') {
          await audit.record(tx, {
            type: 'job.lease_expired',
            job,
            message: `Worker ${candidate.lockedBy} stopped before finishing; ${options.workerId} takes the job over.`,
          });
        }
        await audit.record(tx, { type: 'job.started', job, message: `Attempt ${job.attempts} started.` });
        return job;
      });
    } catch (error) {
      if (!isUniqueViolation(error) || attempt === CLAIM_TRIES) throw error;
    }
  }
  return undefined;
}
