/**
 * The record types the simulator serves, by their REST name (camelCase; matched case-insensitively in paths),
 * with what SuiteQL calls them (spec §6.2: `transaction.type` codes and `recordtype`).
 */
export const RECORD_TYPES = {
  subsidiary: { kind: 'list' },
  location: { kind: 'list' },
  account: { kind: 'list' },
  currency: { kind: 'list' },
  inventoryItem: { kind: 'item', suiteqlItemType: 'InvtPart' },
  otherChargeItem: { kind: 'item', suiteqlItemType: 'OthCharge' },
  customer: { kind: 'entity' },
  salesOrder: { kind: 'transaction', suiteqlType: 'SalesOrd' },
  customerDeposit: { kind: 'transaction', suiteqlType: 'CustDep' },
  depositApplication: { kind: 'transaction', suiteqlType: 'DepAppl' },
  invoice: { kind: 'transaction', suiteqlType: 'CustInvc' },
  cashSale: { kind: 'transaction', suiteqlType: 'CashSale' },
  creditMemo: { kind: 'transaction', suiteqlType: 'CustCred' },
  customerRefund: { kind: 'transaction', suiteqlType: 'CustRfnd' },
  cashRefund: { kind: 'transaction', suiteqlType: 'CashRfnd' },
  itemFulfillment: { kind: 'transaction', suiteqlType: 'ItemShip' },
  journalEntry: { kind: 'transaction', suiteqlType: 'Journal' },
} as const;

export type RecordType = keyof typeof RECORD_TYPES;

const BY_LOWER_NAME = new Map(Object.keys(RECORD_TYPES).map((name) => [name.toLowerCase(), name as RecordType]));

/** The canonical name of a record type as written in a URL (`salesorder`, `salesOrder`), or undefined. */
export function recordTypeOf(pathSegment: string): RecordType | undefined {
  return BY_LOWER_NAME.get(pathSegment.toLowerCase());
}

export const isTransactionType = (type: RecordType) => RECORD_TYPES[type].kind === 'transaction';
