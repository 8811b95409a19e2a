import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { schedules } from '../db/schema.ts';
import type { ScheduleRow } from './state.ts';

/** Extends the run's lease; false when this runner no longer holds it (it lapsed and another took the run over). */
export async function renewRunLease(db: Queryable, name: string, runnerId: string, leaseMs: number): Promise<boolean> {
  const renewed = await db
    .update(schedules)
    .set({ leaseUntil: sql`now() + ${leaseMs} * interval '1 millisecond'` })
    .where(and(eq(schedules.name, name), eq(schedules.runningBy, runnerId)))
    .returning({ name: schedules.name });
  return renewed.length > 0;
}

export interface RunEnd {
  outcome: 'succeeded' | 'failed';
  /** `{ message, details }` of a run that finished, `{ code, message, detail }` of one that failed; redacted. */
  result: unknown;
  /** The run was cut short by shutdown: due again at once, so another process does it now. */
  dueAgainNow?: boolean;
}

/** Records how the run ended and frees the schedule; undefined when this runner had lost the lease. */
export async function finishRun(
  db: Queryable,
  name: string,
  runnerId: string,
  end: RunEnd,
): Promise<ScheduleRow | undefined> {
  const [row] = await db
    .update(schedules)
    .set({
      runningBy: null,
      leaseUntil: null,
      lastFinishedAt: sql`now()`,
      lastOutcome: end.outcome,
      lastResult: end.result,
      updatedAt: sql`now()`,
      ...(end.dueAgainNow ? { nextRunAt: sql`now()` } : {}),
    })
    .where(and(eq(schedules.name, name), eq(schedules.runningBy, runnerId)))
    .returning();
  return row;
}

/** Frees a run whose code would not stop at shutdown, due again at once; its last result stays as it was. */
export async function abandonRun(db: Queryable, name: string, runnerId: string): Promise<void> {
  await db
    .update(schedules)
    .set({ runningBy: null, leaseUntil: null, nextRunAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(schedules.name, name), eq(schedules.runningBy, runnerId)));
}
