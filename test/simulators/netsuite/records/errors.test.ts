import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MEDIA_TYPE } from '../responses.ts';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { create, detailOf, type Json, REST, reset, type Store, seed, seedStore, send } from './test-helpers.ts';

let served: ServedSimulator;
let store: Store;

const NO_LINES = 'Error while accessing a resource. You must enter at least one line item for this transaction.';

beforeAll(async () => {
  served = await startSimulator();
});
afterAll(async () => {
  await served.close();
});

async function refused(method: string, path: string, body?: unknown, headers?: Record<string, string>) {
  const response = await send(served, method, path, body, headers);
  expect(response.status, response.text).toBe(400);
  expect(response.headers.get('content-type')).toBe(MEDIA_TYPE.error);
  return detailOf(response.body);
}

describe('error catalogue (spec §4)', () => {
  beforeEach(async () => {
    await reset(served);
    store = await seedStore(served);
  });

  it('duplicate externalId on POST: the spec §3.3 simulator-default body', async () => {
    await create(served, 'salesOrder', {
      externalId: 'SHOP-1001',
      entity: store.customer,
      item: { items: [{ item: store.shipping }] },
    });
    const response = await send(served, 'POST', 'salesOrder', {
      externalId: 'SHOP-1001',
      entity: store.customer,
      item: { items: [{ item: store.shipping }] },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [
        {
          detail: "Error while accessing a resource. A record with the external ID 'SHOP-1001' already exists.",
          'o:errorCode': 'USER_ERROR',
        },
      ],
    });
    // Unique per record type (spec §3.5): another type may use the same external id.
    await create(served, 'customer', { companyName: 'Same Id Inc', externalId: 'SHOP-1001' });
  });

  it('unknown references: INVALID_CONTENT with the path into the body', async () => {
    expect(
      await refused('POST', 'salesOrder', {
        entity: store.customer,
        item: { items: [{ item: { id: '9999' }, quantity: 1 }] },
      }),
    ).toEqual({
      detail:
        'Error while accessing resource: You have entered an Invalid Field Value 9999 for the following field: item',
      'o:errorCode': 'INVALID_CONTENT',
      'o:errorPath': 'item.items[0].item',
    });
    expect(
      await refused('POST', 'salesOrder', { entity: '9999', item: { items: [{ item: store.shipping }] } }),
    ).toMatchObject({
      'o:errorCode': 'INVALID_CONTENT',
      'o:errorPath': 'entity',
    });
    expect(
      await refused('POST', 'salesOrder', {
        entity: store.customer,
        item: { items: [{ item: store.shipping }, { item: store.shirt, location: { id: '9999' } }] },
      }),
    ).toMatchObject({ 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'item.items[1].location' });
    expect(
      await refused('POST', 'customerDeposit', { customer: store.customer, payment: 5, account: { id: '9999' } }),
    ).toMatchObject({ 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'account' });
    // A reference to a record of another type is as unknown as a missing one.
    expect(
      await refused('POST', 'salesOrder', { entity: store.shirt, item: { items: [{ item: store.shipping }] } }),
    ).toMatchObject({ 'o:errorPath': 'entity' });
    expect(
      await refused('POST', 'salesOrder', {
        entity: { externalId: 'nobody' },
        item: { items: [{ item: store.shipping }] },
      }),
    ).toMatchObject({ 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'entity' });
  });

  it('a value of the wrong type: INVALID_CONTENT', async () => {
    expect(
      await refused('POST', 'salesOrder', {
        entity: store.customer,
        item: { items: [{ item: store.shipping, quantity: 'lots' }] },
      }),
    ).toMatchObject({ 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'item.items[0].quantity' });
  });

  it('transactions without item lines: USER_ERROR', async () => {
    for (const type of ['salesOrder', 'invoice', 'cashSale', 'creditMemo', 'cashRefund']) {
      expect(await refused('POST', type, { entity: store.customer, item: { items: [] } })).toEqual({
        detail: NO_LINES,
        'o:errorCode': 'USER_ERROR',
      });
    }
    const order = await create(served, 'salesOrder', {
      entity: store.customer,
      location: store.main,
      item: { items: [{ item: store.shirt, quantity: 1 }] },
    });
    expect(
      await refused('POST', `salesOrder/${order}/!transform/itemFulfillment`, {
        item: { items: [{ orderLine: 1, itemReceive: false }] },
      }),
    ).toEqual({ detail: NO_LINES, 'o:errorCode': 'USER_ERROR' });
  });

  it('a person customer without names: USER_ERROR naming them', async () => {
    expect(await refused('POST', 'customer', { isPerson: true, email: 'x@example.com' })).toEqual({
      detail: 'Please enter value(s) for: First Name, Last Name.',
      'o:errorCode': 'USER_ERROR',
    });
    expect((await refused('POST', 'customer', { isPerson: true, firstName: 'A' })).detail).toBe(
      'Please enter value(s) for: Last Name.',
    );
  });

  it('an unbalanced journal entry: USER_ERROR', async () => {
    const detail = await refused('POST', 'journalEntry', {
      line: {
        items: [
          { account: { id: '4' }, debit: 100 },
          { account: { id: '8' }, credit: 99.99 },
        ],
      },
    });
    expect(detail['o:errorCode']).toBe('USER_ERROR');
    expect(detail.detail).toMatch(/debit.*credit/);
  });

  it('unknown body fields are dropped, or NONEXISTENT_FIELD with PropertyNameValidation: error', async () => {
    await create(served, 'customer', { companyName: 'Acme', favouriteColour: 'teal' });
    expect(
      await refused(
        'POST',
        'customer',
        { companyName: 'Acme', favouriteColour: 'teal' },
        {
          'X-NetSuite-PropertyNameValidation': 'error',
        },
      ),
    ).toMatchObject({ 'o:errorCode': 'NONEXISTENT_FIELD', 'o:errorPath': 'favouriteColour' });
  });

  it('a non-OneWorld account has no subsidiary field', async () => {
    const id = await create(served, 'customer', { companyName: 'Acme', subsidiary: { id: '1' } });
    expect(((await send(served, 'GET', `customer/${id}`)).body as Json).subsidiary).toBeUndefined();
    expect(
      await refused(
        'POST',
        'customer',
        { companyName: 'Acme', subsidiary: { id: '1' } },
        {
          'X-NetSuite-PropertyNameValidation': 'error',
        },
      ),
    ).toMatchObject({ 'o:errorCode': 'NONEXISTENT_FIELD', 'o:errorPath': 'subsidiary' });
  });

  it('unknown ids: 404 NONEXISTENT_ID; unknown record types: 404 INVALID_REQUEST', async () => {
    for (const path of ['customer/424242', 'customer/eid:nobody', 'salesOrder/424242/item']) {
      const response = await send(served, 'GET', path);
      expect(response.status).toBe(404);
      expect(detailOf(response.body)).toEqual({ detail: 'Record does not exist.', 'o:errorCode': 'NONEXISTENT_ID' });
    }
    for (const [method, path] of [
      ['PATCH', 'customer/424242'],
      ['DELETE', 'customer/424242'],
    ] as const) {
      expect((await send(served, method, path, method === 'PATCH' ? {} : undefined)).status).toBe(404);
    }
    const unknownType = await send(served, 'GET', 'spaceship/1');
    expect(unknownType.status).toBe(404);
    expect(detailOf(unknownType.body)).toMatchObject({
      'o:errorCode': 'INVALID_REQUEST',
      'o:urlPath': '/services/rest/record/v1/spaceship/1',
    });
  });

  it('a body that is not JSON: INVALID_REQUEST', async () => {
    const response = await served.ns(`${REST}/customer`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"companyName":',
    });
    expect(response.status).toBe(400);
    expect(detailOf((await response.json()) as Json)['o:errorCode']).toBe('INVALID_REQUEST');
  });
});

