/**
 * Stock per (item, location) and sales-order commitment (spec §7): `available = onHand − committed`; an open sales
 * order line commits at its location per `commitInventory` (1 Available Qty, 2 Complete Qty, 3 Do Not Commit) and
 * back-orders the rest; fulfilment takes stock off hand.
 */
import type { NetSuiteSimulator } from '../simulator.ts';
import type { StockLevel } from '../store.ts';
import { canonical, dec, type Scaled } from './decimal.ts';
import { isInventoryLine } from './lines.ts';
import { type Line, linesOf, refId } from './sublists.ts';

export type StockKey = string;
export const stockKey = (itemId: string, locationId: string): StockKey => `${itemId}|${locationId}`;
const splitKey = (key: StockKey): [string, string] => key.split('|') as [string, string];

export function peekStock(sim: NetSuiteSimulator, itemId: string, locationId: string): StockLevel | undefined {
  return sim.store.stock.get(itemId)?.get(locationId);
}

export function stockLevel(sim: NetSuiteSimulator, itemId: string, locationId: string): StockLevel {
  let byLocation = sim.store.stock.get(itemId);
  if (!byLocation) {
    byLocation = new Map();
    sim.store.stock.set(itemId, byLocation);
  }
  let level = byLocation.get(locationId);
  if (!level) {
    level = { onHand: '0', committed: '0', backOrdered: '0', onOrder: '0', lastAvailableChange: sim.clock.now() };
    byLocation.set(locationId, level);
  }
  return level;
}

export const availableOf = (level: StockLevel | undefined): Scaled =>
  level ? dec(level.onHand) - dec(level.committed) : 0n;

/** Sets what is on hand (seeding an account, as an inventory adjustment would). */
export function setOnHand(sim: NetSuiteSimulator, itemId: string, locationId: string, quantity: Scaled): void {
  const level = stockLevel(sim, itemId, locationId);
  changeLevel(sim, level, () => {
    level.onHand = canonical(quantity);
  });
}

export function adjustOnHand(sim: NetSuiteSimulator, itemId: string, locationId: string, delta: Scaled): void {
  if (delta === 0n) return;
  const level = stockLevel(sim, itemId, locationId);
  changeLevel(sim, level, () => {
    level.onHand = canonical(dec(level.onHand) + delta);
  });
}

function changeLevel(sim: NetSuiteSimulator, level: StockLevel, change: () => void): void {
  const before = availableOf(level);
  change();
  if (availableOf(level) !== before) level.lastAvailableChange = sim.clock.now();
  sim.store.touch();
}

/** Where a sales order line commits: its own location (which the header location defaults, spec §7). */
export const lineLocation = (line: Line): string | undefined => refId(line.location);

/** Quantity committed at a location by sales orders other than `exceptOrderId`. */
export function committedByOthers(sim: NetSuiteSimulator, itemId: string, locationId: string, exceptOrderId?: string) {
  let total = 0n;
  for (const order of sim.store.all('salesOrder')) {
    if (order.id === exceptOrderId) continue;
    for (const line of linesOf(order.fields, 'item')) {
      if (refId(line.item) === itemId && lineLocation(line) === locationId) total += dec(line.quantityCommitted);
    }
  }
  return total;
}

/**
 * Commits each open inventory line of an order, in line order, from what is on hand and not committed to other
 * orders. `quantityFulfilled` on the lines must be current. Orders pending approval commit nothing (spec §7,
 * UNCERTAIN, the recommended behaviour).
 */
export function allocateOrder(sim: NetSuiteSimulator, orderId: string | undefined, fields: Record<string, unknown>) {
  const pendingApproval = refId(fields.orderStatus) === 'A';
  const pool = new Map<StockKey, Scaled>();
  for (const line of linesOf(fields, 'item')) {
    if (!isInventoryLine(sim, line)) continue;
    const itemId = refId(line.item) as string;
    const remaining =
      line.isClosed === true || pendingApproval ? 0n : positive(dec(line.quantity) - dec(line.quantityFulfilled));
    const locationId = lineLocation(line);
    const mode = refId(line.commitInventory) ?? '1';
    let committed = 0n;
    if (locationId && remaining > 0n && mode !== '3') {
      const key = stockKey(itemId, locationId);
      const free =
        pool.get(key) ??
        dec(peekStock(sim, itemId, locationId)?.onHand) - committedByOthers(sim, itemId, locationId, orderId);
      if (mode === '1') committed = clamp(remaining, free);
      else if (mode === '2') committed = free >= remaining ? remaining : 0n;
      pool.set(key, free - committed);
    }
    line.quantityCommitted = canonical(committed);
    // "Do Not Commit" lines are neither committed nor back-ordered (spec §7: "3 → nothing").
    line.quantityBackOrdered = canonical(pendingApproval || mode === '3' ? 0n : remaining - committed);
  }
}

const positive = (value: Scaled): Scaled => (value > 0n ? value : 0n);
const clamp = (wanted: Scaled, free: Scaled): Scaled => (free <= 0n ? 0n : wanted < free ? wanted : free);

/** The (item, location) pairs an order's inventory lines touch. */
export function orderStockKeys(sim: NetSuiteSimulator, fields: Record<string, unknown> | undefined): StockKey[] {
  if (!fields) return [];
  return linesOf(fields, 'item').flatMap((line) => {
    const itemId = refId(line.item);
    const locationId = lineLocation(line);
    return itemId && locationId && isInventoryLine(sim, line) ? [stockKey(itemId, locationId)] : [];
  });
}

/** Recounts committed and back-ordered quantities of the given pairs from all sales orders. */
export function refreshStockLevels(sim: NetSuiteSimulator, keys: Iterable<StockKey>): void {
  const wanted = new Set(keys);
  if (wanted.size === 0) return;
  const committed = new Map<StockKey, Scaled>();
  const backOrdered = new Map<StockKey, Scaled>();
  for (const order of sim.store.all('salesOrder')) {
    for (const line of linesOf(order.fields, 'item')) {
      const itemId = refId(line.item);
      const locationId = lineLocation(line);
      if (!itemId || !locationId) continue;
      const key = stockKey(itemId, locationId);
      if (!wanted.has(key)) continue;
      committed.set(key, (committed.get(key) ?? 0n) + dec(line.quantityCommitted));
      backOrdered.set(key, (backOrdered.get(key) ?? 0n) + dec(line.quantityBackOrdered));
    }
  }
  for (const key of wanted) {
    const [itemId, locationId] = splitKey(key);
    const level = stockLevel(sim, itemId, locationId);
    changeLevel(sim, level, () => {
      level.committed = canonical(committed.get(key) ?? 0n);
      level.backOrdered = canonical(backOrdered.get(key) ?? 0n);
    });
  }
}
