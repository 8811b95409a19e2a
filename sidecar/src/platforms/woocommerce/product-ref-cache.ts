/**
 * The SKU → product cache the stock and price write-backs each keep (`stock_levels`, `price_levels`: same key, same
 * `product_id` and `parent_id` columns), so later runs write without looking the SKUs up again.
 */
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../db/client.ts';
import type { priceLevels, stockLevels } from '../../db/schema.ts';
import type { ProductRef } from './product-batch.ts';

/** A statement per SKU made a store's first run of 2,000 SKUs wait on 2,000 round trips to the database. */
const SKUS_PER_STATEMENT = 500;

/** Remembers the products the SKUs resolved to, on the rows they already have, 500 SKUs a statement. */
export async function saveProductRefs(
  db: Queryable,
  table: typeof stockLevels | typeof priceLevels,
  connectionId: string,
  products: ReadonlyMap<string, ProductRef>,
): Promise<void> {
  const entries = [...products];
  for (let start = 0; start < entries.length; start += SKUS_PER_STATEMENT) {
    // The casts type the VALUES list: its columns otherwise come to PostgreSQL as untyped parameters.
    const rows = sql.join(
      entries
        .slice(start, start + SKUS_PER_STATEMENT)
        .map(([sku, ref]) => sql`(${sku}::text, ${ref.productId}::text, ${ref.parentId}::text)`),
      sql`, `,
    );
    await db.execute(sql`
      update ${table}
      set product_id = resolved.product_id, parent_id = resolved.parent_id, updated_at = now()
      from (values ${rows}) as resolved (sku, product_id, parent_id)
      where ${table.connectionId} = ${connectionId} and ${table.sku} = resolved.sku`);
  }
}
