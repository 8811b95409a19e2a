import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Queryable } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import type { Job } from './job.ts';

export interface EnqueueSpec {
  kind: string;
  /** Jobs of one entity run one at a time, in order (e.g. `woocommerce:3:order:1042`). */
  entityKey: string;
  /** Unique across the ledger: a second enqueue with the same key returns the first job and adds nothing. */
  idempotencyKey: string;
  payload: unknown;
  /** Not before this time (default now). */
  runAt?: Date;
  maxAttempts?: number;
}

export interface Enqueued {
  job: Job;
  /** False when the idempotency key was already taken: `job` is the first one. */
  created: boolean;
}

/**
 * Adds a job in the caller's transaction, so the caller's write (a stored webhook delivery) and its job commit
 * together or not at all.
 */
export async function enqueueJob(
  db: Queryable,
  audit: AuditLog,
  spec: EnqueueSpec,
  defaultMaxAttempts: number,
): Promise<Enqueued> {
  const [inserted] = await db
    .insert(jobs)
    .values({
      id: uuidv7(),
      kind: spec.kind,
      entityKey: spec.entityKey,
      idempotencyKey: spec.idempotencyKey,
      payload: spec.payload,
      maxAttempts: spec.maxAttempts ?? defaultMaxAttempts,
      ...(spec.runAt ? { runAt: spec.runAt } : {}),
    })
    .onConflictDoNothing({ target: jobs.idempotencyKey })
    .returning();
  if (inserted) {
    await audit.record(db, { type: 'job.enqueued', job: inserted, message: `Queued ${inserted.kind}.` });
    return { job: inserted, created: true };
  }
  const [existing] = await db.select().from(jobs).where(eq(jobs.idempotencyKey, spec.idempotencyKey));
  if (!existing) throw new Error(`Idempotency key ${spec.idempotencyKey} conflicted but no job holds it.`);
  return { job: existing, created: false };
}
