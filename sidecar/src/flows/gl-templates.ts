/**
 * Which GL template a line of an order gets (netsuite-gl.md "GL templates"): the first of the connection's templates
 * whose `match` fits the line's product. `match.category` is held against each of the product's WooCommerce
 * categories by slug and by name, case-insensitively, so a merchant may write either `gift-cards` or `Gift Cards`; a
 * template without a category fits every line, a catch-all to put last. A variation's line is matched by its parent
 * product (the line's `product_id`): WooCommerce gives variations no categories of their own. A product no longer in
 * the store has no categories, so only a catch-all fits it.
 */
import type { Order, OrderLine } from '../canonical/order.ts';
import type { ConnectionSettings } from '../connections/connection-settings.ts';
import type { Connection } from '../connections/connections.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import { recordOf } from '../json-record.ts';
import { resolveSkus } from '../mappings/resolve-skus.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { WooCommerceRestClient, WooProduct } from '../platforms/woocommerce/rest-client.ts';
import type { JobServices } from '../sidecar.ts';

export type GlTemplate = ConnectionSettings['glTemplates'][number];

type ProductReader = Pick<WooCommerceRestClient, 'getProducts'>;

const folded = (text: string) => text.trim().toLowerCase();

/** The category slugs and names of a product as rendered by `GET /products`, folded for comparison. */
function categoryNamesOf(product: WooProduct | undefined): Set<string> {
  const categories = Array.isArray(product?.categories) ? product.categories : [];
  return new Set(
    categories.flatMap((category) => {
      const { name, slug } = recordOf(category);
      return [name, slug].filter((text): text is string => typeof text === 'string').map(folded);
    }),
  );
}

/** The first template fitting a product with these categories; undefined when none does. */
export function templateFor(categories: ReadonlySet<string>, templates: readonly GlTemplate[]): GlTemplate | undefined {
  return templates.find(
    (template) => template.match.category === undefined || categories.has(folded(template.match.category)),
  );
}

/**
 * Each order line's template, in line order. The products' categories are read with one `GET /products?include=…`
 * per 100 products, and not at all when no template names a category (then the first template fits every line).
 */
export async function lineTemplates(
  store: ProductReader,
  lines: readonly OrderLine[],
  templates: readonly GlTemplate[],
  signal: AbortSignal,
): Promise<(GlTemplate | undefined)[]> {
  if (!templates.some((template) => template.match.category !== undefined)) return lines.map(() => templates[0]);
  const productIds = [...new Set(lines.map((line) => Number(line.productId)).filter((id) => id > 0))];
  const products = productIds.length > 0 ? await store.getProducts(productIds, { signal }) : [];
  const byId = new Map(products.map((product) => [String(product.id), product]));
  return lines.map((line) => templateFor(categoryNamesOf(byId.get(line.productId)), templates));
}

/** The line's template's department and class, as the sales order's item line carries them. */
export const templateSegments = (template: GlTemplate | undefined) => ({
  ...(template?.departmentId ? { department: template.departmentId } : {}),
  ...(template?.classId ? { class: template.classId } : {}),
});

/** Whether the templates tag sales order lines at all: when none does, the order flow asks WooCommerce nothing. */
export const templatesTagLines = (templates: readonly GlTemplate[]): boolean =>
  templates.some((template) => template.departmentId !== undefined || template.classId !== undefined);

/** Whether any template moves revenue off the item's income account: when none does, no journal is ever posted. */
export const templatesMoveRevenue = (templates: readonly GlTemplate[]): boolean =>
  templates.some((template) => template.revenueAccountId !== undefined);

/**
 * NetSuite item id → the template of the order's lines posted as that item, as billing and refunds meet them: a
 * bill's lines name items, not storefront lines. When lines of two templates share one item (two SKUs mapped to
 * the same NetSuite item) the first line's template holds for both.
 */
export async function templatesByItem(
  services: JobServices,
  connection: Connection,
  client: NetSuiteClient,
  order: Order,
  signal: AbortSignal,
): Promise<Map<string, GlTemplate>> {
  const { db, vault } = services;
  const store = services.woocommerce.connect(await wooCommerceStoreOf(db, vault, connection));
  const perLine = await lineTemplates(store, order.lines, connection.settings.glTemplates, signal);
  const skus = order.lines.flatMap((line) => (line.sku === undefined ? [] : [line.sku]));
  const { items } = await resolveSkus({ db, client, connectionId: connection.id, skus, signal });
  const byItem = new Map<string, GlTemplate>();
  order.lines.forEach((line, index) => {
    const item = items.get(line.sku ?? '');
    const template = perLine[index];
    if (item !== undefined && template !== undefined && !byItem.has(item)) byItem.set(item, template);
  });
  return byItem;
}
