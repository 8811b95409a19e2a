/**
 * The "no deliveries" rule: has this store been quiet for longer than its own traffic allows?
 *
 * "Usual" is read from the store's webhook deliveries (source `webhook`: backfilled versions are not deliveries) in the
 * 7 days up to its LAST delivery, not up to now, so a store silent for a month is still judged by the week it last
 * had traffic:
 * - gaps shorter than a minute are not gaps: one order makes several deliveries in the same second or so;
 * - the allowed silence is 1.5 × the longest gap of that week, and never less than 6 hours.
 * The longest gap rather than the median: a shop that sells all day and sleeps at night has a median gap of minutes,
 * and a median rule would cry wolf every night; its longest gap of the week is its night (or its weekend).
 * Judged only once the store has had traffic: at least 5 deliveries in that week. Before, there is no "usual".
 * Honest limits: a store quieter than usual for a reason (a holiday) is reported; an outage inside the week widens the
 * allowance for the week after it (a disabled webhook has its own alert, `webhook_disabled`).
 */
import { and, desc, eq, gte, max, sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db/client.ts';
import { inboundEvents } from '../db/schema.ts';

/** How far back from the last delivery traffic is read (default 7 days). */
export const SILENCE_WINDOW_MS = 7 * 86_400_000;
/** Gaps shorter than this (default 1 minute) are one burst, not a gap. */
export const BURST_MS = 60_000;
/** The allowance over the longest gap of the week (default 1.5). */
export const SILENCE_FACTOR = 1.5;
/** Never warn about less silence than this (default 6 hours). */
export const SILENCE_FLOOR_MS = 6 * 3_600_000;
/** Deliveries in the window before there is a "usual" to judge by (default 5). */
export const MIN_DELIVERIES = 5;
/** Deliveries read at most (default 5 000, the newest): enough to know a week's longest gap at any sane rate. */
const MAX_READ = 5_000;

export type SilenceVerdict =
  /** Too little traffic yet to know what is usual. */
  | { state: 'learning'; lastDeliveryAt: Date | null; deliveries: number }
  | { state: 'ok' | 'silent'; lastDeliveryAt: Date; allowedSilenceMs: number; silentForMs: number };

/** The rule on delivery times (any order); `now` is the database's clock in production. */
export function judgeSilence(receivedAt: readonly Date[], now: Date): SilenceVerdict {
  const times = receivedAt.map((at) => at.getTime()).sort((a, b) => a - b);
  const last = times.at(-1);
  if (last === undefined) return { state: 'learning', lastDeliveryAt: null, deliveries: 0 };
  const window = times.filter((at) => at >= last - SILENCE_WINDOW_MS);
  if (window.length < MIN_DELIVERIES) {
    return { state: 'learning', lastDeliveryAt: new Date(last), deliveries: window.length };
  }
  let longest = 0;
  for (let i = 1; i < window.length; i++) {
    const gap = (window[i] ?? 0) - (window[i - 1] ?? 0);
    if (gap >= BURST_MS && gap > longest) longest = gap;
  }
  const allowedSilenceMs = Math.max(SILENCE_FLOOR_MS, Math.round(SILENCE_FACTOR * longest));
  const silentForMs = Math.max(0, now.getTime() - last);
  return {
    state: silentForMs > allowedSilenceMs ? 'silent' : 'ok',
    lastDeliveryAt: new Date(last),
    allowedSilenceMs,
    silentForMs,
  };
}

/** The webhook deliveries the rule reads: the week up to the connection's last one. */
export async function recentDeliveryTimes(db: Queryable, connectionId: string): Promise<Date[]> {
  const fromWebhook = and(eq(inboundEvents.connectionId, connectionId), eq(inboundEvents.source, 'webhook'));
  const [latest] = await db
    .select({ at: max(inboundEvents.receivedAt) })
    .from(inboundEvents)
    .where(fromWebhook);
  if (!latest?.at) return [];
  const since = new Date(latest.at.getTime() - SILENCE_WINDOW_MS);
  const rows = await db
    .select({ at: inboundEvents.receivedAt })
    .from(inboundEvents)
    .where(and(fromWebhook, gte(inboundEvents.receivedAt, since)))
    .orderBy(desc(inboundEvents.receivedAt))
    .limit(MAX_READ);
  return rows.map((row) => row.at);
}

/** The database's clock, which every process shares. */
export async function databaseNow(db: Queryable): Promise<Date> {
  const [row] = rowsOf<{ now: string | Date }>(await db.execute(sql`select now() as now`));
  return new Date(row?.now ?? Date.now());
}
