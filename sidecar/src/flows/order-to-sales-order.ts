import { raiseAlert } from '../alerts/alerts.ts';
import type { Order } from '../canonical/order.ts';
import type { Connection } from '../connections/connections.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { JobHeld, PermanentJobError } from '../jobs/job-errors.ts';
import { resolveSkus } from '../mappings/resolve-skus.ts';
import { unmappedShippingHold, unmappedSkusHold } from '../mappings/unmapped.ts';
import {
  type Built,
  buildSalesOrder,
  type SalesOrderInput,
  type SalesOrderUpsert,
  toCents,
} from '../netsuite/builders/index.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import { isStaleUpdate } from '../platforms/woocommerce/stale.ts';
import { toCanonicalOrder } from '../platforms/woocommerce/to-canonical-order.ts';
import type { JobServices } from '../sidecar.ts';
import { findOrderLink, fingerprintOf, type OrderLink, recordOrderLink } from '../sync/order-links.ts';
import { built, loadDelivery, parseDeliveryBody, requireConnection } from './flow-steps.ts';
import { lineTemplates, templateSegments, templatesTagLines } from './gl-templates.ts';
import { cancelOrder, closeTrashedOrder } from './order-cancellation.ts';
import { writeCustomer } from './order-customer.ts';
import { writeDeposit } from './order-deposit.ts';
import { heldOrderOf, netsuiteCents, type OrderFlow } from './order-flow.ts';
import {
  chargedFees,
  creditedFees,
  locationFor,
  salesOrderInputOf,
  shippingItemFor,
  unmappedTaxRates,
} from './order-to-netsuite-bodies.ts';
import { bookNewRefunds } from './refund-to-netsuite.ts';
import { hasProgressed, readSalesOrderProgress, type SalesOrderProgress, shipsToKey } from './sales-order-progress.ts';

/** Topics whose body is the whole order; order.deleted names only its id. */
const CONTENT_TOPICS = new Set(['order.created', 'order.updated', 'order.restored']);

function canonicalOrderOf(body: string): Order {
  const result = toCanonicalOrder(parseDeliveryBody(body));
  if (!result.ok) throw new PermanentJobError(result.error.code, result.error.message, { path: result.error.path });
  return result.value;
}

/** Why an order is not for NetSuite (yet), or undefined when it is. */
function reasonToSkip(order: Order, connection: Connection): string | undefined {
  const { orderStatuses, goLiveAt } = connection.settings;
  if (!(orderStatuses as readonly string[]).includes(order.status)) {
    return `Order ${order.number} is "${order.status}": only ${orderStatuses.join(', ')} orders are sent to NetSuite.`;
  }
  if (Date.parse(order.createdAtGmt) < Date.parse(goLiveAt)) {
    return `Order ${order.number} was placed before the connection went live (${goLiveAt}): it stays in WooCommerce only.`;
  }
  return undefined;
}

function staleReason(order: Order, written: OrderLink | undefined): string | undefined {
  if (!(written && isStaleUpdate(order.modifiedAtGmt, written.lastModifiedGmt))) return undefined;
  return `Order ${order.number} as modified at ${order.modifiedAtGmt} is older than the version already written (${written.lastModifiedGmt}): skipped.`;
}

// ── look up ─────────────────────────────────────────────────────────────────────────────────────────────────────
async function resolveItems(flow: OrderFlow, client: NetSuiteClient): Promise<Map<string, string>> {
  const { db } = flow.services;
  const unnamed = flow.order.lines.filter((line) => line.sku === undefined).map((line) => line.name);
  if (unnamed.length > 0) {
    throw new JobHeld(
      'LINE_WITHOUT_SKU',
      `Order ${flow.order.number} has products without a SKU (${unnamed.join(', ')}): give them SKUs and update the order.`,
      { order: heldOrderOf(flow.order), products: unnamed },
    );
  }
  const resolved = await resolveSkus({
    db,
    client,
    connectionId: flow.connection.id,
    skus: flow.order.lines.map((line) => line.sku ?? ''),
    signal: flow.context.signal,
  });
  if (resolved.missing.length > 0) {
    throw await unmappedSkusHold(db, {
      connectionId: flow.connection.id,
      order: heldOrderOf(flow.order),
      skus: resolved.missing,
    });
  }
  return resolved.items;
}

