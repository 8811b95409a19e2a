import { describe, expect, it } from 'vitest';
import {
  type Built,
  buildCashRefund,
  buildCashSale,
  buildCreditMemo,
  buildCustomer,
  buildCustomerDeposit,
  buildCustomerRefund,
  buildDepositApplication,
  buildInvoice,
  buildJournalEntry,
  buildReclassification,
  buildSalesOrder,
  type CreditMemoInput,
  CUSTOMER_WRITE_OPTIONS,
  fromCents,
  moneyNumber,
  quantityNumber,
  rateNumber,
  type SalesOrderInput,
  sumMoney,
  toCents,
  unwrap,
} from '../../sidecar/src/netsuite/builders/index.ts';
import type { RecordBody } from '../../sidecar/src/netsuite/records.ts';

const refused = <T>(built: Built<T>) => {
  expect(built.ok).toBe(false);
  return built.ok ? undefined : { code: built.error.code, message: built.error.message };
};

const ADDRESS = {
  addressee: 'Ada Lovelace',
  addr1: '1 Main St',
  city: 'Springfield',
  state: 'IL',
  zip: '62701',
  country: 'US',
};

const ORDER: SalesOrderInput = {
  externalId: 'WOO_ORDER_12',
  customer: '107',
  tranDate: '2025-03-04',
  otherRefNum: '#12',
  jobId: 'job-42',
  location: '2',
  lines: [{ item: '55', quantity: '2', rate: '19.99', amount: '39.98', location: '2' }],
  shipping: { method: '56', cost: '5.00' },
  tax: {
    mode: 'override',
    lines: [{ line: 1, taxType: 'State', taxCode: '5', taxBasis: '39.98', taxRate: '8.00', taxAmount: '3.20' }],
  },
  shippingAddress: ADDRESS,
  billingAddress: ADDRESS,
  expectedTotal: '48.18',
};

describe('money', () => {
  it('converts decimal text to the exact JSON number', () => {
    expect(moneyNumber('19.99')).toBe(19.99);
    expect(moneyNumber('-5.00')).toBe(-5);
    expect(moneyNumber('0')).toBe(0);
    expect(moneyNumber('-0.00')).toBe(0);
    expect(moneyNumber(4818n)).toBe(48.18);
    expect(toCents('0.1')).toBe(10n);
    expect(fromCents(-5n)).toBe('-0.05');
    expect(rateNumber('6.66666667')).toBe(6.66666667);
    expect(quantityNumber('1.5')).toBe(1.5);
  });

  it.each(['19.999', '1e3', '0.1+0.2', 'NaN', 'Infinity', '', ' 5', '.5', '5.', '+5', '1,00', '0x10'])(
    'refuses %j as an amount',
    (text) => {
      expect(() => moneyNumber(text)).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    },
  );

  it('refuses a value a JSON number cannot carry exactly', () => {
    expect(() => moneyNumber('12345678901234567.89')).toThrow(expect.objectContaining({ code: 'INVALID_AMOUNT' }));
    expect(() => rateNumber('1.123456789')).toThrow(expect.objectContaining({ code: 'INVALID_RATE' }));
  });

  it('sums to the cent where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoney(['0.10', '0.10', '0.10', '0.20'])).toBe('0.50');
    expect(sumMoney(Array.from({ length: 1000 }, () => '0.01'))).toBe('10.00');
    expect(sumMoney(['19.99', '19.99', '5.00', '3.20', '-5.00'])).toBe('43.18');
  });
});

