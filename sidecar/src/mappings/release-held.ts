import { and, eq, inArray, sql } from 'drizzle-orm';
import { resolveAlerts } from '../alerts/alerts.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { ConnectionSettings } from '../connections/connection-settings.ts';
import { listConnections } from '../connections/connections.ts';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { JobActionError, releaseJob } from '../jobs/operator-actions.ts';
import { heldMethodsOf, heldSkusOf, payloadConnectionOf } from '../review-queue/held-detail.ts';
import { findSkuMappings } from './sku-mappings.ts';
import { UNMAPPED_SKU, unmappedShippingAlertKey, unmappedSkuAlertKey } from './unmapped.ts';

/**
 * Holds a connection setting fixes: a missing shipping item, tax code, discount, fee or refund item. The flow checks
 * again when the job runs, so releasing one whose setting is still missing only holds it again.
 */
const SETTINGS_HOLDS = [
  'UNMAPPED_SHIPPING_METHOD',
  'UNMAPPED_TAX_RATE',
  'DISCOUNT_ITEM_NOT_SET',
  'FEE_ITEM_NOT_SET',
  'REFUND_ITEM_NOT_SET',
];

async function release(db: Db, audit: AuditLog, jobIds: readonly string[], actor: string): Promise<number> {
  let released = 0;
  for (const id of jobIds) {
    try {
      await releaseJob(db, audit, id, actor);
      released++;
    } catch (error) {
      // Released or cancelled by someone else meanwhile: nothing left to do for it.
      if (!(error instanceof JobActionError)) throw error;
    }
  }
  return released;
}

/**
 * After a mapping of `sku` is saved (for one connection, or for all when `connectionId` is null): resolves the
 * unmapped-SKU alerts it answers and releases every job held for that SKU whose SKUs are now all mapped for its
 * connection. A job still waiting on another SKU stays held. Returns how many were released.
 */
export async function releaseJobsHeldForSku(
  db: Db,
  audit: AuditLog,
  sku: string,
  connectionId: string | null,
  actor = 'sku mapping',
): Promise<number> {
  const connections = connectionId ? [connectionId] : (await listConnections(db)).map((each) => each.id);
  await resolveAlerts(
    db,
    connections.map((each) => unmappedSkuAlertKey(each, sku)),
  );
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
  const ready: string[] = [];
  for (const job of held) {
    const skus = heldSkusOf(job.lastError);
    const mapped = await findSkuMappings(db, payloadConnectionOf(job.payload), skus);
    if (skus.every((each) => mapped.has(each))) ready.push(job.id);
  }
  return release(db, audit, ready, actor);
}

/**
 * After a connection's settings change: resolves the unmapped-shipping alerts the new shipping items answer and
 * releases the connection's jobs held for a missing setting, to be checked again. Returns how many were released.
 */
export async function releaseJobsHeldForSettings(
  db: Db,
  audit: AuditLog,
  connectionId: string,
  settings: ConnectionSettings,
  actor = 'connection settings',
): Promise<number> {
  const held = await db
    .select({ id: jobs.id, lastError: jobs.lastError })
    .from(jobs)
    .where(
      and(
        eq(jobs.state, 'held'),
        sql`${jobs.payload}->>'connectionId' = ${connectionId}`,
        inArray(sql`${jobs.lastError}->>'code'`, SETTINGS_HOLDS),
      ),
    )
    .orderBy(jobs.seq);
  const mappedMethods = held
    .flatMap((job) => heldMethodsOf(job.lastError))
    .filter((method) => settings.shippingItems[method] ?? settings.shippingItems['*']);
  await resolveAlerts(
    db,
    mappedMethods.map((method) => unmappedShippingAlertKey(connectionId, method)),
  );
  return release(
    db,
    audit,
    held.map((job) => job.id),
    actor,
  );
}
