import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { settings } from '../db/schema.ts';
import type { ExceptionReport } from './report.ts';

/** The latest report, whole, in one settings row: each run replaces it. */
export const LATEST_REPORT_SETTING = 'exception-report.latest';

export async function readLatestReport(db: Queryable): Promise<ExceptionReport | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, LATEST_REPORT_SETTING));
  return row ? (row.value as ExceptionReport) : undefined;
}

export async function storeLatestReport(db: Queryable, report: ExceptionReport): Promise<void> {
  await db
    .insert(settings)
    .values({ key: LATEST_REPORT_SETTING, value: report })
    .onConflictDoUpdate({ target: settings.key, set: { value: report, updatedAt: new Date() } });
}
