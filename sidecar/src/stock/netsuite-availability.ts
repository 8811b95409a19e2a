/**
 * NetSuite's quantity available per item and location (spec §6.4 "Inventory by location", `inventoryitemlocations`):
 * available, not on hand, so what NetSuite has committed to open sales orders is not offered again. Asked for the
 * mapped items only, in groups of at most 500 items (spec §6.1: keep `IN (…)` lists ≤ 1000), each paged by the
 * client (1,000 rows a page).
 */
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { Availability } from './stock-computation.ts';

/** Items per query (default 500): with the locations, the bind list stays under NetSuite's 1,000. */
export const ITEMS_PER_QUERY = 500;

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

const availabilityQuery = (items: number, locations: number) =>
  `SELECT iil.item, iil.location, iil.quantityavailable
FROM inventoryitemlocations iil
WHERE iil.item IN (${placeholders(items)}) AND iil.location IN (${placeholders(locations)})
ORDER BY iil.item, iil.location`;

export async function readAvailability(
  client: Pick<NetSuiteClient, 'suiteql'>,
  itemIds: readonly string[],
  locationIds: readonly string[],
  signal?: AbortSignal,
): Promise<Availability> {
  const availability = new Map<string, Map<string, string>>();
  const items = [...new Set(itemIds)];
  if (items.length === 0 || locationIds.length === 0) return availability;
  for (let start = 0; start < items.length; start += ITEMS_PER_QUERY) {
    const group = items.slice(start, start + ITEMS_PER_QUERY);
    const query = availabilityQuery(group.length, locationIds.length);
    for await (const row of client.suiteql(query, [...group, ...locationIds], { signal })) {
      // A location that never stocked the item has NULL quantities, omitted from the row: nothing available.
      if (!(row.item && row.location)) continue;
      const byLocation = availability.get(row.item) ?? new Map<string, string>();
      byLocation.set(row.location, row.quantityavailable ?? '0');
      availability.set(row.item, byLocation);
    }
  }
  return availability;
}
