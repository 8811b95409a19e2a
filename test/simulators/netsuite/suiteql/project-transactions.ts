import { RECORD_TYPES, type RecordType } from '../record-types.ts';
import type { RecordStore, SimRecord } from '../store.ts';
import { customFields, date, datetime, type Fields, field, flag, lines, negate, refId, text } from './normal-form.ts';
import type { Snapshot } from './snapshot.ts';

/** Sales-side transactions store item-line quantities and amounts negative (spec §6.3). */
const SALES_SIDE = new Set(['SalesOrd', 'CustInvc', 'ItemShip', 'CashSale']);
/** Their mirror images store the main line negative and item lines positive. */
const REVERSALS = new Set(['CustCred', 'CashRfnd']);

/** Line links created by transforming one transaction into another (spec §6.4 `PreviousTransactionLineLink`). */
const TRANSFORM_LINK: Record<string, string> = {
  'SalesOrd>ItemShip': 'ShipRcpt',
  'SalesOrd>CustInvc': 'OrdBill',
  'SalesOrd>CashSale': 'OrdBill',
};

export function suiteqlType(type: RecordType): string | undefined {
  const definition = RECORD_TYPES[type];
  return 'suiteqlType' in definition ? definition.suiteqlType : undefined;
}

/** One transaction's rows: its header, its main line and item (or journal) lines, links and packages. */
export function projectTransaction(record: SimRecord, store: RecordStore, snapshot: Snapshot): void {
  const type = suiteqlType(record.type);
  if (!type) return;
  const f = record.fields;
  const total = text(field(f, 'total')) ?? text(field(f, 'payment'));
  snapshot.add(
    'transaction',
    {
      id: record.id,
      tranid: text(field(f, 'tranId')),
      trandate: date(field(f, 'tranDate')),
      type,
      recordtype: record.type.toLowerCase(),
      status: refId(field(f, 'status')) ?? fallbackStatus(f, type),
      entity: entityOf(f),
      externalid: record.externalId,
      otherrefnum: text(field(f, 'otherRefNum')),
      memo: text(field(f, 'memo')),
      currency: refId(field(f, 'currency')),
      foreigntotal: total,
      createddate: datetime(record.createdAt),
      lastmodifieddate: datetime(record.lastModified),
      shipdate: date(field(f, 'shipDate')),
      duedate: date(field(f, 'dueDate')),
    },
    customFields(f, 'custbody'),
  );

  const header = {
    transaction: record.id,
    subsidiary: refId(field(f, 'subsidiary')),
    location: refId(field(f, 'location')),
    department: refId(field(f, 'department')),
    class: refId(field(f, 'class')),
    entity: entityOf(f),
    createdfrom: refId(field(f, 'createdFrom')),
    taxline: 'F',
    linelastmodifieddate: datetime(record.lastModified),
  };
  const mainAmount = type === 'Journal' ? undefined : REVERSALS.has(type) ? negate(total) : total;
  snapshot.add('transactionline', {
    ...header,
    id: '0',
    linesequencenumber: '0',
    uniquekey: uniqueKey(record.id, 0),
    mainline: 'T',
    isclosed: 'F',
    netamount: mainAmount,
    foreignamount: mainAmount,
    memo: text(field(f, 'memo')),
  });

  const sublist = lines(field(f, record.type === 'journalEntry' ? 'line' : 'item'));
  sublist.forEach((line, index) => {
    if (type === 'ItemShip' && flag(field(line, 'itemReceive')) === 'F') return;
    const lineId = Number(text(field(line, 'line')) ?? index + 1);
    const signed = (value: string | undefined) => (SALES_SIDE.has(type) ? negate(value) : value);
    const amount =
      type === 'Journal' ? journalAmount(line) : type === 'ItemShip' ? undefined : text(field(line, 'amount'));
    const itemId = refId(field(line, 'item'));
    snapshot.add(
      'transactionline',
      {
        ...header,
        id: String(lineId),
        linesequencenumber: String(index + 1),
        uniquekey: uniqueKey(record.id, lineId),
        mainline: 'F',
        item: itemId,
        itemtype: itemId ? itemTypeOf(store, itemId) : undefined,
        quantity: signed(text(field(line, 'quantity'))),
        quantityshiprecv: type === 'SalesOrd' ? text(field(line, 'quantityFulfilled')) : undefined,
        quantitybilled: type === 'SalesOrd' ? text(field(line, 'quantityBilled')) : undefined,
        rate: text(field(line, 'rate')),
        netamount: signed(amount),
        foreignamount: signed(amount),
        location: refId(field(line, 'location')) ?? refId(field(line, 'inventoryLocation')) ?? header.location,
        department: refId(field(line, 'department')) ?? header.department,
        class: refId(field(line, 'class')) ?? header.class,
        entity: refId(field(line, 'entity')) ?? header.entity,
        isclosed: flag(field(line, 'isClosed'), 'F'),
        commitinventory: type === 'SalesOrd' ? refId(field(line, 'commitInventory')) : undefined,
        memo: text(field(line, 'description')) ?? text(field(line, 'memo')),
      },
      customFields(line, 'custcol'),
    );
  });

  projectLinks(record, type, store, snapshot);
  if (type === 'ItemShip') projectPackages(record, snapshot);
}

