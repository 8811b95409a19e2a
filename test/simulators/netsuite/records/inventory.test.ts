import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import {
  create,
  detailOf,
  getJson,
  type Json,
  lineOf,
  reset,
  type Store,
  seedStore,
  send,
  stockAt,
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
  store = await seedStore(served, { Main: 10, East: 5 });
});

async function order(lines: Json[], header: Json = {}): Promise<string> {
  return create(served, 'salesOrder', {
    entity: store.customer,
    location: store.main,
    ...header,
    item: { items: lines.map((line) => ({ item: store.shirt, ...line })) },
  });
}

const orderOf = (id: string) => getJson(served, `salesOrder/${id}?expandSubResources=true`);

async function fulfil(id: string, body: Json = {}): Promise<string> {
  const response = await send(served, 'POST', `salesOrder/${id}/!transform/itemFulfillment`, body);
  expect(response.status, response.text).toBe(204);
  return /\/(\d+)$/.exec(response.headers.get('location') ?? '')?.[1] as string;
}

describe('commitment (spec §7)', () => {
  it('commits what is available at the line location and back-orders the rest (Available Qty)', async () => {
    const id = await order([{ quantity: 12 }]);
    expect(lineOf(await orderOf(id))).toMatchObject({
      quantityCommitted: 10,
      quantityBackOrdered: 2,
      commitInventory: { id: '1', refName: 'Available Qty' },
      location: { id: store.main },
    });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({
      quantityOnHand: 10,
      quantityCommitted: 10,
      quantityAvailable: 0,
      quantityBackOrdered: 2,
    });
  });

  it('commits at the line location when it differs from the header location', async () => {
    const id = await order([{ quantity: 3, location: store.east }]);
    expect(lineOf(await orderOf(id))).toMatchObject({ quantityCommitted: 3, location: { id: store.east } });
    expect(await stockAt(served, store.shirt, store.east)).toMatchObject({
      quantityCommitted: 3,
      quantityAvailable: 2,
    });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({
      quantityCommitted: 0,
      quantityAvailable: 10,
    });
  });

  it('Complete Qty commits all or nothing; Do Not Commit commits nothing', async () => {
    const whole = await order([{ quantity: 8, commitInventory: { id: '2' } }]);
    expect(lineOf(await orderOf(whole))).toMatchObject({ quantityCommitted: 8, quantityBackOrdered: 0 });
    const tooMany = await order([{ quantity: 3, commitInventory: '2' }]);
    expect(lineOf(await orderOf(tooMany))).toMatchObject({ quantityCommitted: 0, quantityBackOrdered: 3 });
    const never = await order([{ quantity: 1, commitInventory: 3 }]);
    expect(lineOf(await orderOf(never))).toMatchObject({ quantityCommitted: 0, quantityBackOrdered: 0 });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({
      quantityCommitted: 8,
      quantityAvailable: 2,
    });
  });

  it('a later order only gets what earlier orders left', async () => {
    await order([{ quantity: 7 }]);
    const second = await order([{ quantity: 5 }]);
    expect(lineOf(await orderOf(second))).toMatchObject({ quantityCommitted: 3, quantityBackOrdered: 2 });
  });

  it('closing a line releases its commitment and moves lastQuantityAvailableChange', async () => {
    const id = await order([{ quantity: 4 }]);
    const before = await stockAt(served, store.shirt, store.main);
    served.sim.clock.advance(5_000);
    const patched = await send(served, 'PATCH', `salesOrder/${id}`, { item: { items: [{ line: 1, isClosed: true }] } });
    expect(patched.status).toBe(204);
    expect(lineOf(await orderOf(id))).toMatchObject({ isClosed: true, quantityCommitted: 0, quantityBackOrdered: 0 });
    const after = await stockAt(served, store.shirt, store.main);
    expect(after).toMatchObject({ quantityCommitted: 0, quantityAvailable: 10 });
    expect(Date.parse(after.lastQuantityAvailableChange as string)).toBeGreaterThan(
      Date.parse(before.lastQuantityAvailableChange as string),
    );
    expect((await orderOf(id)).status).toEqual({ id: 'H', refName: 'Closed' });
  });

  it('changing a line quantity recommits', async () => {
    const id = await order([{ quantity: 4 }]);
    await send(served, 'PATCH', `salesOrder/${id}`, { item: { items: [{ line: 1, quantity: 11 }] } });
    expect(lineOf(await orderOf(id))).toMatchObject({ quantityCommitted: 10, quantityBackOrdered: 1 });
    await send(served, 'PATCH', `salesOrder/${id}`, { item: { items: [{ line: 1, quantity: 2 }] } });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({
      quantityCommitted: 2,
      quantityBackOrdered: 0,
    });
  });

  it('deleting an order releases its commitment', async () => {
    const id = await order([{ quantity: 12 }]);
    expect((await send(served, 'DELETE', `salesOrder/${id}`)).status).toBe(204);
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({
      quantityCommitted: 0,
      quantityAvailable: 10,
      quantityBackOrdered: 0,
    });
  });

  it('an order pending approval commits nothing until approved', async () => {
    const id = await order([{ quantity: 4 }], { orderStatus: { id: 'A' } });
    expect((await orderOf(id)).status).toMatchObject({ id: 'A' });
    expect(lineOf(await orderOf(id))).toMatchObject({ quantityCommitted: 0 });
    await send(served, 'PATCH', `salesOrder/${id}`, { orderStatus: { id: 'B' } });
    expect(lineOf(await orderOf(id))).toMatchObject({ quantityCommitted: 4 });
    expect((await orderOf(id)).status).toMatchObject({ id: 'B' });
  });
});

