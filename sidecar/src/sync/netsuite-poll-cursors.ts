import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { netsuitePollCursors } from '../db/schema.ts';

export type PolledRecordType = (typeof netsuitePollCursors.$inferSelect)['recordType'];

/** NetSuite's `TO_CHAR(…, 'YYYY-MM-DD HH24:MI:SS')` text, which compares as a string in time order. */
export type NetSuiteTimestamp = string;

/** The newest `lastmodifieddate` a poll of this account has stored the work of, if it ever polled. */
export async function readPollCursor(
  db: Queryable,
  netsuiteAccountId: string,
  recordType: PolledRecordType,
): Promise<NetSuiteTimestamp | undefined> {
  const [row] = await db
    .select({ lastModified: netsuitePollCursors.lastModified })
    .from(netsuitePollCursors)
    .where(
      and(eq(netsuitePollCursors.netsuiteAccountId, netsuiteAccountId), eq(netsuitePollCursors.recordType, recordType)),
    );
  return row?.lastModified;
}

/** Moves the cursor on (never back); call it in the transaction that stored what was read up to it. */
export async function savePollCursor(
  db: Queryable,
  netsuiteAccountId: string,
  recordType: PolledRecordType,
  lastModified: NetSuiteTimestamp,
): Promise<void> {
  await db
    .insert(netsuitePollCursors)
    .values({ netsuiteAccountId, recordType, lastModified })
    .onConflictDoUpdate({
      target: [netsuitePollCursors.netsuiteAccountId, netsuitePollCursors.recordType],
      set: {
        lastModified: sql`greatest(${netsuitePollCursors.lastModified}, excluded.last_modified)`,
        updatedAt: sql`now()`,
      },
    });
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** `ms` earlier, as the same text (clock-free arithmetic on the wall time NetSuite printed). */
export function netsuiteTimestampMinus(text: NetSuiteTimestamp, ms: number): NetSuiteTimestamp {
  const match = TIMESTAMP.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a NetSuite timestamp (YYYY-MM-DD HH24:MI:SS).`);
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  return netsuiteTimestampOf(new Date(Date.UTC(y, mo - 1, d, h, mi, s) - ms));
}

/** An instant as NetSuite's timestamp text, read in UTC. */
export const netsuiteTimestampOf = (date: Date): NetSuiteTimestamp => date.toISOString().slice(0, 19).replace('T', ' ');
