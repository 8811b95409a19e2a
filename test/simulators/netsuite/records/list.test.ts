import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_TYPE } from '../responses.ts';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { create, detailOf, itemsOf, type Json, REST, reset, send } from './test-helpers.ts';

let served: ServedSimulator;
const customerIds: string[] = [];

beforeAll(async () => {
  served = await startSimulator();
  await reset(served);
  for (let index = 1; index <= 25; index++) {
    customerIds.push(
      await create(served, 'customer', {
        isPerson: true,
        firstName: `First${index}`,
        lastName: `Last${index}`,
        email: index <= 3 ? `barbara${index}@example.com` : `person${index}@shop.test`,
        externalId: `shop1-customer-${index}`,
      }),
    );
  }
});
afterAll(async () => {
  await served.close();
});

const base = () => `${served.url}/services/rest/record/v1/customer`;
const links = (body: Json | undefined) =>
  Object.fromEntries(((body?.links as { rel: string; href: string }[]) ?? []).map((link) => [link.rel, link.href]));

describe('paging (spec §3.6)', () => {
  it('pages 25 customers by 10: first page has next, last and self', async () => {
    const response = await served.ns(`${REST}/customer?limit=10`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(MEDIA_TYPE.collection);
    const body = (await response.json()) as Json;
    expect(body).toMatchObject({ count: 10, offset: 0, hasMore: true, totalResults: 25 });
    expect(links(body)).toEqual({
      next: `${base()}?limit=10&offset=10`,
      last: `${base()}?limit=10&offset=20`,
      self: `${base()}?limit=10&offset=0`,
    });
    expect((body.items as Json[])[0]).toEqual({
      links: [{ rel: 'self', href: `${base()}/${customerIds[0]}` }],
      id: customerIds[0],
    });
  });

  it('middle page has first, prev, next, last; last page has no next', async () => {
    const middle = await send(served, 'GET', 'customer?limit=10&offset=10');
    expect(middle.body).toMatchObject({ count: 10, offset: 10, hasMore: true, totalResults: 25 });
    expect(Object.keys(links(middle.body)).sort()).toEqual(['first', 'last', 'next', 'prev', 'self']);
    expect(links(middle.body).prev).toBe(`${base()}?limit=10&offset=0`);
    const last = await send(served, 'GET', 'customer?limit=10&offset=20');
    expect(last.body).toMatchObject({ count: 5, offset: 20, hasMore: false, totalResults: 25 });
    expect(Object.keys(links(last.body)).sort()).toEqual(['first', 'prev', 'self']);
    const ids = [
      ...itemsOf((await send(served, 'GET', 'customer?limit=10&offset=0')).body),
      ...itemsOf(middle.body),
      ...itemsOf(last.body),
    ].map((item) => item.id);
    expect(ids).toEqual(customerIds);
  });

  it('refuses an offset that is not a multiple of the limit', async () => {
    const response = await send(served, 'GET', 'customer?limit=10&offset=15');
    expect(response.status).toBe(400);
    expect(detailOf(response.body)).toMatchObject({
      'o:errorCode': 'INVALID_PARAMETER',
      'o:errorQueryParam': 'offset',
    });
  });

  it('refuses a limit above 1000 and defaults to 1000', async () => {
    expect((await send(served, 'GET', 'customer?limit=1001')).status).toBe(400);
    expect((await send(served, 'GET', 'customer')).body).toMatchObject({ count: 25, hasMore: false, totalResults: 25 });
  });
});

describe('q filters (spec §3.6)', () => {
  const query = async (q: string) => {
    const response = await send(served, 'GET', `customer?q=${encodeURIComponent(q)}`);
    expect(response.status, response.text).toBe(200);
    return itemsOf(response.body).map((item) => item.id);
  };

  it('externalId IS "x"', async () => {
    expect(await query('externalId IS "shop1-customer-7"')).toEqual([customerIds[6]]);
  });

  it('id ANY_OF [..]', async () => {
    expect(await query(`id ANY_OF [${customerIds[1]}, ${customerIds[4]}]`)).toEqual([customerIds[1], customerIds[4]]);
  });

  it('email START_WITH, CONTAIN and IS, ignoring case', async () => {
    expect(await query('email START_WITH barbara')).toEqual(customerIds.slice(0, 3));
    expect(await query('email CONTAIN "@SHOP.test"')).toHaveLength(22);
    expect(await query('email IS "Barbara2@example.com"')).toEqual([customerIds[1]]);
  });

  it('AND binds tighter than OR; parentheses group', async () => {
    const [one, two, three] = customerIds as [string, string, string];
    expect(await query(`email START_WITH barbara AND id ANY_OF [${one}] OR id ANY_OF [${three}]`)).toEqual([
      one,
      three,
    ]);
    expect(await query(`email START_WITH barbara AND (id ANY_OF [${one}] OR id ANY_OF [${two}])`)).toEqual([one, two]);
  });

  it('lastModifiedDate ON_OR_AFTER "M/D/YYYY"', async () => {
    const today = new Date(served.sim.clock.now());
    const usDate = `${today.getUTCMonth() + 1}/${today.getUTCDate()}/${today.getUTCFullYear()}`;
    expect(await query(`lastModifiedDate ON_OR_AFTER "${usDate}"`)).toHaveLength(25);
    expect(await query('lastModifiedDate AFTER "1/1/2999"')).toHaveLength(0);
    const bad = await send(served, 'GET', `customer?q=${encodeURIComponent('lastModifiedDate AFTER "yesterday"')}`);
    expect(bad.status).toBe(400);
    expect(detailOf(bad.body)).toMatchObject({
      'o:errorCode': 'INVALID_PARAMETER',
      detail: 'Unparseable date: "yesterday"',
    });
  });

  it('keeps q in the paging links', async () => {
    const response = await send(served, 'GET', `customer?limit=2&q=${encodeURIComponent('email START_WITH barbara')}`);
    expect(links(response.body).next).toBe(`${base()}?q=email%20START_WITH%20barbara&limit=2&offset=2`);
  });

  it('refuses an unknown field with INVALID_PARAMETER on q', async () => {
    const response = await send(served, 'GET', `customer?q=${encodeURIComponent('shoeSize IS 9')}`);
    expect(response.status).toBe(400);
    expect(detailOf(response.body)).toMatchObject({ 'o:errorCode': 'INVALID_PARAMETER', 'o:errorQueryParam': 'q' });
  });

  it('filters items by itemId IS', async () => {
    const item = await create(served, 'otherChargeItem', { itemId: 'GIFT-WRAP' });
    const response = await send(served, 'GET', `otherChargeItem?q=${encodeURIComponent('itemId IS "gift-wrap"')}`);
    expect(itemsOf(response.body).map((entry) => entry.id)).toEqual([item]);
  });

  it('refuses subsidiary as a filter in a non-OneWorld account (no such field)', async () => {
    const response = await send(served, 'GET', `customer?q=${encodeURIComponent('subsidiary ANY_OF [1]')}`);
    expect(response.status).toBe(400);
  });
});