describe('fulfilment moves stock (spec §7)', () => {
  it('onHand and committed drop together; the order line counts what was fulfilled', async () => {
    const id = await order([{ quantity: 4 }]);
    await fulfil(id, { item: { items: [{ orderLine: 1, quantity: 3 }] } });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({
      quantityOnHand: 7,
      quantityCommitted: 1,
      quantityAvailable: 6,
    });
    const partly = await orderOf(id);
    expect(lineOf(partly)).toMatchObject({ quantityFulfilled: 3, quantityCommitted: 1 });
    expect(partly.status).toEqual({ id: 'E', refName: 'Pending Billing/Partially Fulfilled' });
    await fulfil(id);
    const done = await orderOf(id);
    expect(lineOf(done)).toMatchObject({ quantityFulfilled: 4, quantityCommitted: 0 });
    expect(done.status).toEqual({ id: 'F', refName: 'Pending Billing' });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({ quantityOnHand: 6, quantityCommitted: 0 });
  });

  it('fulfils what is committed by default, not the back-ordered rest', async () => {
    const id = await order([{ quantity: 12 }]);
    const fulfilment = await fulfil(id);
    const record = await getJson(served, `itemFulfillment/${fulfilment}?expandSubResources=true`);
    expect(lineOf(record)).toMatchObject({
      orderLine: 1,
      quantity: 10,
      itemReceive: true,
      location: { id: store.main },
    });
    expect(record).toMatchObject({ shipStatus: { id: 'C', refName: 'Shipped' }, createdFrom: { id } });
    expect(lineOf(await orderOf(id))).toMatchObject({
      quantityFulfilled: 10,
      quantityCommitted: 0,
      quantityBackOrdered: 2,
    });
    expect((await orderOf(id)).status).toMatchObject({ id: 'E' });
    const nothingLeft = await send(served, 'POST', `salesOrder/${id}/!transform/itemFulfillment`, {});
    expect(nothingLeft.status).toBe(400);
  });

  it('refuses to fulfil more than is on hand, or from another location', async () => {
    const id = await order([{ quantity: 12 }]);
    const tooMuch = await send(served, 'POST', `salesOrder/${id}/!transform/itemFulfillment`, {
      item: { items: [{ orderLine: 1, quantity: 11 }] },
    });
    expect(tooMuch.status).toBe(400);
    expect(detailOf(tooMuch.body)['o:errorCode']).toBe('USER_ERROR');
    const elsewhere = await send(served, 'POST', `salesOrder/${id}/!transform/itemFulfillment`, {
      item: { items: [{ orderLine: 1, quantity: 1, location: store.east }] },
    });
    expect(elsewhere.status).toBe(400);
    expect(detailOf(elsewhere.body)).toMatchObject({
      'o:errorCode': 'INVALID_CONTENT',
      'o:errorPath': 'item.items[0].location',
    });
  });

  it('a picked fulfilment moves no stock until it is shipped', async () => {
    const id = await order([{ quantity: 2 }]);
    const fulfilment = await fulfil(id, { shipStatus: { id: 'A' } });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({ quantityOnHand: 10, quantityCommitted: 2 });
    expect(lineOf(await orderOf(id))).toMatchObject({ quantityFulfilled: 0 });
    await send(served, 'PATCH', `itemFulfillment/${fulfilment}`, { shipStatus: { id: 'C' } });
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({ quantityOnHand: 8, quantityCommitted: 0 });
    expect(lineOf(await orderOf(id))).toMatchObject({ quantityFulfilled: 2 });
  });

  it('deleting a fulfilment puts the stock back and recommits', async () => {
    const id = await order([{ quantity: 2 }]);
    const fulfilment = await fulfil(id);
    expect((await send(served, 'DELETE', `itemFulfillment/${fulfilment}`)).status).toBe(204);
    expect(await stockAt(served, store.shirt, store.main)).toMatchObject({ quantityOnHand: 10, quantityCommitted: 2 });
    expect((await orderOf(id)).status).toMatchObject({ id: 'B' });
  });

  it('skips lines with itemReceive: false and records packages', async () => {
    const id = await order([{ quantity: 1 }, { quantity: 1, location: store.east }]);
    const fulfilment = await fulfil(id, {
      item: { items: [{ orderLine: 2, itemReceive: false }] },
      package: { items: [{ packageTrackingNumber: '1Z999AA10123456784', packageWeight: 1.2, packageDescr: 'Box 1' }] },
    });
    const record = await getJson(served, `itemFulfillment/${fulfilment}?expandSubResources=true`);
    expect((record.item as Json).items).toHaveLength(1);
    expect(lineOf(record)).toMatchObject({ orderLine: 1 });
    expect(((record.package as Json).items as Json[])[0]).toMatchObject({
      packageTrackingNumber: '1Z999AA10123456784',
      packageWeight: 1.2,
      packageDescr: 'Box 1',
    });
    expect(await stockAt(served, store.shirt, store.east)).toMatchObject({ quantityOnHand: 5, quantityCommitted: 1 });
  });
});
