/**
 * The drift check: the store's stock for every mapped SKU, read back (`GET /products?sku=…`, 50 SKUs a request,
 * variations included), against the value computed from NetSuite. A difference seen by two runs in a row raises a
 * `stock_drift` warning (one open alert per connection); one seen once may be a sale whose webhook is on its way.
 */
import { raiseAlert } from '../alerts/alerts.ts';
import type { Queryable } from '../db/client.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import { saveDrift } from './stock-levels.ts';

export const STOCK_DRIFT_ALERT = 'stock_drift';

export interface StockDifference {
  sku: string;
  productId: number | null;
  parentId: number | null;
  /** The store's `stock_quantity` (null: it does not manage stock for this product, or has no such SKU). */
  storefront: number | null;
  manageStock: boolean | 'parent' | null;
  /** What NetSuite's availability, less pending sales, says it should be. */
  computed: number;
}

export async function findDifferences(
  client: Pick<WooCommerceRestClient, 'findProductsBySku'>,
  computed: ReadonlyMap<string, number>,
  signal?: AbortSignal,
): Promise<StockDifference[]> {
  const products = await client.findProductsBySku([...computed.keys()], { signal });
  const bySku = new Map(products.map((product) => [product.sku, product]));
  const differences: StockDifference[] = [];
  for (const [sku, value] of computed) {
    const product = bySku.get(sku);
    if (!product) continue; // Not sold in this store: nothing to drift.
    const storefront = product.manage_stock === true ? product.stock_quantity : null;
    if (storefront === value) continue;
    differences.push({
      sku,
      productId: product.id,
      parentId: product.parent_id || null,
      storefront,
      manageStock: product.manage_stock,
      computed: value,
    });
  }
  return differences.sort((a, b) => a.sku.localeCompare(b.sku));
}

/** Records this run's drift; SKUs drifting on the previous run too raise (or count on) the connection's alert. */
export async function recordDrift(
  db: Queryable,
  connection: { id: string; name: string },
  differences: readonly StockDifference[],
): Promise<string[]> {
  const persisting = await saveDrift(
    db,
    connection.id,
    differences.map((d) => d.sku),
  );
  if (persisting.length > 0) {
    const sample = persisting.slice(0, 5).join(', ');
    await raiseAlert(db, {
      kind: STOCK_DRIFT_ALERT,
      severity: 'warning',
      connectionId: connection.id,
      dedupeKey: `${STOCK_DRIFT_ALERT}:${connection.id}`,
      message:
        `STOCK_DRIFT: ${persisting.length} SKU(s) of "${connection.name}" (${sample}${persisting.length > 5 ? ', …' : ''}) ` +
        'show a different stock in WooCommerce than NetSuite allows, on two checks in a row. Someone may have ' +
        'edited stock in WooCommerce by hand: see Overview → Stock for the list, then run "Sync stock now".',
    });
  }
  return persisting;
}
