/**
 * What is owed and what is left: invoices paid by deposit applications and credit memos, credit memos refunded,
 * deposits applied; and the `apply` lines that move those amounts.
 */
import type { RecordType } from '../record-types.ts';
import { NsError } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical, dec, min, type Scaled } from './decimal.ts';
import { invalidValue } from './normalize.ts';
import { type Line, linesOf, refId } from './sublists.ts';

const APPLYING_TO_INVOICES: readonly RecordType[] = ['depositApplication', 'creditMemo'];

export const isApplied = (line: Line): boolean => line.apply !== false;

/** Amounts that other transactions' `sublist` lines apply to `docId`. */
function appliedBy(
  sim: NetSuiteSimulator,
  types: readonly RecordType[],
  sublist: string,
  docId: string,
  exceptId?: string,
) {
  let total = 0n;
  for (const record of sim.store.all()) {
    if (!types.includes(record.type) || record.id === exceptId) continue;
    for (const line of linesOf(record.fields, sublist)) {
      if (refId(line.doc) === docId && isApplied(line)) total += dec(line.amount);
    }
  }
  return total;
}

export function invoiceRemaining(sim: NetSuiteSimulator, invoice: SimRecord, exceptId?: string): Scaled {
  return dec(invoice.fields.total) - appliedBy(sim, APPLYING_TO_INVOICES, 'apply', invoice.id, exceptId);
}

export function writeInvoiceBalance(sim: NetSuiteSimulator, id: string | undefined, fields: Record<string, unknown>) {
  const paid = id ? appliedBy(sim, APPLYING_TO_INVOICES, 'apply', id) : 0n;
  const remaining = dec(fields.total) - paid;
  fields.amountPaid = canonical(paid);
  fields.amountRemaining = canonical(remaining);
  fields.status = { id: remaining > 0n ? 'A' : 'B' };
}

/** Credit left on a memo: its total less what it applies to invoices and what refunds paid out of it. */
export function creditRemaining(sim: NetSuiteSimulator, memo: SimRecord, exceptRefundId?: string): Scaled {
  const ownApplied = linesOf(memo.fields, 'apply')
    .filter(isApplied)
    .reduce((total, line) => total + dec(line.amount), 0n);
  return dec(memo.fields.total) - ownApplied - appliedBy(sim, ['customerRefund'], 'apply', memo.id, exceptRefundId);
}

export function writeCreditMemoBalance(
  sim: NetSuiteSimulator,
  id: string | undefined,
  fields: Record<string, unknown>,
) {
  const ownApplied = linesOf(fields, 'apply')
    .filter(isApplied)
    .reduce((total, line) => total + dec(line.amount), 0n);
  const applied = ownApplied + (id ? appliedBy(sim, ['customerRefund'], 'apply', id) : 0n);
  const unapplied = dec(fields.total) - applied;
  fields.applied = canonical(applied);
  fields.unapplied = canonical(unapplied);
  fields.status = { id: unapplied > 0n ? 'A' : 'B' };
}

/** A deposit's payment less what deposit applications (including those made for refunds) used of it. */
export function depositRemaining(
  sim: NetSuiteSimulator,
  deposit: SimRecord,
  skip: (application: SimRecord) => boolean = () => false,
): Scaled {
  let used = 0n;
  for (const application of sim.store.all('depositApplication')) {
    if (skip(application) || refId(application.fields.deposit) !== deposit.id) continue;
    used += dec(application.fields.applied);
  }
  return dec(deposit.fields.payment) - used;
}

export function writeDepositStatus(sim: NetSuiteSimulator, id: string | undefined, fields: Record<string, unknown>) {
  fields.total = fields.payment;
  const remaining = id ? depositRemaining(sim, { id, fields } as SimRecord) : dec(fields.payment);
  fields.status = { id: remaining <= 0n ? 'C' : usesUndepositedFunds(fields) ? 'A' : 'B' };
}

/** Payments go to Undeposited Funds when `undepFunds` says so, or when no `account` is named. */
export function usesUndepositedFunds(fields: Record<string, unknown>): boolean {
  const choice = refId(fields.undepFunds);
  if (choice === 'T') return true;
  if (choice === 'F') return fields.account === undefined;
  return fields.account === undefined;
}

/** Re-derives a stored record's balance fields after another transaction applied to it. */
export function refreshBalance(sim: NetSuiteSimulator, id: string | undefined): void {
  const record = id ? sim.store.getAny(id) : undefined;
  if (!record) return;
  const fields = structuredClone(record.fields);
  if (record.type === 'invoice') writeInvoiceBalance(sim, record.id, fields);
  else if (record.type === 'creditMemo') writeCreditMemoBalance(sim, record.id, fields);
  else if (record.type === 'customerDeposit') writeDepositStatus(sim, record.id, fields);
  else return;
  if (JSON.stringify(fields) === JSON.stringify(record.fields)) return;
  sim.store.put({ ...record, fields, lastModified: sim.clock.now() });
}

export interface ApplyRules {
  sublist: string;
  /** Types a line's `doc` may be. */
  docTypes: readonly RecordType[];
  /** What is still open on a document, not counting the record being saved. */
  openAmount(doc: SimRecord): Scaled | undefined;
  /** At most this much in total (undefined: no limit). */
  budget: Scaled | undefined;
}

/**
 * Fills each applied line's amount (default: what is open on the document, within what is left to apply) and
 * refuses documents of the wrong type and amounts over what is open. Returns the total applied.
 */
export function settleApplyLines(sim: NetSuiteSimulator, fields: Record<string, unknown>, rules: ApplyRules): Scaled {
  let left = rules.budget;
  let total = 0n;
  linesOf(fields, rules.sublist).forEach((line, index) => {
    const path = `${rules.sublist}.items[${index}].doc`;
    const docId = refId(line.doc);
    const doc = docId ? sim.store.getAny(docId) : undefined;
    if (!doc || !rules.docTypes.includes(doc.type)) throw invalidValue('doc', docId ?? null, path);
    if (line.apply === undefined) line.apply = true;
    if (!isApplied(line)) {
      delete line.amount;
      return;
    }
    const open = rules.openAmount(doc);
    if (line.amount === undefined) {
      const wanted = open ?? 0n;
      const amount = left === undefined ? wanted : min(wanted, left);
      if (amount <= 0n) {
        line.apply = false;
        return;
      }
      line.amount = canonical(amount);
    }
    const amount = dec(line.amount);
    if (open !== undefined && amount > open) {
      throw new NsError(
        400,
        'USER_ERROR',
        `Error while accessing a resource. The amount applied to ${String(doc.fields.tranId ?? doc.id)} exceeds its amount due.`,
        { 'o:errorPath': `${rules.sublist}.items[${index}].amount` },
      );
    }
    total += amount;
    if (left !== undefined) left -= amount;
  });
  if (rules.budget !== undefined && total > rules.budget) {
    throw new NsError(
      400,
      'USER_ERROR',
      'Error while accessing a resource. The total amount applied exceeds the amount available to apply.',
    );
  }
  return total;
}