describe('OneWorld (spec §7)', () => {
  let subsidiary: string;

  beforeEach(async () => {
    await reset(served, { oneWorld: true });
    const seeded = await seed(served, {
      subsidiaries: [{ name: 'US Store' }],
      locations: [{ name: 'Main', subsidiary: 'US Store' }],
    });
    subsidiary = (seeded.subsidiaries as Json[])[0]?.id as string;
    store = await seedStoreInOneWorld();
  });

  async function seedStoreInOneWorld(): Promise<Store> {
    const seeded = await seed(served, { items: [{ itemId: 'SHIPPING', type: 'otherChargeItem', basePrice: '5' }] });
    const shipping = (seeded.items as Json[])[0]?.id as string;
    const customer = await create(served, 'customer', { companyName: 'Acme', subsidiary: { id: subsidiary } });
    return { main: '', east: '', shirt: '', shipping, customer };
  }

  it('a customer needs a subsidiary', async () => {
    expect(await refused('POST', 'customer', { companyName: 'No Sub' })).toEqual({
      detail: 'Please enter value(s) for: Subsidiary.',
      'o:errorCode': 'USER_ERROR',
    });
    expect((await refused('POST', 'customer', { isPerson: true })).detail).toBe(
      'Please enter value(s) for: First Name, Last Name, Subsidiary.',
    );
  });

  it('transactions need a subsidiary, shown with its name', async () => {
    const body = { entity: store.customer, item: { items: [{ item: store.shipping }] } };
    expect((await refused('POST', 'salesOrder', body)).detail).toBe('Please enter value(s) for: Subsidiary.');
    expect((await refused('POST', 'customerDeposit', { customer: store.customer, payment: 5 })).detail).toBe(
      'Please enter value(s) for: Subsidiary.',
    );
    const id = await create(served, 'salesOrder', { ...body, subsidiary: { id: subsidiary } });
    const order = (await send(served, 'GET', `salesOrder/${id}`)).body as Json;
    expect(order.subsidiary).toMatchObject({ id: subsidiary, refName: 'US Store' });
  });

  it('a journal entry needs its subsidiary at header level', async () => {
    const lines = {
      items: [
        { account: { id: '4' }, debit: 10 },
        { account: { id: '8' }, credit: 10 },
      ],
    };
    expect((await refused('POST', 'journalEntry', { line: lines })).detail).toBe(
      'Please enter value(s) for: Subsidiary.',
    );
    await create(served, 'journalEntry', { subsidiary: subsidiary, line: lines });
  });

  it('an unknown subsidiary is an invalid reference', async () => {
    expect(await refused('POST', 'customer', { companyName: 'X', subsidiary: { id: '9999' } })).toMatchObject({
      'o:errorCode': 'INVALID_CONTENT',
      'o:errorPath': 'subsidiary',
    });
  });
});
