import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { create, detailOf, getJson, type Json, lineOf, reset, type Store, seedStore, send } from './test-helpers.ts';

let served: ServedSimulator;
let store: Store;

beforeAll(async () => {
  served = await startSimulator();
});
afterAll(async () => {
  await served.close();
});

async function orderOf(lines: Json[] = [{ item: 'shirt', quantity: 4 }, { item: 'shipping' }]): Promise<string> {
  return create(served, 'salesOrder', {
    entity: store.customer,
    location: store.main,
    shippingCost: 5,
    item: {
      items: lines.map((line) => ({ ...line, item: line.item === 'shirt' ? store.shirt : store.shipping })),
    },
  });
}

async function transform(from: string, id: string, to: string, body: Json = {}, query = ''): Promise<string> {
  const response = await send(served, 'POST', `${from}/${id}/!transform/${to}${query}`, body);
  expect(response.status, response.text).toBe(204);
  expect(response.text).toBe('');
  const location = response.headers.get('location') ?? '';
  expect(location).toMatch(new RegExp(`^${served.url}/services/rest/record/v1/${to}/\\d+$`));
  return /\/(\d+)$/.exec(location)?.[1] as string;
}

const expanded = (type: string, id: string) => getJson(served, `${type}/${id}?expandSubResources=true`);
const items = (record: Json) => (record.item as Json).items as Json[];

