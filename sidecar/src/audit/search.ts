import { and, asc, desc, eq, gte, lt, lte, type SQL, sql } from 'drizzle-orm';
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
  /**
   * Free text, case-insensitive, found anywhere in the event: its message, type, job id, entity key, external id,
   * request id or JSON details (an order number, a SKU, an externalId, a job id).
   */
  q?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Page cursor: events older than this event id. */
  before?: string | undefined;
  limit: number;
}

/** A LIKE pattern matching `text` anywhere: `%`, `_` and `\` in it stand for themselves. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * No index serves a match inside the text, so this scans the events the other filters leave: narrow by time or entity
 * on a large trail.
 */
function mentions(text: string): SQL {
  const pattern = containsPattern(text);
  const e = auditEvents;
  return sql`(${e.message} ilike ${pattern} or ${e.type} ilike ${pattern} or ${e.entityKey} ilike ${pattern}
    or ${e.externalId} ilike ${pattern} or ${e.requestId} ilike ${pattern} or ${e.jobId}::text ilike ${pattern}
    or ${e.data}::text ilike ${pattern})`;
}

/** Newest first. */
export async function searchAudit(db: Db, filter: AuditFilter): Promise<AuditEvent[]> {
  const conditions: SQL[] = [];
  if (filter.jobId) conditions.push(eq(auditEvents.jobId, filter.jobId));
  if (filter.entityKey) conditions.push(eq(auditEvents.entityKey, filter.entityKey));
  if (filter.externalId) conditions.push(eq(auditEvents.externalId, filter.externalId));
  if (filter.state) conditions.push(eq(auditEvents.state, filter.state));
  if (filter.type) conditions.push(eq(auditEvents.type, filter.type));
  const text = filter.q?.trim();
  if (text) conditions.push(mentions(text));
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

/** One event of the audit trail, its details whole (undefined: no such event). */
export async function auditEvent(db: Db, id: string): Promise<AuditEvent | undefined> {
  const [event] = await db.select().from(auditEvents).where(eq(auditEvents.id, id));
  return event;
}
