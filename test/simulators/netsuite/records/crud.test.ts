import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_TYPE } from '../responses.ts';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import {
  create,
  detailOf,
  getJson,
  type Json,
  lineOf,
  REST,
  reset,
  type Store,
  seedStore,
  send,
} from './test-helpers.ts';

let served: ServedSimulator;
let store: Store;

beforeAll(async () => {
  served = await startSimulator();
});
afterAll(async () => {
  await served.close();
});
beforeEach(async () => {
  await reset(served);
  store = await seedStore(served);
});

describe('create and read (spec §3.3, §3.4)', () => {
  it('answers a create with 204, no body and the new record in Location', async () => {
    const response = await served.ns(`${REST}/customer`, {
      method: 'POST',
      json: { isPerson: true, firstName: 'Grace', lastName: 'Hopper', externalId: 'shop1-customer-7' },
    });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect(response.headers.get('content-type')).toBeNull();
    expect(response.headers.get('location')).toMatch(
      new RegExp(`^${served.url}/services/rest/record/v1/customer/\\d+$`),
    );
  });

  it('reads a record by internal id and by external id with the singular media type', async () => {
    const id = await create(served, 'customer', {
      isPerson: true,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.com',
      externalId: 'shop1-customer-7',
    });
    const byId = await served.ns(`${REST}/customer/${id}`);
    expect(byId.status).toBe(200);
    expect(byId.headers.get('content-type')).toBe(MEDIA_TYPE.singular);
    const body = (await byId.json()) as Json;
    expect(Object.keys(body)[0]).toBe('links');
    expect(body.links).toEqual([{ rel: 'self', href: `${served.url}/services/rest/record/v1/customer/${id}` }]);
    expect(body).toMatchObject({
      id,
      externalId: 'shop1-customer-7',
      email: 'grace@example.com',
      entityId: 'Grace Hopper',
    });
    expect(body.lastModifiedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await getJson(served, 'customer/eid:shop1-customer-7')).toEqual(body);
  });

  it('matches record types and property names case-insensitively and links in camelCase', async () => {
    const id = await create(served, 'SALESORDER', {
      ENTITY: { id: store.customer },
      item: { items: [{ ITEM: store.shirt, Quantity: 1, location: Number(store.main) }] },
    });
    const order = await getJson(served, `salesorder/${id}`);
    expect(order.links).toEqual([{ rel: 'self', href: `${served.url}/services/rest/record/v1/salesOrder/${id}` }]);
    expect(order.entity).toEqual({
      links: [{ rel: 'self', href: `${served.url}/services/rest/record/v1/customer/${store.customer}` }],
      id: store.customer,
      refName: 'Ada Lovelace',
    });
  });

  it('accepts references as {id: "7"}, {id: 7}, "7", 7 and {externalId}', async () => {
    const forms = [{ id: store.customer }, { id: Number(store.customer) }, store.customer, Number(store.customer)];
    for (const entity of [...forms, { externalId: `CUST-${store.main}` }]) {
      const id = await create(served, 'salesOrder', { entity, item: { items: [{ item: store.shipping }] } });
      expect(((await getJson(served, `salesOrder/${id}`)).entity as Json).id).toBe(store.customer);
    }
  });

  it('renders money as numbers, enums as {id, refName}, computed tranId, status, totals and line keys', async () => {
    const id = await create(served, 'salesOrder', {
      entity: { id: store.customer },
      location: { id: store.main },
      shippingCost: 5,
      item: {
        items: [
          { item: { id: store.shirt }, quantity: 2, rate: 19.99 },
          { item: { id: store.shipping }, amount: 1.5 },
        ],
      },
    });
    const order = await getJson(served, `salesOrder/${id}?expandSubResources=true`);
    expect(order).toMatchObject({
      tranId: 'SO1001',
      orderStatus: { id: 'B', refName: 'Pending Fulfillment' },
      status: { id: 'B', refName: 'Pending Fulfillment' },
      subtotal: 41.48,
      total: 46.48,
      shippingCost: 5,
    });
    expect(lineOf(order, 0)).toMatchObject({ line: 1, quantity: 2, rate: 19.99, amount: 39.98 });
    expect(lineOf(order, 0).links).toEqual([
      { rel: 'self', href: `${served.url}/services/rest/record/v1/salesOrder/${id}/item/1` },
    ]);
    expect(lineOf(order, 1)).toMatchObject({ line: 2, quantity: 1, amount: 1.5 });
    const simple = await getJson(served, `salesOrder/${id}?simpleEnumFormat=true`);
    expect(simple.orderStatus).toBe('B');
    expect(simple.status).toBe('B');
  });

  it('shows sublists and subrecords as links only unless expandSubResources=true', async () => {
    const id = await create(served, 'salesOrder', {
      entity: store.customer,
      shippingAddress: { addressee: 'Ada', city: 'Springfield', country: 'US' },
      item: { items: [{ item: store.shipping }] },
    });
    const plain = await getJson(served, `salesOrder/${id}`);
    const url = `${served.url}/services/rest/record/v1/salesOrder/${id}`;
    expect(plain.item).toEqual({ links: [{ rel: 'self', href: `${url}/item` }] });
    expect(plain.shippingAddress).toEqual({ links: [{ rel: 'self', href: `${url}/shippingAddress` }] });
    const expanded = await getJson(served, `salesOrder/${id}?expandSubResources=true`);
    expect(expanded.shippingAddress).toMatchObject({
      city: 'Springfield',
      country: { id: 'US', refName: 'United States' },
    });
    expect((expanded.item as Json).items).toHaveLength(1);
  });

  it('limits body fields with fields= and refuses an unknown one', async () => {
    const id = await create(served, 'customer', { companyName: 'Acme', email: 'a@acme.test', phone: '1' });
    const body = await getJson(served, `customer/${id}?fields=email,COMPANYNAME`);
    expect(body).toEqual({
      links: [{ rel: 'self', href: `${served.url}/services/rest/record/v1/customer/${id}` }],
      id,
      companyName: 'Acme',
      email: 'a@acme.test',
    });
    const bad = await send(served, 'GET', `customer/${id}?fields=email,nope`);
    expect(bad.status).toBe(400);
    expect(detailOf(bad.body)).toMatchObject({ 'o:errorCode': 'NONEXISTENT_FIELD', 'o:errorQueryParam': 'fields' });
  });

  it('serves a sublist and one line as sub-resources', async () => {
    const id = await create(served, 'salesOrder', {
      entity: store.customer,
      item: { items: [{ item: store.shipping }, { item: store.shipping, amount: 2 }] },
    });
    const sublist = await served.ns(`${REST}/salesOrder/${id}/item`);
    expect(sublist.status).toBe(200);
    const lines = (await sublist.json()) as Json;
    expect(lines.items).toEqual([
      { links: [{ rel: 'self', href: `${served.url}/services/rest/record/v1/salesOrder/${id}/item/1` }] },
      { links: [{ rel: 'self', href: `${served.url}/services/rest/record/v1/salesOrder/${id}/item/2` }] },
    ]);
    expect(await getJson(served, `salesOrder/${id}/item/2`)).toMatchObject({ line: 2, amount: 2 });
    expect((await send(served, 'GET', `salesOrder/${id}/item/9`)).status).toBe(404);
  });
});