describe('customer', () => {
  it('builds a person with one default billing and shipping line, to upsert with replace=addressBook', () => {
    const built = unwrap(
      buildCustomer({
        externalId: 'WOO_CUST_7',
        kind: 'person',
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'ada@example.com',
        phone: '+1 555 0100',
        oneWorld: true,
        subsidiary: '1',
        billingAddress: ADDRESS,
        shippingAddress: ADDRESS,
      }),
    );
    expect(built.options).toEqual({ replace: ['addressBook'] });
    expect(built.options).toBe(CUSTOMER_WRITE_OPTIONS);
    expect(built.body).toStrictEqual({
      isPerson: true,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@example.com',
      phone: '+1 555 0100',
      subsidiary: { id: '1' },
      addressBook: {
        items: [
          {
            label: 'Default',
            defaultBilling: true,
            defaultShipping: true,
            addressBookAddress: {
              addressee: 'Ada Lovelace',
              attention: '',
              addr1: '1 Main St',
              addr2: '',
              city: 'Springfield',
              state: 'IL',
              zip: '62701',
              country: { id: 'US' },
              addrPhone: '',
            },
          },
        ],
      },
    });
  });

  it('gives a company separate billing and shipping lines and no subsidiary without OneWorld', () => {
    const { body } = unwrap(
      buildCustomer({
        externalId: 'WOO_CUST_8',
        kind: 'company',
        companyName: 'Acme',
        oneWorld: false,
        billingAddress: ADDRESS,
        shippingAddress: { ...ADDRESS, addr1: '2 Dock Rd' },
      }),
    );
    expect(body.isPerson).toBe(false);
    expect(body).not.toHaveProperty('subsidiary');
    expect(body.addressBook?.items.map((line) => [line.label, line.defaultBilling, line.defaultShipping])).toEqual([
      ['Billing', true, false],
      ['Shipping', false, true],
    ]);
  });

  it('refuses a missing name, a missing OneWorld subsidiary, a bad country and a bad externalId', () => {
    const base = { externalId: 'WOO_CUST_9', kind: 'person', firstName: 'A', lastName: 'B', oneWorld: false } as const;
    expect(refused(buildCustomer({ ...base, lastName: undefined }))?.code).toBe('MISSING_FIELD');
    expect(refused(buildCustomer({ ...base, oneWorld: true }))?.code).toBe('MISSING_FIELD');
    expect(refused(buildCustomer({ ...base, billingAddress: { ...ADDRESS, country: 'USA' } }))?.code).toBe(
      'INVALID_COUNTRY',
    );
    expect(refused(buildCustomer({ ...base, externalId: 'WOO CUST|9' }))).toEqual({
      code: 'INVALID_EXTERNAL_ID',
      message: 'externalId: must be letters, digits, "_" or "-"',
    });
  });
});

