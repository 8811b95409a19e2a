/** The `price_levels` rows of one connection: the SKU → product cache and the regular price last written. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { priceLevels } from '../db/schema.ts';

export type PriceLevel = typeof priceLevels.$inferSelect;

/** The rows of these SKUs, made first for the SKUs that have none (no product yet, nothing written). */
export async function readPriceLevels(
  db: Queryable,
  connectionId: string,
  skus: readonly string[],
): Promise<Map<string, PriceLevel>> {
  const levels = new Map<string, PriceLevel>();
  for (let start = 0; start < skus.length; start += 500) {
    const group = skus.slice(start, start + 500);
    await db
      .insert(priceLevels)
      .values(group.map((sku) => ({ connectionId, sku })))
      .onConflictDoNothing();
    const rows = await db
      .select()
      .from(priceLevels)
      .where(and(eq(priceLevels.connectionId, connectionId), inArray(priceLevels.sku, group)));
    for (const row of rows) levels.set(row.sku, row);
  }
  return levels;
}

/**
 * Forgets the products the store no longer has, with the price written to them: the next run looks the SKUs up
 * again, and a product made anew with one of them gets its price even if NetSuite's has not moved.
 */
export async function forgetPriceProducts(db: Queryable, connectionId: string, skus: readonly string[]) {
  if (skus.length === 0) return;
  await db
    .update(priceLevels)
    .set({ productId: null, parentId: null, lastWritten: null, writtenAt: null, updatedAt: sql`now()` })
    .where(and(eq(priceLevels.connectionId, connectionId), inArray(priceLevels.sku, [...skus])));
}

/** The prices the store accepted in one batch (up to 100), in one statement. */
export async function savePricesWritten(db: Queryable, connectionId: string, written: ReadonlyMap<string, string>) {
  if (written.size === 0) return;
  // The casts type the VALUES list: its columns otherwise come to PostgreSQL as untyped parameters.
  const rows = sql.join(
    [...written].map(([sku, price]) => sql`(${sku}::text, ${price}::text)`),
    sql`, `,
  );
  await db
    .update(priceLevels)
    .set({ lastWritten: sql`written.price`, writtenAt: sql`now()`, updatedAt: sql`now()` })
    .from(sql`(values ${rows}) as written (sku, price)`)
    .where(and(eq(priceLevels.connectionId, connectionId), eq(priceLevels.sku, sql`written.sku`)));
}
