import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import type { Job } from '../jobs/job.ts';
import { releaseJob } from '../jobs/operator-actions.ts';
import { type HeldOrder, heldMethodsOf, heldOrderOf, heldSkusOf, payloadConnectionOf } from './held-detail.ts';

/** One order (or other record) waiting for the merchant. It is the held job itself: `id` is the job id. */
export interface ReviewQueueEntry {
  id: string;
  jobId: string;
  kind: string;
  connectionId: string | null;
  code: string;
  reason: string;
  skus: string[];
  shippingMethods: string[];
  order: HeldOrder | null;
  heldAt: Date;
}

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');

/** The flow's own sentence when it wrote one; otherwise one made from what the hold names. */
function reasonOf(job: Job, skus: string[], methods: string[]): string {
  const message = job.lastError?.message.trim();
  if (message) return message;
  if (skus.length > 0) return `No NetSuite item is mapped to SKU ${quoted(skus)}; map it and the order goes on.`;
  if (methods.length > 0) {
    return `No NetSuite shipping item is mapped to shipping method ${quoted(methods)}; map it and the order goes on.`;
  }
  return 'This needs your attention before it can go on to NetSuite.';
}

export function reviewQueueEntryOf(job: Job): ReviewQueueEntry {
  const skus = heldSkusOf(job.lastError);
  const shippingMethods = heldMethodsOf(job.lastError);
  return {
    id: job.id,
    jobId: job.id,
    kind: job.kind,
    connectionId: payloadConnectionOf(job.payload) ?? null,
    code: job.lastError?.code ?? 'HELD',
    reason: reasonOf(job, skus, shippingMethods),
    skus,
    shippingMethods,
    order: heldOrderOf(job.lastError),
    heldAt: job.updatedAt,
  };
}

export interface ReviewQueueFilter {
  /** Page cursor: entries of jobs created before this job id. */
  before?: string | undefined;
  limit: number;
}

/** The held jobs, newest first. */
export async function listReviewQueue(db: Db, filter: ReviewQueueFilter): Promise<ReviewQueueEntry[]> {
  const conditions: SQL[] = [eq(jobs.state, 'held')];
  if (filter.before) conditions.push(lt(jobs.id, filter.before));
  const held = await db
    .select()
    .from(jobs)
    .where(and(...conditions))
    .orderBy(desc(jobs.id))
    .limit(filter.limit);
  return held.map(reviewQueueEntryOf);
}

/** The merchant fixed the cause: the job runs again (`JOB_STATE_CONFLICT` when it is no longer held). */
export const releaseReviewQueueEntry = (db: Db, audit: AuditLog, id: string, actor: string): Promise<Job> =>
  releaseJob(db, audit, id, actor);
