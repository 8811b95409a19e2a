import { asc, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { schedules } from '../db/schema.ts';

export type ScheduleRow = typeof schedules.$inferSelect;

/**
 * Makes sure each schedule has its row. A new one is first due one period from now. A changed cadence takes effect
 * at once when it is shorter (the next run comes no later than one new period from now) and after the run already
 * planned when it is longer; with processes configured differently, the last one started wins.
 */
export async function registerSchedules(db: Queryable, cadences: ReadonlyMap<string, number>): Promise<void> {
  for (const [name, cadenceMs] of cadences) {
    await db
      .insert(schedules)
      .values({ name, cadenceMs, nextRunAt: sql`now() + ${cadenceMs} * interval '1 millisecond'` })
      .onConflictDoUpdate({
        target: schedules.name,
        set: {
          cadenceMs: sql`excluded.cadence_ms`,
          nextRunAt: sql`least(${schedules.nextRunAt}, excluded.next_run_at)`,
          updatedAt: sql`now()`,
        },
        setWhere: sql`${schedules.cadenceMs} <> excluded.cadence_ms`,
      });
  }
}

export interface ScheduleState extends ScheduleRow {
  /** Milliseconds until it is due by the database's clock (≤ 0: due now). */
  dueInMs: number;
  /** Someone holds a lease that has not lapsed. */
  leased: boolean;
}

/** The rows of the named schedules, with times measured by the database's clock, never this process's. */
export async function readSchedules(db: Queryable, names: readonly string[]): Promise<ScheduleState[]> {
  if (names.length === 0) return [];
  const rows = await db
    .select({
      row: schedules,
      dueInMs: sql<number>`(extract(epoch from ${schedules.nextRunAt} - now()) * 1000)::float8`,
      leased: sql<boolean>`coalesce(${schedules.leaseUntil} > now(), false)`,
    })
    .from(schedules)
    .where(inArray(schedules.name, [...names]))
    .orderBy(asc(schedules.name));
  return rows.map(({ row, dueInMs, leased }) => ({ ...row, dueInMs: Number(dueInMs), leased: Boolean(leased) }));
}