describe('sales order', () => {
  it('sends what the storefront said, with the tax override, and sums it to the cent', () => {
    const built = unwrap(buildSalesOrder(ORDER));
    expect(built.total).toBe('48.18');
    expect(built.externalId).toBe('WOO_ORDER_12');
    expect(built.options).toEqual({ replace: ['item', 'taxDetails'] });
    expect(built.body).toMatchObject({
      entity: { id: '107' },
      tranDate: '2025-03-04',
      otherRefNum: '#12',
      memo: '[job job-42]',
      orderStatus: { id: 'B' },
      location: { id: '2' },
      shipMethod: { id: '56' },
      shippingCost: 5,
      taxDetailsOverride: true,
      taxDetails: {
        items: [
          {
            taxDetailsReference: 'line-1',
            taxType: 'State',
            taxCode: { id: '5' },
            taxBasis: 39.98,
            taxRate: 8,
            taxAmount: 3.2,
          },
        ],
      },
      item: {
        items: [
          {
            item: { id: '55' },
            quantity: 2,
            rate: 19.99,
            amount: 39.98,
            location: { id: '2' },
            taxDetailsReference: 'line-1',
          },
        ],
      },
    });
    expect(built.body).not.toHaveProperty('externalId');
    const asRecordBody: RecordBody = built.body;
    expect(JSON.parse(JSON.stringify(asRecordBody))).toEqual(built.body);
  });

  it('adds many small lines, a discount and custom fields exactly', () => {
    const built = unwrap(
      buildSalesOrder({
        ...ORDER,
        lines: [
          { item: '55', quantity: '1', amount: '0.10', customFields: { custcol_woo_line: '1' } },
          { item: '55', quantity: '1', amount: '0.10' },
          { item: '55', quantity: '1', amount: '0.10' },
          { item: '55', quantity: '1', amount: '0.20' },
        ],
        discounts: [{ item: '77', amount: '-0.05', description: 'Coupon SAVE' }],
        shipping: undefined,
        tax: { mode: 'netsuite' },
        expectedTotal: '0.45',
        customFields: { custbody_woo_order: 12 },
      }),
    );
    expect(built.total).toBe('0.45');
    expect(built.taxComputedByNetSuite).toBe(true);
    expect(built.options).toEqual({ replace: ['item'] });
    expect(built.body).not.toHaveProperty('taxDetails');
    expect(built.body.custbody_woo_order).toBe(12);
    expect(built.body.item.items[0]).toMatchObject({ custcol_woo_line: '1' });
    expect(built.body.item.items[4]).toStrictEqual({ item: { id: '77' }, amount: -0.05, description: 'Coupon SAVE' });
  });

  it('refuses a total that differs from the storefront, bad amounts, no lines and tax on a missing line', () => {
    expect(refused(buildSalesOrder({ ...ORDER, expectedTotal: '48.17' }))).toEqual({
      code: 'TOTAL_MISMATCH',
      message: "The order's lines, shipping and tax add up to 48.18, not the storefront's total 48.17.",
    });
    expect(refused(buildSalesOrder({ ...ORDER, lines: [{ item: '55', quantity: '1', amount: '19.999' }] }))?.code).toBe(
      'INVALID_AMOUNT',
    );
    expect(refused(buildSalesOrder({ ...ORDER, lines: [{ item: '55', quantity: '0', amount: '1.00' }] }))?.code).toBe(
      'INVALID_QUANTITY',
    );
    expect(refused(buildSalesOrder({ ...ORDER, lines: [] }))?.code).toBe('INVALID_INPUT');
    expect(refused(buildSalesOrder({ ...ORDER, discounts: [{ item: '77', amount: '5.00' }] }))?.code).toBe(
      'INVALID_AMOUNT',
    );
    expect(refused(buildSalesOrder({ ...ORDER, customer: 'Ada' }))?.code).toBe('INVALID_ID');
    expect(refused(buildSalesOrder({ ...ORDER, tranDate: '2025-02-30' }))?.code).toBe('INVALID_DATE');
    const taxOnLine2: SalesOrderInput['tax'] = {
      mode: 'override',
      lines: [{ line: 2, taxType: 'S', taxCode: '5', taxBasis: '1', taxRate: '1', taxAmount: '1' }],
    };
    expect(refused(buildSalesOrder({ ...ORDER, tax: taxOnLine2 }))?.code).toBe('INVALID_INPUT');
  });
});

describe('payments and billing', () => {
  it('builds a deposit into undeposited funds or a chosen account', () => {
    const { type, body } = unwrap(
      buildCustomerDeposit({ externalId: 'WOO_DEP_12', customer: '107', salesOrder: '4521', payment: '48.18' }),
    );
    expect(type).toBe('customerDeposit');
    expect(body).toStrictEqual({
      externalId: 'WOO_DEP_12',
      customer: { id: '107' },
      salesOrder: { id: '4521' },
      payment: 48.18,
      undepFunds: { id: 'T' },
    });
    const toBank = unwrap(
      buildCustomerDeposit({ externalId: 'WOO_DEP_13', customer: '1', salesOrder: '2', payment: '1', account: '9' }),
    );
    expect(toBank.body).toMatchObject({ undepFunds: { id: 'F' }, account: { id: '9' } });
    expect(
      refused(buildCustomerDeposit({ externalId: 'WOO_DEP_14', customer: '1', salesOrder: '2', payment: '0.00' }))
        ?.code,
    ).toBe('INVALID_AMOUNT');
  });

  it('builds invoice transforms, all fulfilled or by order line', () => {
    expect(unwrap(buildInvoice({ externalId: 'WOO_INV_12_1', salesOrder: '4521' }))).toStrictEqual({
      fromType: 'salesOrder',
      fromId: '4521',
      type: 'invoice',
      body: { externalId: 'WOO_INV_12_1' },
      options: {},
    });
    const partial = unwrap(
      buildInvoice({ externalId: 'WOO_INV_12_2', salesOrder: '4521', lines: [{ orderLine: 1, quantity: '1' }] }),
    );
    expect(partial.body.item).toEqual({ items: [{ orderLine: 1, quantity: 1 }] });
    expect(partial.options).toEqual({ replace: ['item'] });
  });

  it('builds a deposit application to the invoice', () => {
    expect(
      unwrap(buildDepositApplication({ externalId: 'WOO_DEPAPP_12_1', deposit: '10', invoice: '11', amount: '48.18' })),
    ).toStrictEqual({
      fromType: 'customerDeposit',
      fromId: '10',
      type: 'depositApplication',
      body: { externalId: 'WOO_DEPAPP_12_1', apply: { items: [{ doc: { id: '11' }, apply: true, amount: 48.18 }] } },
      options: {},
    });
  });
});

