import { and, desc, eq, inArray, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditEvents, jobs } from '../db/schema.ts';
import type { Job, JobState } from './job.ts';

export interface JobFilter {
  state?: JobState | undefined;
  kind?: string | undefined;
  entityKey?: string | undefined;
  /** Jobs whose audit trail names this NetSuite externalId (a call they made, a step they noted): `WOO_ORDER_12`. */
  externalId?: string | undefined;
  /** Page cursor: jobs created before this job id (ids are UUIDv7, so time-ordered). */
  before?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function listJobs(db: Db, filter: JobFilter): Promise<Job[]> {
  const conditions: SQL[] = [];
  if (filter.state) conditions.push(eq(jobs.state, filter.state));
  if (filter.kind) conditions.push(eq(jobs.kind, filter.kind));
  if (filter.entityKey) conditions.push(eq(jobs.entityKey, filter.entityKey));
  if (filter.externalId) {
    // Served by the partial index on audit_events.external_id.
    const naming = db
      .selectDistinct({ jobId: auditEvents.jobId })
      .from(auditEvents)
      .where(eq(auditEvents.externalId, filter.externalId));
    conditions.push(inArray(jobs.id, naming));
  }
  if (filter.before) conditions.push(lt(jobs.id, filter.before));
  return db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.id))
    .limit(filter.limit);
}

export async function getJob(db: Db, id: string): Promise<Job | undefined> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  return job;
}
