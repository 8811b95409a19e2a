/** The `stock_levels` rows of one connection: the SKU → product cache, what was computed and what was written. */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { stockLevels } from '../db/schema.ts';

export type StockLevel = typeof stockLevels.$inferSelect;

export async function readStockLevels(db: Queryable, connectionId: string): Promise<Map<string, StockLevel>> {
  const rows = await db.select().from(stockLevels).where(eq(stockLevels.connectionId, connectionId));
  return new Map(rows.map((row) => [row.sku, row]));
}

/** Keeps one row per mapped SKU with its NetSuite item and last computed value; the product and written stay. */
export async function saveComputed(
  db: Queryable,
  connectionId: string,
  rows: readonly { sku: string; netsuiteItemId: string; computed: number }[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insert(stockLevels)
      .values(
        rows.slice(start, start + 500).map((row) => ({
          connectionId,
          sku: row.sku,
          netsuiteItemId: row.netsuiteItemId,
          lastComputed: row.computed,
        })),
      )
      .onConflictDoUpdate({
        target: [stockLevels.connectionId, stockLevels.sku],
        set: {
          netsuiteItemId: sql`excluded.netsuite_item_id`,
          lastComputed: sql`excluded.last_computed`,
          updatedAt: sql`now()`,
        },
      });
  }
}

/**
 * Forgets the products the store no longer has, with what was written to them: the next run looks the SKUs up again,
 * and a product made anew with one of them gets its stock even if the value has not moved.
 */
export async function forgetProducts(db: Queryable, connectionId: string, skus: readonly string[]): Promise<void> {
  if (skus.length === 0) return;
  await db
    .update(stockLevels)
    .set({
      productId: null,
      parentId: null,
      lastWritten: null,
      writtenAt: null,
      driftSince: null,
      updatedAt: sql`now()`,
    })
    .where(and(eq(stockLevels.connectionId, connectionId), inArray(stockLevels.sku, [...skus])));
}

/**
 * What the store accepted in one batch, in one statement: a batch holds up to 100 SKUs, and a statement per SKU made
 * a 1,000-product run wait on 1,000 round trips to the database.
 */
export async function saveWritten(db: Queryable, connectionId: string, written: ReadonlyMap<string, number>) {
  if (written.size === 0) return;
  // The casts type the VALUES list: its columns otherwise come to PostgreSQL as untyped parameters.
  const rows = sql.join(
    [...written].map(([sku, value]) => sql`(${sku}::text, ${value}::integer)`),
    sql`, `,
  );
  await db
    .update(stockLevels)
    .set({ lastWritten: sql`written.value`, writtenAt: sql`now()`, updatedAt: sql`now()` })
    .from(sql`(values ${rows}) as written (sku, value)`)
    .where(and(eq(stockLevels.connectionId, connectionId), eq(stockLevels.sku, sql`written.sku`)));
}

/** Marks the SKUs drifting now (keeping when each was first seen) and clears the others; returns those seen before. */
export async function saveDrift(db: Queryable, connectionId: string, drifting: readonly string[]): Promise<string[]> {
  const mine = eq(stockLevels.connectionId, connectionId);
  const persisting = drifting.length
    ? await db
        .select({ sku: stockLevels.sku })
        .from(stockLevels)
        .where(and(mine, inArray(stockLevels.sku, [...drifting]), sql`${stockLevels.driftSince} is not null`))
    : [];
  await db
    .update(stockLevels)
    .set({ driftSince: null })
    .where(drifting.length ? and(mine, notInArray(stockLevels.sku, [...drifting])) : mine);
  if (drifting.length) {
    await db
      .update(stockLevels)
      .set({ driftSince: sql`coalesce(${stockLevels.driftSince}, now())` })
      .where(and(mine, inArray(stockLevels.sku, [...drifting])));
  }
  return persisting.map((row) => row.sku);
}
