import { RECORD_TYPES, type RecordType } from './record-types.ts';

/**
 * Transaction status labels by record type and letter (spec §6.6; the types the spec does not list as NetSuite's UI
 * names them). The record service renders `status` with them; SuiteQL's `BUILTIN.DF(status)` too.
 */
export const STATUS_LABELS: Partial<Record<RecordType, Readonly<Record<string, string>>>> = {
  salesOrder: {
    A: 'Pending Approval',
    B: 'Pending Fulfillment',
    C: 'Cancelled',
    D: 'Partially Fulfilled',
    E: 'Pending Billing/Partially Fulfilled',
    F: 'Pending Billing',
    G: 'Billed',
    H: 'Closed',
  },
  itemFulfillment: { A: 'Picked', B: 'Packed', C: 'Shipped' },
  invoice: { A: 'Open', B: 'Paid In Full' },
  creditMemo: { A: 'Open', B: 'Fully Applied' },
  cashSale: { A: 'Unapproved Payment', B: 'Not Deposited', C: 'Deposited' },
  customerDeposit: { A: 'Not Deposited', B: 'Deposited', C: 'Fully Applied' },
};

/** The same labels keyed by SuiteQL's `transaction.type` code (`SalesOrd`, `ItemShip`, …). */
export const STATUS_LABELS_BY_SUITEQL_TYPE: Readonly<Record<string, Readonly<Record<string, string>>>> =
  Object.fromEntries(
    Object.entries(STATUS_LABELS).flatMap(([type, labels]) => {
      const definition = RECORD_TYPES[type as RecordType];
      return 'suiteqlType' in definition ? [[definition.suiteqlType, labels]] : [];
    }),
  );
