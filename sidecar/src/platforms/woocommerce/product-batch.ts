/**
 * Per-SKU writes to a WooCommerce store's products, shared by the stock and price write-backs: a SKU resolves to its
 * product (or variation and its parent) once, and changes go out 100 per call, simple products through
 * `/products/batch` and each variable product's variations through its own `/variations/batch` (spec: a variation
 * is written only under its parent). WooCommerce answers 200 even when some items failed; those are reported per SKU.
 */
import { isBatchItemError, WOO_BATCH_LIMIT, type WooCommerceRestClient, type WooProductUpdate } from './rest-client.ts';

/** Where a SKU lives in the store: the product or variation id, and a variation's parent. */
export interface ProductRef {
  productId: string;
  parentId: string | null;
}

/** One SKU's change: its product and the fields to set (`stock_quantity`, `regular_price`, …). */
export interface ProductWrite {
  sku: string;
  ref: ProductRef;
  fields: Record<string, unknown>;
}

/** A SKU WooCommerce refused in a batch, with its own code and message. */
export interface BatchRefusal {
  sku: string;
  code: string;
  message: string;
}

/**
 * A refusal saying the product or variation is gone (deleted for good: a trashed one still takes updates).
 * WooCommerce's `update_item()` answers `woocommerce_rest_{post_type}_invalid_id` for an id it cannot load, item by
 * item inside a batch; the SKU has to be looked up again, since a product made anew with it has a new id.
 */
export const isProductGone = (refusal: BatchRefusal): boolean =>
  refusal.code === 'woocommerce_rest_product_invalid_id' ||
  refusal.code === 'woocommerce_rest_product_variation_invalid_id';

/**
 * The products and variations holding these SKUs. A variable parent is left out: its stock and price are its
 * variations', so a SKU that only a variable parent carries stays unresolved.
 */
export async function findProductRefs(
  client: Pick<WooCommerceRestClient, 'findProductsBySku'>,
  skus: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, ProductRef>> {
  const refs = new Map<string, ProductRef>();
  if (skus.length === 0) return refs;
  for (const product of await client.findProductsBySku(skus, { signal })) {
    if (product.type === 'variable') continue;
    refs.set(product.sku, {
      productId: String(product.id),
      parentId: product.parent_id ? String(product.parent_id) : null,
    });
  }
  return refs;
}

/**
 * Sends the writes in batches of at most 100 per parent; after each call `onBatch` gets the SKUs the store accepted
 * (so the caller records them before the next call, and a run cut short keeps what it wrote).
 */
export async function writeProductBatches(
  client: Pick<WooCommerceRestClient, 'batchUpdateProducts' | 'batchUpdateVariations'>,
  writes: readonly ProductWrite[],
  options: { signal: AbortSignal; onBatch: (accepted: string[]) => Promise<void> },
): Promise<{ batches: number; refused: BatchRefusal[] }> {
  // Simple products in one group (key ''), each variable product's variations in their own.
  const groups = new Map<string, ProductWrite[]>();
  for (const write of writes) {
    const parent = write.ref.parentId ?? '';
    groups.set(parent, [...(groups.get(parent) ?? []), write]);
  }
  const refused: BatchRefusal[] = [];
  let batches = 0;
  for (const [parent, group] of groups) {
    for (let start = 0; start < group.length; start += WOO_BATCH_LIMIT) {
      options.signal.throwIfAborted();
      const chunk = group.slice(start, start + WOO_BATCH_LIMIT);
      const bySku = new Map(chunk.map((write) => [Number(write.ref.productId), write.sku]));
      const updates: WooProductUpdate[] = chunk.map((write) => ({ ...write.fields, id: Number(write.ref.productId) }));
      const result = parent
        ? await client.batchUpdateVariations(Number(parent), updates, { signal: options.signal })
        : await client.batchUpdateProducts(updates, { signal: options.signal });
      batches++;
      const failed = new Set<string>();
      for (const item of result.update ?? []) {
        if (!isBatchItemError(item)) continue;
        const sku = bySku.get(item.id);
        if (!sku) continue;
        failed.add(sku);
        refused.push({ sku, code: item.error.code, message: item.error.message });
      }
      await options.onBatch(chunk.map((write) => write.sku).filter((sku) => !failed.has(sku)));
    }
  }
  return { batches, refused };
}
