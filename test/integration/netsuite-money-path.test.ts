import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  buildCashRefund,
  buildCashSale,
  buildCreditMemo,
  buildCustomer,
  buildCustomerDeposit,
  buildCustomerRefund,
  buildDepositApplication,
  buildInvoice,
  buildSalesOrder,
  type CanonicalAddress,
  fromCents,
  type SalesOrderInput,
  toCents,
  unwrap,
} from '../../sidecar/src/netsuite/builders/index.ts';
import type { NetSuiteClient } from '../../sidecar/src/netsuite/client.ts';
import type { ServedSimulator } from '../simulators/netsuite/test-support.ts';
import { type ClientHarness, startClientHarness } from '../support/netsuite-client-harness.ts';

interface LedgerLine {
  transactionId: string;
  transactionType: string;
  externalId: string | null;
  account: { id: string; number: string | null };
  debit: string;
  credit: string;
}

const ADDRESS: CanonicalAddress = {
  addressee: 'Ada Lovelace',
  addr1: '1 Main St',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
};

/**
 * The money path of netsuite-gl.md, written only with the builders and sent by the real client to the simulator:
 * order 12 (two shirts 39.98, shipping 5.00, tax 3.20 = 48.18), paid by deposit, fulfilled, invoiced, refunded in part.
 */
