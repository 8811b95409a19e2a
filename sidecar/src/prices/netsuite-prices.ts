/**
 * The price schedule (`netsuite-prices`, hourly by default, `MLC_SCHEDULE_NETSUITE_PRICES_EVERY`): one durable price
 * job per WooCommerce connection that has a price level set; a store without one keeps its own prices. Queuing a run
 * cancels the connection's runs still waiting (queued, retrying, held or dead): the job reads NetSuite when it runs,
 * so the newest run writes the newest prices and a failed one never blocks the next.
 */
import { v7 as uuidv7 } from 'uuid';
import type { AuditLog } from '../audit/audit-log.ts';
import { type Connection, listConnections } from '../connections/connections.ts';
import type { Db } from '../db/client.ts';
import { enqueueSuperseding, type Superseding } from '../jobs/supersede.ts';
import type { Schedule, ScheduleResult, ScheduleServices } from '../schedules/schedule.ts';
import { PRICE_JOB_KIND, type PriceJobPayload } from './price-sync-job.ts';

const NETSUITE_PRICES = 'netsuite-prices';

export const netsuitePricesSchedule: Schedule = {
  name: NETSUITE_PRICES,
  cadence: '1h',
  run: (services) => queuePriceRuns(services),
};

const priceEntityKey = (connectionId: string) => `netsuite-prices:${connectionId}`;

async function queuePriceRuns(services: ScheduleServices): Promise<ScheduleResult> {
  const stores = (await listConnections(services.db)).filter((c) => c.platform === 'woocommerce');
  const priced = stores.filter((c) => c.settings.priceLevelId !== null);
  const runs: { connectionId: string; jobId: string; superseded: number }[] = [];
  for (const connection of priced) {
    const { job, superseded } = await queuePriceRun(services, connection);
    runs.push({ connectionId: connection.id, jobId: job.id, superseded });
  }
  if (runs.length > 0) services.onJobsQueued();
  const message =
    priced.length === 0
      ? `No WooCommerce store takes its prices from NetSuite (${stores.length} store(s) without a price level).`
      : `Queued a price run for ${priced.length} store(s); ${stores.length - priced.length} keep their own prices.`;
  return { message, details: { runs } };
}

/** Queues one run for the connection, cancelling its runs still waiting, in one transaction. */
async function queuePriceRun(
  services: { db: Db; audit: AuditLog; jobMaxAttempts: number },
  connection: Pick<Connection, 'id'>,
): Promise<Superseding> {
  const payload: PriceJobPayload = { connectionId: connection.id };
  return services.db.transaction((tx) =>
    enqueueSuperseding(
      tx,
      services.audit,
      {
        kind: PRICE_JOB_KIND,
        entityKey: priceEntityKey(connection.id),
        idempotencyKey: `netsuite-prices:${connection.id}:${uuidv7()}`,
        payload,
        // The next run comes within the hour and supersedes a failed one: few attempts.
        maxAttempts: 3,
      },
      services.jobMaxAttempts,
      'Superseded by a newer price run.',
    ),
  );
}
