/**
 * `POST /{fromType}/{id}/!transform/{toType}` (spec §3.9): NetSuite pre-fills the new record from the source, the
 * body's fields override it and its lines merge into the pre-generated ones, matched by `orderLine` (spec §3.7:
 * with `?replace=item` unmatched pre-generated lines are dropped).
 */
import type { RecordType } from '../record-types.ts';
import { NsError } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical, dec, divide, min, multiply, roundMoney, type Scaled } from './decimal.ts';
import { isInventoryLine } from './lines.ts';
import { normalizeBody } from './normalize.ts';
import { BILLING_TYPES, billableQuantity, createdFrom, quantitiesByOrderLine } from './order-progress.ts';
import { userError } from './rules.ts';
import { SCHEMAS } from './schema.ts';
import { saveDraft, type WriteOptions } from './service.ts';
import { type Line, linesOf, mergeInto, refId } from './sublists.ts';

type Builder = (sim: NetSuiteSimulator, source: SimRecord) => Record<string, unknown>;

const TRANSFORMS: Partial<Record<RecordType, Partial<Record<RecordType, Builder>>>> = {
  salesOrder: { itemFulfillment: fulfillmentOf, invoice: billOf, cashSale: billOf },
  invoice: { creditMemo: creditOf },
  cashSale: { cashRefund: creditOf },
  customerDeposit: { depositApplication: applicationOf },
};

export function transformRecord(
  sim: NetSuiteSimulator,
  source: SimRecord,
  toType: RecordType,
  body: unknown,
  options: WriteOptions,
): SimRecord {
  const build = TRANSFORMS[source.type]?.[toType];
  if (!build) {
    throw new NsError(
      400,
      'INVALID_REQUEST',
      'The request could not be understood by the server due to malformed syntax.',
    );
  }
  if (source.type === 'salesOrder' && ['A', 'C', 'H'].includes(refId(source.fields.status) ?? '')) {
    throw userError(
      'Error while accessing a resource. A sales order that is pending approval, cancelled or closed cannot be fulfilled or billed.',
    );
  }
  const fields = build(sim, source);
  const normalized = normalizeBody(sim, toType, body ?? {}, options);
  mergeInto(SCHEMAS[toType], fields, normalized.fields, { replace: options.replace, matchOn: { item: 'orderLine' } });
  fields.createdFrom = { id: source.id };
  if (toType !== 'itemFulfillment') dropEmptyLines(fields);
  if (
    source.type === 'salesOrder' &&
    (toType === 'invoice' || toType === 'cashSale') &&
    !normalized.fields.taxDetails
  ) {
    billTax(sim, source, fields);
  }
  return saveDraft(sim, { type: toType, previous: undefined, fields, externalId: normalized.externalId ?? undefined });
}

const HEADER_FROM_ORDER = [
  'entity',
  'subsidiary',
  'location',
  'department',
  'class',
  'currency',
  'exchangeRate',
  'otherRefNum',
  'shipMethod',
  'shippingAddress',
  'billingAddress',
  'terms',
  'salesRep',
  'partner',
  'email',
  'isTaxable',
  'job',
];

const LINE_FIELDS = [
  'item',
  'description',
  'location',
  'department',
  'class',
  'price',
  'units',
  'taxCode',
  'taxDetailsReference',
  'isTaxable',
];

function copyFields(from: Record<string, unknown>, names: readonly string[], prefix: RegExp) {
  const copied: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(from)) {
    if ((names.includes(name) || prefix.test(name)) && value !== undefined) copied[name] = structuredClone(value);
  }
  return copied;
}

const headerCopy = (from: Record<string, unknown>, names: readonly string[]) => copyFields(from, names, /^custbody/i);
const lineCopy = (from: Line, names: readonly string[]) => copyFields(from, names, /^custcol/i);

/** Each open inventory line with something left to fulfil; quantity defaults to what is committed (spec §3.9). */
function fulfillmentOf(sim: NetSuiteSimulator, order: SimRecord): Record<string, unknown> {
  const fulfilments = createdFrom(sim, order.id, ['itemFulfillment']);
  const taken = quantitiesByOrderLine(fulfilments);
  const shipped = quantitiesByOrderLine(fulfilments, (record) => (refId(record.fields.shipStatus) ?? 'C') === 'C');
  const items: Line[] = [];
  for (const orderLine of linesOf(order.fields, 'item')) {
    if (orderLine.isClosed === true || !isInventoryLine(sim, orderLine)) continue;
    const key = orderLine.line as number;
    const remaining = dec(orderLine.quantity) - (taken.get(key) ?? 0n);
    if (remaining <= 0n) continue;
    const pendingShipment = (taken.get(key) ?? 0n) - (shipped.get(key) ?? 0n);
    const ready = dec(orderLine.quantityCommitted) - pendingShipment;
    items.push({
      ...lineCopy(orderLine, LINE_FIELDS),
      line: items.length + 1,
      orderLine: key,
      itemReceive: true,
      quantity: canonical(ready > 0n ? min(ready, remaining) : 0n),
    });
  }
  return {
    ...headerCopy(order.fields, [
      'entity',
      'subsidiary',
      'currency',
      'shipMethod',
      'shippingAddress',
      'department',
      'class',
    ]),
    shipStatus: { id: 'C' },
    item: { items },
  };
}