describe('the money path through the builders', () => {
  let harness: ClientHarness;
  let _served: ServedSimulator;
  let client: NetSuiteClient;
  let store: { main: string; shirt: string; shipping: string; checking: string };

  const control = (method: string, path: string, body?: unknown) => harness.control(method, path, body);

  async function ledger(transaction?: string): Promise<LedgerLine[]> {
    const query = transaction === undefined ? '' : `?transaction=${encodeURIComponent(transaction)}`;
    return ((await (await control('GET', `/__sim/ledger${query}`)).json()) as { items: LedgerLine[] }).items;
  }

  /** Net debit (positive) or credit (negative) of an account, in cents. */
  const balanceOf = (lines: LedgerLine[], accountNumber: string): bigint =>
    lines
      .filter((line) => line.account.number === accountNumber)
      .reduce((total, line) => total + toCents(line.debit) - toCents(line.credit), 0n);

  /** Account number → [debits, credits] of one transaction, each line's amounts added up. */
  const impact = (lines: LedgerLine[]) =>
    Object.fromEntries(
      [...Map.groupBy(lines, (line) => line.account.number)].map(([number, own]) => [
        number,
        [
          fromCents(own.reduce((total, line) => total + toCents(line.debit), 0n)),
          fromCents(own.reduce((total, line) => total + toCents(line.credit), 0n)),
        ],
      ]),
    );

  function expectEveryTransactionBalanced(lines: LedgerLine[]): void {
    const byTransaction = Map.groupBy(lines, (line) => line.transactionId);
    expect(byTransaction.size).toBeGreaterThan(0);
    for (const [id, own] of byTransaction) {
      const debits = own.reduce((total, line) => total + toCents(line.debit), 0n);
      const credits = own.reduce((total, line) => total + toCents(line.credit), 0n);
      expect(debits, `transaction ${id}`).toBe(credits);
    }
  }

  beforeAll(async () => {
    harness = await startClientHarness();
    _served = harness.served;
  });
  afterAll(() => harness?.close());

  beforeEach(async () => {
    await harness.resetAccount();
    client = harness.connect();
    const response = await control('POST', '/__sim/seed', {
      locations: [{ name: 'Main' }],
      accounts: [
        { number: '1000', name: 'Checking', type: 'Bank' },
        { number: '2200', name: 'Sales Tax Payable', type: 'OthCurrLiab' },
        { number: '4010', name: 'Apparel Sales', type: 'Income' },
        { number: '4900', name: 'Shipping Income', type: 'Income' },
      ],
      items: [
        {
          itemId: 'SKU-RED-M',
          type: 'inventoryItem',
          incomeAccount: '4010',
          basePrice: '19.99',
          cost: '8.00',
          stock: { Main: 10 },
        },
        { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900' },
      ],
    });
    const seeded = (await response.json()) as {
      locations: { id: string }[];
      accounts: { id: string }[];
      items: { id: string }[];
    };
    store = {
      main: seeded.locations[0]?.id ?? '',
      checking: seeded.accounts[0]?.id ?? '',
      shirt: seeded.items[0]?.id ?? '',
      shipping: seeded.items[1]?.id ?? '',
    };
  });

  async function upsertCustomer(): Promise<string> {
    const customer = unwrap(
      buildCustomer({
        externalId: 'WOO_CUST_7',
        kind: 'person',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        oneWorld: false,
        billingAddress: ADDRESS,
        shippingAddress: { ...ADDRESS, addr1: '2 Dock Rd', addr2: 'Unit 4' },
      }),
    );
    const { id } = await client.upsert(customer.type, customer.externalId, customer.body, customer.options);
    return id;
  }

  function order(number: number, customer: string): SalesOrderInput {
    const oneShirt = { item: store.shirt, quantity: '1', rate: '19.99', amount: '19.99', location: store.main };
    const tax = (line: number) => ({
      line,
      taxType: 'State',
      taxCode: '5',
      taxBasis: '19.99',
      taxRate: '8.00',
      taxAmount: '1.60',
    });
    return {
      externalId: `WOO_ORDER_${number}`,
      customer,
      tranDate: '2025-03-04',
      otherRefNum: `#${number}`,
      jobId: `job-${number}`,
      location: store.main,
      lines: [
        { ...oneShirt, description: 'Red shirt M (gift)' },
        { ...oneShirt, description: 'Red shirt M' },
      ],
      shipping: { method: store.shipping, cost: '5.00' },
      tax: { mode: 'override', lines: [tax(1), tax(2)] },
      billingAddress: ADDRESS,
      shippingAddress: ADDRESS,
      expectedTotal: '48.18',
    };
  }

  async function upsertOrder(input: SalesOrderInput): Promise<string> {
    const built = unwrap(buildSalesOrder(input));
    expect(built.total).toBe('48.18');
    const { id } = await client.upsert(built.type, built.externalId, built.body, built.options);
    return id;
  }

  /** NetSuite's side: the warehouse ships the order. */
  const fulfil = async (orderId: string, externalId: string) =>
    (await client.transform('salesOrder', orderId, 'itemFulfillment', { externalId })).id;

  it('customer, order, deposit, invoice and deposit application post revenue, shipping and tax exactly', async () => {
    const customer = await upsertCustomer();
    expect(await upsertCustomer()).toBe(customer);
    const saved = await client.get('customer', customer, { expandSubResources: true });
    const addresses = (saved.addressBook as { items: { addressBookAddress: { addr1: string } }[] }).items;
    expect(addresses.map((line) => line.addressBookAddress.addr1)).toEqual(['1 Main St', '2 Dock Rd']);

    const orderId = await upsertOrder(order(12, customer));
    // A retried upsert replaces the lines instead of adding them again.
    expect(await upsertOrder(order(12, customer))).toBe(orderId);
    const salesOrder = await client.get('salesOrder', orderId, { expandSubResources: true });
    expect(salesOrder).toMatchObject({ total: 48.18, taxTotal: 3.2, subtotal: 39.98, memo: '[job job-12]' });
    expect((salesOrder.item as { items: unknown[] }).items).toHaveLength(2);
    expect(await ledger(orderId)).toEqual([]);

    const deposit = unwrap(
      buildCustomerDeposit({ externalId: 'WOO_DEP_12', customer, salesOrder: orderId, payment: '48.18' }),
    );
    const depositId = (await client.create(deposit.type, deposit.body)).id;
    expect(impact(await ledger('WOO_DEP_12'))).toEqual({ '1200': ['48.18', '0.00'], '2100': ['0.00', '48.18'] });

    await fulfil(orderId, 'WOO_IF_12');

    const invoice = unwrap(buildInvoice({ externalId: 'WOO_INV_12_1', salesOrder: orderId }));
    const invoiceId = (
      await client.transform(invoice.fromType, invoice.fromId, invoice.type, invoice.body, invoice.options)
    ).id;
    expect(impact(await ledger('WOO_INV_12_1'))).toEqual({
      '1100': ['48.18', '0.00'],
      '4010': ['0.00', '39.98'],
      '4900': ['0.00', '5.00'],
      '2200': ['0.00', '3.20'],
    });

    const application = unwrap(
      buildDepositApplication({
        externalId: 'WOO_DEPAPP_12_1',
        deposit: depositId,
        invoice: invoiceId,
        amount: '48.18',
      }),
    );
    await client.transform(application.fromType, application.fromId, application.type, application.body);

    const all = await ledger();
    expectEveryTransactionBalanced(all);
    expect(balanceOf(all, '4010')).toBe(-3998n);
    expect(balanceOf(all, '4900')).toBe(-500n);
    expect(balanceOf(all, '2200')).toBe(-320n);
    expect(balanceOf(all, '1100')).toBe(0n);
    expect(balanceOf(all, '2100')).toBe(0n);
    expect(balanceOf(all, '1200')).toBe(4818n);
    expect(await client.get('invoice', invoiceId)).toMatchObject({ total: 48.18, amountRemaining: 0 });

    // Partial refund after billing: one shirt and its tax, no shipping.
    const memo = unwrap(
      buildCreditMemo({
        externalId: 'WOO_REFUND_34',
        invoice: invoiceId,
        refunded: { kind: 'lines', lines: [{ saleLine: 1, quantity: '1', amount: '19.99' }] },
        shippingCost: '0.00',
        tax: {
          mode: 'override',
          lines: [{ line: 1, taxType: 'State', taxCode: '5', taxBasis: '19.99', taxRate: '8.00', taxAmount: '1.60' }],
        },
      }),
    );
    expect(memo.total).toBe('21.59');
    const memoId = (await client.transform(memo.fromType, memo.fromId, memo.type, memo.body, memo.options)).id;
    expect(impact(await ledger('WOO_REFUND_34'))).toEqual({
      '4010': ['19.99', '0.00'],
      '2200': ['1.60', '0.00'],
      '1100': ['0.00', '21.59'],
    });
    expect(await client.get('creditMemo', memoId)).toMatchObject({ total: 21.59, unapplied: 21.59 });

    const refund = unwrap(
      buildCustomerRefund({
        externalId: 'WOO_REFUND_34',
        customer,
        from: { kind: 'creditMemo', id: memoId },
        amount: memo.total,
        account: store.checking,
      }),
    );
    await client.create(refund.type, refund.body);
    expect(await client.get('creditMemo', memoId)).toMatchObject({ unapplied: 0, status: { id: 'B' } });

    const after = await ledger();
    expectEveryTransactionBalanced(after);
    expect(balanceOf(after, '1100')).toBe(0n);
    expect(balanceOf(after, '2100')).toBe(0n);
    expect(balanceOf(after, '4010')).toBe(-1999n);
    expect(balanceOf(after, '4900')).toBe(-500n);
    expect(balanceOf(after, '2200')).toBe(-160n);
    expect(balanceOf(after, '1000')).toBe(-2159n);
  });

  it('cash-sale mode: a cash sale on fulfilment and a cash refund, no deposit', async () => {
    const customer = await upsertCustomer();
    const orderId = await upsertOrder(order(13, customer));
    await fulfil(orderId, 'WOO_IF_13');

    const sale = unwrap(buildCashSale({ externalId: 'WOO_CS_13_1', salesOrder: orderId, account: store.checking }));
    const saleId = (await client.transform(sale.fromType, sale.fromId, sale.type, sale.body, sale.options)).id;
    expect(impact(await ledger('WOO_CS_13_1'))).toEqual({
      '1000': ['48.18', '0.00'],
      '4010': ['0.00', '39.98'],
      '4900': ['0.00', '5.00'],
      '2200': ['0.00', '3.20'],
    });

    const refund = unwrap(
      buildCashRefund({
        externalId: 'WOO_REFUND_35',
        cashSale: saleId,
        account: store.checking,
        refunded: { kind: 'lines', lines: [{ saleLine: 2, quantity: '1', amount: '19.99' }] },
        shippingCost: '5.00',
        tax: {
          mode: 'override',
          lines: [{ line: 2, taxType: 'State', taxCode: '5', taxBasis: '19.99', taxRate: '8.00', taxAmount: '1.60' }],
        },
      }),
    );
    expect(refund.total).toBe('26.59');
    await client.transform(refund.fromType, refund.fromId, refund.type, refund.body, refund.options);
    expect(impact(await ledger('WOO_REFUND_35'))).toEqual({
      '4010': ['19.99', '0.00'],
      '4900': ['5.00', '0.00'],
      '2200': ['1.60', '0.00'],
      '1000': ['0.00', '26.59'],
    });

    const all = await ledger();
    expectEveryTransactionBalanced(all);
    expect(balanceOf(all, '1000')).toBe(2159n);
    expect(balanceOf(all, '4010')).toBe(-1999n);
    expect(balanceOf(all, '4900')).toBe(0n);
    expect(balanceOf(all, '2200')).toBe(-160n);
    expect(balanceOf(all, '1100')).toBe(0n);
  });
});
