/**
 * Fulfillment → storefront: a NetSuite item fulfillment of a sales order the connector wrote becomes, in WooCommerce,
 * a customer note with carrier and tracking numbers (WooCommerce e-mails it), an entry in the order's
 * `mlc_fulfillments` meta, and status `completed` once every product line has shipped.
 *
 * Steps: what was written back already → read the fulfillment and the sales order's progress (NetSuite) → read the
 * order (WooCommerce) → plan (pure, `fulfillment-writeback.ts`) → note (once: an identical note already there is
 * taken as ours) → tracking numbers to the Shipment Tracking extension where the store runs it (each number once),
 * else into the meta → meta and status in one PUT → record. Our own PUT comes back as `order.updated`; the order
 * flow recognises it by its fingerprint (status and meta are not part of it) and writes nothing to NetSuite.
 */
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { PermanentJobError } from '../jobs/job-errors.ts';
import { recordOf } from '../json-record.ts';
import { findSkuMappings } from '../mappings/sku-mappings.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import { WooCommerceError } from '../platforms/woocommerce/rest-errors.ts';
import type { JobServices } from '../sidecar.ts';
import { findFulfillmentWriteback, recordFulfillmentWriteback } from '../sync/fulfillment-writebacks.ts';
import type { FulfillmentJobPayload } from '../sync/netsuite-fulfillments.ts';
import { requireConnection } from './flow-steps.ts';
import {
  FULFILLMENTS_META_KEY,
  type Fulfillment,
  type FulfillmentLine,
  type ProductLine,
  planWriteback,
} from './fulfillment-writeback.ts';
import { readSalesOrderProgress } from './sales-order-progress.ts';

function payloadOf(job: Job): FulfillmentJobPayload {
  const payload = recordOf(job.payload);
  const fields = ['netsuiteAccountId', 'connectionId', 'orderId', 'salesOrderId', 'fulfillmentId', 'lastModified'];
  if (fields.some((name) => typeof payload[name] !== 'string')) {
    throw new PermanentJobError('PAYLOAD_INVALID', `This fulfillment job lacks one of ${fields.join(', ')}.`);
  }
  return payload as unknown as FulfillmentJobPayload;
}

// ── read NetSuite ───────────────────────────────────────────────────────────────────────────────────────────────
const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== ''
    ? value.trim()
    : typeof value === 'number'
      ? String(value)
      : undefined;

const units = (value: unknown): bigint => {
  const whole = (text(value) ?? '0').split('.')[0] ?? '0';
  return /^-?\d+$/.test(whole) ? BigInt(whole < '0' ? whole.slice(1) : whole) : 0n;
};

const itemsOf = (sublist: unknown): Record<string, unknown>[] => {
  const items = recordOf(sublist).items;
  return Array.isArray(items) ? items.map(recordOf) : [];
};

/**
 * Tracking numbers from the generic `package` sublist and the carrier ones (`packageUps`, `packageFedEx`,
 * `packageUsps`, whose field names are suffixed variants: spec §3.12), return labels left out.
 */
function trackingNumbersOf(record: Record<string, unknown>): string[] {
  const numbers = new Set<string>();
  for (const [name, value] of Object.entries(record)) {
    if (!/^package/i.test(name)) continue;
    for (const pkg of itemsOf(value)) {
      for (const [field, number] of Object.entries(pkg)) {
        const tracking = text(number);
        if (tracking && /^packagetrackingnumber(?!return)/i.test(field)) numbers.add(tracking);
      }
    }
  }
  return [...numbers];
}

export async function readFulfillment(client: NetSuiteClient, id: string, signal: AbortSignal): Promise<Fulfillment> {
  const record = await client.get('itemFulfillment', id, { expandSubResources: true, signal });
  const lines: FulfillmentLine[] = itemsOf(record.item)
    .filter((line) => line.itemReceive !== false)
    .map((line) => ({
      orderLine: typeof line.orderLine === 'number' ? line.orderLine : undefined,
      itemId: text(recordOf(line.item).id),
      quantity: units(line.quantity),
    }))
    .filter((line) => line.quantity > 0n);
  const shipMethod = recordOf(record.shipMethod);
  return {
    id,
    tranId: text(record.tranId),
    shipStatus: text(recordOf(record.shipStatus).id) ?? 'C',
    carrier: text(shipMethod.refName) ?? text(shipMethod.id),
    trackingNumbers: trackingNumbersOf(record),
    lines,
  };
}

