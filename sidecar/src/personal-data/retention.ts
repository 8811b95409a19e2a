/**
 * Stored delivery bodies hold the storefront's customers' personal data; they are kept only while they may still be
 * needed. Past the retention period, a body whose job is settled (or that started no job) is cleared. The row stays,
 * with its body hash, webhook id and delivery id, so a redelivery of a purged delivery is still recognised as one.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { inboundEvents, jobs } from '../db/schema.ts';
import { SETTLED_STATES } from '../jobs/job.ts';
import type { Schedule } from '../schedules/schedule.ts';

/** How long delivery bodies are kept by default (MLC_DELIVERY_RETENTION_DAYS). */
export const DEFAULT_DELIVERY_RETENTION_DAYS = 30;

/** Bodies cleared per statement, so one purge never holds a long lock or a large transaction. */
const PURGE_BATCH = 1000;

const DAY_MS = 86_400_000;

export interface PurgeOptions {
  /** The clock (tests move it); default: the current time. */
  now?: Date;
  /** Bodies received more than this many days before `now` are cleared (default 30). */
  retentionDays?: number;
  /** Stops between batches when aborted (a shutting-down schedule run). */
  signal?: AbortSignal;
}

/**
 * Clears the body of every delivery received before `now − retentionDays` whose job is succeeded or cancelled, or
 * that started no job. A body a queued, running, retrying, held or dead job may still read is never cleared: that
 * job would have nothing to run on once released or replayed. Returns how many bodies were cleared.
 */
export async function purgeExpiredDeliveries(db: Queryable, options: PurgeOptions = {}): Promise<number> {
  const retentionDays = options.retentionDays ?? DEFAULT_DELIVERY_RETENTION_DAYS;
  if (!(Number.isFinite(retentionDays) && retentionDays >= 0)) {
    throw new RangeError(`retentionDays must be a number of days (0 or more), not ${retentionDays}.`);
  }
  const cutoff = new Date((options.now ?? new Date()).getTime() - retentionDays * DAY_MS);
  const settled = sql.join(
    SETTLED_STATES.map((state) => sql`${state}`),
    sql`, `,
  );
  let purged = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    const cleared = await db
      .update(inboundEvents)
      .set({ body: null })
      .where(
        sql`${inboundEvents.id} in (
          select e.id from ${inboundEvents} e
          where e.body is not null and e.received_at < ${cutoff.toISOString()}::timestamptz
            and not exists (
              select 1 from ${jobs} j
              where j.idempotency_key = 'inbound:' || e.id::text and j.state not in (${settled})
            )
          limit ${PURGE_BATCH})`,
      )
      .returning({ id: inboundEvents.id });
    purged += cleared.length;
    if (cleared.length < PURGE_BATCH) return purged;
  }
}

/** The daily purge as a schedule (`delivery-retention`; `MLC_SCHEDULE_DELIVERY_RETENTION_EVERY` changes its cadence). */
export function deliveryRetentionSchedule(retentionDays = DEFAULT_DELIVERY_RETENTION_DAYS): Schedule {
  return {
    name: 'delivery-retention',
    cadence: '1d',
    async run(services, signal) {
      const purged = await purgeExpiredDeliveries(services.db, { retentionDays, signal });
      return {
        message: `Cleared ${purged} delivery bodies received more than ${retentionDays} days ago.`,
        details: { purged, retentionDays },
      };
    },
  };
}
