/** Required fields and sourced values of customers, items and the account's lists. */
import type { RecordType } from '../record-types.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { isBlank, missingSubsidiary, requireValues } from './rules.ts';

export function prepareCustomer(sim: NetSuiteSimulator, fields: Record<string, unknown>): void {
  const missing: string[] = [];
  if (fields.isPerson === true) {
    if (isBlank(fields.firstName)) missing.push('First Name');
    if (isBlank(fields.lastName)) missing.push('Last Name');
  } else if (isBlank(fields.companyName)) {
    missing.push('Company Name');
  }
  missing.push(...missingSubsidiary(sim, fields));
  requireValues(missing);
  if (isBlank(fields.entityId)) {
    fields.entityId =
      fields.isPerson === true
        ? [fields.firstName, fields.middleName, fields.lastName].filter((part) => !isBlank(part)).join(' ')
        : fields.companyName;
  }
}

const REQUIRED: Partial<Record<RecordType, [field: string, label: string][]>> = {
  inventoryItem: [['itemId', 'Item Name/Number']],
  otherChargeItem: [['itemId', 'Item Name/Number']],
  subsidiary: [['name', 'Name']],
  location: [['name', 'Name']],
  account: [
    ['acctName', 'Name'],
    ['acctType', 'Type'],
  ],
  currency: [['name', 'Name']],
};

export function prepareListRecord(type: RecordType, fields: Record<string, unknown>): void {
  requireValues((REQUIRED[type] ?? []).filter(([field]) => isBlank(fields[field])).map(([, label]) => label));
  if (fields.isInactive === undefined) fields.isInactive = false;
}
