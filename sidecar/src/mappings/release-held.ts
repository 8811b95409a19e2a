import { and, eq, sql } from 'drizzle-orm';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { JobActionError, releaseJob } from '../jobs/operator-actions.ts';
import { heldSkusOf, payloadConnectionOf } from '../review-queue/held-detail.ts';
import { findSkuMappings } from './sku-mappings.ts';

export const UNMAPPED_SKU = 'UNMAPPED_SKU';

/**
 * After a mapping of `sku` is saved: releases every job held for that SKU whose SKUs are now all mapped for its
 * connection. A job still waiting on another SKU stays held. Returns how many were released.
 */
export async function releaseJobsHeldForSku(
  db: Db,
  audit: AuditLog,
  sku: string,
  actor = 'sku mapping',
): Promise<number> {
  const held = await db
    .select({ id: jobs.id, payload: jobs.payload, lastError: jobs.lastError })
    .from(jobs)
    .where(
      and(
        eq(jobs.state, 'held'),
        sql`${jobs.lastError}->>'code' = ${UNMAPPED_SKU}`,
        sql`${jobs.lastError}->'detail'->'skus' @> ${JSON.stringify([sku])}::jsonb`,
      ),
    )
    .orderBy(jobs.seq);
  let released = 0;
  for (const job of held) {
    const skus = heldSkusOf(job.lastError);
    const mapped = await findSkuMappings(db, payloadConnectionOf(job.payload), skus);
    if (!skus.every((each) => mapped.has(each))) continue;
    try {
      await releaseJob(db, audit, job.id, actor);
      released++;
    } catch (error) {
      // Released or cancelled by someone else meanwhile: nothing left to do for it.
      if (!(error instanceof JobActionError)) throw error;
    }
  }
  return released;
}
