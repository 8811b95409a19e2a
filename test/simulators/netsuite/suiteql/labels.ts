import { STATUS_LABELS_BY_SUITEQL_TYPE } from '../status-labels.ts';
/** Display texts `BUILTIN.DF` gives for codes (spec §6.6; exact wording UNCERTAIN, §10 item 10). */

export const TRANSACTION_TYPE_LABEL: Record<string, string> = {
  SalesOrd: 'Sales Order',
  ItemShip: 'Item Fulfillment',
  CustInvc: 'Invoice',
  CustCred: 'Credit Memo',
  CashSale: 'Cash Sale',
  CashRfnd: 'Cash Refund',
  CustDep: 'Customer Deposit',
  DepAppl: 'Deposit Application',
  CustRfnd: 'Customer Refund',
  CustPymt: 'Payment',
  RtnAuth: 'Return Authorization',
  Journal: 'Journal',
};

/** `BUILTIN.DF(status)` labels by SuiteQL type code: the record service's, so REST and SuiteQL agree. */
export const STATUS_LABEL = STATUS_LABELS_BY_SUITEQL_TYPE;

export const ITEM_TYPE_LABEL: Record<string, string> = {
  InvtPart: 'Inventory Item',
  NonInvtPart: 'Non-inventory Item',
  OthCharge: 'Other Charge',
  Service: 'Service',
  Discount: 'Discount',
  ShipItem: 'Shipping Item',
};

export const COMMIT_INVENTORY_LABEL: Record<string, string> = {
  '1': 'Available Qty',
  '2': 'Complete Qty',
  '3': 'Do Not Commit',
};

export const PRICE_LEVEL_LABEL: Record<string, string> = { '1': 'Base Price' };
