import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { backfillCursors } from '../db/schema.ts';

export type BackfillResource = (typeof backfillCursors.$inferSelect)['resource'];
export type BackfillCursor = typeof backfillCursors.$inferSelect;

export async function readBackfillCursor(
  db: Queryable,
  connectionId: string,
  resource: BackfillResource,
): Promise<BackfillCursor | undefined> {
  const [row] = await db
    .select()
    .from(backfillCursors)
    .where(and(eq(backfillCursors.connectionId, connectionId), eq(backfillCursors.resource, resource)));
  return row;
}

export interface CursorChange {
  /** Never moves back: the stored one stays when it is later. */
  modifiedAfter?: Date;
  nextPage?: number;
  /** null: no sweep under way. */
  sweepStartedAt?: Date | null;
  sweepNewestModified?: Date | null;
}

/** Saves how far the backfill has read; call it only once what was read is stored. */
export async function saveBackfillCursor(
  db: Queryable,
  connectionId: string,
  resource: BackfillResource,
  change: CursorChange & { modifiedAfter: Date },
): Promise<void> {
  const { sweepStartedAt, sweepNewestModified } = change;
  await db
    .insert(backfillCursors)
    .values({
      connectionId,
      resource,
      modifiedAfter: change.modifiedAfter,
      nextPage: change.nextPage ?? 1,
      ...(sweepStartedAt !== undefined ? { sweepStartedAt } : {}),
      ...(sweepNewestModified !== undefined ? { sweepNewestModified } : {}),
    })
    .onConflictDoUpdate({
      target: [backfillCursors.connectionId, backfillCursors.resource],
      set: {
        modifiedAfter: sql`greatest(${backfillCursors.modifiedAfter}, excluded.modified_after)`,
        ...(change.nextPage !== undefined ? { nextPage: change.nextPage } : {}),
        ...(sweepStartedAt !== undefined ? { sweepStartedAt } : {}),
        ...(sweepNewestModified !== undefined ? { sweepNewestModified } : {}),
        updatedAt: sql`now()`,
      },
    });
}