async function resolveShippingItem(flow: OrderFlow): Promise<string | undefined> {
  const { order, connection } = flow;
  const methods = [...new Set(order.shippingLines.map((line) => line.methodId))];
  const unmapped = methods.filter((method) => shippingItemFor(method, connection.settings) === undefined);
  if (unmapped.length > 0) {
    throw await unmappedShippingHold(flow.services.db, {
      connectionId: connection.id,
      order: heldOrderOf(order),
      methods: unmapped,
    });
  }
  const [first] = methods;
  return first === undefined ? undefined : shippingItemFor(first, connection.settings);
}

/** Coupons and negative fees post on the discount item, positive fees on the fee item: both must be set. */
function requireCreditItems(flow: OrderFlow): void {
  const { order, connection } = flow;
  if ((order.discounts.length > 0 || creditedFees(order).length > 0) && connection.settings.discountItemId === null) {
    throw new JobHeld(
      'DISCOUNT_ITEM_NOT_SET',
      `Order ${order.number} has coupons or discount fees but the connection has no discount item: set discountItemId and release it.`,
      { order: heldOrderOf(order) },
    );
  }
  if (chargedFees(order).length > 0 && connection.settings.feeItemId === null) {
    throw new JobHeld(
      'FEE_ITEM_NOT_SET',
      `Order ${order.number} has fees (${chargedFees(order)
        .map((fee) => fee.name)
        .join(', ')}) but the connection has no fee item: set feeItemId and release it.`,
      { order: heldOrderOf(order) },
    );
  }
}

function requireTaxCodes(flow: OrderFlow): void {
  if (flow.connection.settings.taxMode !== 'override') return;
  const rates = unmappedTaxRates(flow.order, flow.connection.settings);
  if (rates.length === 0) return;
  throw new JobHeld(
    'UNMAPPED_TAX_RATE',
    `Order ${flow.order.number} is taxed at WooCommerce rate ${rates.join(', ')}, which has no NetSuite tax code: ` +
      'map it in the connection settings (taxCodes) and release the order.',
    { rates, order: heldOrderOf(flow.order) },
  );
}

/** Each line's department and class from its GL template; WooCommerce is asked only when a template sets them. */
async function resolveLineSegments(flow: OrderFlow): Promise<{ department?: string; class?: string }[]> {
  const { services, connection, order, context } = flow;
  const { glTemplates } = connection.settings;
  if (!templatesTagLines(glTemplates)) return [];
  const store = services.woocommerce.connect(await wooCommerceStoreOf(services.db, services.vault, connection));
  const templates = await lineTemplates(store, order.lines, glTemplates, context.signal);
  return templates.map(templateSegments);
}

// ── write ───────────────────────────────────────────────────────────────────────────────────────────────────────
/** The builder's TOTAL_MISMATCH becomes a hold showing both figures: the merchant decides, nothing is written. */
function refuseMismatchedTotal(order: Order, input: SalesOrderInput): Built<SalesOrderUpsert> {
  const result = buildSalesOrder(input);
  if (result.ok || result.error.code !== 'TOTAL_MISMATCH') return result;
  const { expectedTotal: expected, ...unchecked } = input;
  const computed = buildSalesOrder(unchecked);
  throw new JobHeld('TOTALS_MISMATCH', `Order ${order.number}: ${result.error.message}`, {
    order: heldOrderOf(order),
    computed: computed.ok ? computed.value.total : null,
    expected,
  });
}

interface SalesOrderLookups {
  customerId: string;
  items: Map<string, string>;
  shippingItemId: string | undefined;
  lineSegments: { department?: string; class?: string }[];
}

