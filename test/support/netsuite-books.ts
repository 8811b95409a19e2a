/**
 * The NetSuite simulator's books as a test checks money: GL lines (read with the simulator's `ledger` helper) netted
 * per account, the one record an externalId names, and billing an order on NetSuite's side (what issue 6 will do:
 * ship it, invoice it, apply its deposit).
 */
import { expect } from 'vitest';
import { toCents } from '../../sidecar/src/netsuite/builders/index.ts';
import { linesOf } from '../simulators/netsuite/records/sublists.ts';
import { create, type LedgerLine, ledger } from '../simulators/netsuite/records/test-helpers.ts';
import type { SimRecord } from '../simulators/netsuite/store.ts';
import type { ServedSimulator } from '../simulators/netsuite/test-support.ts';

/** The chart of accounts a shop's NetSuite account is seeded with (`/__sim/seed`): checking first, then income. */
export const SHOP_ACCOUNTS = [
  { number: '1000', name: 'Checking', type: 'Bank' },
  { number: '4010', name: 'Merchandise Sales', type: 'Income' },
  { number: '4900', name: 'Shipping Income', type: 'Income' },
  { number: '4950', name: 'Refunds and Allowances', type: 'Income' },
];

/** Account number → net debit (positive) or credit (negative), as money text, over the given lines. */
export function ledgerImpact(
  lines: readonly Pick<LedgerLine, 'account' | 'debit' | 'credit'>[],
): Record<string, string> {
  const net = new Map<string, bigint>();
  for (const line of lines) {
    const key = line.account.number ?? line.account.id;
    net.set(key, (net.get(key) ?? 0n) + toCents(line.debit) - toCents(line.credit));
  }
  return Object.fromEntries(
    [...net].filter(([, cents]) => cents !== 0n).map(([number, cents]) => [number, (Number(cents) / 100).toFixed(2)]),
  );
}

/** The records of a type with exactly this externalId. */
export const recordsOf = (served: ServedSimulator, type: SimRecord['type'], externalId: string): SimRecord[] =>
  served.sim.store.all(type).filter((record) => record.externalId === externalId);

/** The one record of a type with this externalId; fails the test when there are none or several. */
export function onlyRecord(served: ServedSimulator, type: SimRecord['type'], externalId: string): SimRecord {
  const found = recordsOf(served, type, externalId);
  expect(found, `${type} ${externalId}`).toHaveLength(1);
  return found[0] as SimRecord;
}

/**
 * The GL lines of a customer refund paid out of a deposit: its own and those of the deposit application NetSuite
 * makes for it (customer deposits down, cash out).
 */
export async function depositPayoutLines(served: ServedSimulator, refund: SimRecord): Promise<LedgerLine[]> {
  const application = served.sim.store
    .all('depositApplication')
    .find((record) => linesOf(record.fields, 'apply').some((line) => (line.doc as { id: string }).id === refund.id));
  expect(application, `the deposit application of customer refund ${refund.id}`).toBeDefined();
  return (await ledger(served)).filter((line) => [refund.id, application?.id].includes(line.transactionId));
}

/** NetSuite's `!transform` of a record into another (a fulfilment, an invoice, …); answers the new record's id. */
export const transformRecord = (served: ServedSimulator, from: string, fromId: string, to: string, body: unknown) =>
  create(served, `${from}/${fromId}/!transform/${to}`, body);

/**
 * Ships order `id`'s sales order in NetSuite as a warehouse does: a fulfilment with externalId `TEST_IF_{id}`, of
 * every line unless `fields` names them (and its packages); answers the fulfilment's id.
 */
export function shipInNetSuite(served: ServedSimulator, id: number | string, fields: Record<string, unknown> = {}) {
  const salesOrder = onlyRecord(served, 'salesOrder', `WOO_ORDER_${id}`);
  return transformRecord(served, 'salesOrder', salesOrder.id, 'itemFulfillment', {
    externalId: `TEST_IF_${id}`,
    ...fields,
  });
}

/** Ships everything of order `id`'s sales order, invoices it and applies its deposit to the invoice. */
export async function billInNetSuite(served: ServedSimulator, id: number | string, total: string): Promise<SimRecord> {
  const salesOrder = onlyRecord(served, 'salesOrder', `WOO_ORDER_${id}`);
  const deposit = onlyRecord(served, 'customerDeposit', `WOO_DEP_${id}`);
  const transform = (from: string, fromId: string, to: string, body: unknown) =>
    transformRecord(served, from, fromId, to, body);
  await transform('salesOrder', salesOrder.id, 'itemFulfillment', { externalId: `WOO_IF_${id}_1` });
  await transform('salesOrder', salesOrder.id, 'invoice', { externalId: `WOO_INV_${id}_1` });
  const invoice = onlyRecord(served, 'invoice', `WOO_INV_${id}_1`);
  expect(Number(invoice.fields.total).toFixed(2)).toBe(total);
  await transform('customerDeposit', deposit.id, 'depositApplication', {
    externalId: `WOO_DEPAPP_${id}_1`,
    apply: { items: [{ doc: { id: invoice.id }, apply: true, amount: Number(total) }] },
  });
  return invoice;
}
