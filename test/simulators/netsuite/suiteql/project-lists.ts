import { RECORD_TYPES } from '../record-types.ts';
import type { RecordStore, SimRecord, StockLevel } from '../store.ts';
import { customFields, datetime, type Fields, field, flag, lines, refId, subtract, text } from './normal-form.ts';
import type { Snapshot } from './snapshot.ts';

export function projectItem(record: SimRecord, snapshot: Snapshot): void {
  const definition = RECORD_TYPES[record.type];
  if (!('suiteqlItemType' in definition)) return;
  const f = record.fields;
  snapshot.add(
    'item',
    {
      id: record.id,
      itemid: text(field(f, 'itemId')),
      externalid: record.externalId,
      displayname: text(field(f, 'displayName')),
      description: text(field(f, 'salesDescription')) ?? text(field(f, 'description')),
      itemtype: definition.suiteqlItemType,
      isinactive: flag(field(f, 'isInactive'), 'F'),
      upccode: text(field(f, 'upcCode')),
      // The sales item's income account (REST `incomeAccount`), where invoices credit its revenue.
      incomeaccount: refId(field(f, 'incomeAccount')),
      createddate: datetime(record.createdAt),
      lastmodifieddate: datetime(record.lastModified),
    },
    customFields(f, 'custitem'),
  );
  for (const price of lines(field(f, 'price'))) {
    snapshot.add('pricing', {
      item: record.id,
      pricelevel: refId(field(price, 'priceLevel')),
      quantity: quantityOf(field(price, 'quantity')),
      unitprice: text(field(price, 'price')),
      currency: refId(field(price, 'currencyPage')) ?? refId(field(price, 'currency')),
    });
  }
}

/** Quantity-pricing break: `{ "value": 5 }` in the REST pricing sublist, or a plain number. */
function quantityOf(value: unknown): string | undefined {
  return value && typeof value === 'object' && 'value' in value
    ? text((value as { value: unknown }).value)
    : text(value);
}

export function projectCustomer(record: SimRecord, snapshot: Snapshot): void {
  const f = record.fields;
  snapshot.add(
    'customer',
    {
      id: record.id,
      entityid: text(field(f, 'entityId')),
      externalid: record.externalId,
      email: text(field(f, 'email')),
      phone: text(field(f, 'phone')),
      isperson: flag(field(f, 'isPerson'), 'F'),
      firstname: text(field(f, 'firstName')),
      lastname: text(field(f, 'lastName')),
      companyname: text(field(f, 'companyName')),
      isinactive: flag(field(f, 'isInactive'), 'F'),
      subsidiary: refId(field(f, 'subsidiary')),
      currency: refId(field(f, 'currency')),
      datecreated: datetime(record.createdAt),
      lastmodifieddate: datetime(record.lastModified),
    },
    customFields(f, 'custentity'),
  );
}

export function projectLocation(record: SimRecord, store: RecordStore, snapshot: Snapshot): void {
  const f = record.fields;
  snapshot.add('location', {
    id: record.id,
    name: text(field(f, 'name')),
    fullname: fullName(record, store),
    subsidiary: refId(field(f, 'subsidiary')),
    parent: refId(field(f, 'parent')),
    isinactive: flag(field(f, 'isInactive'), 'F'),
  });
}

export function projectSubsidiary(record: SimRecord, store: RecordStore, snapshot: Snapshot): void {
  const f = record.fields;
  snapshot.add('subsidiary', {
    id: record.id,
    name: text(field(f, 'name')),
    fullname: fullName(record, store),
    parent: refId(field(f, 'parent')),
    currency: refId(field(f, 'currency')),
    country: refId(field(f, 'country')),
    isinactive: flag(field(f, 'isInactive'), 'F'),
  });
}

/** Hierarchical name, "Parent : Child", as NetSuite shows nested locations and subsidiaries. */
function fullName(record: SimRecord, store: RecordStore): string | undefined {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let current: SimRecord | undefined = record; current && !seen.has(current.id); ) {
    seen.add(current.id);
    const name = text(field(current.fields, 'name'));
    if (name) names.unshift(name);
    const parent = refId(field(current.fields, 'parent'));
    current = parent === undefined ? undefined : store.get(record.type, parent);
  }
  return names.length ? names.join(' : ') : undefined;
}

export function projectCurrency(record: SimRecord, snapshot: Snapshot): void {
  const f = record.fields;
  snapshot.add('currency', {
    id: record.id,
    name: text(field(f, 'name')),
    symbol: text(field(f, 'symbol')),
    isinactive: flag(field(f, 'isInactive'), 'F'),
  });
}

export function projectAccount(record: SimRecord, snapshot: Snapshot): void {
  const f: Fields = record.fields;
  const number = text(field(f, 'acctNumber'));
  const name = text(field(f, 'acctName')) ?? text(field(f, 'name'));
  snapshot.add('account', {
    id: record.id,
    acctnumber: number,
    fullname: name,
    accountsearchdisplayname: [number, name].filter(Boolean).join(' ') || undefined,
    accttype: refId(field(f, 'acctType')),
    isinactive: flag(field(f, 'isInactive'), 'F'),
  });
}

/**
 * One row per inventory item and location, as the item's `locations` sublist has (spec §7); quantities of a pair the
 * account never stocked are NULL (so omitted from rows). `aggregateitemlocation` exposes the same quantities.
 */
export function projectStock(store: RecordStore, snapshot: Snapshot): void {
  const pairs = new Map<string, { item: string; location: string; level: StockLevel | undefined }>();
  const locations = store.all('location');
  for (const item of store.all('inventoryItem')) {
    for (const location of locations)
      pairs.set(`${item.id}:${location.id}`, { item: item.id, location: location.id, level: undefined });
  }
  for (const [item, byLocation] of store.stock) {
    for (const [location, level] of byLocation) pairs.set(`${item}:${location}`, { item, location, level });
  }
  for (const { item, location, level } of pairs.values()) {
    const row = {
      item,
      location,
      quantityonhand: level?.onHand,
      quantityavailable: level && subtract(level.onHand, level.committed),
      quantitycommitted: level?.committed,
      quantityonorder: level?.onOrder,
      quantitybackordered: level?.backOrdered,
      lastquantityavailablechange: datetime(level?.lastAvailableChange),
    };
    snapshot.add('inventoryitemlocations', row);
    snapshot.add('aggregateitemlocation', { ...row });
  }
}

/** The ledger's lines (netsuite-gl.md); NetSuite leaves the side a line does not post to empty. */
export function projectAccountingLines(store: RecordStore, snapshot: Snapshot): void {
  for (const line of store.gl) {
    const amount = subtract(line.debit, line.credit);
    snapshot.add('transactionaccountingline', {
      transaction: line.transactionId,
      account: line.accountId,
      debit: isZero(line.debit) ? undefined : line.debit,
      credit: isZero(line.credit) ? undefined : line.credit,
      amount,
      netamount: amount,
      posting: 'T',
      accountingbook: '1',
    });
  }
}

const isZero = (decimal: string) => /^[-+]?[0.]*$/.test(decimal);