describe('update, upsert, delete (spec §3.5)', () => {
  it('PATCH changes the fields sent, keeps the others, clears nulls, answers 204', async () => {
    const id = await create(served, 'customer', {
      companyName: 'Acme',
      email: 'a@acme.test',
      phone: '555',
      externalId: 'acme',
    });
    const before = await getJson(served, `customer/${id}`);
    const patched = await send(served, 'PATCH', `customer/eid:acme`, { email: 'b@acme.test', phone: null });
    expect(patched.status).toBe(204);
    expect(patched.text).toBe('');
    const after = await getJson(served, `customer/${id}`);
    expect(after).toMatchObject({ companyName: 'Acme', email: 'b@acme.test' });
    expect(after.phone).toBeUndefined();
    expect(after.dateCreated).toBe(before.dateCreated);
  });

  it('moves lastModifiedDate with the simulator clock', async () => {
    const id = await create(served, 'customer', { companyName: 'Acme' });
    const before = await getJson(served, `customer/${id}`);
    served.sim.clock.advance(60_000);
    await send(served, 'PATCH', `customer/${id}`, { email: 'x@acme.test' });
    const after = await getJson(served, `customer/${id}`);
    expect(Date.parse(after.lastModifiedDate as string) - Date.parse(before.lastModifiedDate as string)).toBe(60_000);
  });

  it('PUT eid: creates when absent (204 + Location) and updates when present', async () => {
    const first = await send(served, 'PUT', 'customer/eid:shop1-customer-9', {
      isPerson: true,
      firstName: 'Ada',
      lastName: 'Byron',
    });
    expect(first.status).toBe(204);
    const id = /\/(\d+)$/.exec(first.headers.get('location') ?? '')?.[1] as string;
    expect(id).toBeDefined();
    const second = await send(served, 'PUT', 'customer/eid:shop1-customer-9', { email: 'ada@byron.test' });
    expect(second.status).toBe(204);
    expect(second.headers.get('location')).toBe(first.headers.get('location'));
    expect(await getJson(served, 'customer/eid:shop1-customer-9')).toMatchObject({
      id,
      externalId: 'shop1-customer-9',
      firstName: 'Ada',
      email: 'ada@byron.test',
    });
    expect((await send(served, 'PUT', `customer/${id}`, { email: 'x' })).status).toBe(400);
  });

  it('DELETE answers 204 and the record is gone', async () => {
    const id = await create(served, 'customer', { companyName: 'Gone Inc' });
    const deleted = await send(served, 'DELETE', `customer/${id}`);
    expect(deleted.status).toBe(204);
    const missing = await send(served, 'GET', `customer/${id}`);
    expect(missing.status).toBe(404);
    expect(detailOf(missing.body)).toEqual({ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' });
  });

  it('refuses to delete a record other records depend on', async () => {
    await create(served, 'salesOrder', { entity: store.customer, item: { items: [{ item: store.shipping }] } });
    const refused = await send(served, 'DELETE', `customer/${store.customer}`);
    expect(refused.status).toBe(400);
    expect(detailOf(refused.body)).toMatchObject({
      'o:errorCode': 'USER_ERROR',
      detail: 'This record cannot be deleted because it has dependent records.',
    });
  });

  it('creates locations and items through the record API, as in a real account', async () => {
    const location = await create(served, 'location', { name: 'West' });
    const item = await create(served, 'inventoryItem', {
      itemId: 'SKU-NEW',
      displayName: 'New thing',
      incomeAccount: { id: '8' },
      price: { items: [{ priceLevel: { id: '1' }, price: 7.5 }] },
    });
    const order = await create(served, 'salesOrder', {
      entity: store.customer,
      location,
      item: { items: [{ item }] },
    });
    const line = lineOf(await getJson(served, `salesOrder/${order}?expandSubResources=true`));
    expect(line).toMatchObject({ rate: 7.5, amount: 7.5, quantityBackOrdered: 1, quantityCommitted: 0 });
  });
});

describe('the account a fresh simulator holds', () => {
  it('has the base currency and the default GL accounts after a reset', async () => {
    const numbers = ['1100', '1200', '1300', '2100', '2200', '5000'];
    const q = numbers.map((number) => `acctNumber IS ${number}`).join(' OR ');
    const accounts = await send(served, 'GET', `account?q=${encodeURIComponent(q)}`);
    expect(accounts.status).toBe(200);
    expect(accounts.body?.totalResults).toBe(6);
    expect(await getJson(served, 'currency/1')).toMatchObject({ name: 'USD' });
  });
});
