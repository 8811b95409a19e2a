/**
 * How far NetSuite has taken a sales order: which lines are fulfilled, billed or closed. What the connector may still
 * change depends on it: an order nobody has started shipping can be rewritten; one that has shipped cannot.
 */

import { recordOf } from '../json-record.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';

export interface SalesOrderLineProgress {
  line: number;
  itemId: string | undefined;
  quantity: bigint;
  fulfilled: bigint;
  billed: bigint;
  closed: boolean;
}

export interface SalesOrderProgress {
  id: string;
  /** NetSuite's own total, as it reads back (text, to keep it exact). */
  total: string;
  lines: SalesOrderLineProgress[];
  /** Where it ships, as the fields an address change would show in: street, city, postcode, country. */
  shipsTo: string;
}

/** The parts of a shipping address that say where a parcel goes, as one comparable text. */
export const shipsToKey = (address: unknown): string => {
  const fields = recordOf(address);
  const country = recordOf(fields.country).id ?? fields.country;
  return [fields.addr1, fields.addr2, fields.city, fields.zip, country]
    .map((value) => (typeof value === 'string' ? value.trim().toLowerCase() : ''))
    .join('|');
};

/** NetSuite quantities are whole units for the items the connector writes; fractions round down to what is whole. */
const units = (value: unknown): bigint => {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '0';
  const whole = text.split('.')[0] ?? '0';
  return /^-?\d+$/.test(whole) ? BigInt(whole) : 0n;
};

function lineProgressOf(value: unknown): SalesOrderLineProgress | undefined {
  const line = recordOf(value);
  if (typeof line.line !== 'number') return undefined;
  const item = recordOf(line.item).id;
  return {
    line: line.line,
    itemId: typeof item === 'string' ? item : undefined,
    quantity: units(line.quantity),
    fulfilled: units(line.quantityFulfilled),
    billed: units(line.quantityBilled),
    closed: line.isClosed === true,
  };
}

export async function readSalesOrderProgress(
  client: NetSuiteClient,
  salesOrderId: string,
  signal: AbortSignal,
): Promise<SalesOrderProgress> {
  const record = await client.get('salesOrder', salesOrderId, { expandSubResources: true, signal });
  const items = recordOf(record.item).items;
  const lines = (Array.isArray(items) ? items : []).flatMap((item) => lineProgressOf(item) ?? []);
  return { id: salesOrderId, total: String(record.total ?? ''), lines, shipsTo: shipsToKey(record.shippingAddress) };
}

/** Whether NetSuite has shipped or billed any of it: from then on lines can only be closed, never rewritten. */
export const hasProgressed = (progress: SalesOrderProgress): boolean =>
  progress.lines.some((line) => line.fulfilled > 0n || line.billed > 0n);

/** Lines with units still to ship: closing them releases the stock they commit. */
export const openLines = (progress: SalesOrderProgress): SalesOrderLineProgress[] =>
  progress.lines.filter((line) => !line.closed && line.fulfilled < line.quantity);
