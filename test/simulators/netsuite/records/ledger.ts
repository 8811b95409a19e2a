/**
 * The GL impact of posting transactions (netsuite-gl.md "NetSuite's rules"). Sales orders do not post. Revenue goes
 * to each line's ITEM's income account (a field of the item record, not of the line), shipping to the ship item's
 * income account, tax to Sales Tax Payable; segments (department, class, location) tag the lines they come from.
 */
import type { NetSuiteSimulator } from '../simulator.ts';
import type { GlLine, SimRecord } from '../store.ts';
import { type AccountRole, builtInAccountId } from './account.ts';
import { canonical, dec, multiply, roundMoney, type Scaled } from './decimal.ts';
import { itemRecord, taxLines } from './lines.ts';
import { isApplied, usesUndepositedFunds } from './settlement.ts';
import { type Line, linesOf, refId } from './sublists.ts';

interface Segments {
  department: string | undefined;
  class: string | undefined;
  location: string | undefined;
  /** A journal line's own customer or vendor (its Name column); other lines take the transaction's. */
  entity?: string | undefined;
}

class Journal {
  readonly lines: GlLine[] = [];
  readonly #record: SimRecord;
  readonly #entity: string | undefined;

  constructor(record: SimRecord, entity: string | undefined) {
    this.#record = record;
    this.#entity = entity;
  }

  debit(accountId: string, amount: Scaled, segments: Segments, memo?: string): void {
    this.#post(accountId, amount, 0n, segments, memo);
  }

  credit(accountId: string, amount: Scaled, segments: Segments, memo?: string): void {
    this.#post(accountId, 0n, amount, segments, memo);
  }

  #post(accountId: string, debit: Scaled, credit: Scaled, segments: Segments, memo: string | undefined): void {
    // A negative amount (a discount line) lands on the other side.
    const net = debit - credit;
    if (net === 0n) return;
    this.lines.push({
      transactionId: this.#record.id,
      transactionType: this.#record.type,
      externalId: this.#record.externalId,
      accountId,
      debit: canonical(net > 0n ? net : 0n),
      credit: canonical(net < 0n ? -net : 0n),
      department: segments.department,
      class: segments.class,
      location: segments.location,
      entity: segments.entity ?? this.#entity,
      memo,
    });
  }
}

const account = (value: unknown, fallback: AccountRole): string => refId(value) ?? builtInAccountId(fallback);

function headerSegments(fields: Record<string, unknown>): Segments {
  return { department: refId(fields.department), class: refId(fields.class), location: refId(fields.location) };
}

function lineSegments(line: Line, header: Segments): Segments {
  return {
    department: refId(line.department) ?? header.department,
    class: refId(line.class) ?? header.class,
    location: refId(line.location) ?? header.location,
  };
}

/**
 * Revenue, shipping and tax of a sales transaction on one side, the balancing receivable or cash on the other.
 * `reverse` mirrors it (credit memo, cash refund).
 */
function postSale(
  sim: NetSuiteSimulator,
  journal: Journal,
  record: SimRecord,
  counterAccount: string,
  reverse: boolean,
) {
  const fields = record.fields;
  const header = headerSegments(fields);
  const revenue = (accountId: string, amount: Scaled, segments: Segments, memo?: string) =>
    reverse ? journal.debit(accountId, amount, segments, memo) : journal.credit(accountId, amount, segments, memo);
  let total = 0n;
  for (const line of linesOf(fields, 'item')) {
    const amount = roundMoney(dec(line.amount));
    const item = itemRecord(sim, line);
    revenue(
      account(item?.fields.incomeAccount, 'sales'),
      amount,
      lineSegments(line, header),
      line.description as string,
    );
    total += amount;
  }
  const shipping = roundMoney(dec(fields.shippingCost) + dec(fields.handlingCost));
  if (shipping !== 0n) {
    const shipItem = itemRecord(sim, { item: fields.shipMethod });
    revenue(account(shipItem?.fields.incomeAccount, 'shippingIncome'), shipping, header, 'Shipping');
    total += shipping;
  }
  if (fields.taxDetailsOverride === true) {
    for (const { amount } of taxLines(fields)) {
      revenue(builtInAccountId('salesTaxPayable'), amount, header, 'Tax');
      total += amount;
    }
  }
  if (reverse) journal.credit(counterAccount, total, header);
  else journal.debit(counterAccount, total, header);
}

