/**
 * The tables SuiteQL exposes, with NetSuite's names and columns (spec §6.2–§6.4, §7). Only what the spec documents is
 * here: a column NetSuite does not have must fail as it would (e.g. `transaction.subsidiary`, `transaction.createdfrom`
 * — spec §6.2 says to use `transactionline` instead).
 */
export type ColumnType = 'id' | 'text' | 'number' | 'date' | 'datetime' | 'flag';

export interface TableDefinition {
  name: string;
  columns: Record<string, ColumnType>;
  /** Custom fields (`custbody_…`) found on the records become extra text columns. */
  customPrefix?: string;
}

/** A row as loaded: column → text value; absent or null is SQL NULL. */
export type Row = Record<string, string | null | undefined>;

const SQL_TYPE: Record<ColumnType, string> = {
  id: 'bigint',
  text: 'text',
  number: 'numeric',
  date: 'date',
  datetime: 'timestamp',
  // NetSuite's check boxes are the characters T and F, compared as text (`mainline = 'T'`).
  flag: 'text',
};

const STOCK_COLUMNS = {
  item: 'id',
  location: 'id',
  quantityonhand: 'number',
  quantityavailable: 'number',
  quantitycommitted: 'number',
  quantityonorder: 'number',
  quantitybackordered: 'number',
  quantityintransit: 'number',
  lastquantityavailablechange: 'datetime',
} as const;

export const TABLES: TableDefinition[] = [
  {
    name: 'transaction',
    customPrefix: 'custbody',
    columns: {
      id: 'id',
      tranid: 'text',
      trandate: 'date',
      type: 'text',
      recordtype: 'text',
      status: 'text',
      entity: 'id',
      externalid: 'text',
      otherrefnum: 'text',
      memo: 'text',
      currency: 'id',
      foreigntotal: 'number',
      createddate: 'datetime',
      lastmodifieddate: 'datetime',
      shipdate: 'date',
      duedate: 'date',
    },
  },
  {
    name: 'transactionline',
    customPrefix: 'custcol',
    columns: {
      transaction: 'id',
      id: 'id',
      linesequencenumber: 'id',
      uniquekey: 'id',
      mainline: 'flag',
      taxline: 'flag',
      item: 'id',
      itemtype: 'text',
      quantity: 'number',
      quantityshiprecv: 'number',
      quantitybilled: 'number',
      rate: 'number',
      netamount: 'number',
      foreignamount: 'number',
      location: 'id',
      subsidiary: 'id',
      department: 'id',
      class: 'id',
      entity: 'id',
      createdfrom: 'id',
      isclosed: 'flag',
      commitinventory: 'id',
      memo: 'text',
      linelastmodifieddate: 'datetime',
    },
  },
  {
    name: 'item',
    customPrefix: 'custitem',
    columns: {
      id: 'id',
      itemid: 'text',
      externalid: 'text',
      displayname: 'text',
      description: 'text',
      itemtype: 'text',
      isinactive: 'flag',
      upccode: 'text',
      incomeaccount: 'id',
      createddate: 'datetime',
      lastmodifieddate: 'datetime',
    },
  },
  {
    name: 'customer',
    customPrefix: 'custentity',
    columns: {
      id: 'id',
      entityid: 'text',
      externalid: 'text',
      email: 'text',
      phone: 'text',
      isperson: 'flag',
      firstname: 'text',
      lastname: 'text',
      companyname: 'text',
      isinactive: 'flag',
      subsidiary: 'id',
      currency: 'id',
      datecreated: 'datetime',
      lastmodifieddate: 'datetime',
    },
  },
  {
    name: 'location',
    columns: { id: 'id', name: 'text', fullname: 'text', subsidiary: 'id', parent: 'id', isinactive: 'flag' },
  },
  {
    name: 'subsidiary',
    columns: {
      id: 'id',
      name: 'text',
      fullname: 'text',
      parent: 'id',
      currency: 'id',
      country: 'text',
      isinactive: 'flag',
    },
  },
  { name: 'currency', columns: { id: 'id', name: 'text', symbol: 'text', isinactive: 'flag' } },
  {
    name: 'account',
    columns: {
      id: 'id',
      acctnumber: 'text',
      fullname: 'text',
      accountsearchdisplayname: 'text',
      accttype: 'text',
      isinactive: 'flag',
    },
  },
  { name: 'inventoryitemlocations', columns: STOCK_COLUMNS },
  { name: 'aggregateitemlocation', columns: { ...STOCK_COLUMNS, onhandvaluemli: 'number' } },
  {
    name: 'previoustransactionlinelink',
    columns: {
      previousdoc: 'id',
      previousline: 'id',
      previoustype: 'text',
      nextdoc: 'id',
      nextline: 'id',
      nexttype: 'text',
      linktype: 'text',
      foreignamount: 'number',
    },
  },
  { name: 'trackingnumber', columns: { id: 'id', trackingnumber: 'text' } },
  { name: 'trackingnumbermap', columns: { transaction: 'id', trackingnumber: 'id' } },
  {
    name: 'itemfulfillmentpackage',
    columns: {
      id: 'id',
      itemfulfillment: 'id',
      packageweight: 'number',
      packagedescr: 'text',
      packagetrackingnumber: 'text',
    },
  },
  {
    name: 'pricing',
    columns: { item: 'id', pricelevel: 'id', quantity: 'number', saleunit: 'id', unitprice: 'number', currency: 'id' },
  },
  {
    name: 'transactionaccountingline',
    columns: {
      transaction: 'id',
      account: 'id',
      debit: 'number',
      credit: 'number',
      amount: 'number',
      netamount: 'number',
      posting: 'flag',
      accountingbook: 'id',
    },
  },
];

export function createTableSql(table: TableDefinition, customColumns: readonly string[]): string {
  const columns = [
    ...Object.entries(table.columns).map(([name, type]) => `${quote(name)} ${SQL_TYPE[type]}`),
    ...customColumns.map((name) => `${quote(name)} text`),
  ];
  return `CREATE TABLE public.${quote(table.name)} (${columns.join(', ')})`;
}

export const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

const VALID: Record<ColumnType, RegExp | undefined> = {
  id: /^-?\d{1,18}$/,
  text: undefined,
  number: /^[-+]?(\d+\.?\d*|\.\d+)$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
  flag: /^[TF]$/,
};

/**
 * The row with values its column types cannot hold left NULL: one malformed value in the store (a reference to a list
 * the simulator does not keep, say) must not make every query fail.
 */
export function conform(table: TableDefinition, row: Row): Row {
  const conformed: Row = { ...row };
  for (const [column, type] of Object.entries(table.columns)) {
    const value = row[column];
    const pattern = VALID[type];
    if (value != null && pattern && !pattern.test(value)) conformed[column] = null;
  }
  return conformed;
}
