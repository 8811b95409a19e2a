/**
 * The stock schedule (`netsuite-stock`, every 5 minutes by default, `MLC_SCHEDULE_NETSUITE_STOCK_EVERY`): one
 * durable stock job per WooCommerce connection per run. Latest value wins per SKU twice over: the job reads NetSuite
 * when it runs, not when it is queued, and queuing a run cancels the connection's runs still waiting (queued,
 * retrying, held or dead), so a stale run is superseded instead of replayed and a failed one never blocks the next.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../audit/audit-log.ts';
import { type Connection, listConnections } from '../connections/connections.ts';
import type { Db } from '../db/client.ts';
import { enqueueSuperseding, type Superseding } from '../jobs/supersede.ts';
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
): Promise<Superseding> {
  const payload: StockJobPayload = { connectionId: connection.id, trigger };
  return services.db.transaction(async (tx) => {
    const queued = await enqueueSuperseding(
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
      'Superseded by a newer stock run.',
    );
    await saveRunState(tx, connection.id, { ...idleRunState(), jobId: queued.job.id });
    return queued;
  });
}
