import { raiseAlert } from '../alerts/alerts.ts';
import type { Queryable } from '../db/client.ts';
import { JobHeld } from '../jobs/job-errors.ts';
import type { HeldOrder } from '../review-queue/held-detail.ts';

export const UNMAPPED_SKU = 'UNMAPPED_SKU';
export const UNMAPPED_SHIPPING_METHOD = 'UNMAPPED_SHIPPING_METHOD';

export interface UnmappedInput {
  connectionId: string;
  /** Shown in the review queue: the storefront's order number and its total as text (`"59.97"`). */
  order: HeldOrder;
}

/** One open alert per connection and SKU (or shipping method); fixing the mapping resolves it. */
export const unmappedSkuAlertKey = (connectionId: string, sku: string) => `unmapped_sku:${connectionId}:${sku}`;
export const unmappedShippingAlertKey = (connectionId: string, method: string) =>
  `unmapped_shipping_method:${connectionId}:${method}`;

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(', ');
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/**
 * What an order flow throws when SKUs are still unknown after `resolveSkus`: raises one alert per SKU (repeats count
 * on it) and returns the hold the review queue shows; saving a mapping releases the job by itself.
 */
export async function unmappedSkusHold(
  db: Queryable,
  input: UnmappedInput & { skus: readonly string[] },
): Promise<JobHeld> {
  const skus = [...input.skus];
  for (const sku of skus) {
    await raiseAlert(db, {
      kind: 'unmapped_sku',
      severity: 'warning',
      connectionId: input.connectionId,
      dedupeKey: unmappedSkuAlertKey(input.connectionId, sku),
      message: `SKU "${sku}" matches no NetSuite item: orders with it wait in the review queue until you map it.`,
    });
  }
  const what = `${plural(skus.length, 'SKU', 'SKUs')} ${quoted(skus)} ${plural(skus.length, 'matches', 'match')}`;
  return new JobHeld(
    UNMAPPED_SKU,
    `Order ${input.order.number} is waiting: ${what} no NetSuite item. Map ${plural(skus.length, 'it', 'them')} and the order goes on.`,
    { skus, order: input.order },
  );
}

/** The same for shipping methods with no NetSuite shipping item. */
export async function unmappedShippingHold(
  db: Queryable,
  input: UnmappedInput & { methods: readonly string[] },
): Promise<JobHeld> {
  const methods = [...input.methods];
  for (const method of methods) {
    await raiseAlert(db, {
      kind: 'unmapped_shipping_method',
      severity: 'warning',
      connectionId: input.connectionId,
      dedupeKey: unmappedShippingAlertKey(input.connectionId, method),
      message: `Shipping method "${method}" has no NetSuite shipping item: orders with it wait in the review queue.`,
    });
  }
  return new JobHeld(
    UNMAPPED_SHIPPING_METHOD,
    `Order ${input.order.number} is waiting: shipping method ${quoted(methods)} has no NetSuite shipping item. Map it and release the order.`,
    { methods, order: input.order },
  );
}
