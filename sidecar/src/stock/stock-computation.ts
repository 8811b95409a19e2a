/**
 * What a storefront should show in stock for each SKU (pure): NetSuite's quantity **available** (on hand less
 * committed) summed over the locations mapped to the connection, less what the storefront sold that NetSuite does
 * not know yet, never below 0; and which SKUs must be written (the value differs from what we last wrote).
 */

/** NetSuite item id → location id → quantity available (NetSuite's text, may be fractional). */
export type Availability = ReadonlyMap<string, ReadonlyMap<string, string>>;

export interface MappedSku {
  sku: string;
  netsuiteItemId: string;
}

/** Whole units: NetSuite may answer `3.5` (units of measure); a storefront sells whole units, so round down. */
export function wholeUnits(text: string | undefined): number {
  const value = Number(text ?? '0');
  return Number.isFinite(value) ? Math.floor(value) : 0;
}

/** The stock each mapped SKU should show: Σ available over `locationIds` − pending sales, floor 0. */
export function computeStock(
  skus: readonly MappedSku[],
  availability: Availability,
  locationIds: readonly string[],
  pending: ReadonlyMap<string, number>,
): Map<string, number> {
  const computed = new Map<string, number>();
  for (const { sku, netsuiteItemId } of skus) {
    const byLocation = availability.get(netsuiteItemId);
    let available = 0;
    for (const location of new Set(locationIds)) available += wholeUnits(byLocation?.get(location));
    computed.set(sku, Math.max(0, available - (pending.get(sku) ?? 0)));
  }
  return computed;
}

/** The locations whose stock a connection sells: its master location and every location rule's. */
export function connectionLocations(settings: {
  masterLocationId?: string | undefined;
  locationRules?: readonly { locationId: string }[] | undefined;
}): string[] {
  const ids = [settings.masterLocationId, ...(settings.locationRules ?? []).map((rule) => rule.locationId)];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];
}

/** SKUs whose computed value differs from the value last written (never written counts as different). */
export function changedSkus(
  computed: ReadonlyMap<string, number>,
  lastWritten: ReadonlyMap<string, number | null>,
): string[] {
  return [...computed].filter(([sku, value]) => lastWritten.get(sku) !== value).map(([sku]) => sku);
}
