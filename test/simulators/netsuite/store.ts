import type { RecordType } from './record-types.ts';

/**
 * A record as the simulator keeps it. `fields` holds the body in one normal form, whatever form the request used:
 * - references (entity, item, location, subsidiary, account, currency, department, class, createdFrom, doc, …) are
 *   `{ id: string }` (bare strings, numbers and `{ "id": 7 }` are normalised on write; unknown ids are refused);
 * - enumerations (orderStatus, shipStatus, commitInventory, status, country, …) are `{ id: string }`;
 * - sublists are `{ items: Line[] }`; transaction item lines are keyed by `line` (a number), address-book lines by
 *   `id`; non-keyed sublists (itemFulfillment `package`) keep their order;
 * - subrecords (shippingAddress, billingAddress, addressBookAddress) are plain nested objects;
 * - money and quantities are decimal strings with at most 8 decimals ("39.98", "2"), never floats; the REST
 *   renderer turns them into JSON numbers, SuiteQL into strings;
 * - dates are "YYYY-MM-DD" strings; `tranDate` defaults to today in the account's time zone (UTC here);
 * - computed fields live here too: `tranId`, `status` ({ id: letter } per spec §6.6), `subtotal`, `total`,
 *   line `quantityCommitted` / `quantityBackOrdered` / `quantityFulfilled` / `quantityBilled`.
 */
export interface SimRecord {
  type: RecordType;
  /** Internal id: one sequence for the whole account, as a numeric string. */
  id: string;
  externalId: string | undefined;
  fields: Record<string, unknown>;
  /** Simulator clock, ms since the epoch. */
  createdAt: number;
  lastModified: number;
}

/** Quantities of one item at one location (spec §7); `available = onHand − committed`. */
export interface StockLevel {
  onHand: string;
  committed: string;
  backOrdered: string;
  onOrder: string;
  /** Simulator clock, ms: when `available` last changed. */
  lastAvailableChange: number;
}

/** One GL line a posting transaction wrote (netsuite-gl.md); amounts are decimal strings, one of them "0". */
export interface GlLine {
  transactionId: string;
  transactionType: RecordType;
  externalId: string | undefined;
  accountId: string;
  debit: string;
  credit: string;
  department: string | undefined;
  class: string | undefined;
  location: string | undefined;
  entity: string | undefined;
  memo: string | undefined;
}

/**
 * Everything the account holds. The record service writes it; SuiteQL reads it (rebuilding its tables when
 * `version` has moved since it last looked); `/__sim/reset` clears it.
 */
export class RecordStore {
  #records = new Map<string, SimRecord>();
  #byExternalId = new Map<string, string>();
  #nextId = 100;
  /** Bumped by every write, so readers can tell their copy is stale. */
  version = 0;
  /** item id → location id → level. */
  stock = new Map<string, Map<string, StockLevel>>();
  gl: GlLine[] = [];

  nextId(): string {
    return String(this.#nextId++);
  }

  get(type: RecordType, id: string): SimRecord | undefined {
    const record = this.#records.get(id);
    return record?.type === type ? record : undefined;
  }

  /** External ids are unique per record type (spec §3.5). */
  getByExternalId(type: RecordType, externalId: string): SimRecord | undefined {
    const id = this.#byExternalId.get(`${type}:${externalId}`);
    return id ? this.get(type, id) : undefined;
  }

  /** Any record by internal id, whatever its type (references such as `createdFrom` need this). */
  getAny(id: string): SimRecord | undefined {
    return this.#records.get(id);
  }

  all(type?: RecordType): SimRecord[] {
    const records = [...this.#records.values()];
    return type ? records.filter((record) => record.type === type) : records;
  }

  /** Inserts or replaces a record (the caller has validated it and set its timestamps). */
  put(record: SimRecord): void {
    const previous = this.#records.get(record.id);
    if (previous?.externalId) this.#byExternalId.delete(`${previous.type}:${previous.externalId}`);
    this.#records.set(record.id, record);
    if (record.externalId) this.#byExternalId.set(`${record.type}:${record.externalId}`, record.id);
    this.version++;
  }

  delete(id: string): boolean {
    const record = this.#records.get(id);
    if (!record) return false;
    if (record.externalId) this.#byExternalId.delete(`${record.type}:${record.externalId}`);
    this.#records.delete(id);
    this.version++;
    return true;
  }

  /** Marks a change made outside `put` (stock, GL) so readers refresh. */
  touch(): void {
    this.version++;
  }

  reset(): void {
    this.#records.clear();
    this.#byExternalId.clear();
    this.#nextId = 100;
    this.stock.clear();
    this.gl = [];
    this.version++;
  }
}