/** The sales order the storefront's order should be, its total already held against the storefront's. */
function desiredSalesOrder(flow: OrderFlow, lookups: SalesOrderLookups): SalesOrderUpsert {
  const { order, connection, job } = flow;
  const externalId = `${connection.settings.externalIdPrefix}ORDER_${order.id}`;
  const input = salesOrderInputOf(
    order,
    { ...lookups, externalId, jobId: job.id, locationId: locationFor(order, connection.settings) },
    connection.settings,
  );
  return built(refuseMismatchedTotal(order, input), 'sales order');
}

/** Items and quantities as a comparable text, whichever side (our body, NetSuite's lines) they come from. */
const itemsKey = (lines: { item: string | undefined; quantity: bigint }[]): string =>
  lines
    .filter((line) => line.quantity > 0n)
    .map((line) => `${line.item}×${line.quantity}`)
    .sort()
    .join(',');

/** Whether what NetSuite ships (items, quantities, total, destination) is what the storefront's order says. */
function sameAsWritten(progress: SalesOrderProgress, salesOrder: SalesOrderUpsert): boolean {
  const wanted = salesOrder.body.item.items.map((line) => ({
    item: line.item.id,
    quantity: BigInt(line.quantity ?? 0),
  }));
  const written = progress.lines.map((line) => ({ item: line.itemId, quantity: line.quantity }));
  return (
    itemsKey(wanted) === itemsKey(written) &&
    netsuiteCents(progress.total) === toCents(salesOrder.total) &&
    shipsToKey(salesOrder.body.shippingAddress) === progress.shipsTo
  );
}

/**
 * Writes the sales order while NetSuite has not started on it. Once NetSuite has shipped or billed part of it, or
 * refunds have changed it, the storefront's version no longer replaces it: an unchanged order (a status change, a
 * note, our own write-back coming back as order.updated) is left alone, a changed one raises an alert saying why.
 * Returns the sales order's id and whether it was written now.
 */
async function writeSalesOrder(
  flow: OrderFlow,
  client: NetSuiteClient,
  link: OrderLink | undefined,
  salesOrder: SalesOrderUpsert,
): Promise<{ id: string; written: boolean }> {
  const { order, connection, context } = flow;
  const record = (salesOrderId: string) =>
    recordOrderLink(flow.services.db, {
      connectionId: connection.id,
      orderId: order.id,
      salesOrderId,
      lastModifiedGmt: order.modifiedAtGmt,
    });
  if (link && order.refunds.length > 0) {
    await context.note({
      message: `Order ${order.number} has refunds: its sales order ${link.salesOrderId} changes through them, not by rewriting it.`,
    });
    await record(link.salesOrderId);
    return { id: link.salesOrderId, written: false };
  }
  if (link) {
    const progress = await readSalesOrderProgress(client, link.salesOrderId, context.signal);
    if (hasProgressed(progress)) {
      await keepProgressedOrder(flow, progress, salesOrder);
      await record(link.salesOrderId);
      return { id: link.salesOrderId, written: false };
    }
  }
  const { id } = await client.upsert(salesOrder.type, salesOrder.externalId, salesOrder.body, {
    ...salesOrder.options,
    signal: context.signal,
  });
  await record(id);
  await context.note({
    message: `Sales order ${salesOrder.externalId} written (NetSuite ${id}).`,
    externalId: salesOrder.externalId,
  });
  return { id, written: true };
}

async function keepProgressedOrder(flow: OrderFlow, progress: SalesOrderProgress, salesOrder: SalesOrderUpsert) {
  const { order, connection, context } = flow;
  if (sameAsWritten(progress, salesOrder)) {
    await context.note({
      message: `Order ${order.number} changed after NetSuite shipped part of it, but not in what it ships or costs: left as it is.`,
      externalId: salesOrder.externalId,
    });
    return;
  }
  const message =
    `Order ${order.number} was changed in WooCommerce (lines, total or shipping address) after NetSuite shipped or ` +
    `billed part of sales order ${progress.id}: NetSuite keeps what it has. Make the change in NetSuite (or refund in WooCommerce).`;
  await raiseAlert(flow.services.db, {
    kind: 'order_changed_after_shipping',
    severity: 'warning',
    connectionId: connection.id,
    dedupeKey: `order_changed_after_shipping:${connection.id}:${order.id}`,
    message,
  });
  await context.note({ message, externalId: salesOrder.externalId });
}

