import { and, eq, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { schedules } from '../db/schema.ts';
import type { ScheduleRow } from './state.ts';

const free = or(isNull(schedules.runningBy), lt(schedules.leaseUntil, sql`now()`));

/** A claimed run: the next one a full period from now, the lease taken by `runnerId` for `leaseMs`. */
const startedRun = (runnerId: string, leaseMs: number) => ({
  nextRunAt: sql`now() + ${schedules.cadenceMs} * interval '1 millisecond'`,
  runningBy: runnerId,
  leaseUntil: sql`now() + ${leaseMs} * interval '1 millisecond'`,
  lastStartedAt: sql`now()`,
  updatedAt: sql`now()`,
});

/**
 * Claims this period's run, if it is due and nobody runs it: ONE conditional UPDATE that moves the next run a period
 * on and takes the lease. A second process racing for the same row waits for the first to commit, sees the new
 * `next_run_at`, and updates nothing, so the period runs once on PostgreSQL with any number of processes (and on
 * PGlite, which is one process anyway).
 */
export async function claimDueRun(
  db: Queryable,
  name: string,
  runnerId: string,
  leaseMs: number,
): Promise<ScheduleRow | undefined> {
  const [row] = await db
    .update(schedules)
    .set(startedRun(runnerId, leaseMs))
    .where(and(eq(schedules.name, name), lte(schedules.nextRunAt, sql`now()`), free))
    .returning();
  return row;
}

export type RunNowClaim = { claimed: ScheduleRow } | { runningBy: string; since: Date | null } | { missing: true };

/**
 * Claims a run outside the clock (an operator's "run now"), unless someone is running it. It counts as this period's
 * run: the next one is a full period later.
 */
export async function claimRunNow(
  db: Queryable,
  name: string,
  runnerId: string,
  leaseMs: number,
): Promise<RunNowClaim> {
  const [claimed] = await db
    .update(schedules)
    .set(startedRun(runnerId, leaseMs))
    .where(and(eq(schedules.name, name), free))
    .returning();
  if (claimed) return { claimed };
  const [held] = await db
    .select({ runningBy: schedules.runningBy, since: schedules.lastStartedAt })
    .from(schedules)
    .where(eq(schedules.name, name));
  if (!held) return { missing: true };
  // Its lease lapsed between the two statements: say who had it; a retry will take it.
  return { runningBy: held.runningBy ?? 'another process', since: held.since };
}
