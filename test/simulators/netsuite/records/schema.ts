/**
 * The fields the simulator knows per record type, named as NetSuite's REST API Browser (2026.1 schema dump) names
 * them. Only connector-relevant fields are listed; a body field not listed here is "unknown" (ignored, or
 * NONEXISTENT_FIELD under `X-NetSuite-PropertyNameValidation: error`). Custom fields (`custbody_*`, …) are accepted
 * as given.
 */
import type { RecordType } from '../record-types.ts';
import { STATUS_LABELS } from '../status-labels.ts';
import {
  assignedLine,
  boolean,
  byDoc,
  date,
  decimal,
  enumOf,
  type FieldDef,
  type Fields,
  integer,
  list,
  oneWorld,
  openEnum,
  readOnly,
  ref,
  string,
  sublist,
  subrecord,
} from './field-defs.ts';

export const ITEM_TYPES = ['inventoryItem', 'otherChargeItem'] as const;
export const SALES_TRANSACTION_TYPES = ['salesOrder', 'invoice', 'cashSale', 'creditMemo', 'cashRefund'] as const;
const ANY_TRANSACTION = [
  'salesOrder',
  'invoice',
  'cashSale',
  'creditMemo',
  'cashRefund',
  'customerDeposit',
  'depositApplication',
  'customerRefund',
  'itemFulfillment',
  'journalEntry',
];

export const COUNTRY_LABELS: Readonly<Record<string, string>> = {
  US: 'United States',
  CA: 'Canada',
  GB: 'United Kingdom',
  DE: 'Germany',
  FR: 'France',
  NL: 'Netherlands',
  AU: 'Australia',
};

const ADDRESS: Fields = {
  addressee: string,
  attention: string,
  addr1: string,
  addr2: string,
  addr3: string,
  city: string,
  state: string,
  zip: string,
  country: { kind: 'enum', labels: COUNTRY_LABELS },
  addrPhone: string,
  override: boolean,
  addrText: readOnly(string),
};

const status = (type: RecordType): FieldDef => readOnly(enumOf({ ...STATUS_LABELS[type] }));

export const COMMIT_INVENTORY = { '1': 'Available Qty', '2': 'Complete Qty', '3': 'Do Not Commit' } as const;
export const SHIP_STATUS = { A: 'Picked', B: 'Packed', C: 'Shipped' } as const;
export const ITEM_TYPE_CODES = { inventoryItem: 'InvtPart', otherChargeItem: 'OthCharge' } as const;

export const ACCOUNT_TYPES: Readonly<Record<string, string>> = {
  AcctPay: 'Accounts Payable',
  AcctRec: 'Accounts Receivable',
  Bank: 'Bank',
  COGS: 'Cost of Goods Sold',
  CredCard: 'Credit Card',
  DeferExpense: 'Deferred Expense',
  DeferRevenue: 'Deferred Revenue',
  Equity: 'Equity',
  Expense: 'Expense',
  FixedAsset: 'Fixed Asset',
  Income: 'Income',
  LongTermLiab: 'Long Term Liability',
  NonPosting: 'Non Posting',
  OthAsset: 'Other Asset',
  OthCurrAsset: 'Other Current Asset',
  OthCurrLiab: 'Other Current Liability',
  OthExpense: 'Other Expense',
  OthIncome: 'Other Income',
  Statistical: 'Statistical',
  UnbilledRec: 'Unbilled Receivable',
};

const TIMESTAMPS: Fields = { createdDate: readOnly(string), lastModifiedDate: readOnly(string) };

const SEGMENTS: Fields = {
  department: list('department'),
  class: list('classification'),
  location: ref('location'),
};

const PRICE_LINE: Fields = {
  priceLevel: list('priceLevel'),
  currencyPage: ref('currency'),
  quantity: subrecord({ value: decimal }),
  price: decimal,
};

const ITEM_COMMON: Fields = {
  itemId: string,
  displayName: string,
  description: string,
  salesDescription: string,
  upcCode: string,
  isInactive: boolean,
  isOnline: boolean,
  subsidiary: oneWorld(ref('subsidiary')),
  includeChildren: oneWorld(boolean),
  incomeAccount: ref('account'),
  taxSchedule: list('taxSchedule'),
  ...SEGMENTS,
  price: sublist(PRICE_LINE),
  ...TIMESTAMPS,
};

const LOCATION_QUANTITIES: Fields = {
  location: ref('location'),
  locationId: ref('location'),
  quantityOnHand: decimal,
  quantityAvailable: decimal,
  quantityCommitted: decimal,
  quantityBackOrdered: decimal,
  quantityOnOrder: decimal,
  quantityInTransit: decimal,
  reorderPoint: decimal,
  preferredStockLevel: decimal,
  lastQuantityAvailableChange: string,
};

