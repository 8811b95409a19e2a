/**
 * What NetSuite holds for an order's refunds, read back: the sales order and its bills as `Sale`s, the deposit, and
 * which refunds already have their records. NetSuite is the memory of what was booked: no table of our own.
 */
import { abs, type Money, roundMoney, ZERO } from '../canonical/money.ts';
import { recordOf } from '../json-record.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { NetSuiteRecord } from '../netsuite/records.ts';
import type { Sale, SaleLine, SaleTaxDetail } from './refund-to-netsuite-bodies.ts';

/** The externalIds of one refund's records (see `refundExternalIds`). */
export interface RefundExternalIds {
  /** Before billing the customer refund out of the deposit; after billing the credit memo; in cash-sale mode the cash refund. */
  record: string;
  /** After billing: the customer refund that pays the credit memo's credit out. */
  payout: string;
}

export const refundExternalIds = (prefix: string, refundId: string): RefundExternalIds => ({
  record: `${prefix}REFUND_${refundId}`,
  payout: `${prefix}REFUND_${refundId}_PAY`,
});

interface Found {
  id: string;
  total: Money;
}

/** The records one refund has in NetSuite so far. */
export interface RefundRecords {
  depositRefund?: Found;
  creditMemo?: Found;
  payout?: Found;
  cashRefund?: Found;
}

/** Booked: the record that pays the shopper back exists (the credit memo alone is half of a booking). */
export const isBooked = (records: RefundRecords | undefined): boolean =>
  records?.depositRefund !== undefined || records?.payout !== undefined || records?.cashRefund !== undefined;

/** A NetSuite amount (a JSON number, or text from SuiteQL) as exact money; sign dropped when `absolute`. */
export function moneyOf(value: unknown, absolute = false): Money {
  const text = typeof value === 'number' ? value.toFixed(2) : typeof value === 'string' ? value : '0';
  const rounded = roundMoney(text);
  const money = rounded.ok ? rounded.value : ZERO;
  return absolute ? abs(money) : money;
}

const idOf = (value: unknown): string | undefined => {
  const id = recordOf(value).id;
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
};

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : (idOf(value) ?? (typeof value === 'number' ? String(value) : undefined));

const quantityOf = (value: unknown): number => {
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : 0;
  return Number.isFinite(number) ? number : 0;
};

const sublist = (record: NetSuiteRecord, name: string): Record<string, unknown>[] => {
  const items = recordOf(record[name]).items;
  return Array.isArray(items) ? items.map(recordOf) : [];
};

function saleLineOf(line: Record<string, unknown>): SaleLine | undefined {
  if (typeof line.line !== 'number') return undefined;
  const itemId = idOf(line.item);
  return {
    line: line.line,
    ...(typeof line.orderLine === 'number' ? { orderLine: line.orderLine } : {}),
    ...(itemId === undefined ? {} : { itemId }),
    quantity: quantityOf(line.quantity),
    amount: moneyOf(line.amount),
    closed: line.isClosed === true,
    fulfilled: quantityOf(line.quantityFulfilled),
  };
}

function taxDetailOf(detail: Record<string, unknown>): SaleTaxDetail | undefined {
  const taxCode = idOf(detail.taxCode);
  const reference = textOf(detail.taxDetailsReference);
  if (taxCode === undefined || typeof detail.taxType !== 'string') return undefined;
  return {
    ...(reference ? { reference } : {}),
    taxType: detail.taxType,
    taxCode,
    taxBasis: moneyOf(detail.taxBasis),
    taxRate: textOf(detail.taxRate) ?? '0',
    taxAmount: moneyOf(detail.taxAmount),
  };
}

