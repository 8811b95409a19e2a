import { and, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { ConfigError, isUuid } from '../connections/config-error.ts';
import { getConnection } from '../connections/connections.ts';
import type { Queryable } from '../db/client.ts';
import { skuMappings } from '../db/schema.ts';

export type SkuMapping = typeof skuMappings.$inferSelect;
export type SkuMappingSource = SkuMapping['source'];

export interface SkuMappingInput {
  sku: string;
  netsuiteItemId: string;
  /** Omitted: the mapping serves every connection without one of its own. */
  connectionId?: string | undefined;
}

/** The merchant's word: replaces whatever was mapped (or looked up) for that SKU in that scope. */
export async function saveSkuMapping(db: Queryable, input: SkuMappingInput): Promise<SkuMapping> {
  const connectionId = input.connectionId ?? null;
  if (connectionId !== null && !(await getConnection(db, connectionId))) {
    throw new ConfigError(400, 'CONNECTION_NOT_FOUND', `No connection has the id ${connectionId}.`);
  }
  const [saved] = await db
    .insert(skuMappings)
    .values({ id: uuidv7(), sku: input.sku, connectionId, netsuiteItemId: input.netsuiteItemId, source: 'merchant' })
    .onConflictDoUpdate({
      target: [skuMappings.scope, skuMappings.sku],
      set: { netsuiteItemId: input.netsuiteItemId, source: 'merchant', updatedAt: sql`now()` },
    })
    .returning();
  if (!saved) throw new Error(`Saving the mapping of SKU ${input.sku} returned no row.`);
  return saved;
}

/** Items NetSuite itself named for these SKUs; a mapping already there (the merchant's) is kept. */
export async function rememberLookups(db: Queryable, connectionId: string, found: ReadonlyMap<string, string>) {
  if (found.size === 0) return;
  await db
    .insert(skuMappings)
    .values(
      [...found].map(([sku, netsuiteItemId]) => ({
        id: uuidv7(),
        sku,
        connectionId,
        netsuiteItemId,
        source: 'lookup' as const,
      })),
    )
    .onConflictDoNothing();
}

/** SKU → NetSuite item id for one connection: its own mappings, else the ones for every connection. */
export async function findSkuMappings(
  db: Queryable,
  connectionId: string | undefined,
  skus: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (skus.length === 0) return found;
  const scope =
    connectionId && isUuid(connectionId)
      ? or(eq(skuMappings.connectionId, connectionId), isNull(skuMappings.connectionId))
      : isNull(skuMappings.connectionId);
  const rows = await db
    .select({ sku: skuMappings.sku, connectionId: skuMappings.connectionId, itemId: skuMappings.netsuiteItemId })
    .from(skuMappings)
    .where(and(inArray(skuMappings.sku, [...new Set(skus)]), scope));
  for (const row of rows) {
    if (row.connectionId !== null || !found.has(row.sku)) found.set(row.sku, row.itemId);
  }
  return found;
}

export interface SkuMappingFilter {
  connectionId?: string | undefined;
  sku?: string | undefined;
  /** Page cursor: mappings made before this one (ids are UUIDv7). */
  before?: string | undefined;
  limit: number;
}

/** Newest first. */
export async function listSkuMappings(db: Queryable, filter: SkuMappingFilter): Promise<SkuMapping[]> {
  const conditions: SQL[] = [];
  if (filter.connectionId) conditions.push(eq(skuMappings.connectionId, filter.connectionId));
  if (filter.sku) conditions.push(eq(skuMappings.sku, filter.sku));
  if (filter.before) conditions.push(lt(skuMappings.id, filter.before));
  return db
    .select()
    .from(skuMappings)
    .where(and(...conditions))
    .orderBy(desc(skuMappings.id))
    .limit(filter.limit);
}