/** What is billable on each order line (netsuite-gl.md); shipping goes on the order's first bill. */
function billOf(sim: NetSuiteSimulator, order: SimRecord): Record<string, unknown> {
  const items: Line[] = [];
  for (const orderLine of linesOf(order.fields, 'item')) {
    const quantity = billableQuantity(sim, orderLine);
    if (quantity <= 0n) continue;
    items.push({
      ...lineCopy(orderLine, [...LINE_FIELDS, 'rate']),
      line: items.length + 1,
      orderLine: orderLine.line,
      quantity: canonical(quantity),
      amount: canonical(lineAmount(orderLine, quantity)),
    });
  }
  const firstBill = createdFrom(sim, order.id, BILLING_TYPES).length === 0;
  return {
    ...headerCopy(order.fields, HEADER_FROM_ORDER),
    ...(firstBill ? headerCopy(order.fields, ['shippingCost', 'handlingCost']) : {}),
    ...(order.fields.taxDetailsOverride === true ? { taxDetailsOverride: true } : {}),
    item: { items },
  };
}

/** The order line's own amount when billed whole, else rate × quantity. */
function lineAmount(orderLine: Line, quantity: Scaled): Scaled {
  if (quantity === dec(orderLine.quantity)) return dec(orderLine.amount);
  return roundMoney(multiply(dec(orderLine.rate), quantity));
}

/** A credit memo or cash refund mirrors the sale it reverses; a credit memo applies to its invoice. */
function creditOf(_sim: NetSuiteSimulator, sale: SimRecord): Record<string, unknown> {
  const items = linesOf(sale.fields, 'item').map((line, index) => ({
    ...lineCopy(line, [...LINE_FIELDS, 'rate', 'quantity', 'amount']),
    line: index + 1,
    orderLine: line.line,
  }));
  const fields: Record<string, unknown> = {
    ...headerCopy(sale.fields, [
      ...HEADER_FROM_ORDER,
      'shippingCost',
      'handlingCost',
      'taxDetailsOverride',
      'taxDetails',
      ...(sale.type === 'cashSale' ? ['account', 'undepFunds'] : []),
    ]),
    item: { items },
  };
  if (sale.type === 'invoice') fields.apply = { items: [{ doc: { id: sale.id }, apply: true }] };
  return fields;
}

function applicationOf(_sim: NetSuiteSimulator, deposit: SimRecord): Record<string, unknown> {
  return {
    ...headerCopy(deposit.fields, ['customer', 'subsidiary', 'currency', 'department', 'class', 'location']),
    deposit: { id: deposit.id },
    apply: { items: [] },
  };
}

function dropEmptyLines(fields: Record<string, unknown>): void {
  fields.item = { items: linesOf(fields, 'item').filter((line) => dec(line.quantity) !== 0n) };
}

/**
 * The order's tax-details override, carried to a bill: tax tied to a line (`taxDetailsReference`) in proportion to
 * the quantity billed, the last bill of a line taking what is left; tax tied to no line on the first bill.
 */
function billTax(sim: NetSuiteSimulator, order: SimRecord, fields: Record<string, unknown>): void {
  if (order.fields.taxDetailsOverride !== true) return;
  const bills = createdFrom(sim, order.id, BILLING_TYPES);
  const firstBill = bills.length === 0;
  const orderLines = linesOf(order.fields, 'item');
  const billLines = linesOf(fields, 'item');
  const items: Line[] = [];
  for (const tax of linesOf(order.fields, 'taxDetails')) {
    const reference = refId(tax.taxDetailsReference);
    const orderLine = orderLines.find((line) => reference !== undefined && line.taxDetailsReference === reference);
    if (!orderLine) {
      if (firstBill) items.push(structuredClone(tax));
      continue;
    }
    const billed = billLines
      .filter((line) => line.orderLine === orderLine.line)
      .reduce((total, line) => total + dec(line.quantity), 0n);
    if (billed === 0n) continue;
    const ordered = dec(orderLine.quantity);
    const amount =
      dec(orderLine.quantityBilled) + billed >= ordered
        ? dec(tax.taxAmount) - alreadyBilledTax(bills, tax)
        : roundMoney(divide(multiply(dec(tax.taxAmount), billed), ordered));
    items.push({ ...structuredClone(tax), taxAmount: canonical(amount) });
  }
  fields.taxDetails = { items };
}

function alreadyBilledTax(bills: SimRecord[], tax: Line): Scaled {
  const same = (line: Line) =>
    refId(line.taxDetailsReference) === refId(tax.taxDetailsReference) &&
    refId(line.taxCode) === refId(tax.taxCode) &&
    line.taxType === tax.taxType;
  return bills
    .flatMap((bill) => linesOf(bill.fields, 'taxDetails').filter(same))
    .reduce((total, line) => total + dec(line.taxAmount), 0n);
}
