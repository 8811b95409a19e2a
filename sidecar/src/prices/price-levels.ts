/** The `price_levels` rows of one connection: the SKU → product cache and the regular price last written. */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { priceLevels } from '../db/schema.ts';
import type { ProductRef } from '../platforms/woocommerce/product-batch.ts';

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

/** The product a SKU resolved to in the store, remembered so later runs write without looking it up again. */
export async function savePriceProduct(db: Queryable, connectionId: string, sku: string, product: ProductRef) {
  await db
    .update(priceLevels)
    .set({ ...product, updatedAt: sql`now()` })
    .where(and(eq(priceLevels.connectionId, connectionId), eq(priceLevels.sku, sku)));
}

/** The prices the store accepted in one batch. */
export async function savePricesWritten(db: Queryable, connectionId: string, written: ReadonlyMap<string, string>) {
  for (const [sku, price] of written) {
    await db
      .update(priceLevels)
      .set({ lastWritten: price, writtenAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(priceLevels.connectionId, connectionId), eq(priceLevels.sku, sku)));
  }
}