const INVENTORY_DETAIL: Fields = {
  quantity: decimal,
  inventoryAssignment: sublist({
    binNumber: list('bin'),
    issueInventoryNumber: list('inventoryNumber'),
    receiptInventoryNumber: string,
    inventoryStatus: list('inventoryStatus'),
    quantity: decimal,
  }),
};

/** Lines every sales-side item sublist shares. */
const ITEM_LINE: Fields = {
  line: readOnly(integer),
  item: ref(...ITEM_TYPES),
  itemType: readOnly(enumOf({ InvtPart: 'Inventory Item', OthCharge: 'Other Charge' })),
  quantity: decimal,
  rate: decimal,
  amount: decimal,
  grossAmt: readOnly(decimal),
  price: list('priceLevel'),
  description: string,
  units: string,
  taxCode: list('salesTaxItem'),
  taxDetailsReference: string,
  isTaxable: boolean,
  ...SEGMENTS,
  orderLine: integer,
  inventoryDetail: subrecord(INVENTORY_DETAIL),
};

const SALES_ORDER_LINE: Fields = {
  ...ITEM_LINE,
  inventorylocation: ref('location'),
  inventorysubsidiary: oneWorld(ref('subsidiary')),
  commitInventory: enumOf(COMMIT_INVENTORY),
  isClosed: boolean,
  expectedShipDate: date,
  requestedDate: date,
  createPo: openEnum,
  quantityCommitted: readOnly(decimal),
  quantityBackOrdered: readOnly(decimal),
  quantityFulfilled: readOnly(decimal),
  quantityBilled: readOnly(decimal),
  quantityAvailable: readOnly(decimal),
  quantityOnHand: readOnly(decimal),
};

const FULFILLMENT_LINE: Fields = {
  line: readOnly(integer),
  orderLine: integer,
  item: ref(...ITEM_TYPES),
  itemType: readOnly(string),
  itemName: readOnly(string),
  itemReceive: boolean,
  quantity: decimal,
  quantityRemaining: readOnly(decimal),
  onHand: readOnly(decimal),
  description: string,
  units: string,
  location: ref('location'),
  department: list('department'),
  class: list('classification'),
  inventoryDetail: subrecord(INVENTORY_DETAIL),
  serialNumbers: string,
  binNumbers: string,
};

const TAX_DETAIL_LINE: Fields = {
  taxDetailsReference: openEnum,
  lineType: string,
  lineName: string,
  netAmount: decimal,
  taxType: string,
  taxCode: list('salesTaxItem'),
  taxBasis: decimal,
  taxRate: decimal,
  taxAmount: decimal,
  calcDetail: string,
};

const APPLY_LINE: Fields = {
  doc: ref(...ANY_TRANSACTION),
  apply: boolean,
  amount: decimal,
  line: integer,
  applyDate: date,
  total: readOnly(decimal),
  due: readOnly(decimal),
  refNum: readOnly(string),
  type: readOnly(string),
  currency: readOnly(string),
};

const REFUND_DEPOSIT_LINE: Fields = {
  doc: ref('customerDeposit'),
  apply: boolean,
  amount: decimal,
  total: readOnly(decimal),
  remaining: readOnly(decimal),
  refNum: readOnly(string),
  depositDate: readOnly(date),
  currencyName: readOnly(string),
};

const PACKAGE_LINE: Fields = {
  packageTrackingNumber: string,
  packageTrackingNumberReturn: string,
  packageWeight: decimal,
  packageDescr: string,
  packageCartonNumber: string,
};

const carrierPackage = (suffix: string): Fields => ({
  [`packageTrackingNumber${suffix}`]: string,
  [`packageWeight${suffix}`]: decimal,
  [`packageDescr${suffix}`]: string,
  [`packageCartonNumber${suffix}`]: string,
  [`packageLength${suffix}`]: integer,
  [`packageWidth${suffix}`]: integer,
  [`packageHeight${suffix}`]: integer,
});

/** Header fields of every transaction. */
const TRANSACTION_HEADER: Fields = {
  tranId: string,
  tranDate: date,
  postingPeriod: list('accountingPeriod'),
  subsidiary: oneWorld(ref('subsidiary')),
  currency: ref('currency'),
  exchangeRate: decimal,
  memo: string,
  ...SEGMENTS,
  customForm: list('customForm'),
  createdFrom: { ...readOnly(ref(...ANY_TRANSACTION)), notFilterable: true },
  ...TIMESTAMPS,
};

