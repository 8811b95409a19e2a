/** Helpers for the record service's tests: real HTTP against a served simulator. */
import { expect } from 'vitest';
import type { ServedSimulator } from '../test-support.ts';

export const REST = '/services/rest/record/v1';

export interface Json {
  [key: string]: unknown;
}

export async function seed(served: ServedSimulator, body: unknown): Promise<Json> {
  const response = await fetch(`${served.url}/__sim/seed`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Json;
}

export async function reset(served: ServedSimulator, settings: Json = {}): Promise<void> {
  const response = await fetch(`${served.url}/__sim/reset`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  expect(response.status).toBe(204);
}

/** Creates a record and returns its internal id (from `Location`, spec §3.3). */
export async function create(served: ServedSimulator, path: string, json: unknown): Promise<string> {
  const response = await served.ns(`${REST}/${path}`, { method: 'POST', json });
  const text = await response.text();
  expect(response.status, text).toBe(204);
  const location = response.headers.get('location') ?? '';
  const id = /\/(\d+)$/.exec(location)?.[1];
  expect(id, location).toBeDefined();
  return id as string;
}

export async function getJson(served: ServedSimulator, path: string): Promise<Json> {
  const response = await served.ns(`${REST}/${path}`);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as Json;
}

export async function send(
  served: ServedSimulator,
  method: string,
  path: string,
  json?: unknown,
  headers?: Record<string, string>,
) {
  const response = await served.ns(`${REST}/${path}`, { method, ...(json === undefined ? {} : { json }), headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    body: text ? (JSON.parse(text) as Json) : undefined,
  };
}

export const itemsOf = (body: Json | undefined): Json[] => (body?.items as Json[] | undefined) ?? [];

/** The single error detail of a NetSuite error body (spec §4.1). */
export function detailOf(body: Json | undefined): Json {
  const details = body?.['o:errorDetails'] as Json[] | undefined;
  expect(details).toHaveLength(1);
  return details?.[0] as Json;
}

export interface LedgerLine {
  transactionId: string;
  transactionType: string;
  externalId: string | null;
  account: { id: string; number: string | null };
  debit: string;
  credit: string;
  department: string | null;
  class: string | null;
  location: string | null;
  entity: string | null;
  memo: string | null;
}

export async function ledger(served: ServedSimulator, transaction?: string): Promise<LedgerLine[]> {
  const query = transaction === undefined ? '' : `?transaction=${encodeURIComponent(transaction)}`;
  const response = await fetch(`${served.url}/__sim/ledger${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { items: LedgerLine[] }).items;
}

/** Cents, to add ledger amounts exactly. */
export const cents = (amount: string): number => Math.round(Number(amount) * 100);

export function totals(lines: LedgerLine[]) {
  return {
    debit: lines.reduce((total, line) => total + cents(line.debit), 0),
    credit: lines.reduce((total, line) => total + cents(line.credit), 0),
  };
}

/** Net debit (positive) or credit (negative) of an account, in cents. */
export function balanceOf(lines: LedgerLine[], accountNumber: string): number {
  return lines
    .filter((line) => line.account.number === accountNumber)
    .reduce((total, line) => total + cents(line.debit) - cents(line.credit), 0);
}

/** A small account: two locations, income accounts, an apparel item with stock, a shipping item. */
export async function seedStore(served: ServedSimulator, stock: Record<string, number> = { Main: 10, East: 5 }) {
  const seeded = await seed(served, {
    locations: [{ name: 'Main' }, { name: 'East' }],
    accounts: [
      { number: '4010', name: 'Apparel Sales', type: 'Income' },
      { number: '4900', name: 'Shipping Income', type: 'Income' },
    ],
    items: [
      {
        itemId: 'SKU-RED-M',
        type: 'inventoryItem',
        displayName: 'Red shirt M',
        incomeAccount: '4010',
        basePrice: '19.99',
        cost: '8.00',
        stock,
      },
      { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900', basePrice: '5.00' },
    ],
  });
  const ids = (list: string) => (seeded[list] as { id: string }[]).map((entry) => entry.id);
  const [main, east] = ids('locations') as [string, string];
  const [shirt, shipping] = ids('items') as [string, string];
  const customer = await create(served, 'customer', {
    isPerson: true,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    externalId: `CUST-${main}`,
  });
  return { main, east, shirt, shipping, customer };
}

export type Store = Awaited<ReturnType<typeof seedStore>>;

export async function stockAt(served: ServedSimulator, itemId: string, locationId: string): Promise<Json> {
  const item = await getJson(served, `inventoryItem/${itemId}?expandSubResources=true`);
  const lines = ((item.locations as Json).items as Json[]) ?? [];
  const line = lines.find((entry) => (entry.location as Json).id === locationId);
  return line ?? { quantityOnHand: 0, quantityAvailable: 0, quantityCommitted: 0, quantityBackOrdered: 0 };
}

export const lineOf = (record: Json, index = 0): Json => ((record.item as Json).items as Json[])[index] as Json;
