import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { salesOrder, seedAccount, suiteql } from './fixtures.ts';

const ORDERS = 2500;
const QUERY = "SELECT id, tranid FROM transaction WHERE type = 'SalesOrd' ORDER BY id";

describe('SuiteQL paging (spec §6.1, §3.6)', () => {
  let served: ServedSimulator;
  let base: string;

  beforeAll(async () => {
    served = await startSimulator();
    base = `${served.url}/services/rest/query/v1/suiteql`;
    const account = seedAccount(served.sim.store);
    for (let n = 1; n <= ORDERS; n++) {
      salesOrder(served.sim.store, account, { externalId: `shop1-order-${n}`, tranId: `SO${n}` });
    }
  });
  afterAll(() => served.close());

  const page = (query: string) => suiteql(served, QUERY, undefined, { query });
  const rels = (links: { rel: string; href: string }[]) =>
    Object.fromEntries(links.map((link) => [link.rel, link.href]));

  it(`pages ${ORDERS} rows 1000 at a time, with hasMore, totalResults and links`, async () => {
    const first = await page('?limit=1000');
    const second = await page('?limit=1000&offset=1000');
    const third = await page('?limit=1000&offset=2000');

    expect(first.body).toMatchObject({ count: 1000, hasMore: true, offset: 0, totalResults: ORDERS });
    expect(second.body).toMatchObject({ count: 1000, hasMore: true, offset: 1000, totalResults: ORDERS });
    expect(third.body).toMatchObject({ count: 500, hasMore: false, offset: 2000, totalResults: ORDERS });

    expect(rels(first.body.links)).toEqual({
      next: `${base}?limit=1000&offset=1000`,
      last: `${base}?limit=1000&offset=2000`,
      self: `${base}?limit=1000&offset=0`,
    });
    expect(rels(second.body.links)).toEqual({
      first: `${base}?limit=1000&offset=0`,
      prev: `${base}?limit=1000&offset=0`,
      next: `${base}?limit=1000&offset=2000`,
      last: `${base}?limit=1000&offset=2000`,
      self: `${base}?limit=1000&offset=1000`,
    });
    expect(rels(third.body.links)).toEqual({
      first: `${base}?limit=1000&offset=0`,
      prev: `${base}?limit=1000&offset=1000`,
      self: `${base}?limit=1000&offset=2000`,
    });

    const ids = [...first.body.items, ...second.body.items, ...third.body.items].map((row: { id: string }) => row.id);
    expect(new Set(ids).size).toBe(ORDERS);
    expect(ids).toEqual([...ids].sort((a, b) => Number(a) - Number(b)));
    expect(third.body.items.at(-1)).toMatchObject({ links: [], tranid: `SO${ORDERS}` });
  });

  it('defaults to 1000 rows from offset 0', async () => {
    const answer = await page('');
    expect(answer.body).toMatchObject({ count: 1000, hasMore: true, offset: 0, totalResults: ORDERS });
    expect(rels(answer.body.links).self).toBe(`${base}?limit=1000&offset=0`);
  });

  it('follows links to the end', async () => {
    let next: string | undefined = '?limit=700';
    const seen: string[] = [];
    while (next) {
      const answer = await page(next);
      seen.push(...answer.body.items.map((row: { id: string }) => row.id));
      const href: string | undefined = rels(answer.body.links).next;
      next = href?.slice(base.length);
    }
    expect(seen).toHaveLength(ORDERS);
  });

  it.each([
    ['?limit=1001', 'limit'],
    ['?limit=0', 'limit'],
    ['?limit=ten', 'limit'],
    ['?offset=-5', 'offset'],
    ['?limit=1000&offset=500', 'offset'],
  ])('refuses %s', async (query, parameter) => {
    const answer = await page(query);
    expect(answer.status).toBe(400);
    expect(answer.body['o:errorDetails'][0]).toMatchObject({
      'o:errorCode': 'INVALID_PARAMETER',
      'o:errorQueryParam': parameter,
    });
  });

  it('answers an empty page past the last row', async () => {
    const answer = await page('?limit=1000&offset=3000');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ count: 0, hasMore: false, items: [], totalResults: ORDERS });
  });

  it('allows any offset when the engine is told NetSuite does not insist on alignment', async () => {
    served.sim.suiteql.requireAlignedOffset = false;
    try {
      const answer = await page('?limit=1000&offset=2499');
      expect(answer.body).toMatchObject({ count: 1, hasMore: false, offset: 2499 });
    } finally {
      served.sim.suiteql.requireAlignedOffset = true;
    }
  });

  it('stops at the result cap: rows past it cannot be paged to', async () => {
    served.sim.suiteql.maxResults = 1500;
    try {
      const last = await page('?limit=500&offset=1000');
      expect(last.body).toMatchObject({ count: 500, hasMore: true, totalResults: ORDERS });
      expect(rels(last.body.links).last).toBe(`${base}?limit=500&offset=1000`);
      const beyond = await page('?limit=500&offset=1500');
      expect(beyond.status).toBe(400);
      expect(beyond.body['o:errorDetails'][0]).toMatchObject({
        'o:errorCode': 'INVALID_PARAMETER',
        'o:errorQueryParam': 'offset',
      });
    } finally {
      await served.sim.suiteql.reset();
    }
  });
});