/** Header fields of sales orders, invoices, cash sales, credit memos and cash refunds. */
const SALES_HEADER: Fields = {
  ...TRANSACTION_HEADER,
  entity: ref('customer'),
  otherRefNum: string,
  email: string,
  salesRep: list('employee'),
  partner: list('partner'),
  leadSource: list('campaign'),
  terms: list('term'),
  job: list('job'),
  source: openEnum,
  toBeEmailed: boolean,
  toBePrinted: boolean,
  toBeFaxed: boolean,
  isTaxable: boolean,
  message: string,
  shipMethod: { kind: 'ref', to: ['shipItem', ...ITEM_TYPES], checked: false },
  shippingCost: decimal,
  handlingCost: decimal,
  shipDate: date,
  shipComplete: boolean,
  shipIsResidential: boolean,
  shippingAddress: subrecord(ADDRESS),
  billingAddress: subrecord(ADDRESS),
  shipAddress: readOnly(string),
  billAddress: readOnly(string),
  discountItem: list('discountItem'),
  discountRate: decimal,
  discountTotal: readOnly(decimal),
  promoCode: list('promotionCode'),
  couponCode: list('couponCode'),
  taxDetailsOverride: boolean,
  taxRegOverride: boolean,
  taxPointDate: date,
  taxDetails: sublist(TAX_DETAIL_LINE),
  subtotal: readOnly(decimal),
  taxTotal: readOnly(decimal),
  total: readOnly(decimal),
  startDate: date,
  endDate: date,
  salesEffectiveDate: date,
  account: ref('account'),
  item: sublist(ITEM_LINE, assignedLine),
};

const PAYMENT_FIELDS: Fields = {
  paymentOption: list('paymentMethod'),
  paymentMethod: list('paymentMethod'),
  checkNumber: string,
  undepFunds: enumOf({ T: 'Undeposited Funds', F: 'Account' }),
};

const LIST_TIMESTAMPS: Fields = { lastModifiedDate: readOnly(string) };