/** NetSuite's own total of what was written, to the cent, against the storefront's. */
async function confirmTotal(flow: OrderFlow, client: NetSuiteClient, salesOrderId: string): Promise<void> {
  const record = await client.get('salesOrder', salesOrderId, { fields: ['total'], signal: flow.context.signal });
  const computed = netsuiteCents(record.total);
  const expected = flow.order.totals.total;
  if (computed === toCents(expected)) return;
  throw new JobHeld(
    'TOTALS_MISMATCH',
    `Order ${flow.order.number}: NetSuite's total is ${String(record.total)}, the storefront's ${expected}.`,
    { order: heldOrderOf(flow.order), computed: record.total ?? null, expected, salesOrderId },
  );
}
// ── the flow ────────────────────────────────────────────────────────────────────────────────────────────────────

async function runOrderFlow(services: JobServices, job: Job, context: JobContext): Promise<void> {
  const { db, vault } = services;
  const delivery = await loadDelivery(db, job);
  const connection = await requireConnection(db, delivery.connectionId);
  const connect = async () =>
    services.netsuite.connect(await netsuiteConnectionOf(db, vault, connection.netsuiteAccountId));
  if (delivery.topic === 'order.deleted') {
    await closeTrashedOrder({ services, context, connection, connect }, delivery.body);
    return;
  }
  if (!CONTENT_TOPICS.has(delivery.topic)) {
    await context.note({ message: `${delivery.topic} deliveries change nothing in NetSuite.` });
    return;
  }
  const order = canonicalOrderOf(delivery.body);
  const link = await findOrderLink(db, connection.id, order.id);
  const stale = staleReason(order, link);
  if (stale) {
    await context.note({ message: stale });
    return;
  }
  if (order.status === 'cancelled') {
    await cancelOrder({ services, job, context, connection, connect }, order, link);
    return;
  }
  // The status gate decides whether an order goes to NetSuite; once there, its later changes follow it.
  const skipped = link ? undefined : reasonToSkip(order, connection);
  if (skipped) {
    await context.note({ message: skipped });
    return;
  }
  const fingerprint = fingerprintOf(order);
  if (link?.fingerprint === fingerprint) {
    await context.note({
      message: `Order ${order.number} (now "${order.status}") changed nothing NetSuite holds: nothing to write.`,
    });
    await recordOrderLink(db, { ...link, lastModifiedGmt: order.modifiedAtGmt });
    return;
  }
  const flow: OrderFlow = { services, job, context, connection, order };
  const client = await connect();

  const items = await resolveItems(flow, client);
  const shippingItemId = await resolveShippingItem(flow);
  requireCreditItems(flow);
  requireTaxCodes(flow);
  const lineSegments = await resolveLineSegments(flow);

  const customerId = await writeCustomer(flow, client);
  const salesOrder = desiredSalesOrder(flow, { customerId, items, shippingItemId, lineSegments });
  const { id: salesOrderId, written } = await writeSalesOrder(flow, client, link, salesOrder);
  if (written) await confirmTotal(flow, client, salesOrderId);
  await writeDeposit(flow, client, { customerId, salesOrderId }, written && link !== undefined);
  if (order.refunds.length > 0) await bookNewRefunds({ ...flow, client, orderId: order.id, order });
  await recordOrderLink(db, {
    connectionId: connection.id,
    orderId: order.id,
    salesOrderId,
    lastModifiedGmt: order.modifiedAtGmt,
    fingerprint,
  });
}
export function orderToSalesOrderHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    try {
      await runOrderFlow(services, job, context);
    } catch (error) {
      throw wooCommerceJobError(netSuiteJobError(error));
    }
  };
}
