import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import {
  balanceOf,
  create,
  detailOf,
  getJson,
  type Json,
  type LedgerLine,
  ledger,
  reset,
  type Store,
  seed,
  seedStore,
  send,
  totals,
} from './test-helpers.ts';

let served: ServedSimulator;
let store: Store;
let checking: string;

beforeAll(async () => {
  served = await startSimulator();
});
afterAll(async () => {
  await served.close();
});
beforeEach(async () => {
  await reset(served);
  store = await seedStore(served);
  const seeded = await seed(served, { accounts: [{ number: '1000', name: 'Checking', type: 'Bank' }] });
  checking = (seeded.accounts as Json[])[0]?.id as string;
});

async function transform(from: string, id: string, to: string, body: Json = {}, query = ''): Promise<string> {
  const response = await send(served, 'POST', `${from}/${id}/!transform/${to}${query}`, body);
  expect(response.status, response.text).toBe(204);
  return /\/(\d+)$/.exec(response.headers.get('location') ?? '')?.[1] as string;
}

/** Account number → [debit, credit] in the transaction's GL lines. */
function impact(lines: LedgerLine[]): Record<string, [string, string]> {
  return Object.fromEntries(lines.map((line) => [line.account.number as string, [line.debit, line.credit]]));
}

function expectBalanced(lines: LedgerLine[]): void {
  const { debit, credit } = totals(lines);
  expect(lines.length).toBeGreaterThan(0);
  expect(debit).toBe(credit);
}

/** Order 12 of netsuite-gl.md: two apparel units (39.98), shipping 5.00, tax 3.20 → 48.18. */
async function order12(): Promise<string> {
  return create(served, 'salesOrder', {
    externalId: 'WOO_ORDER_12',
    entity: store.customer,
    location: store.main,
    shipMethod: { id: store.shipping },
    shippingCost: 5.0,
    taxDetailsOverride: true,
    taxDetails: {
      items: [
        {
          taxDetailsReference: 'line-1',
          taxType: 'State',
          taxCode: '5',
          taxBasis: 39.98,
          taxRate: 8.0,
          taxAmount: 3.2,
        },
      ],
    },
    item: { items: [{ item: store.shirt, quantity: 2, rate: 19.99, taxDetailsReference: 'line-1' }] },
  });
}

describe('the scenario netsuite-gl.md "How it is checked"', () => {
  it('order 12: revenue to 4010, shipping to 4900, tax to 2200; the deposit leaves receivables at zero', async () => {
    const order = await order12();
    expect(await getJson(served, `salesOrder/${order}`)).toMatchObject({ total: 48.18, taxTotal: 3.2 });
    expect(await ledger(served, order)).toEqual([]);

    const deposit = await create(served, 'customerDeposit', {
      externalId: 'WOO_DEP_12',
      customer: store.customer,
      salesOrder: { id: order },
      payment: 48.18,
    });
    const depositLines = await ledger(served, 'WOO_DEP_12');
    expect(impact(depositLines)).toEqual({ '1200': ['48.18', '0.00'], '2100': ['0.00', '48.18'] });

    const fulfilment = await transform('salesOrder', order, 'itemFulfillment', { externalId: 'WOO_IF_12' });
    expect(impact(await ledger(served, fulfilment))).toEqual({ '5000': ['16.00', '0.00'], '1300': ['0.00', '16.00'] });

    const invoice = await transform('salesOrder', order, 'invoice', { externalId: 'WOO_INV_12_1' });
    const invoiceLines = await ledger(served, 'WOO_INV_12_1');
    expect(impact(invoiceLines)).toEqual({
      '1100': ['48.18', '0.00'],
      '4010': ['0.00', '39.98'],
      '4900': ['0.00', '5.00'],
      '2200': ['0.00', '3.20'],
    });
    expectBalanced(invoiceLines);
    expect(invoiceLines.every((line) => line.location === store.main)).toBe(true);

    const application = await transform('customerDeposit', deposit, 'depositApplication', {
      apply: { items: [{ doc: { id: invoice }, apply: true, amount: 48.18 }] },
    });
    expect(impact(await ledger(served, application))).toEqual({ '2100': ['48.18', '0.00'], '1100': ['0.00', '48.18'] });

    const all = await ledger(served);
    expectBalanced(all);
    expect(balanceOf(all, '1100')).toBe(0);
    expect(balanceOf(all, '2100')).toBe(0);
    expect(balanceOf(all, '4010')).toBe(-3998);
    expect(await getJson(served, `invoice/${invoice}`)).toMatchObject({ amountRemaining: 0, status: { id: 'B' } });
  });

  it('the same after a partial refund: credit memo for one unit plus a customer refund', async () => {
    const order = await order12();
    const deposit = await create(served, 'customerDeposit', {
      customer: store.customer,
      salesOrder: order,
      payment: 48.18,
    });
    await transform('salesOrder', order, 'itemFulfillment');
    const invoice = await transform('salesOrder', order, 'invoice');
    await transform('customerDeposit', deposit, 'depositApplication', { apply: { items: [{ doc: { id: invoice } }] } });

    const memo = await transform(
      'invoice',
      invoice,
      'creditMemo',
      {
        externalId: 'WOO_REFUND_34',
        shippingCost: 0,
        item: { items: [{ orderLine: 1, quantity: 1 }] },
        taxDetails: { items: [{ taxDetailsReference: 'line-1', taxType: 'State', taxCode: '5', taxAmount: 1.6 }] },
      },
      '?replace=item,taxDetails',
    );
    const memoLines = await ledger(served, memo);
    expect(impact(memoLines)).toEqual({
      '4010': ['19.99', '0.00'],
      '2200': ['1.60', '0.00'],
      '1100': ['0.00', '21.59'],
    });
    expectBalanced(memoLines);
    // The invoice is paid, so the credit stays open until it is refunded.
    expect(await getJson(served, `creditMemo/${memo}`)).toMatchObject({ unapplied: 21.59, status: { id: 'A' } });

    const refund = await create(served, 'customerRefund', {
      externalId: 'WOO_REFUND_34_PAY',
      customer: store.customer,
      account: { id: checking },
      apply: { items: [{ doc: { id: memo }, apply: true, amount: 21.59 }] },
    });
    expect(impact(await ledger(served, refund))).toEqual({ '1100': ['21.59', '0.00'], '1000': ['0.00', '21.59'] });
    expect(await getJson(served, `creditMemo/${memo}`)).toMatchObject({ unapplied: 0, status: { id: 'B' } });

    const all = await ledger(served);
    expectBalanced(all);
    expect(balanceOf(all, '1100')).toBe(0);
    expect(balanceOf(all, '2100')).toBe(0);
    expect(balanceOf(all, '4010')).toBe(-1999);
    expect(balanceOf(all, '2200')).toBe(-160);
    expect(balanceOf(all, '1000')).toBe(-2159);
  });
});