describe('refunds', () => {
  const tax: CreditMemoInput['tax'] = {
    mode: 'override',
    lines: [{ line: 1, taxType: 'State', taxCode: '5', taxBasis: '19.99', taxRate: '8.00', taxAmount: '1.60' }],
  };

  it('builds a credit memo of refunded lines that replaces the pre-filled lines and applies to the invoice', () => {
    const built = unwrap(
      buildCreditMemo({
        externalId: 'WOO_REFUND_34',
        invoice: '11',
        refunded: { kind: 'lines', lines: [{ saleLine: 1, quantity: '1', amount: '19.99' }] },
        shippingCost: '0.00',
        tax,
      }),
    );
    expect(built.total).toBe('21.59');
    expect(built.options).toEqual({ replace: ['item', 'taxDetails'] });
    expect(built.body).toStrictEqual({
      externalId: 'WOO_REFUND_34',
      item: { items: [{ orderLine: 1, quantity: 1, amount: 19.99 }] },
      shippingCost: 0,
      taxDetailsOverride: true,
      taxDetails: {
        items: [
          {
            taxDetailsReference: 'line-1',
            taxType: 'State',
            taxCode: { id: '5' },
            taxBasis: 19.99,
            taxRate: 8,
            taxAmount: 1.6,
          },
        ],
      },
      apply: { items: [{ doc: { id: '11' }, apply: true }] },
    });
  });

  it('builds an amount-only credit memo on the refund-adjustment item', () => {
    const built = unwrap(
      buildCreditMemo({
        externalId: 'WOO_REFUND_35',
        invoice: '11',
        refunded: { kind: 'amount', item: '88', amount: '7.50', description: 'Goodwill' },
        shippingCost: '0',
        tax: { mode: 'override', lines: [] },
        applyAmount: '7.50',
      }),
    );
    expect(built.total).toBe('7.50');
    expect(built.body.item).toEqual({
      items: [{ item: { id: '88' }, quantity: 1, amount: 7.5, description: 'Goodwill' }],
    });
    expect(built.body.taxDetails).toEqual({ items: [] });
    expect(built.body.apply).toEqual({ items: [{ doc: { id: '11' }, apply: true, amount: 7.5 }] });
  });

  it('builds customer refunds of a credit memo or of a deposit', () => {
    const ofMemo = unwrap(
      buildCustomerRefund({
        externalId: 'WOO_REFUND_34',
        customer: '107',
        from: { kind: 'creditMemo', id: '12' },
        amount: '21.59',
        account: '1',
      }),
    );
    expect(ofMemo.body).toStrictEqual({
      externalId: 'WOO_REFUND_34',
      customer: { id: '107' },
      account: { id: '1' },
      apply: { items: [{ doc: { id: '12' }, apply: true, amount: 21.59 }] },
    });
    const ofDeposit = unwrap(
      buildCustomerRefund({
        externalId: 'WOO_REFUND_36',
        customer: '107',
        from: { kind: 'deposit', id: '10' },
        amount: '48.18',
        account: '1',
      }),
    );
    expect(ofDeposit.body.deposit).toEqual({ items: [{ doc: { id: '10' }, apply: true, amount: 48.18 }] });
    expect(ofDeposit.body).not.toHaveProperty('apply');
  });

  it('builds cash sales and cash refunds', () => {
    const sale = unwrap(buildCashSale({ externalId: 'WOO_CS_12', salesOrder: '4521', account: '1' }));
    expect(sale).toStrictEqual({
      fromType: 'salesOrder',
      fromId: '4521',
      type: 'cashSale',
      body: { externalId: 'WOO_CS_12', undepFunds: { id: 'F' }, account: { id: '1' } },
      options: {},
    });
    const refund = unwrap(
      buildCashRefund({
        externalId: 'WOO_REFUND_37',
        cashSale: '20',
        refunded: { kind: 'lines', lines: [{ saleLine: 1, quantity: '1', amount: '19.99' }] },
        shippingCost: '5.00',
        tax,
      }),
    );
    expect(refund.total).toBe('26.59');
    expect(refund.body).toMatchObject({
      undepFunds: { id: 'T' },
      shippingCost: 5,
      item: { items: [{ orderLine: 1 }] },
    });
  });
});