describe('transforms (spec §3.9)', () => {
  beforeEach(async () => {
    await reset(served);
    store = await seedStore(served);
  });

  it('carries an externalId in the body; a second transform with it is refused like a duplicate create', async () => {
    const order = await orderOf();
    const fulfilment = await transform('salesOrder', order, 'itemFulfillment', {
      externalId: 'WOO_IF_12_1',
      item: { items: [{ orderLine: 1, quantity: 1 }] },
    });
    expect(await getJson(served, 'itemFulfillment/eid:WOO_IF_12_1')).toMatchObject({
      id: fulfilment,
      createdFrom: { id: order, refName: 'Sales Order #SO1001' },
      entity: { id: store.customer },
      tranId: 'IF1001',
    });
    const again = await send(served, 'POST', `salesOrder/${order}/!transform/itemFulfillment`, {
      externalId: 'WOO_IF_12_1',
      item: { items: [{ orderLine: 1, quantity: 1 }] },
    });
    expect(again.status).toBe(400);
    expect(detailOf(again.body)).toEqual({
      detail: "Error while accessing a resource. A record with the external ID 'WOO_IF_12_1' already exists.",
      'o:errorCode': 'USER_ERROR',
    });
    // Nothing happened: the order still has 3 to fulfil.
    expect(lineOf(await expanded('salesOrder', order))).toMatchObject({ quantityFulfilled: 1 });
  });

  it('refuses pairs NetSuite does not transform, and unknown sources', async () => {
    const order = await orderOf();
    for (const path of [`salesOrder/${order}/!transform/creditMemo`, `salesOrder/${order}/!transform/customer`]) {
      const response = await send(served, 'POST', path, {});
      expect(response.status).toBe(400);
      expect(detailOf(response.body)['o:errorCode']).toBe('INVALID_REQUEST');
    }
    expect((await send(served, 'POST', 'salesOrder/424242/!transform/invoice', {})).status).toBe(404);
  });

  it('bills only fulfilled, not yet billed quantities; non-fulfillable lines bill at once; shipping on the first bill', async () => {
    const unfulfilled = await orderOf([{ item: 'shirt', quantity: 1 }]);
    const nothing = await send(served, 'POST', `salesOrder/${unfulfilled}/!transform/invoice`, {});
    expect(nothing.status).toBe(400);
    expect(detailOf(nothing.body)).toEqual({
      detail: 'Error while accessing a resource. You must enter at least one line item for this transaction.',
      'o:errorCode': 'USER_ERROR',
    });

    const order = await orderOf();

    await transform('salesOrder', order, 'itemFulfillment', { item: { items: [{ orderLine: 1, quantity: 3 }] } });
    const first = await expanded(
      'invoice',
      await transform('salesOrder', order, 'invoice', { externalId: 'WOO_INV_12_1' }),
    );
    expect(items(first).map((line) => [line.orderLine, line.quantity, line.amount])).toEqual([
      [1, 3, 59.97],
      [2, 1, 5],
    ]);
    expect(first).toMatchObject({ shippingCost: 5, total: 69.97, createdFrom: { id: order } });
    const partlyBilled = await expanded('salesOrder', order);
    expect(items(partlyBilled).map((line) => line.quantityBilled)).toEqual([3, 1]);
    expect(partlyBilled.status).toEqual({ id: 'D', refName: 'Partially Fulfilled' });

    await transform('salesOrder', order, 'itemFulfillment');
    expect((await expanded('salesOrder', order)).status).toMatchObject({ id: 'F' });
    const second = await expanded('invoice', await transform('salesOrder', order, 'invoice'));
    expect(items(second).map((line) => [line.orderLine, line.quantity])).toEqual([[1, 1]]);
    expect(second.shippingCost).toBeUndefined();
    expect((await expanded('salesOrder', order)).status).toEqual({ id: 'G', refName: 'Billed' });
  });

  it('bills part of a line when the body says so, and refuses to bill more than is billable', async () => {
    const order = await orderOf([{ item: 'shirt', quantity: 4 }]);
    await transform('salesOrder', order, 'itemFulfillment');
    const partial = await expanded(
      'invoice',
      await transform('salesOrder', order, 'invoice', { item: { items: [{ orderLine: 1, quantity: 1 }] } }),
    );
    expect(items(partial).map((line) => [line.quantity, line.amount])).toEqual([[1, 19.99]]);
    const tooMuch = await send(served, 'POST', `salesOrder/${order}/!transform/invoice`, {
      item: { items: [{ orderLine: 1, quantity: 4 }] },
    });
    expect(tooMuch.status).toBe(400);
    expect(detailOf(tooMuch.body)['o:errorCode']).toBe('USER_ERROR');
  });

  it('closing the back-ordered rest of a line moves the order on to billing what was fulfilled', async () => {
    const order = await orderOf([{ item: 'shirt', quantity: 4 }]);
    await transform('salesOrder', order, 'itemFulfillment', { item: { items: [{ orderLine: 1, quantity: 1 }] } });
    const closed = await send(served, 'PATCH', `salesOrder/${order}`, {
      item: { items: [{ line: 1, isClosed: true }] },
    });
    expect(closed.status).toBe(204);
    expect((await expanded('salesOrder', order)).status).toEqual({ id: 'F', refName: 'Pending Billing' });
    const invoice = await expanded('invoice', await transform('salesOrder', order, 'invoice'));
    expect(items(invoice).map((line) => line.quantity)).toEqual([1]);
    expect((await expanded('salesOrder', order)).status).toEqual({ id: 'G', refName: 'Billed' });
  });

  it('?replace=item keeps only the pre-generated lines the body names', async () => {
    const order = await orderOf([{ item: 'shipping' }, { item: 'shipping', amount: 2 }]);
    const invoice = await expanded(
      'invoice',
      await transform('salesOrder', order, 'invoice', { item: { items: [{ orderLine: 2 }] } }, '?replace=item'),
    );
    expect(items(invoice).map((line) => [line.orderLine, line.amount])).toEqual([[2, 2]]);
  });

  it('cash sale from the order, cash refund from the cash sale', async () => {
    const order = await orderOf([{ item: 'shirt', quantity: 1 }]);
    await transform('salesOrder', order, 'itemFulfillment');
    const sale = await transform('salesOrder', order, 'cashSale', { externalId: 'WOO_CS_12' });
    expect(await getJson(served, `cashSale/${sale}`)).toMatchObject({
      total: 24.99,
      status: { id: 'B', refName: 'Not Deposited' },
    });
    expect((await expanded('salesOrder', order)).status).toMatchObject({ id: 'G' });
    const refund = await expanded(
      'cashRefund',
      await transform('cashSale', sale, 'cashRefund', { externalId: 'WOO_REFUND_34' }),
    );
    expect(refund).toMatchObject({ total: 24.99, createdFrom: { id: sale } });
    expect(items(refund).map((line) => [line.item && (line.item as Json).id, line.quantity])).toEqual([
      [store.shirt, 1],
    ]);
  });

  it('credit memo mirrors the invoice and applies to it', async () => {
    const order = await orderOf([{ item: 'shirt', quantity: 2 }]);
    await transform('salesOrder', order, 'itemFulfillment');
    const invoice = await transform('salesOrder', order, 'invoice');
    const memo = await expanded(
      'creditMemo',
      await transform('invoice', invoice, 'creditMemo', { externalId: 'WOO_REFUND_1' }),
    );
    expect(items(memo).map((line) => [line.quantity, line.amount])).toEqual([[2, 39.98]]);
    expect(memo).toMatchObject({
      total: 44.98,
      applied: 44.98,
      unapplied: 0,
      status: { id: 'B', refName: 'Fully Applied' },
      createdFrom: { id: invoice },
    });
    expect(((memo.apply as Json).items as Json[])[0]).toMatchObject({
      doc: { id: invoice },
      apply: true,
      amount: 44.98,
    });
    expect(await getJson(served, `invoice/${invoice}`)).toMatchObject({
      amountRemaining: 0,
      status: { id: 'B', refName: 'Paid In Full' },
    });
  });

  it('a partial credit memo names its lines with ?replace=item and the amount it applies', async () => {
    const order = await orderOf([{ item: 'shirt', quantity: 2 }]);
    await transform('salesOrder', order, 'itemFulfillment');
    const invoice = await transform('salesOrder', order, 'invoice');
    const memo = await expanded(
      'creditMemo',
      await transform(
        'invoice',
        invoice,
        'creditMemo',
        {
          shippingCost: 0,
          item: { items: [{ orderLine: 1, quantity: 1 }] },
          apply: { items: [{ doc: { id: invoice }, apply: true, amount: 19.99 }] },
        },
        '?replace=item',
      ),
    );
    expect(memo).toMatchObject({ total: 19.99, applied: 19.99, unapplied: 0 });
    expect(await getJson(served, `invoice/${invoice}`)).toMatchObject({ amountRemaining: 24.99, status: { id: 'A' } });
  });

  it('a deposit applies to an invoice through a deposit application made by transform', async () => {
    const order = await orderOf([{ item: 'shirt', quantity: 1 }]);
    const deposit = await create(served, 'customerDeposit', {
      customer: store.customer,
      salesOrder: order,
      payment: 24.99,
      externalId: 'WOO_DEP_12',
    });
    await transform('salesOrder', order, 'itemFulfillment');
    const invoice = await transform('salesOrder', order, 'invoice');
    const application = await transform('customerDeposit', deposit, 'depositApplication', {
      apply: { items: [{ doc: { id: invoice }, apply: true }] },
    });
    expect(await getJson(served, `depositApplication/${application}`)).toMatchObject({
      deposit: { id: deposit },
      applied: 24.99,
      customer: { id: store.customer },
    });
    expect(await getJson(served, `invoice/${invoice}`)).toMatchObject({ amountRemaining: 0, status: { id: 'B' } });
    expect(await getJson(served, `customerDeposit/${deposit}`)).toMatchObject({
      status: { id: 'C', refName: 'Fully Applied' },
    });
  });
});

describe('advance billing (netsuite-gl.md: an account preference)', () => {
  beforeEach(async () => {
    await reset(served, { advanceBilling: true });
    store = await seedStore(served);
  });

  it('bills every ordered quantity before fulfilment', async () => {
    const order = await orderOf();
    const invoice = await expanded('invoice', await transform('salesOrder', order, 'invoice'));
    expect(items(invoice).map((line) => [line.orderLine, line.quantity])).toEqual([
      [1, 4],
      [2, 1],
    ]);
    const billed = await expanded('salesOrder', order);
    expect(items(billed).map((line) => line.quantityBilled)).toEqual([4, 1]);
    expect(billed.status).toMatchObject({ id: 'B' });
    await transform('salesOrder', order, 'itemFulfillment');
    expect((await expanded('salesOrder', order)).status).toMatchObject({ id: 'G' });
  });
});
