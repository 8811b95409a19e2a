/**
 * Money taken and given back outside invoices: customer deposits (taken before billing, linked to the order),
 * deposit applications (a deposit set against invoices) and customer refunds (credit memos or deposits paid out).
 */
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical, dec } from './decimal.ts';
import type { Draft } from './draft.ts';
import {
  defaultTransactionHeader,
  isBlank,
  missingSubsidiary,
  NO_LINE_ITEMS,
  requireValues,
  userError,
} from './rules.ts';
import {
  creditRemaining,
  depositRemaining,
  invoiceRemaining,
  settleApplyLines,
  writeDepositStatus,
} from './settlement.ts';
import { linesOf, refId } from './sublists.ts';

export function prepareDeposit(sim: NetSuiteSimulator, draft: Draft): void {
  const { fields } = draft;
  defaultTransactionHeader(sim, fields);
  const order = sim.store.get('salesOrder', refId(fields.salesOrder) ?? '');
  if (isBlank(fields.customer) && order) fields.customer = structuredClone(order.fields.entity);
  requireValues([
    ...(isBlank(fields.customer) ? ['Customer'] : []),
    ...(dec(fields.payment) <= 0n ? ['Payment Amount'] : []),
    ...missingSubsidiary(sim, fields),
  ]);
  writeDepositStatus(sim, draft.previous?.id, fields);
}

/** Deposit applications a refund made to pay out deposits (NetSuite creates them when the refund is saved). */
export const isApplicationFor = (application: SimRecord, transactionId: string): boolean =>
  linesOf(application.fields, 'apply').some((line) => refId(line.doc) === transactionId);

export function prepareDepositApplication(sim: NetSuiteSimulator, draft: Draft): void {
  const { fields } = draft;
  const deposit = sim.store.get('customerDeposit', refId(fields.deposit) ?? '');
  if (!deposit) requireValues(['Deposit']);
  const source = deposit as SimRecord;
  defaultTransactionHeader(sim, fields);
  for (const name of ['customer', 'subsidiary', 'currency'] as const) {
    if (isBlank(fields[name]) && source.fields[name] !== undefined) fields[name] = structuredClone(source.fields[name]);
  }
  fields.depositDate = source.fields.tranDate;
  const ownId = draft.previous?.id;
  const available = depositRemaining(sim, source, (application) => application.id === ownId);
  const applied = settleApplyLines(sim, fields, {
    sublist: 'apply',
    docTypes: ['invoice', 'customerRefund'],
    openAmount: (doc) => (doc.type === 'invoice' ? invoiceRemaining(sim, doc, ownId) : undefined),
    budget: available,
  });
  if (applied === 0n) throw userError(NO_LINE_ITEMS);
  fields.total = canonical(available);
  fields.applied = canonical(applied);
  fields.unapplied = canonical(available - applied);
}

export function prepareRefund(sim: NetSuiteSimulator, draft: Draft): void {
  const { fields } = draft;
  defaultTransactionHeader(sim, fields);
  requireValues([
    ...(isBlank(fields.customer) ? ['Customer'] : []),
    ...(isBlank(fields.account) ? ['Account'] : []),
    ...missingSubsidiary(sim, fields),
  ]);
  const ownId = draft.previous?.id;
  const credits = settleApplyLines(sim, fields, {
    sublist: 'apply',
    docTypes: ['creditMemo'],
    openAmount: (memo) => creditRemaining(sim, memo, ownId),
    budget: undefined,
  });
  const deposits = settleApplyLines(sim, fields, {
    sublist: 'deposit',
    docTypes: ['customerDeposit'],
    openAmount: (deposit) =>
      depositRemaining(sim, deposit, (application) => ownId !== undefined && isApplicationFor(application, ownId)),
    budget: undefined,
  });
  if (credits + deposits === 0n) throw userError(NO_LINE_ITEMS);
  fields.total = canonical(credits + deposits);
}
