/**
 * Item lines of sales-side transactions: what NetSuite sources when a line is saved (item type, default quantity and
 * rate, amount = rate × quantity, the header location) and the totals they add up to.
 */
import type { RecordType } from '../record-types.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical, dec, divide, multiply, roundMoney, type Scaled, sum } from './decimal.ts';
import { ITEM_TYPE_CODES } from './schema.ts';
import { type Line, linesOf, refId } from './sublists.ts';

/** Price level 1 is "Base Price" in a standard account (spec §3.12, UNCERTAIN account-specific). */
export const BASE_PRICE_LEVEL = '1';

export function itemRecord(sim: NetSuiteSimulator, line: Line): SimRecord | undefined {
  const id = refId(line.item);
  const record = id ? sim.store.getAny(id) : undefined;
  return record && (record.type === 'inventoryItem' || record.type === 'otherChargeItem') ? record : undefined;
}

export const isInventoryLine = (sim: NetSuiteSimulator, line: Line): boolean =>
  itemRecord(sim, line)?.type === 'inventoryItem';

export function basePrice(item: SimRecord): string | undefined {
  const row = linesOf(item.fields, 'price').find(
    (price) => refId(price.priceLevel) === BASE_PRICE_LEVEL || price.priceLevel === undefined,
  );
  return typeof row?.price === 'string' ? row.price : undefined;
}

/** Fills sourced values of each item line; lines whose item is missing are left for validation to refuse. */
export function sourceItemLines(sim: NetSuiteSimulator, type: RecordType, fields: Record<string, unknown>): void {
  const headerLocation = fields.location;
  for (const line of linesOf(fields, 'item')) {
    const item = itemRecord(sim, line);
    if (!item) continue;
    line.itemType = { id: ITEM_TYPE_CODES[item.type as keyof typeof ITEM_TYPE_CODES] };
    if (line.quantity === undefined) line.quantity = '1';
    if (line.rate === undefined && line.amount === undefined) {
      const price = basePrice(item);
      if (price !== undefined) line.rate = price;
    }
    const quantity = dec(line.quantity);
    if (line.amount === undefined) line.amount = canonical(roundMoney(multiply(dec(line.rate), quantity)));
    else if (line.rate === undefined && quantity !== 0n) line.rate = canonical(divide(dec(line.amount), quantity));
    if (line.location === undefined && headerLocation !== undefined) line.location = structuredClone(headerLocation);
    if (type === 'salesOrder') {
      if (line.isClosed === undefined) line.isClosed = false;
      if (item.type === 'inventoryItem' && line.commitInventory === undefined) line.commitInventory = { id: '1' };
    }
  }
}

export interface SalesTotals {
  subtotal: Scaled;
  shipping: Scaled;
  tax: Scaled;
  total: Scaled;
}

/**
 * Subtotal of the lines, plus shipping and handling, plus tax. Tax is what a `taxDetails` override says
 * (netsuite-gl.md "Tax"); the simulator has no tax engine, so without an override the tax is zero.
 */
export function salesTotals(fields: Record<string, unknown>): SalesTotals {
  const subtotal = sum(linesOf(fields, 'item').map((line) => dec(line.amount)));
  const shipping = dec(fields.shippingCost) + dec(fields.handlingCost);
  const tax =
    fields.taxDetailsOverride === true ? taxLines(fields).reduce((total, line) => total + line.amount, 0n) : 0n;
  return { subtotal, shipping, tax, total: subtotal + shipping + tax };
}

export function writeSalesTotals(fields: Record<string, unknown>): SalesTotals {
  const totals = salesTotals(fields);
  fields.subtotal = canonical(totals.subtotal);
  fields.taxTotal = canonical(totals.tax);
  fields.total = canonical(totals.total);
  return totals;
}

export function taxLines(fields: Record<string, unknown>): { line: Line; amount: Scaled }[] {
  return linesOf(fields, 'taxDetails').map((line) => ({ line, amount: roundMoney(dec(line.taxAmount)) }));
}
