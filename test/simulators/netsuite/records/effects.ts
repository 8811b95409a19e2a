/**
 * What a stored write changes elsewhere: stock on hand and commitment, the progress of the order a document was
 * made from, balances of the documents a payment applies to, and the GL.
 */
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { shippedQuantities } from './fulfillment.ts';
import { adjustOnHand, orderStockKeys, refreshStockLevels } from './inventory.ts';
import { repost, unpost } from './ledger.ts';
import { refreshSalesOrder } from './order-progress.ts';
import { isApplicationFor } from './payments.ts';
import { removeRecord, saveDraft } from './service.ts';
import { refreshBalance } from './settlement.ts';
import { linesOf, refId } from './sublists.ts';

const POSTING_TYPES = new Set([
  'invoice',
  'cashSale',
  'creditMemo',
  'cashRefund',
  'itemFulfillment',
  'customerDeposit',
  'depositApplication',
  'customerRefund',
  'journalEntry',
]);

export function afterWrite(sim: NetSuiteSimulator, previous: SimRecord | undefined, current: SimRecord | undefined) {
  const record = (current ?? previous) as SimRecord;
  switch (record.type) {
    case 'salesOrder':
      refreshStockLevels(
        sim,
        new Set([...orderStockKeys(sim, previous?.fields), ...orderStockKeys(sim, current?.fields)]),
      );
      break;
    case 'itemFulfillment':
      moveStock(sim, previous, current);
      refreshOrders(sim, previous, current);
      break;
    case 'invoice':
    case 'cashSale':
      refreshOrders(sim, previous, current);
      break;
    case 'creditMemo':
      refreshAppliedDocuments(sim, 'apply', previous, current);
      break;
    case 'depositApplication':
      refreshAppliedDocuments(sim, 'apply', previous, current);
      for (const id of new Set([refId(previous?.fields.deposit), refId(current?.fields.deposit)]))
        refreshBalance(sim, id);
      break;
    case 'customerRefund':
      refreshAppliedDocuments(sim, 'apply', previous, current);
      payOutDeposits(sim, record.id, current);
      break;
    default:
      break;
  }
  if (!POSTING_TYPES.has(record.type)) return;
  if (current) repost(sim, current);
  else unpost(sim, record.id);
}

function moveStock(sim: NetSuiteSimulator, previous: SimRecord | undefined, current: SimRecord | undefined): void {
  const before = shippedQuantities(sim, previous?.fields);
  const after = shippedQuantities(sim, current?.fields);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const [itemId, locationId] = key.split('|') as [string, string];
    adjustOnHand(sim, itemId, locationId, (before.get(key) ?? 0n) - (after.get(key) ?? 0n));
  }
}

function refreshOrders(sim: NetSuiteSimulator, previous: SimRecord | undefined, current: SimRecord | undefined): void {
  for (const id of new Set([refId(previous?.fields.createdFrom), refId(current?.fields.createdFrom)])) {
    refreshSalesOrder(sim, id);
  }
}

function refreshAppliedDocuments(
  sim: NetSuiteSimulator,
  sublist: string,
  previous: SimRecord | undefined,
  current: SimRecord | undefined,
): void {
  const ids = new Set<string | undefined>();
  for (const record of [previous, current]) {
    for (const line of record ? linesOf(record.fields, sublist) : []) ids.add(refId(line.doc));
  }
  for (const id of ids) refreshBalance(sim, id);
}

/**
 * Refunding a deposit: NetSuite applies the deposit to the refund with a deposit application it creates itself, so
 * the customer-deposit liability is relieved through receivables.
 */
function payOutDeposits(sim: NetSuiteSimulator, refundId: string, refund: SimRecord | undefined): void {
  for (const application of sim.store.all('depositApplication')) {
    if (isApplicationFor(application, refundId)) removeRecord(sim, application);
  }
  if (!refund) return;
  for (const line of linesOf(refund.fields, 'deposit')) {
    if (line.apply === false || line.amount === undefined) continue;
    const fields: Record<string, unknown> = {
      deposit: structuredClone(line.doc),
      tranDate: refund.fields.tranDate,
      apply: { items: [{ doc: { id: refundId }, apply: true, amount: line.amount }] },
    };
    saveDraft(sim, { type: 'depositApplication', previous: undefined, fields, externalId: undefined });
  }
}
