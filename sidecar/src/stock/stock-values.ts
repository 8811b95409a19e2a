/**
 * One connection's stock as it should be now: its mapped SKUs (its own mappings over those for every connection),
 * NetSuite's availability at its locations, less its pending sales. Shared by the stock run and the drift check.
 */
import { eq, isNull, or } from 'drizzle-orm';
import type { Connection } from '../connections/connections.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import type { Queryable } from '../db/client.ts';
import { skuMappings } from '../db/schema.ts';
import type { JobServices } from '../sidecar.ts';
import { readAvailability } from './netsuite-availability.ts';
import { pendingSales } from './pending-sales.ts';
import { computeStock, connectionLocations, type MappedSku } from './stock-computation.ts';

export interface StockValues {
  mapped: MappedSku[];
  locationIds: string[];
  pending: Map<string, number>;
  computed: Map<string, number>;
}

export async function mappedSkus(db: Queryable, connectionId: string): Promise<MappedSku[]> {
  const rows = await db
    .select({ sku: skuMappings.sku, connectionId: skuMappings.connectionId, itemId: skuMappings.netsuiteItemId })
    .from(skuMappings)
    .where(or(eq(skuMappings.connectionId, connectionId), isNull(skuMappings.connectionId)));
  const bySku = new Map<string, MappedSku & { own: boolean }>();
  for (const row of rows) {
    const own = row.connectionId !== null;
    if (own || !bySku.has(row.sku)) bySku.set(row.sku, { sku: row.sku, netsuiteItemId: row.itemId, own });
  }
  return [...bySku.values()].map(({ sku, netsuiteItemId }) => ({ sku, netsuiteItemId }));
}

export async function stockValuesOf(
  services: Pick<JobServices, 'db' | 'vault' | 'netsuite'>,
  connection: Connection,
  signal?: AbortSignal,
): Promise<StockValues> {
  const { db } = services;
  const mapped = await mappedSkus(db, connection.id);
  const locationIds = connectionLocations(connection.settings);
  const client = services.netsuite.connect(
    await netsuiteConnectionOf(db, services.vault, connection.netsuiteAccountId),
  );
  const availability = await readAvailability(
    client,
    mapped.map((m) => m.netsuiteItemId),
    locationIds,
    signal,
  );
  const pending = await pendingSales(db, connection.id, new Date(connection.settings.goLiveAt));
  return { mapped, locationIds, pending, computed: computeStock(mapped, availability, locationIds, pending) };
}
