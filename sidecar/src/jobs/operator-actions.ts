import { eq, sql } from 'drizzle-orm';
import type { AuditEventType, AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import type { Job, JobChanges, JobState } from './job.ts';
import { recordJobAlerts } from './settle.ts';

export class JobActionError extends Error {
  readonly code: 'JOB_NOT_FOUND' | 'JOB_STATE_CONFLICT';

  constructor(code: JobActionError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

interface Action {
  verb: string;
  from: readonly JobState[];
  event: AuditEventType;
  changes: JobChanges;
}

/** The merchant fixed what held it: run it again with a fresh attempt budget. */
const RELEASE: Action = {
  verb: 'released',
  from: ['held'],
  event: 'job.released',
  changes: { state: 'queued', attempts: 0, runAt: sql`now()` },
};

/**
 * Run a dead or finished job again, as the same job: same id, same payload, so the externalIds it writes under are
 * the same and NetSuite upserts rather than duplicates.
 */
const REPLAY: Action = {
  verb: 'replayed',
  from: ['dead', 'succeeded'],
  event: 'job.replayed',
  changes: { state: 'queued', attempts: 0, replays: sql`${jobs.replays} + 1`, runAt: sql`now()`, finishedAt: null },
};

/** Give up on a job that has not run to the end; the later jobs of its entity go ahead. */
const CANCEL: Action = {
  verb: 'cancelled',
  from: ['queued', 'retrying', 'held', 'dead'],
  event: 'job.cancelled',
  changes: { state: 'cancelled', finishedAt: sql`now()` },
};

async function apply(db: Db, audit: AuditLog, jobId: string, action: Action, actor: string): Promise<Job> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for('update');
    if (!current) throw new JobActionError('JOB_NOT_FOUND', `No job has the id ${jobId}.`);
    if (!action.from.includes(current.state)) {
      throw new JobActionError(
        'JOB_STATE_CONFLICT',
        `Job ${jobId} is ${current.state}; only ${action.from.join(' or ')} jobs can be ${action.verb}.`,
      );
    }
    const [updated] = await tx
      .update(jobs)
      .set({ ...action.changes, updatedAt: sql`now()` })
      .where(eq(jobs.id, jobId))
      .returning();
    if (!updated) throw new JobActionError('JOB_NOT_FOUND', `No job has the id ${jobId}.`);
    await audit.record(tx, {
      type: action.event,
      job: updated,
      message: `${action.verb[0]?.toUpperCase()}${action.verb.slice(1)} by ${actor} (was ${current.state}).`,
    });
    // A cancelled dead or held job may be the last one an alert was about.
    await recordJobAlerts(tx, audit, updated);
    return updated;
  });
}

export const releaseJob = (db: Db, audit: AuditLog, jobId: string, actor: string) =>
  apply(db, audit, jobId, RELEASE, actor);
export const replayJob = (db: Db, audit: AuditLog, jobId: string, actor: string) =>
  apply(db, audit, jobId, REPLAY, actor);
export const cancelJob = (db: Db, audit: AuditLog, jobId: string, actor: string) =>
  apply(db, audit, jobId, CANCEL, actor);
