/**
 * NetSuite's unit price of one price level per item (spec §6.4 "Items and prices", the `pricing` table behind the
 * item's pricing sublist). The item is read too, so an inactive item and one no longer in NetSuite are told apart
 * from an item without a price at the level. Quantity pricing gives one row per break: the lowest break's price is
 * the item's price (what one unit sells for). Asked for the mapped items only, 500 per query (spec §6.1: keep
 * `IN (…)` lists ≤ 1000), each paged by the client (1,000 rows a page).
 */
import { type Money, roundMoney } from '../canonical/money.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';

/** Items per query (default 500): with the price level and currency, the bind list stays under NetSuite's 1,000. */
export const ITEMS_PER_QUERY = 500;

/** What NetSuite says of one item's price at the level; an item NetSuite no longer has is absent from the map. */
export type ItemPrice =
  | { kind: 'price'; price: Money }
  | { kind: 'inactive' }
  /** No price at the level (in the currency asked for), or one that is not a plain non-negative amount. */
  | { kind: 'unpriced' }
  /** No currency asked for and the item is priced in several: which one is the store's is not ours to guess. */
  | { kind: 'several-currencies' };

export interface PriceQuery {
  priceLevelId: string;
  /** Only rows in this currency; null: whatever currency the rows carry (one-currency accounts). */
  currencyId: string | null;
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

// A LEFT JOIN keeps every item that exists, priced or not; the price level and currency sit in the join condition.
const pricingQuery = (items: number, byCurrency: boolean) =>
  `SELECT i.id AS item, i.isinactive, p.quantity, p.unitprice, p.currency
FROM item i
LEFT JOIN pricing p ON p.item = i.id AND p.pricelevel = ?${byCurrency ? ' AND p.currency = ?' : ''}
WHERE i.id IN (${placeholders(items)})
ORDER BY i.id, p.currency, p.quantity`;

interface Break {
  quantity: number;
  unitPrice: string;
  currency: string;
}

export async function readPrices(
  client: Pick<NetSuiteClient, 'suiteql'>,
  itemIds: readonly string[],
  query: PriceQuery,
  signal?: AbortSignal,
): Promise<Map<string, ItemPrice>> {
  const inactive = new Set<string>();
  const breaks = new Map<string, Break[]>();
  const items = [...new Set(itemIds)];
  for (let start = 0; start < items.length; start += ITEMS_PER_QUERY) {
    const group = items.slice(start, start + ITEMS_PER_QUERY);
    const params = [query.priceLevelId, ...(query.currencyId ? [query.currencyId] : []), ...group];
    for await (const row of client.suiteql(pricingQuery(group.length, query.currencyId !== null), params, { signal })) {
      if (!row.item) continue;
      if (row.isinactive === 'T') inactive.add(row.item);
      const found = breaks.get(row.item) ?? [];
      // Without quantity pricing the row has no quantity (NULL, omitted): it is the price from the first unit.
      if (row.unitprice !== undefined) {
        found.push({ quantity: Number(row.quantity ?? '0'), unitPrice: row.unitprice, currency: row.currency ?? '' });
      }
      breaks.set(row.item, found);
    }
  }
  const prices = new Map<string, ItemPrice>();
  for (const [item, found] of breaks) prices.set(item, inactive.has(item) ? { kind: 'inactive' } : priceOf(found));
  return prices;
}

function priceOf(found: readonly Break[]): ItemPrice {
  if (new Set(found.map((row) => row.currency)).size > 1) return { kind: 'several-currencies' };
  const lowest = found.reduce<Break | undefined>(
    (low, row) => (low && low.quantity <= row.quantity ? low : row),
    undefined,
  );
  const price = lowest ? moneyOf(lowest.unitPrice) : undefined;
  return price ? { kind: 'price', price } : { kind: 'unpriced' };
}

/**
 * SuiteQL's number text as money: `.5` gains its leading zero, and more than two decimals (NetSuite keeps up to
 * more for unit prices) round half away from zero, as WooCommerce rounds a price it shows. Negative is no price.
 */
function moneyOf(text: string): Money | undefined {
  const plain = text.startsWith('.') ? `0${text}` : text;
  const money = roundMoney(plain);
  return money.ok && !money.value.startsWith('-') ? money.value : undefined;
}
