import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { type Account, fulfillment, put, ref, salesOrder, seedAccount, stock, suiteql } from './fixtures.ts';

/** The connector's queries of spec §6.4, sent verbatim. */
describe('SuiteQL: the connector polling queries (spec §6.4)', () => {
  let served: ServedSimulator;
  let account: Account;

  beforeAll(async () => {
    served = await startSimulator();
  });
  afterAll(() => served.close());
  beforeEach(async () => {
    await served.sim.reset();
    account = seedAccount(served.sim.store);
  });

  const store = () => served.sim.store;

  it('sales orders changed since a watermark, with the main line subsidiary and location', async () => {
    const early = salesOrder(store(), account, {
      externalId: 'shop1-order-1',
      tranId: 'SO1',
      lastModified: Date.UTC(2025, 2, 3, 23, 59, 59),
    });
    const second = salesOrder(store(), account, {
      externalId: 'shop1-order-3',
      tranId: 'SO3',
      status: 'D',
      lastModified: Date.UTC(2025, 2, 4, 9, 0, 0),
    });
    const first = salesOrder(store(), account, {
      externalId: 'shop1-order-2',
      tranId: 'SO2',
      lastModified: Date.UTC(2025, 2, 4, 8, 30, 15),
    });
    fulfillment(store(), account, first, { tranId: 'IF1', lastModified: Date.UTC(2025, 2, 5) });

    const answer = await suiteql(
      served,
      `SELECT t.id, t.tranid, t.externalid, t.status, BUILTIN.DF(t.status) AS statuslabel,
       TO_CHAR(t.lastmodifieddate,'YYYY-MM-DD HH24:MI:SS') AS lastmodified, tl.subsidiary, tl.location
FROM transaction t
JOIN transactionline tl ON tl.transaction = t.id AND tl.mainline = 'T'
WHERE t.type = 'SalesOrd'
  AND t.lastmodifieddate > TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS')
ORDER BY t.lastmodifieddate, t.id`,
      ['2025-03-04 00:00:00'],
    );

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe(
      'application/vnd.oracle.resource+json; type=collection; charset=UTF-8',
    );
    expect(answer.headers.get('preference-applied')).toBe('transient');
    expect(answer.body).toMatchObject({ count: 2, hasMore: false, offset: 0, totalResults: 2 });
    expect(answer.body.items).toEqual([
      {
        links: [],
        id: first.id,
        tranid: 'SO2',
        externalid: 'shop1-order-2',
        status: 'B',
        statuslabel: 'Sales Order : Pending Fulfillment',
        lastmodified: '2025-03-04 08:30:15',
        subsidiary: account.subsidiary.id,
        location: account.main.id,
      },
      {
        links: [],
        id: second.id,
        tranid: 'SO3',
        externalid: 'shop1-order-3',
        status: 'D',
        statuslabel: 'Sales Order : Partially Fulfilled',
        lastmodified: '2025-03-04 09:00:00',
        subsidiary: account.subsidiary.id,
        location: account.main.id,
      },
    ]);
    expect(answer.body.items.map((row: { id: string }) => row.id)).not.toContain(early.id);
  });

  it('item fulfillments with the order they came from and positive quantities', async () => {
    const order = salesOrder(store(), account, { externalId: 'shop1-order-1', tranId: 'SO1' });
    const shipped = fulfillment(store(), account, order, { tranId: 'IF7', lastModified: Date.UTC(2025, 2, 5, 10) });
    fulfillment(store(), account, order, { tranId: 'IF0', lastModified: Date.UTC(2025, 2, 1) });

    const answer = await suiteql(
      served,
      `SELECT f.id AS fulfillmentid, f.tranid, f.status AS shipstatus, fl.createdfrom AS salesorderid,
       fl.item, ABS(fl.quantity) AS qty, fl.location,
       TO_CHAR(f.lastmodifieddate,'YYYY-MM-DD HH24:MI:SS') AS lastmodified
FROM transaction f
JOIN transactionline fl ON fl.transaction = f.id AND fl.mainline = 'F'
WHERE f.type = 'ItemShip' AND f.lastmodifieddate > TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS')`,
      ['2025-03-04 00:00:00'],
    );

    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      {
        links: [],
        fulfillmentid: shipped.id,
        tranid: 'IF7',
        shipstatus: 'C',
        salesorderid: order.id,
        item: account.shirt.id,
        qty: '2',
        location: account.main.id,
        lastmodified: '2025-03-05 10:00:00',
      },
    ]);
  });

  it('tracking numbers of a set of fulfillments', async () => {
    const order = salesOrder(store(), account, { externalId: 'shop1-order-1', tranId: 'SO1' });
    const one = fulfillment(store(), account, order, { tranId: 'IF1', tracking: ['1Z001', '1Z002'] });
    const two = fulfillment(store(), account, order, { tranId: 'IF2', tracking: ['9400111'] });
    const untracked = fulfillment(store(), account, order, { tranId: 'IF3' });
    const other = fulfillment(store(), account, order, { tranId: 'IF4', tracking: ['NOT-ASKED'] });

    const answer = await suiteql(
      served,
      `SELECT tnm.transaction AS fulfillmentid, tn.trackingnumber
FROM trackingnumbermap tnm JOIN trackingnumber tn ON tn.id = tnm.trackingnumber
WHERE tnm.transaction IN (?, ?, ?)`,
      [one.id, two.id, untracked.id],
    );

    expect(answer.status).toBe(200);
    const pairs = answer.body.items.map((row: Record<string, string>) => [row.fulfillmentid, row.trackingnumber]);
    expect(pairs.sort()).toEqual(
      [
        [one.id, '1Z001'],
        [one.id, '1Z002'],
        [two.id, '9400111'],
      ].sort(),
    );
    expect(JSON.stringify(answer.body)).not.toContain(other.id);
  });

  it('inventory by location; quantities a location never stocked are NULL and so omitted', async () => {
    stock(store(), account.shirt, account.main, {
      onHand: '10',
      committed: '2',
      backOrdered: '1',
      onOrder: '5',
      at: Date.UTC(2025, 2, 4, 7, 6, 5),
    });
    stock(store(), account.mug, account.east, { onHand: '3.5' });

    const answer = await suiteql(
      served,
      `SELECT iil.item, i.itemid AS sku, iil.location, iil.quantityonhand, iil.quantityavailable,
       iil.quantitycommitted, iil.quantityonorder, iil.quantitybackordered, iil.quantityintransit,
       TO_CHAR(iil.lastquantityavailablechange,'YYYY-MM-DD HH24:MI:SS') AS qtychanged
FROM inventoryitemlocations iil JOIN item i ON i.id = iil.item
WHERE i.itemtype = 'InvtPart' AND iil.location IN (?, ?)`,
      [account.main.id, account.east.id],
    );

    expect(answer.status).toBe(200);
    const byPair = new Map(answer.body.items.map((row: Record<string, string>) => [`${row.sku}@${row.location}`, row]));
    expect(byPair.size).toBe(4);
    expect(byPair.get(`SKU-RED-M@${account.main.id}`)).toEqual({
      links: [],
      item: account.shirt.id,
      sku: 'SKU-RED-M',
      location: account.main.id,
      quantityonhand: '10',
      quantityavailable: '8',
      quantitycommitted: '2',
      quantityonorder: '5',
      quantitybackordered: '1',
      qtychanged: '2025-03-04 07:06:05',
    });
    expect(byPair.get(`SKU-MUG@${account.east.id}`)).toMatchObject({ quantityonhand: '3.5', quantityavailable: '3.5' });
    expect(byPair.get(`SKU-RED-M@${account.east.id}`)).toEqual({
      links: [],
      item: account.shirt.id,
      sku: 'SKU-RED-M',
      location: account.east.id,
    });
  });

  it('SKU lookup and base price', async () => {
    const lookup = await suiteql(
      served,
      `SELECT id, itemid, externalid, displayname, itemtype, isinactive, upccode,
       TO_CHAR(lastmodifieddate,'YYYY-MM-DD HH24:MI:SS') AS lastmodified
FROM item WHERE itemid = ?`,
      ['SKU-RED-M'],
    );
    expect(lookup.body.items).toEqual([
      {
        links: [],
        id: account.shirt.id,
        itemid: 'SKU-RED-M',
        externalid: 'shop1-item-55',
        displayname: 'Red shirt M',
        itemtype: 'InvtPart',
        isinactive: 'F',
        upccode: '0001',
        lastmodified: '2025-03-04 12:00:00',
      },
    ]);

    const price = await suiteql(
      served,
      'SELECT item, pricelevel, quantity, saleunit, unitprice FROM pricing WHERE item = ? AND pricelevel = 1',
      [account.shirt.id],
    );
    expect(price.body.items).toEqual([{ links: [], item: account.shirt.id, pricelevel: '1', unitprice: '19.99' }]);
  });

  it("items' income accounts, where billing credits their revenue (REST incomeAccount)", async () => {
    const sales = put(store(), 'account', { acctNumber: '4010', acctName: 'Merchandise Sales' });
    const posters = put(store(), 'inventoryItem', { itemId: 'POSTER', incomeAccount: ref(sales) });
    const answer = await suiteql(served, 'SELECT id, incomeaccount FROM item WHERE id IN (?, ?) ORDER BY id', [
      account.shirt.id,
      posters.id,
    ]);
    // An item without one has the column NULL, so absent from its row.
    expect(answer.body.items).toEqual([
      { links: [], id: account.shirt.id },
      { links: [], id: posters.id, incomeaccount: sales.id },
    ]);
  });

  it('customer by e-mail, case-insensitively, active ones only, in id order', async () => {
    const company = put(store(), 'customer', {
      entityId: 'CUST2',
      isPerson: false,
      companyName: 'Analytical Engines Ltd',
      email: 'ada@example.COM',
      isInactive: false,
    });
    put(store(), 'customer', {
      entityId: 'CUST3',
      isPerson: true,
      firstName: 'Old',
      email: 'ada@example.com',
      isInactive: true,
    });
    put(store(), 'customer', { entityId: 'CUST4', isPerson: true, firstName: 'Bob', email: 'bob@example.com' });

    const answer = await suiteql(
      served,
      `SELECT id, entityid, externalid, email, isperson, firstname, lastname, companyname
FROM customer WHERE LOWER(email) = LOWER(?) AND isinactive = 'F' ORDER BY id`,
      ['ADA@example.com'],
    );

    expect(answer.body.items).toEqual([
      {
        links: [],
        id: account.ada.id,
        entityid: 'CUST1',
        externalid: 'shop1-customer-7001',
        email: 'Ada@Example.com',
        isperson: 'T',
        firstname: 'Ada',
        lastname: 'Lovelace',
      },
      {
        links: [],
        id: company.id,
        entityid: 'CUST2',
        email: 'ada@example.COM',
        isperson: 'F',
        companyname: 'Analytical Engines Ltd',
      },
    ]);
  });

  it('invoices and credit memos with the document they were created from', async () => {
    const order = salesOrder(store(), account, { externalId: 'shop1-order-1', tranId: 'SO1' });
    const line = { line: 1, orderLine: 1, item: ref(account.shirt), quantity: '2', rate: '19.99', amount: '39.98' };
    const invoice = put(
      store(),
      'invoice',
      {
        createdFrom: ref(order),
        entity: ref(account.ada),
        tranId: 'INV1',
        status: { id: 'A' },
        total: '39.98',
        item: { items: [line] },
      },
      { externalId: 'WOO_INV_1_1' },
    );
    const credit = put(store(), 'creditMemo', {
      createdFrom: ref(invoice),
      entity: ref(account.ada),
      tranId: 'CM1',
      status: { id: 'B' },
      total: '19.99',
      item: { items: [{ line: 1, item: ref(account.shirt), quantity: '1', rate: '19.99', amount: '19.99' }] },
      apply: { items: [{ doc: ref(invoice), apply: true, amount: '19.99' }] },
    });

    const answer = await suiteql(
      served,
      `SELECT t.id, t.type, t.tranid, BUILTIN.DF(t.status) AS statuslabel, tl.createdfrom, tl.quantity, tl.foreignamount
FROM transaction t JOIN transactionline tl ON tl.transaction = t.id AND tl.mainline = 'F'
WHERE t.type IN ('CustInvc','CustCred') ORDER BY t.id`,
    );
    expect(answer.body.items).toEqual([
      {
        links: [],
        id: invoice.id,
        type: 'CustInvc',
        tranid: 'INV1',
        statuslabel: 'Invoice : Open',
        createdfrom: order.id,
        quantity: '-2',
        foreignamount: '-39.98',
      },
      {
        links: [],
        id: credit.id,
        type: 'CustCred',
        tranid: 'CM1',
        statuslabel: 'Credit Memo : Fully Applied',
        createdfrom: invoice.id,
        quantity: '1',
        foreignamount: '19.99',
      },
    ]);

    const links = await suiteql(
      served,
      `SELECT previousdoc, previousline, nextdoc, nextline, linktype, foreignamount
FROM previoustransactionlinelink WHERE previousdoc IN (?, ?) ORDER BY nextdoc`,
      [order.id, invoice.id],
    );
    expect(links.body.items).toEqual([
      {
        links: [],
        previousdoc: order.id,
        previousline: '1',
        nextdoc: invoice.id,
        nextline: '1',
        linktype: 'OrdBill',
        foreignamount: '39.98',
      },
      {
        links: [],
        previousdoc: invoice.id,
        previousline: '0',
        nextdoc: credit.id,
        nextline: '0',
        linktype: 'Payment',
        foreignamount: '19.99',
      },
    ]);
  });

  it('links each fulfillment line to its order line (ShipRcpt) and lists packages', async () => {
    const order = salesOrder(store(), account, { externalId: 'shop1-order-1', tranId: 'SO1' });
    const shipped = fulfillment(store(), account, order, { tranId: 'IF1', tracking: ['1Z001'] });

    const links = await suiteql(
      served,
      `SELECT l.previousline, l.nextdoc, l.linktype, BUILTIN.DF(l.previousdoc) AS orderlabel
FROM previoustransactionlinelink l WHERE l.previousdoc = ?`,
      [order.id],
    );
    expect(links.body.items).toEqual([
      { links: [], previousline: '1', nextdoc: shipped.id, linktype: 'ShipRcpt', orderlabel: 'Sales Order #SO1' },
    ]);

    const packages = await suiteql(
      served,
      'SELECT itemfulfillment, packageweight, packagedescr, packagetrackingnumber FROM itemfulfillmentpackage',
    );
    expect(packages.body.items).toEqual([
      {
        links: [],
        itemfulfillment: shipped.id,
        packageweight: '1.5',
        packagedescr: 'Box',
        packagetrackingnumber: '1Z001',
      },
    ]);
  });
});