/** Payments name their customer `customer`; sales name it `entity`. */
const entityOf = (f: Fields) => refId(field(f, 'entity')) ?? refId(field(f, 'customer'));

/** Until the record service computes `status`, the enumeration the client set is the best letter available. */
function fallbackStatus(f: Fields, type: string): string | undefined {
  if (type === 'SalesOrd') return refId(field(f, 'orderStatus'));
  if (type === 'ItemShip') return refId(field(f, 'shipStatus'));
  return undefined;
}

/** Debits positive, credits negative. */
function journalAmount(line: Fields): string | undefined {
  return text(field(line, 'debit')) ?? negate(text(field(line, 'credit')));
}

/** NetSuite's `uniquekey` is unique across all lines of the account; derived so it stays stable between loads. */
const uniqueKey = (transactionId: string, lineId: number) => String(Number(transactionId) * 1000 + lineId);

function itemTypeOf(store: RecordStore, itemId: string): string | undefined {
  const item = store.getAny(itemId);
  const definition = item && RECORD_TYPES[item.type];
  return definition && 'suiteqlItemType' in definition ? definition.suiteqlItemType : undefined;
}

function projectLinks(record: SimRecord, type: string, store: RecordStore, snapshot: Snapshot): void {
  const f = record.fields;
  const link = (previous: SimRecord, previousLine: string, nextLine: string, linktype: string, amount?: string) =>
    snapshot.add('previoustransactionlinelink', {
      previousdoc: previous.id,
      previousline: previousLine,
      previoustype: suiteqlType(previous.type),
      nextdoc: record.id,
      nextline: nextLine,
      nexttype: type,
      linktype,
      foreignamount: amount?.replace(/^-/, ''),
    });

  const source = sourceRecord(store, refId(field(f, 'createdFrom')));
  const transformLink = source && TRANSFORM_LINK[`${suiteqlType(source.type)}>${type}`];
  if (source && transformLink) {
    lines(field(f, 'item')).forEach((line, index) => {
      const orderLine = text(field(line, 'orderLine'));
      if (!orderLine || (type === 'ItemShip' && flag(field(line, 'itemReceive')) === 'F')) return;
      link(
        source,
        orderLine,
        text(field(line, 'line')) ?? String(index + 1),
        transformLink,
        text(field(line, 'amount')),
      );
    });
  }

  const order = type === 'CustDep' ? sourceRecord(store, refId(field(f, 'salesOrder'))) : undefined;
  if (order) link(order, '0', '0', 'OrdDep', text(field(f, 'payment')));

  const deposit = type === 'DepAppl' ? sourceRecord(store, refId(field(f, 'deposit'))) : undefined;
  if (deposit) link(deposit, '0', '0', 'DepAppl', text(field(f, 'total')));

  for (const applied of lines(field(f, 'apply'))) {
    const doc = sourceRecord(store, refId(field(applied, 'doc')));
    if (doc && flag(field(applied, 'apply'), 'T') === 'T')
      link(doc, '0', '0', 'Payment', text(field(applied, 'amount')));
  }
}

function sourceRecord(store: RecordStore, id: string | undefined): SimRecord | undefined {
  return id === undefined ? undefined : store.getAny(id);
}

/**
 * Package lines of the generic `package` sublist and the carrier ones (`packageUps`, …, spec §3.12) whose field
 * names are suffixed variants: each package with a tracking number also becomes a `trackingnumber` row.
 */
function projectPackages(record: SimRecord, snapshot: Snapshot): void {
  const packages = Object.keys(record.fields)
    .filter((name) => /^package/i.test(name))
    .flatMap((name) => lines(record.fields[name]));
  packages.forEach((pkg, index) => {
    const id = String(Number(record.id) * 1000 + index + 1);
    const tracking = text(matching(pkg, /^packagetrackingnumber(?!return)/i));
    snapshot.add('itemfulfillmentpackage', {
      id,
      itemfulfillment: record.id,
      packageweight: text(matching(pkg, /^packageweight/i)),
      packagedescr: text(matching(pkg, /^packagedescr/i)),
      packagetrackingnumber: tracking,
    });
    if (!tracking) return;
    snapshot.add('trackingnumber', { id, trackingnumber: tracking });
    snapshot.add('trackingnumbermap', { transaction: record.id, trackingnumber: id });
  });
}

function matching(fields: Fields, name: RegExp): unknown {
  const key = Object.keys(fields).find((candidate) => name.test(candidate));
  return key === undefined ? undefined : fields[key];
}