describe('posting rules', () => {
  it('a sales order posts nothing; a cash sale debits undeposited funds or the chosen account', async () => {
    const order = await order12();
    await transform('salesOrder', order, 'itemFulfillment');
    const sale = await transform('salesOrder', order, 'cashSale');
    expect(impact(await ledger(served, sale))).toEqual({
      '1200': ['48.18', '0.00'],
      '4010': ['0.00', '39.98'],
      '4900': ['0.00', '5.00'],
      '2200': ['0.00', '3.20'],
    });
    const standalone = await create(served, 'cashSale', {
      entity: store.customer,
      account: { id: checking },
      item: { items: [{ item: store.shipping, amount: 10 }] },
    });
    expect(impact(await ledger(served, standalone))).toEqual({ '1000': ['10.00', '0.00'], '4900': ['0.00', '10.00'] });
    const refund = await transform('cashSale', standalone, 'cashRefund');
    expect(impact(await ledger(served, refund))).toEqual({ '4900': ['10.00', '0.00'], '1000': ['0.00', '10.00'] });
  });

  it('an item without an income account falls back to the default Sales account; segments tag the lines', async () => {
    const [plain] = (
      (await seed(served, { items: [{ itemId: 'PLAIN', type: 'otherChargeItem' }] })).items as Json[]
    ).map((item) => item.id as string);
    const invoice = await create(served, 'invoice', {
      entity: store.customer,
      department: { id: '3' },
      class: { id: '7' },
      item: { items: [{ item: plain, amount: 12.5, location: store.east, department: { id: '4' } }] },
    });
    const lines = await ledger(served, invoice);
    const revenue = lines.find((line) => line.account.number === '4000') as LedgerLine;
    expect(revenue).toMatchObject({ credit: '12.50', department: '4', class: '7', location: store.east });
    const receivable = lines.find((line) => line.account.number === '1100') as LedgerLine;
    expect(receivable).toMatchObject({ debit: '12.50', department: '3', class: '7' });
  });

  it('a negative line (a discount) posts on the debit side and the invoice still balances', async () => {
    const invoice = await create(served, 'invoice', {
      entity: store.customer,
      item: {
        items: [
          { item: store.shirt, quantity: 1, location: store.main },
          { item: store.shipping, amount: -2, description: 'Discount' },
        ],
      },
    });
    const lines = await ledger(served, invoice);
    expectBalanced(lines);
    expect(impact(lines)).toMatchObject({
      '1100': ['17.99', '0.00'],
      '4010': ['0.00', '19.99'],
      '4900': ['2.00', '0.00'],
    });
  });

  it('refunding a deposit before billing relieves the deposit liability through receivables', async () => {
    const order = await order12();
    const deposit = await create(served, 'customerDeposit', {
      customer: store.customer,
      salesOrder: order,
      payment: 48.18,
      undepFunds: { id: 'F' },
      account: { id: checking },
    });
    expect(impact(await ledger(served, deposit))).toEqual({ '1000': ['48.18', '0.00'], '2100': ['0.00', '48.18'] });
    const refund = await create(served, 'customerRefund', {
      customer: store.customer,
      account: { id: checking },
      deposit: { items: [{ doc: { id: deposit }, apply: true, amount: 48.18 }] },
    });
    expect(impact(await ledger(served, refund))).toEqual({ '1100': ['48.18', '0.00'], '1000': ['0.00', '48.18'] });
    const all = await ledger(served);
    expectBalanced(all);
    expect(balanceOf(all, '1100')).toBe(0);
    expect(balanceOf(all, '2100')).toBe(0);
    expect(balanceOf(all, '1000')).toBe(0);
    expect(await getJson(served, `customerDeposit/${deposit}`)).toMatchObject({ status: { id: 'C' } });
    // Deleting the refund takes its deposit application with it.
    expect((await send(served, 'DELETE', `customerRefund/${refund}`)).status).toBe(204);
    expect(balanceOf(await ledger(served), '2100')).toBe(-4818);
  });

  it('a deposit application created by POST moves the deposit against receivables, within what is open', async () => {
    const invoice = await create(served, 'invoice', {
      entity: store.customer,
      item: { items: [{ item: store.shipping, amount: 30 }] },
    });
    const deposit = await create(served, 'customerDeposit', { customer: store.customer, payment: 50 });
    const tooMuch = await send(served, 'POST', 'depositApplication', {
      deposit: { id: deposit },
      apply: { items: [{ doc: { id: invoice }, apply: true, amount: 40 }] },
    });
    expect(tooMuch.status).toBe(400);
    expect(detailOf(tooMuch.body)).toMatchObject({
      'o:errorCode': 'USER_ERROR',
      'o:errorPath': 'apply.items[0].amount',
    });
    const application = await create(served, 'depositApplication', {
      deposit: { id: deposit },
      apply: { items: [{ doc: { id: invoice }, apply: true }] },
    });
    expect(impact(await ledger(served, application))).toEqual({ '2100': ['30.00', '0.00'], '1100': ['0.00', '30.00'] });
    expect(await getJson(served, `depositApplication/${application}`)).toMatchObject({
      customer: { id: store.customer },
      total: 50,
      applied: 30,
      unapplied: 20,
    });
    expect(await getJson(served, `customerDeposit/${deposit}`)).toMatchObject({
      status: { id: 'A', refName: 'Not Deposited' },
    });
    expect(balanceOf(await ledger(served), '1100')).toBe(0);
  });

  it('a journal entry posts its lines as given; debits must equal credits', async () => {
    const entry = await create(served, 'journalEntry', {
      externalId: 'WOO_RECLASS_12',
      line: {
        items: [
          { account: { id: '8' }, debit: 39.98, memo: 'from item income', department: { id: '3' } },
          { account: { id: '9' }, credit: 39.98, memo: 'to template revenue' },
        ],
      },
    });
    const lines = await ledger(served, 'WOO_RECLASS_12');
    expect(
      lines.map((line) => [line.transactionId, line.account.number, line.debit, line.credit, line.department]),
    ).toEqual([
      [entry, '4000', '39.98', '0.00', '3'],
      [entry, '4900', '0.00', '39.98', null],
    ]);
    const refused = await send(served, 'POST', 'journalEntry', {
      line: {
        items: [
          { account: { id: '8' }, debit: 10 },
          { account: { id: '9' }, credit: 9 },
        ],
      },
    });
    expect(refused.status).toBe(400);
    expect(detailOf(refused.body)['o:errorCode']).toBe('USER_ERROR');
  });

  it('deleting a transaction removes its GL lines; the ledger lists every line without a filter', async () => {
    const invoice = await create(served, 'invoice', {
      entity: store.customer,
      item: { items: [{ item: store.shipping }] },
    });
    const other = await create(served, 'invoice', {
      entity: store.customer,
      item: { items: [{ item: store.shipping }] },
    });
    expect((await ledger(served)).map((line) => line.transactionId).sort()).toEqual([invoice, invoice, other, other]);
    expect((await send(served, 'DELETE', `invoice/${invoice}`)).status).toBe(204);
    expect((await ledger(served)).map((line) => line.transactionId)).toEqual([other, other]);
  });
});