// ── read WooCommerce ────────────────────────────────────────────────────────────────────────────────────────────
/** NetSuite item id → the order's line with that item's SKU (through the SKU mappings the order flow used). */
async function productsOf(services: JobServices, connectionId: string, order: Record<string, unknown>) {
  const lines = (Array.isArray(order.line_items) ? order.line_items : []).map(recordOf);
  const skus = lines.flatMap((line) => (typeof line.sku === 'string' && line.sku !== '' ? [line.sku] : []));
  const items = await findSkuMappings(services.db, connectionId, skus);
  const products = new Map<string, ProductLine>();
  for (const line of lines) {
    const itemId = typeof line.sku === 'string' ? items.get(line.sku) : undefined;
    if (itemId && !products.has(itemId))
      products.set(itemId, { sku: String(line.sku), name: String(line.name ?? line.sku) });
  }
  return products;
}

const metaValue = (order: Record<string, unknown>, key: string): unknown =>
  (Array.isArray(order.meta_data) ? order.meta_data.map(recordOf) : []).find((entry) => entry.key === key)?.value;

/** Adds the note unless the order already has this very note (a retry after the answer was lost): its id either way. */
async function addNoteOnce(woo: WooCommerceRestClient, orderId: number, note: string, signal: AbortSignal) {
  const existing = (await woo.listOrderNotes(orderId, { signal })).find((n) => n.customer_note && n.note === note);
  if (existing) return { id: String(existing.id), added: false };
  const added = await woo.addOrderNote(orderId, { note, customerNote: true }, { signal });
  return { id: String(added.id), added: true };
}

/** The extension's provider whose name the ship method starts with (`UPS Ground` → `UPS`), if one. */
function providerFor(carrier: string | undefined, providers: Record<string, unknown>): string | undefined {
  if (!carrier) return undefined;
  const names = Object.values(providers).flatMap((list) => Object.keys(recordOf(list)));
  const wanted = carrier.toLowerCase();
  return names
    .sort((a, b) => b.length - a.length)
    .find((name) => wanted === name.toLowerCase() || wanted.startsWith(`${name.toLowerCase()} `));
}

/**
 * Adds the fulfillment's tracking numbers the order's Shipment Tracking items do not have yet (a retry adds nothing
 * twice); answers those added, or undefined when the store does not run the extension.
 */
async function addToShipmentTracking(
  woo: WooCommerceRestClient,
  orderId: number,
  fulfillment: Fulfillment,
  signal: AbortSignal,
): Promise<string[] | undefined> {
  const existing = await woo.listShipmentTrackings(orderId, { signal });
  if (existing === undefined) return undefined;
  const known = new Set(existing.map((item) => item.tracking_number));
  const missing = fulfillment.trackingNumbers.filter((number) => !known.has(number));
  if (missing.length === 0) return [];
  const provider = providerFor(fulfillment.carrier, await woo.shipmentTrackingProviders({ signal }));
  for (const number of missing) {
    await woo.addShipmentTracking(
      orderId,
      provider
        ? { tracking_number: number, tracking_provider: provider }
        : { tracking_number: number, custom_tracking_provider: fulfillment.carrier ?? 'Carrier' },
      { signal },
    );
  }
  return missing;
}

