import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { type Account, fulfillment, put, ref, salesOrder, seedAccount, suiteql } from './fixtures.ts';

const INVALID_SEARCH = 'Invalid search query. Detailed unprocessed description follows. Search error occurred:';

/** Query shapes the connector does not send: proof that SuiteQL runs as SQL, not by recognising known queries. */
describe('SuiteQL: a real SQL dialect', () => {
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
  const rows = async (q: string, params?: (string | number)[]) => {
    const answer = await suiteql(served, q, params);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body.items as Record<string, unknown>[];
  };

  function threeOrders() {
    const a = salesOrder(store(), account, {
      externalId: 'o-1',
      tranId: 'SO1',
      total: '10.5',
      lastModified: Date.UTC(2025, 2, 1),
    });
    const b = salesOrder(store(), account, {
      externalId: 'o-2',
      tranId: 'SO2',
      total: '20',
      status: 'F',
      lastModified: Date.UTC(2025, 2, 2),
    });
    const c = salesOrder(store(), account, {
      externalId: 'o-3',
      tranId: 'SO3',
      total: '30.25',
      lastModified: Date.UTC(2025, 2, 3),
    });
    return { a, b, c };
  }

  it('aggregates with GROUP BY, HAVING and COUNT, naming unnamed expressions expr1, expr2, …', async () => {
    const { a, b } = threeOrders();
    fulfillment(store(), account, a, { tranId: 'IF1' });
    fulfillment(store(), account, b, { tranId: 'IF2' });
    fulfillment(store(), account, b, { tranId: 'IF3' });

    expect(
      await rows(`SELECT type, COUNT(*) AS n, SUM(foreigntotal) AS total FROM transaction GROUP BY type ORDER BY type`),
    ).toEqual([
      { links: [], type: 'ItemShip', n: '3' },
      { links: [], type: 'SalesOrd', n: '3', total: '60.75' },
    ]);
    expect(
      await rows(`SELECT fl.createdfrom, COUNT(DISTINCT f.id), MIN(f.tranid)
        FROM transaction f JOIN transactionline fl ON fl.transaction = f.id AND fl.mainline = 'T'
        WHERE f.type = 'ItemShip' GROUP BY fl.createdfrom HAVING COUNT(*) > 1`),
    ).toEqual([{ links: [], createdfrom: b.id, expr1: '2', expr2: 'IF2' }]);
  });

  it('LEFT JOIN keeps orders without fulfillments; their NULL columns are omitted', async () => {
    const { a, b, c } = threeOrders();
    const shipped = fulfillment(store(), account, b, { tranId: 'IF1' });
    const items = await rows(`SELECT so.tranid, f.tranid AS fulfillment
      FROM transaction so
      LEFT JOIN transactionline fl ON fl.createdfrom = so.id AND fl.mainline = 'T'
      LEFT JOIN transaction f ON f.id = fl.transaction
      WHERE so.type = 'SalesOrd' ORDER BY so.id`);
    expect(items).toEqual([
      { links: [], tranid: 'SO1' },
      { links: [], tranid: 'SO2', fulfillment: 'IF1' },
      { links: [], tranid: 'SO3' },
    ]);
    expect([a.id, c.id, shipped.id]).toHaveLength(3);
  });

  it('subqueries, EXISTS, ORDER BY … DESC and CASE', async () => {
    const { a, b, c } = threeOrders();
    fulfillment(store(), account, c, { tranId: 'IF1' });
    expect(
      await rows(`SELECT t.id, CASE WHEN t.foreigntotal >= 20 THEN 'big' ELSE 'small' END AS size
        FROM transaction t
        WHERE t.type = 'SalesOrd'
          AND NOT EXISTS (SELECT 1 FROM transactionline l WHERE l.createdfrom = t.id)
          AND t.entity IN (SELECT id FROM customer WHERE email LIKE '%@Example.com')
        ORDER BY t.foreigntotal DESC`),
    ).toEqual([
      { links: [], id: b.id, size: 'big' },
      { links: [], id: a.id, size: 'small' },
    ]);
    expect(
      await rows(`WITH totals AS (SELECT entity, SUM(foreigntotal) AS spent FROM transaction WHERE type = 'SalesOrd' GROUP BY entity)
        SELECT c.entityid, totals.spent FROM totals JOIN customer c ON c.id = totals.entity`),
    ).toEqual([{ links: [], entityid: 'CUST1', spent: '60.75' }]);
  });

  it('WHERE on numbers and dates, with parameters and TO_DATE', async () => {
    threeOrders();
    put(store(), 'salesOrder', {
      entity: ref(account.ada),
      tranId: 'SO9',
      tranDate: '2025-02-01',
      status: { id: 'A' },
      total: '99',
      item: { items: [{ line: 1, item: ref(account.mug), quantity: '7', rate: '1', amount: '7' }] },
    });
    expect(
      await rows(
        `SELECT t.tranid, t.trandate FROM transaction t
         WHERE t.trandate < TO_DATE(?, 'YYYY-MM-DD') AND t.foreigntotal BETWEEN ? AND 100`,
        ['2025-03-01', 50],
      ),
    ).toEqual([{ links: [], tranid: 'SO9', trandate: '2/1/2025' }]);
    expect(
      await rows(`SELECT DISTINCT t.tranid FROM transaction t JOIN transactionline l ON l.transaction = t.id
        WHERE ABS(l.quantity) > 5 AND l.mainline = 'F'`),
    ).toEqual([{ links: [], tranid: 'SO9' }]);
  });

  it('BUILTIN.DF gives display text for statuses, types, references and enumerations', async () => {
    const { a } = threeOrders();
    const shipped = fulfillment(store(), account, a, { tranId: 'IF1' });
    const [order] = await rows(
      `SELECT BUILTIN.DF(t.status) AS status, BUILTIN.DF(t.type) AS type, BUILTIN.DF(t.entity) AS customer,
         BUILTIN.DF(l.item) AS item, BUILTIN.DF(l.location) AS location, BUILTIN.DF(l.itemtype) AS itemtype,
         BUILTIN.DF(l.commitinventory) AS commit, BUILTIN.DF(t.currency) AS currency, BUILTIN.DF(t.tranid) AS tranid
       FROM transaction t JOIN transactionline l ON l.transaction = t.id
       WHERE t.id = ? AND l.id = 2`,
      [a.id],
    );
    expect(order).toEqual({
      links: [],
      status: 'Sales Order : Pending Fulfillment',
      type: 'Sales Order',
      customer: 'Ada Lovelace',
      item: 'SKU-MUG',
      location: 'Main Warehouse : East',
      itemtype: 'Inventory Item',
      commit: 'Available Qty',
      currency: 'USD',
      tranid: 'SO1',
    });
    expect(
      await rows(
        `SELECT BUILTIN.DF(status), BUILTIN.DF(l.createdfrom) AS source FROM transaction
         JOIN transactionline l ON l.transaction = transaction.id AND l.mainline = 'T' WHERE transaction.id = ?`,
        [shipped.id],
      ),
    ).toEqual([{ links: [], expr1: 'Item Fulfillment : Shipped', source: 'Sales Order #SO1' }]);
  });

  it('renders every value as a string: numbers without trailing zeros, T/F, dates in the account format', async () => {
    const { a } = threeOrders();
    const [row] = await rows(
      `SELECT T.TranId AS "TranID", t.foreigntotal * 2 AS doubled, 1.50 AS literal, t.foreigntotal > 10 AS big,
         t.trandate, t.createddate, TO_CHAR(t.createddate, 'YYYY-MM-DD"T"HH24:MI:SS') AS created, t.shipdate,
         NVL(t.memo, 'none') AS memo, t.id
       FROM transaction t WHERE t.id = ?`,
      [Number(a.id)],
    );
    expect(row).toEqual({
      links: [],
      tranid: 'SO1',
      doubled: '21',
      literal: '1.5',
      big: 'T',
      trandate: '3/4/2025',
      createddate: '3/4/2025',
      created: '2025-03-04T12:00:00',
      memo: 'none',
      id: a.id,
    });
  });

  it('SYSDATE is the simulator clock', async () => {
    served.sim.clock.advance(Date.UTC(2031, 0, 1) - Date.now());
    const [row] = await rows(`SELECT TO_CHAR(SYSDATE, 'YYYY') AS year, COUNT(*) AS n FROM transaction
      WHERE createddate < SYSDATE - INTERVAL '1' DAY`);
    expect(row).toEqual({ links: [], year: '2031', n: '0' });
  });

  it('Oracle functions: DECODE, NVL2, TRUNC, ADD_MONTHS, TO_NUMBER, INSTR, SUBSTR, REGEXP_REPLACE', async () => {
    const { a } = threeOrders();
    const [row] = await rows(
      `SELECT DECODE(t.status, 'A', 'approval', 'B', 'fulfil', 'other') AS stage, DECODE(t.status, 'Z', 'zed') AS none,
         NVL2(t.memo, 'memo', 'no memo') AS memo, TO_CHAR(TRUNC(t.createddate), 'YYYY-MM-DD HH24:MI') AS day,
         TO_CHAR(ADD_MONTHS(t.trandate, 1), 'YYYY-MM-DD') AS next, TO_NUMBER('0012.50') + 1 AS n,
         INSTR(t.tranid, 'O') AS o, SUBSTR(t.tranid, 1, 2) AS prefix, REGEXP_REPLACE('a-b-c', '-', '') AS joined
       FROM transaction t WHERE t.id = ?`,
      [a.id],
    );
    expect(row).toEqual({
      links: [],
      stage: 'fulfil',
      memo: 'no memo',
      day: '2025-03-04 00:00',
      next: '2025-04-04',
      n: '13.5',
      o: '2',
      prefix: 'SO',
      joined: 'abc',
    });
  });

  it('ROWNUM limits rows as SuiteQL clients do (there is no LIMIT)', async () => {
    threeOrders();
    expect(
      await rows(`SELECT tranid FROM transaction WHERE type = 'SalesOrd' AND ROWNUM <= 2 ORDER BY tranid DESC`),
    ).toEqual([
      { links: [], tranid: 'SO3' },
      { links: [], tranid: 'SO2' },
    ]);
    expect(
      await rows(`SELECT * FROM (SELECT tranid FROM transaction ORDER BY foreigntotal) WHERE ROWNUM < ?`, [2]),
    ).toEqual([{ links: [], tranid: 'SO1' }]);
    expect(await rows(`SELECT COUNT(*) AS n FROM (SELECT id FROM transaction WHERE ROWNUM = 1)`)).toEqual([
      { links: [], n: '1' },
    ]);
  });

  it('custom body fields are columns', async () => {
    put(store(), 'salesOrder', {
      entity: ref(account.ada),
      tranId: 'SO5',
      custbody_shop_order: '1005',
      custbody_paid: true,
    });
    expect(await rows(`SELECT custbody_shop_order, custbody_paid FROM transaction WHERE tranid = 'SO5'`)).toEqual([
      { links: [], custbody_shop_order: '1005', custbody_paid: 'T' },
    ]);
  });

  it('changes in the store are visible to the next query', async () => {
    const { a, b } = threeOrders();
    const count = async () => (await rows(`SELECT COUNT(*) AS n FROM transaction`))[0]?.n;
    expect(await count()).toBe('3');
    salesOrder(store(), account, { externalId: 'o-4', tranId: 'SO4' });
    expect(await count()).toBe('4');
    store().delete(b.id);
    expect(await count()).toBe('3');
    store().put({ ...a, fields: { ...a.fields, memo: 'edited' } });
    expect(await rows(`SELECT memo FROM transaction WHERE id = ?`, [a.id])).toEqual([{ links: [], memo: 'edited' }]);
  });

  describe('refuses what is not a single SELECT', () => {
    const refused = [
      'DELETE FROM transaction',
      "UPDATE transaction SET memo = 'x'",
      'INSERT INTO customer (id) VALUES (1)',
      'DROP TABLE transaction',
      'CREATE TABLE x (id int)',
      'SELECT id FROM transaction; DELETE FROM transaction',
      'SELECT id FROM transaction;',
      '/* comment */ DELETE FROM transaction',
      'SELECT id FROM transaction -- ;\n; DROP TABLE transaction',
      'WITH gone AS (DELETE FROM transaction RETURNING id) SELECT id FROM gone',
      'SELECT * INTO copy FROM transaction',
      'SELECT id FROM transaction FOR UPDATE',
      'SELECT relname FROM pg_class',
      'SELECT table_name FROM information_schema.tables',
      'SELECT id FROM transaction LIMIT 1',
      'SELECT id::text FROM transaction',
      "SELECT E'\\'' FROM transaction",
      'SELECT $$x$$',
      'SELECT BUILTIN.CONSOLIDATE(foreigntotal) FROM transaction',
      "SELECT set_config('x', 'y', false)",
      "SELECT string_agg(tranid, ',') FROM transaction",
      "SELECT date_trunc('day', createddate) FROM transaction",
      'SELECT SUBSTRING(tranid, 1, 2) FROM transaction',
      'SELECT version()',
      '',
    ];
    it.each(refused)('%s', async (q) => {
      threeOrders();
      const answer = await suiteql(served, q);
      expect(answer.status).toBe(400);
      expect(answer.body['o:errorDetails'][0]).toMatchObject({
        'o:errorCode': 'INVALID_PARAMETER',
        'o:errorQueryParam': 'q',
      });
      expect(answer.body['o:errorDetails'][0].detail).toMatch(/^Invalid search query\. /);
      expect((await rows('SELECT COUNT(*) AS n FROM transaction'))[0]?.n).toBe('3');
    });
  });

  describe('unknown tables and columns', () => {
    it.each([
      ['SELECT id FROM salesorders', 'salesorders'],
      ['SELECT t.subsidiary FROM transaction t', 't.subsidiary'],
      ['SELECT createdfrom FROM transaction', 'createdfrom'],
    ])('%s', async (q, identifier) => {
      const answer = await suiteql(served, q);
      expect(answer.status).toBe(400);
      const [detail] = answer.body['o:errorDetails'];
      expect(detail['o:errorCode']).toBe('INVALID_PARAMETER');
      expect(detail['o:errorQueryParam']).toBe('q');
      expect(detail.detail).toMatch(
        new RegExp(`^${escapeRegExp(INVALID_SEARCH)} Unknown identifier '${escapeRegExp(identifier)}'\\.`),
      );
    });

    it('lists the available identifiers as NetSuite does', async () => {
      const answer = await suiteql(served, 'SELECT subsidiary FROM transaction');
      expect(answer.body['o:errorDetails'][0].detail).toBe(
        `${INVALID_SEARCH} Unknown identifier 'subsidiary'. Available identifiers are: {transaction=transaction}.`,
      );
    });

    it('never shows the engine underneath', async () => {
      for (const q of [
        'SELECT id FROM transaction WHERE id = ?',
        'SELECT nosuchfunction(id) FROM transaction',
        'SELECT id FROM',
      ]) {
        const answer = await suiteql(served, q, q.includes('?') ? ['not a number'] : undefined);
        expect(answer.status).toBe(400);
        expect(answer.body['o:errorDetails'][0].detail).toBe(`${INVALID_SEARCH} Invalid or unsupported search.`);
      }
    });
  });

  describe('request', () => {
    it('requires Prefer: transient', async () => {
      const answer = await suiteql(served, 'SELECT id FROM transaction', undefined, { prefer: null });
      expect(answer.status).toBe(400);
      expect(answer.body['o:errorDetails'][0]).toMatchObject({
        'o:errorCode': 'INVALID_REQUEST',
        'o:errorHeader': 'Prefer',
      });
    });

    it('runs without Prefer when the account is not strict about it', async () => {
      await served.sim.reset({ requireTransient: false });
      const answer = await suiteql(served, 'SELECT COUNT(*) AS n FROM transaction', undefined, { prefer: null });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('preference-applied')).toBeNull();
      expect(answer.body.items).toEqual([{ links: [], n: '0' }]);
    });

    it.each([
      ['not JSON', '{"q": '],
      ['no q', '{"params": []}'],
      ['q not a string', '{"q": 5}'],
      ['params not an array', '{"q": "SELECT 1 AS x FROM transaction", "params": "a"}'],
      ['a param that is an object', '{"q": "SELECT id FROM transaction WHERE id = ?", "params": [{"id": 1}]}'],
    ])('refuses a body with %s', async (_, body) => {
      const response = await served.ns('/services/rest/query/v1/suiteql', {
        method: 'POST',
        body,
        headers: { prefer: 'transient', 'content-type': 'application/json' },
      });
      expect(response.status).toBe(400);
      const error = (await response.json()) as { 'o:errorDetails': { 'o:errorCode': string }[] };
      expect(error['o:errorDetails'][0]?.['o:errorCode']).toBe('INVALID_REQUEST');
    });

    it('needs exactly one value per ?, and ? inside a string literal is text', async () => {
      threeOrders();
      expect((await suiteql(served, 'SELECT id FROM transaction WHERE id = ?')).status).toBe(400);
      expect((await suiteql(served, 'SELECT id FROM transaction', ['1'])).status).toBe(400);
      expect(await rows(`SELECT COUNT(*) AS n FROM transaction WHERE tranid <> '?' AND tranid = ?`, ['SO2'])).toEqual([
        { links: [], n: '1' },
      ]);
    });
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
