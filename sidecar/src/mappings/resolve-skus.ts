import type { Queryable } from '../db/client.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { findSkuMappings, rememberLookups } from './sku-mappings.ts';

export interface ResolveSkusInput {
  db: Queryable;
  client: Pick<NetSuiteClient, 'suiteql'>;
  connectionId: string;
  skus: readonly string[];
  signal?: AbortSignal | undefined;
}

export interface ResolvedSkus {
  /** SKU → NetSuite item internal id. */
  items: Map<string, string>;
  /** In neither the mapping table nor NetSuite: the order must wait for the merchant. */
  missing: string[];
}

/** Oracle refuses more than 1000 expressions in one IN list (ORA-01795). */
const MAX_IN_LIST = 1000;

function chunks<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

/** One query however many SKUs: IN lists of at most 1000, joined by OR. */
export function itemLookupQuery(skus: readonly string[]): string {
  const lists = chunks(skus, MAX_IN_LIST).map((chunk) => `itemid IN (${chunk.map(() => '?').join(', ')})`);
  return `SELECT id, itemid FROM item WHERE isinactive = 'F' AND (${lists.join(' OR ')}) ORDER BY id`;
}

async function lookUpItems(input: ResolveSkusInput, skus: readonly string[]): Promise<Map<string, string>> {
  const wanted = new Set(skus);
  const found = new Map<string, string>();
  for await (const row of input.client.suiteql(itemLookupQuery(skus), skus, { signal: input.signal })) {
    // NetSuite's itemid is exact: a row that matched only by case (a collation we did not expect) is not the item.
    const { id, itemid } = row;
    if (id && itemid && wanted.has(itemid) && !found.has(itemid)) found.set(itemid, id);
  }
  return found;
}

/**
 * NetSuite items for a connection's SKUs: the mapping table first (the connection's own, then the global ones), then
 * one SuiteQL look-up by item name for the rest. What NetSuite finds is remembered, so the next order asks no more.
 */
export async function resolveSkus(input: ResolveSkusInput): Promise<ResolvedSkus> {
  const skus = [...new Set(input.skus.filter((sku) => sku !== ''))];
  const items = await findSkuMappings(input.db, input.connectionId, skus);
  const unmapped = skus.filter((sku) => !items.has(sku));
  if (unmapped.length === 0) return { items, missing: [] };
  const found = await lookUpItems(input, unmapped);
  await rememberLookups(input.db, input.connectionId, found);
  for (const [sku, id] of found) items.set(sku, id);
  return { items, missing: unmapped.filter((sku) => !found.has(sku)) };
}