function postFulfillment(sim: NetSuiteSimulator, journal: Journal, record: SimRecord): void {
  if ((refId(record.fields.shipStatus) ?? 'C') !== 'C') return;
  const header = headerSegments(record.fields);
  for (const line of linesOf(record.fields, 'item')) {
    const item = itemRecord(sim, line);
    if (item?.type !== 'inventoryItem') continue;
    const cost = roundMoney(multiply(dec(item.fields.cost), dec(line.quantity)));
    const segments = lineSegments(line, header);
    journal.debit(account(item.fields.cogsAccount, 'costOfGoodsSold'), cost, segments);
    journal.credit(account(item.fields.assetAccount, 'inventoryAsset'), cost, segments);
  }
}

const appliedTotal = (lines: Line[]): Scaled =>
  lines.filter(isApplied).reduce((total, line) => total + roundMoney(dec(line.amount)), 0n);

export function postingLines(sim: NetSuiteSimulator, record: SimRecord): GlLine[] {
  const fields = record.fields;
  const entity = refId(fields.entity) ?? refId(fields.customer);
  const journal = new Journal(record, entity);
  const header = headerSegments(fields);
  const cashAccount = () =>
    usesUndepositedFunds(fields) ? builtInAccountId('undepositedFunds') : account(fields.account, 'undepositedFunds');
  switch (record.type) {
    case 'invoice':
      postSale(sim, journal, record, account(fields.account, 'receivables'), false);
      break;
    case 'cashSale':
      postSale(sim, journal, record, cashAccount(), false);
      break;
    case 'creditMemo':
      postSale(sim, journal, record, account(fields.account, 'receivables'), true);
      break;
    case 'cashRefund':
      postSale(sim, journal, record, cashAccount(), true);
      break;
    case 'itemFulfillment':
      postFulfillment(sim, journal, record);
      break;
    case 'customerDeposit': {
      const amount = roundMoney(dec(fields.payment));
      journal.debit(cashAccount(), amount, header);
      journal.credit(builtInAccountId('customerDeposits'), amount, header);
      break;
    }
    case 'depositApplication': {
      const amount = appliedTotal(linesOf(fields, 'apply'));
      journal.debit(builtInAccountId('customerDeposits'), amount, header);
      journal.credit(account(fields.arAcct, 'receivables'), amount, header);
      break;
    }
    case 'customerRefund': {
      const amount = appliedTotal([...linesOf(fields, 'apply'), ...linesOf(fields, 'deposit')]);
      journal.debit(account(fields.arAcct, 'receivables'), amount, header);
      journal.credit(account(fields.account, 'undepositedFunds'), amount, header);
      break;
    }
    case 'journalEntry':
      for (const line of linesOf(fields, 'line')) {
        const accountId = refId(line.account) as string;
        const segments = { ...lineSegments(line, header), entity: refId(line.entity) };
        const memo = line.memo as string | undefined;
        journal.debit(accountId, roundMoney(dec(line.debit)), segments, memo);
        journal.credit(accountId, roundMoney(dec(line.credit)), segments, memo);
      }
      break;
    default:
      break;
  }
  assertBalanced(record, journal.lines);
  return journal.lines;
}

function assertBalanced(record: SimRecord, lines: GlLine[]): void {
  const debits = lines.reduce((total, line) => total + dec(line.debit), 0n);
  const credits = lines.reduce((total, line) => total + dec(line.credit), 0n);
  if (debits !== credits) throw new Error(`GL of ${record.type} ${record.id} does not balance: ${debits} ≠ ${credits}`);
}

/** Replaces a transaction's GL lines with what it posts now. */
export function repost(sim: NetSuiteSimulator, record: SimRecord): void {
  removeLines(sim, record.id);
  sim.store.gl.push(...postingLines(sim, record));
  sim.store.touch();
}

export function unpost(sim: NetSuiteSimulator, transactionId: string): void {
  removeLines(sim, transactionId);
  sim.store.touch();
}

function removeLines(sim: NetSuiteSimulator, transactionId: string): void {
  // In place: the array's identity marks the account (see account.ts).
  const kept = sim.store.gl.filter((line) => line.transactionId !== transactionId);
  sim.store.gl.length = 0;
  sim.store.gl.push(...kept);
}
