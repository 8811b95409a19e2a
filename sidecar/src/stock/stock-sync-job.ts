/**
 * One connection's stock run (job kind `netsuite.stock`): compute what each mapped SKU should show now → resolve
 * SKUs the store was never asked about (once, cached in stock_levels) → write the SKUs whose value differs from what
 * was last written, 100 per batch (simple products through `/products/batch`, variations through their parent's
 * `/variations/batch`) → read the store back for the drift check. The job computes at run time, from NetSuite as it
 * is then, so a run that waited in the queue writes current values, never the ones of when it was queued. A run
 * started by "Sync stock now" also rewrites the SKUs the last drift check found edited in the store.
 */
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import { stockLevels } from '../db/schema.ts';
import { requireConnection } from '../flows/flow-steps.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { errorRecordOf, PermanentJobError } from '../jobs/job-errors.ts';
import { recordOf } from '../json-record.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import {
  type BatchRefusal,
  findProductRefs,
  isProductGone,
  writeProductBatches,
} from '../platforms/woocommerce/product-batch.ts';
import { saveProductRefs } from '../platforms/woocommerce/product-ref-cache.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import type { JobServices } from '../sidecar.ts';
import { changedSkus } from './stock-computation.ts';
import { findDifferences, recordDrift } from './stock-drift.ts';
import { forgetProducts, readStockLevels, type StockLevel, saveComputed, saveWritten } from './stock-levels.ts';
import { idleRunState, type StockRunState, saveRunState } from './stock-run-state.ts';
import { stockValuesOf } from './stock-values.ts';

export const STOCK_JOB_KIND = 'netsuite.stock';

/** How many of the SKUs missing from the store a run names in its result (all of them are counted). */
const NOT_IN_STORE_NAMED = 20;

export interface StockJobPayload {
  connectionId: string;
  trigger: 'schedule' | 'manual';
}

function payloadOf(job: Job): StockJobPayload {
  const payload = recordOf(job.payload);
  if (typeof payload.connectionId !== 'string') {
    throw new PermanentJobError('PAYLOAD_INVALID', 'This stock job does not name its connection.');
  }
  return { connectionId: payload.connectionId, trigger: payload.trigger === 'manual' ? 'manual' : 'schedule' };
}

export function stockSyncHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    const payload = payloadOf(job);
    const state: StockRunState = {
      ...idleRunState(),
      state: 'running',
      jobId: job.id,
      startedAt: new Date().toISOString(),
    };
    await saveRunState(services.db, payload.connectionId, state);
    try {
      await runStock(services, payload, context, state);
      await saveRunState(services.db, payload.connectionId, {
        ...state,
        state: 'succeeded',
        finishedAt: new Date().toISOString(),
      });
    } catch (error) {
      const { code, message } = errorRecordOf(error);
      await saveRunState(services.db, payload.connectionId, {
        ...state,
        state: 'failed',
        finishedAt: new Date().toISOString(),
        error: { code: (error as { code?: string }).code ?? code, message },
      });
      throw netSuiteJobError(wooCommerceJobError(error));
    }
  };
}

async function runStock(
  services: JobServices,
  payload: StockJobPayload,
  context: JobContext,
  state: StockRunState,
): Promise<void> {
  const { db } = services;
  const connection = await requireConnection(db, payload.connectionId);
  const client = services.woocommerce.connect(await wooCommerceStoreOf(db, services.vault, connection));
  const values = await stockValuesOf(services, connection, context.signal);
  state.skusChecked = values.mapped.length;
  await saveComputed(
    db,
    connection.id,
    values.mapped.map((m) => ({ ...m, computed: values.computed.get(m.sku) ?? 0 })),
  );
  await saveRunState(db, connection.id, state);

  const levels = await resolveProducts(services, client, connection.id, context.signal);
  const lastWritten = new Map([...levels].map(([sku, level]) => [sku, level.lastWritten]));
  const resolved = new Map([...values.computed].filter(([sku]) => levels.get(sku)?.productId));
  const changed = new Set(changedSkus(resolved, lastWritten));
  if (payload.trigger === 'manual')
    for (const [sku, level] of levels) if (level.driftSince && resolved.has(sku)) changed.add(sku);
  state.skusChanged = changed.size;

  const refusals = await writeChanged(
    services,
    client,
    connection.id,
    [...changed],
    levels,
    values.computed,
    state,
    context,
  );
  // A product deleted from the store is not refused stock: it is looked up again next run, and named until then.
  const gone = new Set(refusals.filter(isProductGone).map((refusal) => refusal.sku));
  await forgetProducts(db, connection.id, [...gone]);
  const refused = refusals.filter((refusal) => !gone.has(refusal.sku));
  const notInStore = values.mapped
    .map((m) => m.sku)
    .filter((sku) => gone.has(sku) || !levels.get(sku)?.productId)
    .sort();
  state.skusNotInStore = notInStore.length;
  state.notInStore = notInStore.slice(0, NOT_IN_STORE_NAMED);
  const differences = await findDifferences(client, resolved, context.signal);
  state.drifting = differences.length;
  await recordDrift(db, connection, differences);
  await context.note({
    message:
      `Stock: ${values.mapped.length} mapped SKU(s), ${changed.size} changed, ${state.batchesSent} batch call(s), ` +
      `${differences.length} drifting from NetSuite.`,
    data: {
      locations: values.locationIds,
      pendingSkus: values.pending.size,
      refused,
      deletedFromStore: [...gone],
      notInStore: notInStore.length,
    },
  });
  if (refused.length > 0) {
    state.error = {
      code: 'STOCK_UPDATES_REFUSED',
      message: `WooCommerce refused the stock of ${refused.length} SKU(s) (${refused
        .slice(0, 5)
        .map((r) => `${r.sku}: ${r.message}`)
        .join('; ')}). The next run tries them again.`,
    };
  }
}

/** Looks up, once, the SKUs the store was never asked about; returns every level with its product. */
async function resolveProducts(
  services: JobServices,
  client: WooCommerceRestClient,
  connectionId: string,
  signal: AbortSignal,
): Promise<Map<string, StockLevel>> {
  const levels = await readStockLevels(services.db, connectionId);
  const unresolved = [...levels.values()].filter((level) => !level.productId).map((level) => level.sku);
  if (unresolved.length === 0) return levels;
  const found = await findProductRefs(client, unresolved, signal);
  const resolved = new Map([...found].filter(([sku]) => levels.has(sku)));
  await saveProductRefs(services.db, stockLevels, connectionId, resolved);
  for (const [sku, ref] of resolved) levels.set(sku, { ...(levels.get(sku) as StockLevel), ...ref });
  return levels;
}

async function writeChanged(
  services: JobServices,
  client: WooCommerceRestClient,
  connectionId: string,
  skus: readonly string[],
  levels: ReadonlyMap<string, StockLevel>,
  computed: ReadonlyMap<string, number>,
  state: StockRunState,
  context: JobContext,
): Promise<BatchRefusal[]> {
  const writes = skus.map((sku) => ({
    sku,
    ref: { productId: levels.get(sku)?.productId ?? '', parentId: levels.get(sku)?.parentId ?? null },
    fields: { manage_stock: true, stock_quantity: computed.get(sku) ?? 0 },
  }));
  const { refused } = await writeProductBatches(client, writes, {
    signal: context.signal,
    onBatch: async (accepted) => {
      state.batchesSent++;
      await saveWritten(services.db, connectionId, new Map(accepted.map((sku) => [sku, computed.get(sku) ?? 0])));
      await saveRunState(services.db, connectionId, state);
    },
  });
  return refused;
}
