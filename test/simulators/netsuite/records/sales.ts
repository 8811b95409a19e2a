/** Sales orders, invoices, cash sales, credit memos and cash refunds: required fields, lines, caps, totals. */
import type { NetSuiteSimulator } from '../simulator.ts';
import { canonical, dec } from './decimal.ts';
import type { Draft } from './draft.ts';
import { sourceItemLines, writeSalesTotals } from './lines.ts';
import { invalidValue } from './normalize.ts';
import { BILLING_TYPES, billingCeiling, createdFrom, progressOrder, quantitiesByOrderLine } from './order-progress.ts';
import {
  defaultTransactionHeader,
  isBlank,
  missingSubsidiary,
  NO_LINE_ITEMS,
  requireValues,
  userError,
} from './rules.ts';
import {
  invoiceRemaining,
  settleApplyLines,
  usesUndepositedFunds,
  writeCreditMemoBalance,
  writeInvoiceBalance,
} from './settlement.ts';
import { type Line, linesOf, refId } from './sublists.ts';

export function prepareSale(sim: NetSuiteSimulator, draft: Draft): void {
  const { type, fields } = draft;
  defaultTransactionHeader(sim, fields);
  sourceItemLines(sim, type, fields);
  requireSaleFields(sim, fields);
  writeSalesTotals(fields);
  const ownId = draft.previous?.id;
  switch (type) {
    case 'salesOrder':
      if (fields.orderStatus === undefined) fields.orderStatus = { id: 'B' };
      keepProgressedQuantities(draft);
      progressOrder(sim, ownId, fields);
      break;
    case 'invoice':
      checkBillingOfOrder(sim, draft);
      writeInvoiceBalance(sim, ownId, fields);
      break;
    case 'cashSale':
      checkBillingOfOrder(sim, draft);
      fields.status = { id: usesUndepositedFunds(fields) ? 'B' : 'C' };
      break;
    case 'creditMemo':
      settleApplyLines(sim, fields, {
        sublist: 'apply',
        docTypes: ['invoice'],
        openAmount: (invoice) => invoiceRemaining(sim, invoice, ownId),
        budget: dec(fields.total),
      });
      writeCreditMemoBalance(sim, ownId, fields);
      break;
    default:
      break;
  }
}

function requireSaleFields(sim: NetSuiteSimulator, fields: Record<string, unknown>): void {
  requireValues([...(isBlank(fields.entity) ? ['Customer'] : []), ...missingSubsidiary(sim, fields)]);
  const lines = linesOf(fields, 'item');
  if (lines.length === 0) throw userError(NO_LINE_ITEMS);
  lines.forEach((line, index) => {
    if (isBlank(line.item)) throw userError('Please enter value(s) for: Item.', `item.items[${index}].item`);
  });
}

/** An order line cannot drop below what was already fulfilled or billed, nor disappear once it has been. */
function keepProgressedQuantities(draft: Draft): void {
  if (!draft.previous) return;
  const lines = linesOf(draft.fields, 'item');
  for (const before of linesOf(draft.previous.fields, 'item')) {
    const done = maxOf(dec(before.quantityFulfilled), dec(before.quantityBilled));
    if (done === 0n) continue;
    const after = lines.find((line) => line.line === before.line);
    if (!after || dec(after.quantity) < done || refId(after.item) !== refId(before.item)) {
      throw userError(
        `Error while accessing a resource. Line ${String(before.line)} has been fulfilled or billed; its quantity cannot be less than ${canonical(done)}.`,
      );
    }
  }
}

const maxOf = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * An invoice or cash sale created from a sales order bills at most what each order line has fulfilled and not yet
 * billed (or ordered, with advance billing; netsuite-gl.md). Its lines keep the order line's item.
 */
function checkBillingOfOrder(sim: NetSuiteSimulator, draft: Draft): void {
  const order = sim.store.get('salesOrder', refId(draft.fields.createdFrom) ?? '');
  if (!order) return;
  const billedElsewhere = quantitiesByOrderLine(createdFrom(sim, order.id, BILLING_TYPES, draft.previous?.id));
  const requested = new Map<number, bigint>();
  linesOf(draft.fields, 'item').forEach((line, index) => {
    if (typeof line.orderLine !== 'number') return;
    const orderLine = linesOf(order.fields, 'item').find((candidate) => candidate.line === line.orderLine);
    if (!orderLine) throw invalidValue('orderLine', line.orderLine, `item.items[${index}].orderLine`);
    line.item = structuredClone(orderLine.item);
    requested.set(line.orderLine, (requested.get(line.orderLine) ?? 0n) + dec(line.quantity));
  });
  for (const [lineNumber, quantity] of requested) {
    const orderLine = linesOf(order.fields, 'item').find((candidate) => candidate.line === lineNumber) as Line;
    const billable = billingCeiling(sim, orderLine) - (billedElsewhere.get(lineNumber) ?? 0n);
    if (quantity > billable) {
      throw userError(
        `Error while accessing a resource. You cannot bill more than the ${canonical(billable > 0n ? billable : 0n)} unbilled units of order line ${lineNumber}.`,
      );
    }
  }
}