// ── the flow ────────────────────────────────────────────────────────────────────────────────────────────────────
async function runFulfillmentFlow(services: JobServices, job: Job, context: JobContext): Promise<void> {
  const { db, vault } = services;
  const { signal } = context;
  const payload = payloadOf(job);
  const connection = await requireConnection(db, payload.connectionId);
  const shipment = payload.tranId ?? payload.fulfillmentId;
  const previous = await findFulfillmentWriteback(db, connection.id, payload.fulfillmentId);
  if (previous && previous.lastModified >= payload.lastModified) {
    await context.note({
      message: `Shipment ${shipment} (as of ${payload.lastModified}) was already written back to order ${payload.orderId}: nothing to do.`,
    });
    return;
  }
  const netsuite = services.netsuite.connect(await netsuiteConnectionOf(db, vault, connection.netsuiteAccountId));
  const fulfillment = await readFulfillment(netsuite, payload.fulfillmentId, signal);
  if (fulfillment.shipStatus !== 'C') {
    await context.note({
      message: `Shipment ${shipment} is picked or packed, not shipped yet: nothing to tell the customer.`,
    });
    return;
  }
  const progress = await readSalesOrderProgress(netsuite, payload.salesOrderId, signal);

  const woo = services.woocommerce.connect(await wooCommerceStoreOf(db, vault, connection));
  const orderId = Number(payload.orderId);
  const order = recordOf(await woo.getOrder(orderId, { signal }).catch(orderGone(payload, shipment)));
  const products = await productsOf(services, connection.id, order);
  const plan = planWriteback({
    fulfillment,
    progress,
    products,
    orderStatus: String(order.status ?? ''),
    currentMeta: metaValue(order, FULFILLMENTS_META_KEY),
    alreadyTold: previous?.trackingNumbers,
  });

  let noteId = previous?.noteId ?? null;
  if (plan.note) {
    const note = await addNoteOnce(woo, orderId, plan.note, signal);
    noteId = note.id;
    await context.note({ message: `Customer note ${note.id} ${note.added ? 'added' : 'already there'}: ${plan.note}` });
  }
  // Where the store runs Shipment Tracking, the tracking numbers go there (shown in its e-mails and My Account)
  // instead of into our meta.
  const tracked = await addToShipmentTracking(woo, orderId, fulfillment, signal);
  if (tracked !== undefined) {
    await context.note({
      message: `Shipment Tracking: ${tracked.length} tracking number(s) added (${tracked.join(', ') || 'none new'}).`,
    });
  }
  const body = {
    ...(tracked === undefined ? { meta_data: [{ key: FULFILLMENTS_META_KEY, value: plan.meta }] } : {}),
    ...(plan.status ? { status: plan.status } : {}),
  };
  if (Object.keys(body).length > 0) await woo.updateOrder(orderId, body, { signal });
  await recordFulfillmentWriteback(db, {
    connectionId: connection.id,
    fulfillmentId: payload.fulfillmentId,
    orderId: payload.orderId,
    salesOrderId: payload.salesOrderId,
    lastModified: payload.lastModified,
    noteId,
    trackingNumbers: [...new Set([...(previous?.trackingNumbers ?? []), ...fulfillment.trackingNumbers])],
    statusSet: plan.status ?? previous?.statusSet ?? null,
  });
  await context.note({
    message: plan.status
      ? `Shipment ${shipment} written back: everything has shipped, order ${payload.orderId} is now completed.`
      : `Shipment ${shipment} written back to order ${payload.orderId}${plan.complete ? '' : ' (partial: the rest is still to ship)'}.`,
  });
}

/** A 404 on the order: it was deleted from the store, which no retry changes. */
const orderGone = (payload: FulfillmentJobPayload, shipment: string) => (error: unknown) => {
  if (error instanceof WooCommerceError && error.code === 'WOOCOMMERCE_NOT_FOUND') {
    throw new PermanentJobError(
      'ORDER_NOT_IN_STORE',
      `Order ${payload.orderId} is no longer in WooCommerce (deleted?): shipment ${shipment} and its tracking numbers ` +
        'could not be written back. Tell the customer yourself, or restore the order and replay this job.',
      error.toJSON(),
    );
  }
  throw error;
};

/**
 * NetSuite's and WooCommerce's errors become the job's coded errors. Its death raises `fulfillment_writeback_failing`
 * where the job settles (alerts/fulfillment-alerts.ts), not here: that is also where a replay or a cancel resolves it.
 */
export function fulfillmentToWooCommerceHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    try {
      await runFulfillmentFlow(services, job, context);
    } catch (caught) {
      throw wooCommerceJobError(netSuiteJobError(caught));
    }
  };
}
