/**
 * One connection's price run (job kind `netsuite.prices`): read the unit price of the connection's price level for
 * every mapped SKU → resolve SKUs the store was never asked about (once, cached in price_levels) → write as
 * `regular_price` the prices that differ from what was last written, 100 per batch (simple products through
 * `/products/batch`, variations through their parent's `/variations/batch`). The job reads NetSuite when it runs,
 * not when it was queued, so a run that waited writes current prices. An inactive item, one NetSuite no longer has
 * and one without a price at the level are not written: the store keeps its price, and the counts say why.
 */
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import { priceLevels } from '../db/schema.ts';
import { requireConnection } from '../flows/flow-steps.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { PermanentJobError } from '../jobs/job-errors.ts';
import { recordOf } from '../json-record.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import {
  findProductRefs,
  isProductGone,
  type ProductWrite,
  writeProductBatches,
} from '../platforms/woocommerce/product-batch.ts';
import { saveProductRefs } from '../platforms/woocommerce/product-ref-cache.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import type { JobServices } from '../sidecar.ts';
import { mappedSkus } from '../stock/stock-values.ts';
import { readPrices } from './netsuite-pricing.ts';
import { forgetPriceProducts, type PriceLevel, readPriceLevels, savePricesWritten } from './price-levels.ts';

export const PRICE_JOB_KIND = 'netsuite.prices';

export interface PriceJobPayload {
  connectionId: string;
}

function payloadOf(job: Job): PriceJobPayload {
  const payload = recordOf(job.payload);
  if (typeof payload.connectionId !== 'string') {
    throw new PermanentJobError('PAYLOAD_INVALID', 'This price job does not name its connection.');
  }
  return { connectionId: payload.connectionId };
}

/** What one run did, SKU by SKU: the job's last note carries it. */
interface PriceRunCounts {
  mapped: number;
  /** Priced in NetSuite but no product of the store has the SKU (never had, or deleted since last written). */
  notInStore: number;
  notInNetSuite: number;
  inactive: number;
  unpriced: number;
  severalCurrencies: number;
  changed: number;
  written: number;
  refused: number;
  batches: number;
}

export function priceSyncHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    try {
      await runPrices(services, payloadOf(job), context);
    } catch (error) {
      throw netSuiteJobError(wooCommerceJobError(error));
    }
  };
}

async function runPrices(services: JobServices, payload: PriceJobPayload, context: JobContext): Promise<void> {
  const connection = await requireConnection(services.db, payload.connectionId);
  const { priceLevelId, priceCurrencyId } = connection.settings;
  if (priceLevelId === null) {
    // Turned off after the run was queued: the store's prices are its own.
    await context.note({ message: 'Prices: this store keeps its own prices (no price level set); nothing written.' });
    return;
  }
  const mapped = await mappedSkus(services.db, connection.id);
  const prices = await readPrices(
    services.netsuite.connect(await netsuiteConnectionOf(services.db, services.vault, connection.netsuiteAccountId)),
    mapped.map((m) => m.netsuiteItemId),
    { priceLevelId, currencyId: priceCurrencyId },
    context.signal,
  );
  const counts: PriceRunCounts = {
    mapped: mapped.length,
    notInStore: 0,
    notInNetSuite: 0,
    inactive: 0,
    unpriced: 0,
    severalCurrencies: 0,
    changed: 0,
    written: 0,
    refused: 0,
    batches: 0,
  };
  const priced = new Map<string, string>();
  for (const { sku, netsuiteItemId } of mapped) {
    const price = prices.get(netsuiteItemId);
    if (!price) counts.notInNetSuite++;
    else if (price.kind === 'price') priced.set(sku, price.price);
    else if (price.kind === 'inactive') counts.inactive++;
    else if (price.kind === 'unpriced') counts.unpriced++;
    else counts.severalCurrencies++;
  }

  const client = services.woocommerce.connect(await wooCommerceStoreOf(services.db, services.vault, connection));
  const writes = await changedWrites(services, client, connection.id, priced, counts, context.signal);
  counts.changed = writes.length;
  const { batches, refused } = await writeProductBatches(client, writes, {
    signal: context.signal,
    onBatch: async (accepted) => {
      counts.written += accepted.length;
      await savePricesWritten(services.db, connection.id, new Map(accepted.map((sku) => [sku, priced.get(sku) ?? ''])));
    },
  });
  counts.batches = batches;
  // A product deleted from the store is not a refusal: its SKU is looked up again next run.
  const gone = refused.filter(isProductGone);
  await forgetPriceProducts(
    services.db,
    connection.id,
    gone.map((refusal) => refusal.sku),
  );
  counts.notInStore += gone.length;
  const refusedPrices = refused.filter((refusal) => !isProductGone(refusal));
  counts.refused = refusedPrices.length;
  await context.note({
    message:
      `Prices (level ${priceLevelId}): ${counts.mapped} mapped SKU(s), ${counts.changed} changed, ` +
      `${counts.written} written in ${counts.batches} batch call(s); not written: ${counts.notInStore} not in the ` +
      `store, ${counts.notInNetSuite} not in NetSuite, ${counts.inactive} inactive, ${counts.unpriced} without a ` +
      `price at the level, ${counts.severalCurrencies} priced in several currencies (set the price currency), ` +
      `${counts.refused} refused by WooCommerce.`,
    data: { counts, refused: refusedPrices.slice(0, 20) },
  });
}

/** The priced SKUs whose price differs from the one last written, with their product (looked up once). */
async function changedWrites(
  services: JobServices,
  client: WooCommerceRestClient,
  connectionId: string,
  priced: ReadonlyMap<string, string>,
  counts: PriceRunCounts,
  signal: AbortSignal,
): Promise<ProductWrite[]> {
  const levels = await readPriceLevels(services.db, connectionId, [...priced.keys()]);
  const unresolved = [...levels.values()].filter((level) => !level.productId).map((level) => level.sku);
  const found = await findProductRefs(client, unresolved, signal);
  const resolved = new Map([...found].filter(([sku]) => levels.has(sku)));
  await saveProductRefs(services.db, priceLevels, connectionId, resolved);
  for (const [sku, ref] of resolved) levels.set(sku, { ...(levels.get(sku) as PriceLevel), ...ref });
  const writes: ProductWrite[] = [];
  for (const [sku, price] of priced) {
    const level = levels.get(sku);
    if (!level?.productId) {
      counts.notInStore++;
      continue;
    }
    if (level.lastWritten === price) continue;
    writes.push({
      sku,
      ref: { productId: level.productId, parentId: level.parentId },
      fields: { regular_price: price },
    });
  }
  return writes;
}
