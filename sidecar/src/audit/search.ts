import { and, asc, desc, eq, gte, lt, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { auditEvents } from '../db/schema.ts';
import type { JobState } from '../jobs/job.ts';

export type AuditEvent = typeof auditEvents.$inferSelect;

export interface AuditFilter {
  jobId?: string | undefined;
  entityKey?: string | undefined;
  externalId?: string | undefined;
  /** The job's state the event left it in. */
  state?: JobState | undefined;
  type?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Page cursor: events older than this event id. */
  before?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function searchAudit(db: Db, filter: AuditFilter): Promise<AuditEvent[]> {
  const conditions: SQL[] = [];
  if (filter.jobId) conditions.push(eq(auditEvents.jobId, filter.jobId));
  if (filter.entityKey) conditions.push(eq(auditEvents.entityKey, filter.entityKey));
  if (filter.externalId) conditions.push(eq(auditEvents.externalId, filter.externalId));
  if (filter.state) conditions.push(eq(auditEvents.state, filter.state));
  if (filter.type) conditions.push(eq(auditEvents.type, filter.type));
  if (filter.from) conditions.push(gte(auditEvents.at, filter.from));
  if (filter.to) conditions.push(lte(auditEvents.at, filter.to));
  if (filter.before) conditions.push(lt(auditEvents.id, filter.before));
  return db
    .select()
    .from(auditEvents)
    .where(and(...conditions))
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit);
}

/** A job's timeline, oldest first. */
export async function jobTimeline(db: Db, jobId: string): Promise<AuditEvent[]> {
  return db.select().from(auditEvents).where(eq(auditEvents.jobId, jobId)).orderBy(asc(auditEvents.id));
}
