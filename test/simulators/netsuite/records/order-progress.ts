/**
 * How far a sales order has got: fulfilled and billed quantities per line (from the fulfilments, invoices and cash
 * sales created from it), its commitment, and its status letter (spec §6.6, §7).
 */
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical, dec, type Scaled } from './decimal.ts';
import { allocateOrder, orderStockKeys, refreshStockLevels } from './inventory.ts';
import { isInventoryLine } from './lines.ts';
import { type Line, linesOf, refId } from './sublists.ts';

export const BILLING_TYPES = ['invoice', 'cashSale'] as const;

/** Records of `types` created from `sourceId`, except `exceptId`. */
export function createdFrom(sim: NetSuiteSimulator, sourceId: string, types: readonly string[], exceptId?: string) {
  return sim.store
    .all()
    .filter(
      (record) =>
        types.includes(record.type) && record.id !== exceptId && refId(record.fields.createdFrom) === sourceId,
    );
}

/** Per order line, the quantity the given records carry for it (their lines' `orderLine`). */
export function quantitiesByOrderLine(
  records: Pick<SimRecord, 'fields'>[],
  include: (record: Pick<SimRecord, 'fields'>) => boolean = () => true,
) {
  const totals = new Map<number, Scaled>();
  for (const record of records) {
    if (!include(record)) continue;
    for (const line of linesOf(record.fields, 'item')) {
      if (typeof line.orderLine !== 'number') continue;
      totals.set(line.orderLine, (totals.get(line.orderLine) ?? 0n) + dec(line.quantity));
    }
  }
  return totals;
}

const shipped = (record: Pick<SimRecord, 'fields'>) => (refId(record.fields.shipStatus) ?? 'C') === 'C';

/** Writes `quantityFulfilled` (shipped fulfilments only) and `quantityBilled` onto the order's lines. */
export function writeOrderQuantities(
  sim: NetSuiteSimulator,
  orderId: string | undefined,
  fields: Record<string, unknown>,
) {
  const fulfilled = orderId
    ? quantitiesByOrderLine(createdFrom(sim, orderId, ['itemFulfillment']), shipped)
    : new Map();
  const billed = orderId ? quantitiesByOrderLine(createdFrom(sim, orderId, BILLING_TYPES)) : new Map();
  for (const line of linesOf(fields, 'item')) {
    const key = line.line as number;
    if (isInventoryLine(sim, line)) line.quantityFulfilled = canonical(fulfilled.get(key) ?? 0n);
    line.quantityBilled = canonical(billed.get(key) ?? 0n);
  }
}

/**
 * The most a line may have billed: what was fulfilled, or with advance billing what was ordered. A closed line keeps
 * its fulfilled quantity billable (closing cancels the rest, which is how a back-ordered order moves on to billing).
 */
export function billingCeiling(sim: NetSuiteSimulator, line: Line): Scaled {
  const inventory = isInventoryLine(sim, line);
  if (line.isClosed === true) return inventory ? dec(line.quantityFulfilled) : dec(line.quantityBilled);
  return inventory && !sim.settings.advanceBilling ? dec(line.quantityFulfilled) : dec(line.quantity);
}

/** What a new invoice or cash sale may bill of a line (netsuite-gl.md: fulfilled and not yet billed by default). */
export function billableQuantity(sim: NetSuiteSimulator, line: Line): Scaled {
  const billable = billingCeiling(sim, line) - dec(line.quantityBilled);
  return billable > 0n ? billable : 0n;
}

export function orderStatus(sim: NetSuiteSimulator, fields: Record<string, unknown>): string {
  if (refId(fields.orderStatus) === 'A') return 'A';
  const lines = linesOf(fields, 'item');
  const open = lines.filter((line) => line.isClosed !== true);
  const pendingBilling = lines.some((line) => billableQuantity(sim, line) > 0n);
  if (lines.length > 0 && open.length === 0) {
    if (pendingBilling) return 'F';
    return lines.some((line) => dec(line.quantityBilled) > 0n) ? 'G' : 'H';
  }
  const fulfillable = open.filter((line) => isInventoryLine(sim, line));
  const allFulfilled = fulfillable.every((line) => dec(line.quantityFulfilled) >= dec(line.quantity));
  const anyFulfilled = lines.some((line) => dec(line.quantityFulfilled) > 0n);
  const allBilled = open.every((line) => dec(line.quantityBilled) >= dec(line.quantity));
  if (allFulfilled && allBilled && !pendingBilling) return 'G';
  if (allFulfilled) return 'F';
  if (anyFulfilled) return pendingBilling ? 'E' : 'D';
  return 'B';
}

/** Quantities, commitment and status of an order about to be saved. */
export function progressOrder(sim: NetSuiteSimulator, orderId: string | undefined, fields: Record<string, unknown>) {
  writeOrderQuantities(sim, orderId, fields);
  allocateOrder(sim, orderId, fields);
  fields.status = { id: orderStatus(sim, fields) };
}

/** After a fulfilment, invoice or cash sale of the order changed: recount the stored order. */
export function refreshSalesOrder(sim: NetSuiteSimulator, orderId: string | undefined): void {
  const order = orderId ? sim.store.get('salesOrder', orderId) : undefined;
  if (!order) return;
  const fields = structuredClone(order.fields);
  progressOrder(sim, order.id, fields);
  if (JSON.stringify(fields) === JSON.stringify(order.fields)) return;
  sim.store.put({ ...order, fields, lastModified: sim.clock.now() });
  refreshStockLevels(sim, new Set([...orderStockKeys(sim, order.fields), ...orderStockKeys(sim, fields)]));
}
