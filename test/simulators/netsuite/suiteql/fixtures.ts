import type { RecordType } from '../record-types.ts';
import type { RecordStore, SimRecord } from '../store.ts';
import type { ServedSimulator } from '../test-support.ts';

/**
 * Seeds the store directly in its normal form (see `SimRecord`), standing in for the record service: SuiteQL tests
 * only need the rows a real account would hold.
 */
export function put(
  store: RecordStore,
  type: RecordType,
  fields: Record<string, unknown>,
  options: { externalId?: string; createdAt?: number; lastModified?: number } = {},
): SimRecord {
  const createdAt = options.createdAt ?? Date.UTC(2025, 2, 4, 12, 0, 0);
  const record: SimRecord = {
    type,
    id: store.nextId(),
    externalId: options.externalId,
    fields,
    createdAt,
    lastModified: options.lastModified ?? createdAt,
  };
  store.put(record);
  return record;
}

export const ref = (record: SimRecord | string) => ({ id: typeof record === 'string' ? record : record.id });

/** Quantities of one item at one location (available = on hand − committed). */
export function stock(
  store: RecordStore,
  item: SimRecord,
  location: SimRecord,
  level: { onHand: string; committed?: string; backOrdered?: string; onOrder?: string; at?: number },
): void {
  const byLocation = store.stock.get(item.id) ?? new Map();
  byLocation.set(location.id, {
    onHand: level.onHand,
    committed: level.committed ?? '0',
    backOrdered: level.backOrdered ?? '0',
    onOrder: level.onOrder ?? '0',
    lastAvailableChange: level.at ?? Date.UTC(2025, 2, 4, 12, 0, 0),
  });
  store.stock.set(item.id, byLocation);
  store.touch();
}

/** A small OneWorld account: one subsidiary, two locations, two items, one customer. */
export function seedAccount(store: RecordStore) {
  const usd = put(store, 'currency', { name: 'USD', symbol: '$' });
  const subsidiary = put(store, 'subsidiary', { name: 'Parent Company', currency: ref(usd), country: { id: 'US' } });
  const main = put(store, 'location', { name: 'Main Warehouse', subsidiary: ref(subsidiary) });
  const east = put(store, 'location', { name: 'East', subsidiary: ref(subsidiary), parent: ref(main) });
  const shirt = put(
    store,
    'inventoryItem',
    {
      itemId: 'SKU-RED-M',
      displayName: 'Red shirt M',
      upcCode: '0001',
      isInactive: false,
      price: { items: [{ priceLevel: { id: '1' }, currencyPage: ref(usd), price: '19.99' }] },
    },
    { externalId: 'shop1-item-55' },
  );
  const mug = put(store, 'inventoryItem', { itemId: 'SKU-MUG', displayName: 'Mug', isInactive: false });
  const shipping = put(store, 'otherChargeItem', { itemId: 'Shipping', isInactive: false });
  const ada = put(
    store,
    'customer',
    {
      entityId: 'CUST1',
      isPerson: true,
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.com',
      subsidiary: ref(subsidiary),
      isInactive: false,
    },
    { externalId: 'shop1-customer-7001' },
  );
  return { usd, subsidiary, main, east, shirt, mug, shipping, ada };
}

export type Account = ReturnType<typeof seedAccount>;

export function salesOrder(
  store: RecordStore,
  account: Account,
  options: { externalId: string; tranId: string; status?: string; lastModified?: number; total?: string },
): SimRecord {
  return put(
    store,
    'salesOrder',
    {
      entity: ref(account.ada),
      subsidiary: ref(account.subsidiary),
      location: ref(account.main),
      currency: ref(account.usd),
      tranId: options.tranId,
      tranDate: '2025-03-04',
      otherRefNum: `#${options.externalId}`,
      orderStatus: { id: 'B' },
      status: { id: options.status ?? 'B' },
      subtotal: '44.98',
      total: options.total ?? '54.93',
      item: {
        items: [
          {
            line: 1,
            item: ref(account.shirt),
            quantity: '2',
            rate: '19.99',
            amount: '39.98',
            location: ref(account.main),
            commitInventory: { id: '1' },
            isClosed: false,
            quantityCommitted: '2',
            quantityFulfilled: '0',
            quantityBilled: '0',
          },
          {
            line: 2,
            item: ref(account.mug),
            quantity: '1',
            rate: '5',
            amount: '5',
            location: ref(account.east),
            commitInventory: { id: '1' },
            isClosed: false,
            quantityFulfilled: '0',
            quantityBilled: '0',
          },
        ],
      },
    },
    { externalId: options.externalId, lastModified: options.lastModified },
  );
}

export function fulfillment(
  store: RecordStore,
  account: Account,
  order: SimRecord,
  options: { tranId: string; tracking?: string[]; lastModified?: number },
): SimRecord {
  return put(
    store,
    'itemFulfillment',
    {
      createdFrom: ref(order),
      entity: ref(account.ada),
      subsidiary: ref(account.subsidiary),
      tranId: options.tranId,
      tranDate: '2025-03-05',
      shipStatus: { id: 'C' },
      status: { id: 'C' },
      item: {
        items: [
          {
            line: 1,
            orderLine: 1,
            item: ref(account.shirt),
            quantity: '2',
            location: ref(account.main),
            itemReceive: true,
          },
        ],
      },
      package: {
        items: (options.tracking ?? []).map((tracking) => ({
          packageTrackingNumber: tracking,
          packageWeight: '1.5',
          packageDescr: 'Box',
        })),
      },
    },
    { lastModified: options.lastModified },
  );
}

export interface SuiteQlAnswer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary NetSuite JSON
  body: any;
}

/** `POST /query/v1/suiteql` as a client sends it (with `Prefer: transient` unless `prefer` says otherwise). */
export async function suiteql(
  served: ServedSimulator,
  q: string,
  params?: (string | number)[],
  options: { query?: string; prefer?: string | null } = {},
): Promise<SuiteQlAnswer> {
  const response = await served.ns(`/services/rest/query/v1/suiteql${options.query ?? ''}`, {
    method: 'POST',
    json: params ? { q, params } : { q },
    headers: options.prefer === null ? {} : { prefer: options.prefer ?? 'transient' },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}