describe('journal entry', () => {
  it('builds a balanced reclassification, two lines per move, tagged with its segments and the customer', () => {
    const built = unwrap(
      buildReclassification({
        externalId: 'WOO_RECLASS_12',
        tranDate: '2025-03-04',
        customer: '7',
        moves: [
          { fromAccount: '8', toAccount: '9', amount: '39.98', department: '3', location: '2' },
          { fromAccount: '8', toAccount: '10', amount: '5.01' },
        ],
      }),
    );
    expect(built.total).toBe('44.99');
    const customer = { id: '7' };
    expect(built.body.line.items).toEqual([
      {
        account: { id: '8' },
        debit: 39.98,
        department: { id: '3' },
        location: { id: '2' },
        entity: customer,
        memo: expect.any(String),
      },
      {
        account: { id: '9' },
        credit: 39.98,
        department: { id: '3' },
        location: { id: '2' },
        entity: customer,
        memo: expect.any(String),
      },
      { account: { id: '8' }, debit: 5.01, entity: customer, memo: expect.any(String) },
      { account: { id: '10' }, credit: 5.01, entity: customer, memo: expect.any(String) },
    ]);
  });

  it('balances many lines exactly and refuses an unbalanced entry before NetSuite sees it', () => {
    const lines = [
      { account: '1', side: 'debit', amount: '0.10' },
      { account: '1', side: 'debit', amount: '0.10' },
      { account: '1', side: 'debit', amount: '0.10' },
      { account: '1', side: 'debit', amount: '0.20' },
      { account: '2', side: 'credit', amount: '0.50' },
    ] as const;
    expect(
      unwrap(buildJournalEntry({ externalId: 'WOO_RECLASS_1', tranDate: '2025-03-04', lines: [...lines] })).total,
    ).toBe('0.50');
    expect(
      refused(
        buildJournalEntry({
          externalId: 'WOO_RECLASS_2',
          tranDate: '2025-03-04',
          lines: [...lines, { account: '2', side: 'credit', amount: '0.01' }],
        }),
      ),
    ).toEqual({
      code: 'UNBALANCED_JOURNAL',
      message: "The journal entry's debits (0.50) do not equal its credits (0.51).",
    });
    expect(
      refused(
        buildJournalEntry({
          externalId: 'WOO_RECLASS_3',
          tranDate: '2025-03-04',
          lines: [{ account: '1', side: 'debit', amount: '1.00' }],
        }),
      )?.code,
    ).toBe('INVALID_INPUT');
  });
});