export function saleOf(type: Sale['type'], record: NetSuiteRecord): Sale {
  const customerId = idOf(record.entity);
  const shipMethodId = idOf(record.shipMethod);
  return {
    type,
    id: String(record.id),
    ...(customerId === undefined ? {} : { customerId }),
    total: moneyOf(record.total),
    shippingCost: moneyOf(record.shippingCost),
    ...(shipMethodId === undefined ? {} : { shipMethodId }),
    taxOverride: record.taxDetailsOverride === true,
    lines: sublist(record, 'item').flatMap((line) => saleLineOf(line) ?? []),
    taxDetails: sublist(record, 'taxDetails').flatMap((detail) => taxDetailOf(detail) ?? []),
  };
}

/** A sales order, invoice or cash sale with its lines; `ref` is an internal id or `eid:…`. Undefined: none. */
export async function readSale(
  client: NetSuiteClient,
  type: Sale['type'],
  ref: { id: string } | { externalId: string },
  signal: AbortSignal,
): Promise<Sale | undefined> {
  const options = { expandSubResources: true, signal };
  const record =
    'id' in ref ? await client.get(type, ref.id, options) : await client.getByExternalId(type, ref.externalId, options);
  return record && saleOf(type, record);
}

export interface Deposit {
  id: string;
  customerId: string | undefined;
  payment: Money;
}

export async function readDeposit(
  client: NetSuiteClient,
  externalId: string,
  signal: AbortSignal,
): Promise<Deposit | undefined> {
  const record = await client.getByExternalId('customerDeposit', externalId, { signal });
  return record && { id: String(record.id), customerId: idOf(record.customer), payment: moneyOf(record.payment) };
}

export interface Bill {
  id: string;
  type: 'invoice' | 'cashSale';
}

/** The invoices and cash sales billed from a sales order, oldest first (SuiteQL's line links, spec §6.4). */
export async function billsOf(client: NetSuiteClient, salesOrderId: string, signal: AbortSignal): Promise<Bill[]> {
  const query =
    "SELECT DISTINCT nextdoc, nexttype FROM previoustransactionlinelink WHERE previousdoc = ? AND linktype = 'OrdBill' ORDER BY nextdoc";
  const bills: Bill[] = [];
  for await (const row of client.suiteql(query, [salesOrderId], { signal })) {
    if (!row.nextdoc) continue;
    if (row.nexttype === 'CustInvc') bills.push({ id: row.nextdoc, type: 'invoice' });
    else if (row.nexttype === 'CashSale') bills.push({ id: row.nextdoc, type: 'cashSale' });
  }
  return bills;
}

const RECORD_KINDS: Record<string, keyof RefundRecords | undefined> = {
  CustCred: 'creditMemo',
  CashRfnd: 'cashRefund',
};

/** Which of these refunds have which records, in one SuiteQL query over the transactions' externalIds. */
export async function refundRecordsOf(
  client: NetSuiteClient,
  prefix: string,
  refundIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, RefundRecords>> {
  const found = new Map<string, RefundRecords>();
  if (refundIds.length === 0) return found;
  const byExternalId = new Map<string, { refundId: string; payout: boolean }>();
  for (const refundId of refundIds) {
    const ids = refundExternalIds(prefix, refundId);
    byExternalId.set(ids.record, { refundId, payout: false });
    byExternalId.set(ids.payout, { refundId, payout: true });
  }
  const marks = [...byExternalId.keys()].map(() => '?').join(', ');
  const query = `SELECT id, type, externalid, foreigntotal FROM transaction WHERE type IN ('CustCred', 'CustRfnd', 'CashRfnd') AND externalid IN (${marks})`;
  for await (const row of client.suiteql(query, [...byExternalId.keys()], { signal })) {
    const owner = row.externalid === undefined ? undefined : byExternalId.get(row.externalid);
    if (!(owner && row.id && row.type)) continue;
    const kind =
      row.type === 'CustRfnd'
        ? owner.payout
          ? 'payout'
          : 'depositRefund'
        : owner.payout
          ? undefined
          : RECORD_KINDS[row.type];
    if (!kind) continue;
    const records = found.get(owner.refundId) ?? {};
    records[kind] = { id: row.id, total: moneyOf(row.foreigntotal, true) };
    found.set(owner.refundId, records);
  }
  return found;
}
