/**
 * Normal form → REST JSON (spec §3.2, §3.4): `links` first, references as `{links, id, refName}`, enums as
 * `{id, refName}` (or the bare id with `simpleEnumFormat=true`), money and quantities as JSON numbers, sublists and
 * subrecords as `{links}` unless `expandSubResources=true`, empty fields left out.
 */
import type { RecordType } from '../record-types.ts';
import { RECORD_TYPES } from '../record-types.ts';
import { REST_PREFIX } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { canonical } from './decimal.ts';
import { CUSTOM_FIELD, type FieldDef, type Fields } from './field-defs.ts';
import { availableOf } from './inventory.ts';
import { createdFieldName, SCHEMAS } from './schema.ts';
import { type Line, linesOf, refId } from './sublists.ts';

export interface RenderOptions {
  /** `https://host` the request came to; links are absolute (spec §3.4). */
  origin: string;
  expand: boolean;
  simpleEnums: boolean;
  /** `fields=`: only these body fields (canonical names); sublists and subrecords are then left out. */
  only?: ReadonlySet<string>;
}

const TYPE_LABELS: Partial<Record<RecordType, string>> = {
  salesOrder: 'Sales Order',
  invoice: 'Invoice',
  cashSale: 'Cash Sale',
  creditMemo: 'Credit Memo',
  cashRefund: 'Cash Refund',
  itemFulfillment: 'Item Fulfillment',
  customerDeposit: 'Customer Deposit',
  depositApplication: 'Deposit Application',
  customerRefund: 'Customer Refund',
  journalEntry: 'Journal',
};

export const recordUrl = (origin: string, type: string, id: string) =>
  `${origin}${REST_PREFIX}/record/v1/${type}/${id}`;
const selfLink = (href: string) => [{ rel: 'self', href }];

/** The stored fields plus what lives outside them: external id, timestamps, an item's stock by location. */
export function renderableFields(sim: NetSuiteSimulator, record: SimRecord): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...record.fields };
  if (record.externalId !== undefined) fields.externalId = record.externalId;
  fields.lastModifiedDate = isoSeconds(record.lastModified);
  fields[createdFieldName(record.type)] = isoSeconds(record.createdAt);
  if (record.type === 'inventoryItem') fields.locations = { items: stockLines(sim, record.id) };
  return fields;
}

export function renderRecord(
  sim: NetSuiteSimulator,
  record: SimRecord,
  options: RenderOptions,
): Record<string, unknown> {
  const url = recordUrl(options.origin, record.type, record.id);
  const fields = renderableFields(sim, record);
  const body: Record<string, unknown> = { links: selfLink(url), id: record.id };
  const schema = SCHEMAS[record.type];
  for (const name of Object.keys(fields).sort()) {
    const value = fields[name];
    const def = schema[name];
    if (options.only && !options.only.has(name)) continue;
    if (options.only && (def?.kind === 'sublist' || def?.kind === 'subrecord')) continue;
    const rendered = renderField(sim, def, name, value, `${url}/${name}`, options);
    if (rendered !== undefined) body[name] = rendered;
  }
  return body;
}

export function renderField(
  sim: NetSuiteSimulator,
  def: FieldDef | undefined,
  name: string,
  value: unknown,
  url: string,
  options: RenderOptions,
): unknown {
  if (value === undefined || value === null) return undefined;
  if (!def) return CUSTOM_FIELD.test(name) || typeof value !== 'object' ? value : undefined;
  switch (def.kind) {
    case 'ref':
      return renderReference(sim, def.to, value, options.origin);
    case 'enum': {
      const id = refId(value);
      if (id === undefined) return undefined;
      if (options.simpleEnums) return id;
      return { id, refName: def.values?.[id] ?? def.labels?.[id] ?? id };
    }
    case 'decimal':
      return typeof value === 'string' ? Number(value) : value;
    case 'sublist':
      return renderSublist(sim, def, value, url, options);
    case 'subrecord':
      if (!options.expand) return { links: selfLink(url) };
      return { links: selfLink(url), ...renderFields(sim, def.fields, value as Line, url, options) };
    default:
      return value;
  }
}

function renderFields(sim: NetSuiteSimulator, schema: Fields, fields: Line, url: string, options: RenderOptions) {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(fields).sort()) {
    const rendered = renderField(sim, schema[name], name, fields[name], `${url}/${name}`, options);
    if (rendered !== undefined) out[name] = rendered;
  }
  return out;
}

function renderSublist(
  sim: NetSuiteSimulator,
  def: Extract<FieldDef, { kind: 'sublist' }>,
  value: unknown,
  url: string,
  options: RenderOptions,
): unknown {
  if (!options.expand) return { links: selfLink(url) };
  const items = ((value as { items?: Line[] }).items ?? []).map((line) => renderLine(sim, def, line, url, options));
  return { links: selfLink(url), items };
}

export function renderLine(
  sim: NetSuiteSimulator,
  def: Extract<FieldDef, { kind: 'sublist' }>,
  line: Line,
  sublistUrl: string,
  options: RenderOptions,
): Record<string, unknown> {
  const key = def.key ? lineKeyText(line, def.key.field) : undefined;
  const lineUrl = key === undefined ? undefined : `${sublistUrl}/${key}`;
  return {
    links: lineUrl ? selfLink(lineUrl) : [],
    ...renderFields(sim, def.line, line, lineUrl ?? sublistUrl, options),
  };
}

export function lineKeyText(line: Line, field: string): string | undefined {
  const value = line[field];
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  return refId(value);
}

function renderReference(sim: NetSuiteSimulator, to: readonly string[], value: unknown, origin: string) {
  const id = refId(value);
  if (id === undefined) return undefined;
  const target = sim.store.getAny(id);
  const known = target && to.includes(target.type) ? target : undefined;
  const type = known?.type ?? to[0] ?? 'record';
  const refName = known ? referenceName(known) : undefined;
  return { links: selfLink(recordUrl(origin, type, id)), id, ...(refName !== undefined ? { refName } : {}) };
}

/** How a record names itself in references: its name, item name, entity id, or "Sales Order #SO1001". */
export function referenceName(record: SimRecord): string | undefined {
  const fields = record.fields;
  switch (RECORD_TYPES[record.type].kind) {
    case 'item':
      return fields.itemId as string | undefined;
    case 'entity':
      return fields.entityId as string | undefined;
    case 'transaction':
      return `${TYPE_LABELS[record.type] ?? record.type} #${String(fields.tranId ?? record.id)}`;
    default:
      if (record.type === 'account') return [fields.acctNumber, fields.acctName].filter(Boolean).join(' ');
      return fields.name as string | undefined;
  }
}

/** The read-only `locations` sublist of an inventory item, from the account's stock (spec §3.12). */
function stockLines(sim: NetSuiteSimulator, itemId: string): Line[] {
  const byLocation = sim.store.stock.get(itemId);
  if (!byLocation) return [];
  return [...byLocation.entries()]
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([locationId, level]) => ({
      location: { id: locationId },
      locationId: { id: locationId },
      quantityOnHand: level.onHand,
      quantityAvailable: canonical(availableOf(level)),
      quantityCommitted: level.committed,
      quantityBackOrdered: level.backOrdered,
      quantityOnOrder: level.onOrder,
      lastQuantityAvailableChange: isoSeconds(level.lastAvailableChange),
    }));
}

export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A line of a sublist for `GET /{type}/{id}/{sublist}/{key}`. */
export function findLine(
  fields: Record<string, unknown>,
  sublist: string,
  key: string,
  field: string,
): Line | undefined {
  return linesOf(fields, sublist).find((line) => lineKeyText(line, field) === key);
}
