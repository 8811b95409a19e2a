/**
 * Item fulfilments (spec §3.9, §7): made from a sales order, their lines address order lines by `orderLine`; a
 * shipped fulfilment (`shipStatus` C, the default) takes stock off hand at the line's location.
 */
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical, dec, type Scaled } from './decimal.ts';
import type { Draft } from './draft.ts';
import { committedByOthers, lineLocation, peekStock, type StockKey, stockKey } from './inventory.ts';
import { isInventoryLine } from './lines.ts';
import { invalidValue } from './normalize.ts';
import { createdFrom, quantitiesByOrderLine } from './order-progress.ts';
import { defaultTransactionHeader, NO_LINE_ITEMS, requireValues, userError } from './rules.ts';
import { type Line, linesOf, refId } from './sublists.ts';

export const isShipped = (fields: Record<string, unknown>): boolean => (refId(fields.shipStatus) ?? 'C') === 'C';

export function prepareFulfillment(sim: NetSuiteSimulator, draft: Draft): void {
  const { fields } = draft;
  const order = sim.store.get('salesOrder', refId(fields.createdFrom) ?? '');
  if (!order) {
    throw userError('Error while accessing a resource. An item fulfillment can only be created from a sales order.');
  }
  defaultTransactionHeader(sim, fields);
  for (const name of ['entity', 'subsidiary', 'currency'] as const) {
    if (order.fields[name] !== undefined) fields[name] = structuredClone(order.fields[name]);
  }
  if (fields.shipStatus === undefined) fields.shipStatus = { id: 'C' };
  // Not a REST field of item fulfilments (they show shipStatus); kept for SuiteQL's `transaction.status` (spec §6.6).
  fields.status = { id: refId(fields.shipStatus) };

  const lines = linesOf(fields, 'item').filter((line) => line.itemReceive !== false && dec(line.quantity) > 0n);
  fields.item = { items: lines };
  if (lines.length === 0) throw userError(NO_LINE_ITEMS);
  lines.forEach((line, index) => {
    bindToOrderLine(sim, order, line, index);
  });
  checkRemaining(sim, order, lines, draft.previous);
  if (isShipped(fields)) checkStock(sim, order, lines, draft.previous);
}

function bindToOrderLine(sim: NetSuiteSimulator, order: SimRecord, line: Line, index: number): void {
  const path = `item.items[${index}]`;
  const orderLine = linesOf(order.fields, 'item').find((candidate) => candidate.line === line.orderLine);
  if (!orderLine || !isInventoryLine(sim, orderLine)) {
    throw invalidValue('orderLine', (line.orderLine as number | undefined) ?? null, `${path}.orderLine`);
  }
  line.item = structuredClone(orderLine.item);
  line.itemType = 'InvtPart';
  line.itemReceive = true;
  const committedAt = lineLocation(orderLine);
  const requestedAt = refId(line.location);
  if (committedAt && requestedAt && committedAt !== requestedAt) {
    throw invalidValue('location', requestedAt, `${path}.location`);
  }
  if (!committedAt && !requestedAt) requireValues(['Location']);
  line.location = { id: committedAt ?? requestedAt };
  for (const name of ['description', 'department', 'class', 'units'] as const) {
    if (line[name] === undefined && orderLine[name] !== undefined) line[name] = structuredClone(orderLine[name]);
  }
}

/** Fulfilments together never exceed an order line's quantity (picked and packed ones included). */
function checkRemaining(sim: NetSuiteSimulator, order: SimRecord, lines: Line[], previous: SimRecord | undefined) {
  const taken = quantitiesByOrderLine(createdFrom(sim, order.id, ['itemFulfillment'], previous?.id));
  const requested = quantitiesByOrderLine([{ fields: { item: { items: lines } } }]);
  for (const [lineNumber, quantity] of requested) {
    const orderLine = linesOf(order.fields, 'item').find((candidate) => candidate.line === lineNumber) as Line;
    const remaining = orderLine.isClosed === true ? 0n : dec(orderLine.quantity) - (taken.get(lineNumber) ?? 0n);
    if (quantity > remaining) {
      throw userError(
        `Error while accessing a resource. You cannot fulfill more than the ${canonical(remaining > 0n ? remaining : 0n)} remaining units of order line ${lineNumber}.`,
      );
    }
  }
}

/** What ships must be on hand and not committed to other orders. */
function checkStock(sim: NetSuiteSimulator, order: SimRecord, lines: Line[], previous: SimRecord | undefined) {
  const wanted = shippedQuantities(sim, { item: { items: lines }, shipStatus: { id: 'C' } });
  const before = previous ? shippedQuantities(sim, previous.fields) : new Map<StockKey, Scaled>();
  for (const [key, quantity] of wanted) {
    const [itemId, locationId] = key.split('|') as [string, string];
    const usable =
      dec(peekStock(sim, itemId, locationId)?.onHand) +
      (before.get(key) ?? 0n) -
      committedByOthers(sim, itemId, locationId, order.id);
    if (quantity > usable) {
      throw userError(
        `Error while accessing a resource. You cannot fulfill ${canonical(quantity)} units of ${itemName(sim, itemId)} at this location: only ${canonical(usable > 0n ? usable : 0n)} are available.`,
      );
    }
  }
}

const itemName = (sim: NetSuiteSimulator, itemId: string) => String(sim.store.getAny(itemId)?.fields.itemId ?? itemId);

/** Quantities a fulfilment has taken off hand, per (item, location): none until it is shipped. */
export function shippedQuantities(sim: NetSuiteSimulator, fields: Record<string, unknown> | undefined) {
  const taken = new Map<StockKey, Scaled>();
  if (!fields || !isShipped(fields)) return taken;
  for (const line of linesOf(fields, 'item')) {
    const itemId = refId(line.item);
    const locationId = refId(line.location);
    if (!itemId || !locationId || !isInventoryLine(sim, line)) continue;
    const key = stockKey(itemId, locationId);
    taken.set(key, (taken.get(key) ?? 0n) + dec(line.quantity));
  }
  return taken;
}
