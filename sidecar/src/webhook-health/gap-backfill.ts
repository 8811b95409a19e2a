/**
 * After a webhook is re-enabled, what the store changed while it was off is read by the missed-webhook backfill from
 * its stored watermark: the `woocommerce-backfill` schedule is run now (still one run at a time across processes),
 * not a second copy of it. The caller waits a while for it; a longer backfill goes on in the background.
 */
import type { Logger } from '../logger.ts';
import type { ScheduleRunner } from '../schedules/runner.ts';
import { WOOCOMMERCE_BACKFILL } from '../sync/woocommerce-backfill.ts';

/** How long the caller waits for the backfill (default 10 s, well inside the plugin proxy's 30 s). */
export const GAP_BACKFILL_WAIT_MS = 10_000;

export interface GapBackfill {
  /** `finished`: it ran (see `message`); `running`: it goes on, or another run was under way; `not-scheduled`: this sidecar has no backfill. */
  status: 'finished' | 'failed' | 'running' | 'not-scheduled';
  message: string;
}

const LATER =
  'Orders and customers changed while the webhook was off are read from the store by the missed-webhook backfill';

export async function backfillGap(
  schedules: Pick<ScheduleRunner, 'names' | 'runNow'>,
  logger: Logger,
  waitMs = GAP_BACKFILL_WAIT_MS,
): Promise<GapBackfill> {
  if (!schedules.names.includes(WOOCOMMERCE_BACKFILL)) {
    return { status: 'not-scheduled', message: 'This sidecar runs no missed-webhook backfill; nothing was read.' };
  }
  const run = schedules.runNow(WOOCOMMERCE_BACKFILL).catch((error: unknown) => {
    logger.warn({ err: error }, 'The backfill after re-enabling a webhook failed to start');
    return undefined;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'waiting'>((resolve) => {
    timer = setTimeout(() => resolve('waiting'), waitMs);
  });
  const outcome = await Promise.race([run, timeout]);
  clearTimeout(timer);
  if (outcome === 'waiting') return { status: 'running', message: `${LATER} now; see Schedules for its result.` };
  if (outcome?.status === 'finished') {
    const result = outcome.schedule.lastResult as { message?: string } | null;
    const said = result?.message ?? '';
    return outcome.schedule.lastOutcome === 'succeeded'
      ? { status: 'finished', message: said }
      : { status: 'failed', message: `${said} The next backfill (see Schedules) tries again.` };
  }
  return {
    status: 'running',
    message: `${LATER}: one is running now, and what it misses the next scheduled run reads.`,
  };
}
