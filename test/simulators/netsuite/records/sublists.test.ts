import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { create, detailOf, getJson, type Json, reset, type Store, seedStore, send } from './test-helpers.ts';

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

const itemLines = async (id: string) =>
  ((await getJson(served, `salesOrder/${id}?expandSubResources=true`)).item as Json).items as Json[];
const summary = (lines: Json[]) => lines.map((line) => [line.line, line.amount, line.description ?? null]);

async function orderWithTwoLines(): Promise<string> {
  return create(served, 'salesOrder', {
    entity: store.customer,
    item: {
      items: [
        { item: store.shipping, amount: 1, description: 'one' },
        { item: store.shipping, amount: 2, description: 'two' },
      ],
    },
  });
}

async function patch(path: string, body: unknown) {
  const response = await send(served, 'PATCH', path, body);
  expect(response.status, response.text).toBe(204);
}

describe('keyed sublists (spec §3.7)', () => {
  it('PATCH without replace updates matching lines, adds the others, keeps unmentioned lines', async () => {
    const id = await orderWithTwoLines();
    await patch(`salesOrder/${id}`, {
      item: {
        items: [
          { line: 1, amount: 10 },
          { item: store.shipping, amount: 3, description: 'three' },
        ],
      },
    });
    expect(summary(await itemLines(id))).toEqual([
      [1, 10, 'one'],
      [2, 2, 'two'],
      [3, 3, 'three'],
    ]);
  });

  it('PATCH ?replace=item updates matching lines, removes unmentioned ones, adds new ones after the highest key', async () => {
    const id = await orderWithTwoLines();
    await patch(`salesOrder/${id}?replace=item`, {
      item: {
        items: [
          { line: 1, description: 'uno' },
          { item: store.shipping, amount: 4 },
        ],
      },
    });
    expect(summary(await itemLines(id))).toEqual([
      [1, 1, 'uno'],
      [3, 4, null],
    ]);
  });

  it('deletes one line with ?replace=item listing the lines to keep', async () => {
    const id = await orderWithTwoLines();
    await patch(`salesOrder/${id}?replace=item`, { item: { items: [{ line: 2 }] } });
    expect(summary(await itemLines(id))).toEqual([[2, 2, 'two']]);
  });

  it('clears a line field with null', async () => {
    const id = await orderWithTwoLines();
    await patch(`salesOrder/${id}`, { item: { items: [{ line: 2, description: null }] } });
    expect(summary(await itemLines(id))).toEqual([
      [1, 1, 'one'],
      [2, 2, null],
    ]);
  });

  it('recomputes a line amount when quantity or rate change without an amount', async () => {
    const id = await create(served, 'salesOrder', {
      entity: store.customer,
      item: { items: [{ item: store.shirt, quantity: 1, location: store.main }] },
    });
    await patch(`salesOrder/${id}`, { item: { items: [{ line: 1, quantity: 3 }] } });
    const order = await getJson(served, `salesOrder/${id}?expandSubResources=true`);
    expect((order.item as Json).items).toMatchObject([{ quantity: 3, rate: 19.99, amount: 59.97 }]);
    expect(order.total).toBe(59.97);
  });

  it('items: null (or the sublist null) removes every line; a mandatory sublist then fails', async () => {
    const id = await orderWithTwoLines();
    for (const body of [{ item: { items: null } }, { item: null }]) {
      const refused = await send(served, 'PATCH', `salesOrder/${id}`, body);
      expect(refused.status).toBe(400);
      expect(detailOf(refused.body).detail).toBe(
        'Error while accessing a resource. You must enter at least one line item for this transaction.',
      );
    }
    expect(await itemLines(id)).toHaveLength(2);
  });

  it('address book: null removes all lines, and ?replace= with an empty list does too; unnamed sublists are untouched', async () => {
    const address = (city: string) => ({ addressBookAddress: { city, country: 'US' }, label: city });
    const id = await create(served, 'customer', {
      companyName: 'Acme',
      addressBook: { items: [address('Springfield'), address('Shelbyville')] },
    });
    const book = async () =>
      ((await getJson(served, `customer/${id}?expandSubResources=true`)).addressBook as Json).items as Json[];
    expect((await book()).map((line) => [line.id, line.label])).toEqual([
      [1, 'Springfield'],
      [2, 'Shelbyville'],
    ]);
    await patch(`customer/${id}`, { email: 'a@acme.test' });
    expect(await book()).toHaveLength(2);
    await patch(`customer/${id}`, { addressBook: { items: null } });
    expect(await book()).toEqual([]);
    await patch(`customer/${id}`, { addressBook: { items: [address('Ogdenville')] } });
    expect((await book()).map((line) => [line.id, line.label])).toEqual([[1, 'Ogdenville']]);
    await patch(`customer/${id}?replace=addressBook`, { addressBook: { items: [] } });
    expect(await book()).toEqual([]);
    await patch(`customer/${id}`, { addressBook: { items: [address('North Haverbrook')] } });
    await patch(`customer/${id}`, { addressBook: null });
    expect(await book()).toEqual([]);
  });
});

describe('non-keyed sublists (spec §3.7): itemFulfillment packages', () => {
  async function fulfilment(): Promise<string> {
    const order = await create(served, 'salesOrder', {
      entity: store.customer,
      location: store.main,
      item: { items: [{ item: store.shirt, quantity: 1 }] },
    });
    const response = await send(served, 'POST', `salesOrder/${order}/!transform/itemFulfillment`, {
      package: { items: [{ packageTrackingNumber: '1Z-A', packageWeight: 1.2, packageDescr: 'Box 1' }] },
    });
    expect(response.status, response.text).toBe(204);
    return /\/(\d+)$/.exec(response.headers.get('location') ?? '')?.[1] as string;
  }
  const tracking = async (id: string) =>
    (((await getJson(served, `itemFulfillment/${id}?expandSubResources=true`)).package as Json).items as Json[]).map(
      (line) => line.packageTrackingNumber,
    );

  it('PATCH appends lines; ?replace=package replaces them; null removes them', async () => {
    const id = await fulfilment();
    expect(await tracking(id)).toEqual(['1Z-A']);
    await patch(`itemFulfillment/${id}`, { package: { items: [{ packageTrackingNumber: '1Z-B' }] } });
    expect(await tracking(id)).toEqual(['1Z-A', '1Z-B']);
    await patch(`itemFulfillment/${id}?replace=package`, { package: { items: [{ packageTrackingNumber: '1Z-C' }] } });
    expect(await tracking(id)).toEqual(['1Z-C']);
    await patch(`itemFulfillment/${id}`, { package: { items: null } });
    expect(await tracking(id)).toEqual([]);
  });
});
