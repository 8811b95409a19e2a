/**
 * The stock schedule (`netsuite-stock`, every 5 minutes by default, `MLC_SCHEDULE_NETSUITE_STOCK_EVERY`): one
 * durable stock job per WooCommerce connection per run. Latest value wins per SKU twice over: the job reads NetSuite
 * when it runs, not when it is queued, and queuing a run cancels the connection's runs still waiting (queued,
 * retrying, held or dead), so a stale run is superseded instead of replayed and a failed one never blocks the next.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../audit/audit-log.ts';
import { type Connection, listConnections } from '../connections/connections.ts';
import type { Db } from '../db/client.ts';
import { jobs } from '../db/schema.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import type { Job } from '../jobs/job.ts';
import type { Schedule, ScheduleResult, ScheduleServices } from '../schedules/schedule.ts';
import { idleRunState, saveRunState } from './stock-run-state.ts';
import { STOCK_JOB_KIND, type StockJobPayload } from './stock-sync-job.ts';

export const NETSUITE_STOCK = 'netsuite-stock';

export const netsuiteStockSchedule: Schedule = {
  name: NETSUITE_STOCK,
  cadence: '5m',
  run: (services) => queueStockRuns(services),
};

export const stockEntityKey = (connectionId: string) => `netsuite-stock:${connectionId}`;

async function queueStockRuns(services: ScheduleServices): Promise<ScheduleResult> {
  const stores = (await listConnections(services.db)).filter((c) => c.platform === 'woocommerce');
  const queued: { connectionId: string; jobId: string; superseded: number }[] = [];
  for (const connection of stores) {
    const { job, superseded } = await queueStockRun(services, connection, 'schedule');
    queued.push({ connectionId: connection.id, jobId: job.id, superseded });
  }
  if (queued.length > 0) services.onJobsQueued();
  const message =
    stores.length === 0
      ? 'No WooCommerce store is connected: no stock to sync.'
      : `Queued a stock run for ${stores.length} store(s).`;
  return { message, details: { runs: queued } };
}

/** Queues one run for the connection, cancelling its runs still waiting, in one transaction. */
export async function queueStockRun(
  services: { db: Db; audit: AuditLog; jobMaxAttempts: number },
  connection: Pick<Connection, 'id'>,
  trigger: StockJobPayload['trigger'],
): Promise<{ job: Job; superseded: number }> {
  return services.db.transaction(async (tx) => {
    const cancelled = await tx
      .update(jobs)
      .set({ state: 'cancelled', finishedAt: sql`now()`, updatedAt: sql`now()` })
      .where(
        and(
          eq(jobs.entityKey, stockEntityKey(connection.id)),
          inArray(jobs.state, ['queued', 'retrying', 'held', 'dead']),
        ),
      )
      .returning();
    for (const job of cancelled) {
      await services.audit.record(tx, { type: 'job.cancelled', job, message: 'Superseded by a newer stock run.' });
    }
    const payload: StockJobPayload = { connectionId: connection.id, trigger };
    const { job } = await enqueueJob(
      tx,
      services.audit,
      {
        kind: STOCK_JOB_KIND,
        entityKey: stockEntityKey(connection.id),
        idempotencyKey: `netsuite-stock:${connection.id}:${uuidv7()}`,
        payload,
        // A stock run that fails is superseded by the next one within minutes: few attempts.
        maxAttempts: 3,
      },
      services.jobMaxAttempts,
    );
    await saveRunState(tx, connection.id, { ...idleRunState(), jobId: job.id });
    return { job, superseded: cancelled.length };
  });
}