export const SCHEMAS: Readonly<Record<RecordType, Fields>> = {
  subsidiary: {
    name: string,
    parent: ref('subsidiary'),
    legalName: string,
    isInactive: boolean,
    isElimination: boolean,
    currency: ref('currency'),
    country: { kind: 'enum', labels: COUNTRY_LABELS },
    email: string,
    fax: string,
    url: string,
    mainAddress: subrecord(ADDRESS),
    ...LIST_TIMESTAMPS,
  },
  location: {
    name: string,
    subsidiary: oneWorld(ref('subsidiary')),
    parent: ref('location'),
    isInactive: boolean,
    makeInventoryAvailable: boolean,
    makeInventoryAvailableStore: boolean,
    locationType: openEnum,
    timeZone: openEnum,
    useBins: boolean,
    mainAddress: subrecord(ADDRESS),
    ...LIST_TIMESTAMPS,
  },
  account: {
    acctNumber: string,
    acctName: string,
    acctType: enumOf(ACCOUNT_TYPES),
    description: string,
    isInactive: boolean,
    parent: ref('account'),
    subsidiary: oneWorld(ref('subsidiary')),
    includeChildren: oneWorld(boolean),
    currency: ref('currency'),
    department: list('department'),
    class: list('classification'),
    location: ref('location'),
  },
  currency: {
    name: string,
    symbol: string,
    displaySymbol: string,
    isBaseCurrency: boolean,
    isInactive: boolean,
    exchangeRate: decimal,
    currencyPrecision: openEnum,
    overrideCurrencyFormat: boolean,
  },
  inventoryItem: {
    ...ITEM_COMMON,
    purchaseDescription: string,
    stockDescription: string,
    vendorName: string,
    cost: decimal,
    averageCost: readOnly(decimal),
    lastPurchasePrice: readOnly(decimal),
    cogsAccount: ref('account'),
    assetAccount: ref('account'),
    weight: decimal,
    weightUnit: openEnum,
    trackLandedCost: boolean,
    storeDisplayName: string,
    locations: readOnly(sublist(LOCATION_QUANTITIES)),
  },
  otherChargeItem: {
    ...ITEM_COMMON,
    expenseAccount: ref('account'),
  },
  customer: {
    entityId: string,
    altName: string,
    isPerson: boolean,
    salutation: string,
    firstName: string,
    middleName: string,
    lastName: string,
    title: string,
    companyName: string,
    email: string,
    phone: string,
    altPhone: string,
    mobilePhone: string,
    homePhone: string,
    fax: string,
    url: string,
    comments: string,
    subsidiary: oneWorld(ref('subsidiary')),
    currency: ref('currency'),
    entityStatus: list('customerStatus'),
    category: list('customerCategory'),
    terms: list('term'),
    priceLevel: list('priceLevel'),
    salesRep: list('employee'),
    parent: ref('customer'),
    isInactive: boolean,
    taxable: boolean,
    creditLimit: decimal,
    balance: readOnly(decimal),
    defaultAddress: readOnly(string),
    globalSubscriptionStatus: openEnum,
    emailPreference: openEnum,
    dateCreated: readOnly(string),
    lastModifiedDate: readOnly(string),
    addressBook: sublist(
      {
        id: readOnly(integer),
        label: string,
        defaultBilling: boolean,
        defaultShipping: boolean,
        isResidential: boolean,
        addressBookAddress: subrecord(ADDRESS),
      },
      { field: 'id', kind: 'assigned' },
    ),
  },
  salesOrder: {
    ...SALES_HEADER,
    orderStatus: enumOf({ A: 'Pending Approval', B: 'Pending Fulfillment' }),
    status: status('salesOrder'),
    requiredDepositAmount: decimal,
    requiredDepositPercentage: decimal,
    item: sublist(SALES_ORDER_LINE, assignedLine),
  },
  invoice: {
    ...SALES_HEADER,
    status: status('invoice'),
    dueDate: date,
    amountRemaining: readOnly(decimal),
    amountPaid: readOnly(decimal),
  },
  cashSale: {
    ...SALES_HEADER,
    ...PAYMENT_FIELDS,
    status: status('cashSale'),
  },
  creditMemo: {
    ...SALES_HEADER,
    status: status('creditMemo'),
    autoApply: boolean,
    applied: readOnly(decimal),
    unapplied: readOnly(decimal),
    apply: sublist(APPLY_LINE, byDoc),
  },
  cashRefund: {
    ...SALES_HEADER,
    ...PAYMENT_FIELDS,
  },
  itemFulfillment: {
    ...TRANSACTION_HEADER,
    entity: readOnly(ref('customer')),
    shipStatus: enumOf(SHIP_STATUS),
    shipMethod: { kind: 'ref', to: ['shipItem', ...ITEM_TYPES], checked: false },
    shippingCost: decimal,
    handlingCost: decimal,
    shippingAddress: subrecord(ADDRESS),
    shipAddress: readOnly(string),
    shippedDate: date,
    pickedDate: date,
    packedDate: date,
    generateIntegratedShipperLabel: boolean,
    item: sublist(FULFILLMENT_LINE, assignedLine),
    package: sublist(PACKAGE_LINE),
    packageUps: sublist(carrierPackage('Ups')),
    packageFedex: sublist(carrierPackage('FedEx')),
    packageUsps: sublist(carrierPackage('Usps')),
  },
  customerDeposit: {
    ...TRANSACTION_HEADER,
    ...PAYMENT_FIELDS,
    customer: ref('customer'),
    salesOrder: ref('salesOrder'),
    payment: decimal,
    total: readOnly(decimal),
    account: ref('account'),
    status: status('customerDeposit'),
    toBeEmailed: boolean,
  },
  depositApplication: {
    ...TRANSACTION_HEADER,
    customer: ref('customer'),
    deposit: ref('customerDeposit'),
    depositDate: readOnly(date),
    arAcct: ref('account'),
    total: readOnly(decimal),
    applied: readOnly(decimal),
    unapplied: readOnly(decimal),
    apply: sublist(APPLY_LINE, byDoc),
  },
  customerRefund: {
    ...TRANSACTION_HEADER,
    paymentOption: list('paymentMethod'),
    paymentMethod: list('paymentMethod'),
    checkNumber: string,
    customer: ref('customer'),
    account: ref('account'),
    arAcct: ref('account'),
    total: readOnly(decimal),
    balance: readOnly(decimal),
    toBePrinted: boolean,
    payeeAddress: subrecord(ADDRESS),
    apply: sublist(APPLY_LINE, byDoc),
    deposit: sublist(REFUND_DEPOSIT_LINE, byDoc),
  },
  journalEntry: {
    ...TRANSACTION_HEADER,
    toSubsidiary: oneWorld(ref('subsidiary')),
    approvalStatus: openEnum,
    approved: boolean,
    isReversal: boolean,
    reversalDate: date,
    reversalDefer: boolean,
    line: sublist(
      {
        line: readOnly(integer),
        account: ref('account'),
        debit: decimal,
        credit: decimal,
        memo: string,
        entity: { kind: 'ref', to: ['customer'], checked: false },
        department: list('department'),
        class: list('classification'),
        location: ref('location'),
        eliminate: boolean,
      },
      assignedLine,
    ),
  },
};

/** The "created" timestamp's name: customers call it dateCreated, the rest createdDate. */
export const createdFieldName = (type: RecordType): string => (type === 'customer' ? 'dateCreated' : 'createdDate');

/** Names of the sublists of a type. */
export function sublistNames(type: RecordType): string[] {
  return Object.entries(SCHEMAS[type])
    .filter(([, def]) => def.kind === 'sublist')
    .map(([name]) => name);
}
