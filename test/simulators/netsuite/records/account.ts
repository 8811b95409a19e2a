/**
 * What every fresh NetSuite account already holds (base currency, the root subsidiary in OneWorld, the system GL
 * accounts), plus per-account counters (document numbers). Recreated after `/__sim/reset`.
 */
import type { RecordType } from '../record-types.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { GlLine, SimRecord } from '../store.ts';

/** The accounts the ledger falls back to, by role (netsuite-gl.md). */
export const BUILT_IN_ACCOUNTS = {
  receivables: { id: '3', number: '1100', name: 'Accounts Receivable', type: 'AcctRec' },
  undepositedFunds: { id: '4', number: '1200', name: 'Undeposited Funds', type: 'OthCurrAsset' },
  inventoryAsset: { id: '5', number: '1300', name: 'Inventory Asset', type: 'OthCurrAsset' },
  customerDeposits: { id: '6', number: '2100', name: 'Customer Deposits', type: 'OthCurrLiab' },
  salesTaxPayable: { id: '7', number: '2200', name: 'Sales Tax Payable', type: 'OthCurrLiab' },
  sales: { id: '8', number: '4000', name: 'Sales', type: 'Income' },
  shippingIncome: { id: '9', number: '4900', name: 'Shipping Income', type: 'Income' },
  costOfGoodsSold: { id: '10', number: '5000', name: 'Cost of Goods Sold', type: 'COGS' },
} as const;

export type AccountRole = keyof typeof BUILT_IN_ACCOUNTS;

/** Internal ids below 100 are the account's own records; the store hands out 100 and up. */
export const BASE_CURRENCY_ID = '1';
export const ROOT_SUBSIDIARY_ID = '2';

/** Document number prefixes per type (auto-numbering; a request may set its own `tranId`). */
const TRAN_ID_PREFIX: Partial<Record<RecordType, string>> = {
  salesOrder: 'SO',
  invoice: 'INV',
  cashSale: 'CS',
  creditMemo: 'CM',
  cashRefund: 'CR',
  itemFulfillment: 'IF',
  customerDeposit: 'DEP',
  depositApplication: 'DA',
  customerRefund: 'RF',
  journalEntry: 'JE',
};

interface AccountState {
  /** The GL array of the store when this state was made: `store.reset()` replaces it, which marks a new account. */
  glMarker: GlLine[];
  documentNumbers: Map<RecordType, number>;
}

const states = new WeakMap<NetSuiteSimulator, AccountState>();

/** Makes sure the account's own records exist; cheap when they do. */
export function ensureAccount(sim: NetSuiteSimulator): AccountState {
  const current = states.get(sim);
  if (current && current.glMarker === sim.store.gl) return current;
  const state: AccountState = { glMarker: sim.store.gl, documentNumbers: new Map() };
  states.set(sim, state);
  createBuiltIns(sim);
  return state;
}

export function nextTranId(sim: NetSuiteSimulator, type: RecordType): string | undefined {
  const prefix = TRAN_ID_PREFIX[type];
  if (!prefix) return undefined;
  const state = ensureAccount(sim);
  const next = (state.documentNumbers.get(type) ?? 1000) + 1;
  state.documentNumbers.set(type, next);
  return `${prefix}${next}`;
}

export function builtInAccountId(role: AccountRole): string {
  return BUILT_IN_ACCOUNTS[role].id;
}

function createBuiltIns(sim: NetSuiteSimulator): void {
  const now = sim.clock.now();
  const put = (type: RecordType, id: string, fields: Record<string, unknown>) => {
    if (sim.store.getAny(id)) return;
    const record: SimRecord = { type, id, externalId: undefined, fields, createdAt: now, lastModified: now };
    sim.store.put(record);
  };
  put('currency', BASE_CURRENCY_ID, {
    name: 'USD',
    symbol: 'USD',
    displaySymbol: '$',
    isBaseCurrency: true,
    isInactive: false,
    exchangeRate: '1',
  });
  if (sim.settings.oneWorld) {
    put('subsidiary', ROOT_SUBSIDIARY_ID, {
      name: 'Parent Company',
      isInactive: false,
      currency: { id: BASE_CURRENCY_ID },
      country: { id: 'US' },
    });
  }
  for (const account of Object.values(BUILT_IN_ACCOUNTS)) {
    put('account', account.id, {
      acctNumber: account.number,
      acctName: account.name,
      acctType: { id: account.type },
      isInactive: false,
    });
  }
}
