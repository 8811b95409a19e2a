import type { NetSuiteClient } from '../netsuite/client.ts';

export interface NetSuiteItemSummary {
  id: string;
  itemId: string;
  displayName: string | null;
  type: string;
}

/** LIKE's own wildcards in what the merchant typed match themselves, not anything. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Active items whose name or display name contains `text` (any case), by name; at most `limit`. */
export async function searchNetSuiteItems(
  client: Pick<NetSuiteClient, 'suiteql'>,
  text: string,
  limit: number,
): Promise<NetSuiteItemSummary[]> {
  const pattern = likePattern(text.trim());
  const rows = client.suiteql(
    `SELECT id, itemid, displayname, itemtype FROM item WHERE isinactive = 'F' AND ` +
      `(LOWER(itemid) LIKE ? ESCAPE '\\' OR LOWER(displayname) LIKE ? ESCAPE '\\') ORDER BY itemid, id`,
    [pattern, pattern],
    { pageSize: limit },
  );
  const items: NetSuiteItemSummary[] = [];
  for await (const row of rows) {
    items.push({
      id: row.id ?? '',
      itemId: row.itemid ?? '',
      displayName: row.displayname ?? null,
      type: row.itemtype ?? '',
    });
    // Ending the loop stops the generator: no second page is asked for.
    if (items.length >= limit) break;
  }
  return items;
}
