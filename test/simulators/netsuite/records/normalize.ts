/**
 * A request body → the store's normal form (see store.ts), field by field against the type's schema. The result is
 * a patch: `null` means "clear" (spec §3.5), a sublist is `{ items: Line[] | null }` (null: remove all lines).
 */
import type { RecordType } from '../record-types.ts';
import { NsError } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { canonical, parseDecimal } from './decimal.ts';
import { CUSTOM_FIELD, type FieldDef, type Fields, lookupField } from './field-defs.ts';
import { SCHEMAS } from './schema.ts';

export type Patch = Record<string, unknown>;
export interface SublistPatch {
  items: Patch[] | null;
}

export type Validation = 'ignore' | 'warning' | 'error';

export interface NormalizeOptions {
  /** `X-NetSuite-PropertyNameValidation` (spec §3.1; default warning: unknown fields are dropped). */
  names: Validation;
  /** `X-NetSuite-PropertyValueValidation` (default error: a value of the wrong type is refused). */
  values: Validation;
}

export interface NormalizedBody {
  fields: Patch;
  /** Present when the body named `externalId`; null clears it. */
  externalId?: string | null;
}

const IGNORED = new Set(['links', 'id', 'refname']);

export function normalizeBody(
  sim: NetSuiteSimulator,
  type: RecordType,
  body: unknown,
  options: NormalizeOptions,
): NormalizedBody {
  if (!isObject(body)) {
    throw new NsError(
      400,
      'INVALID_REQUEST',
      'The request could not be understood by the server due to malformed syntax.',
    );
  }
  const result: NormalizedBody = { fields: {} };
  for (const [name, value] of Object.entries(body)) {
    if (name.toLowerCase() === 'externalid') {
      result.externalId = externalIdValue(value);
      continue;
    }
    normalizeField(sim, SCHEMAS[type], name, value, '', result.fields, options);
  }
  return result;
}

function externalIdValue(value: unknown): string | null {
  if (value === null || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw invalidValue('externalId', value, 'externalId');
}

function normalizeFields(
  sim: NetSuiteSimulator,
  fields: Fields,
  input: Record<string, unknown>,
  path: string,
  options: NormalizeOptions,
  keyField?: string,
): Patch {
  const out: Patch = {};
  for (const [name, value] of Object.entries(input)) {
    if (keyField && name.toLowerCase() === keyField.toLowerCase()) {
      const key = keyValue(value, `${path}${keyField}`);
      if (key !== undefined) out[keyField] = key;
      continue;
    }
    normalizeField(sim, fields, name, value, path, out, options);
  }
  return out;
}

function normalizeField(
  sim: NetSuiteSimulator,
  fields: Fields,
  name: string,
  value: unknown,
  path: string,
  out: Patch,
  options: NormalizeOptions,
): void {
  if (IGNORED.has(name.toLowerCase())) return;
  if (CUSTOM_FIELD.test(name)) {
    out[name] = value;
    return;
  }
  const found = lookupField(fields, name, sim.settings.oneWorld);
  if (!found) {
    if (options.names === 'error') {
      throw new NsError(
        400,
        'NONEXISTENT_FIELD',
        `Invalid field name: ${name}. The field does not exist on this record.`,
        {
          'o:errorPath': `${path}${name}`,
        },
      );
    }
    return;
  }
  const [fieldName, def] = found;
  if (def.readOnly) return;
  const fieldPath = `${path}${fieldName}`;
  if (value === null) {
    out[fieldName] = null;
    return;
  }
  const normalized = normalizeValue(sim, def, fieldName, value, fieldPath, options);
  if (normalized !== undefined) out[fieldName] = normalized;
}

function normalizeValue(
  sim: NetSuiteSimulator,
  def: FieldDef,
  name: string,
  value: unknown,
  path: string,
  options: NormalizeOptions,
): unknown {
  switch (def.kind) {
    case 'ref':
      return { id: resolveReference(sim, def.to, def.checked, value, name, path) };
    case 'enum':
      return { id: enumId(def.values, value, name, path) };
    case 'sublist':
      return sublistPatch(sim, def, value, name, path, options);
    case 'subrecord':
      if (!isObject(value)) throw invalidValue(name, value, path);
      return normalizeFields(sim, def.fields, value, `${path}.`, options);
    default: {
      const scalar = scalarValue(def.kind, value);
      if (scalar !== undefined) return scalar;
      if (options.values === 'error') throw invalidValue(name, value, path);
      return undefined;
    }
  }
}

function sublistPatch(
  sim: NetSuiteSimulator,
  def: Extract<FieldDef, { kind: 'sublist' }>,
  value: unknown,
  name: string,
  path: string,
  options: NormalizeOptions,
): SublistPatch {
  if (!isObject(value)) throw invalidValue(name, value, path);
  const items = Object.entries(value).find(([key]) => key.toLowerCase() === 'items')?.[1];
  if (items === null || items === undefined) return { items: items === null ? null : [] };
  if (!Array.isArray(items)) throw invalidValue(name, items, `${path}.items`);
  return {
    items: items.map((line, index) => {
      const linePath = `${path}.items[${index}]`;
      if (!isObject(line)) throw invalidValue(name, line, linePath);
      const assignedKey = def.key?.kind === 'assigned' ? def.key.field : undefined;
      return normalizeFields(sim, def.line, line, `${linePath}.`, options, assignedKey);
    }),
  };
}

function keyValue(value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  throw invalidValue(path.split('.').pop() ?? path, value, path);
}

/** A reference in any of the accepted request forms (spec §3.2): `{id}`, bare string or number, `{externalId}`. */
export function resolveReference(
  sim: NetSuiteSimulator,
  to: readonly string[],
  checked: boolean,
  value: unknown,
  name: string,
  path: string,
): string {
  let id: string | undefined;
  if (typeof value === 'string' && value.trim() !== '') id = value.trim();
  else if (typeof value === 'number' && Number.isInteger(value)) id = String(value);
  else if (isObject(value)) {
    const idValue = value.id ?? value.internalId;
    if (typeof idValue === 'string' || typeof idValue === 'number') id = String(idValue);
    else if (typeof value.externalId === 'string') {
      const byExternal = findByExternalId(sim, to, value.externalId);
      if (!byExternal) throw invalidValue(name, value.externalId, path);
      return byExternal;
    }
  }
  if (id === undefined) throw invalidValue(name, value, path);
  if (!checked) return id;
  const record = sim.store.getAny(id);
  if (!record || !to.includes(record.type)) throw invalidValue(name, id, path);
  return id;
}

function findByExternalId(sim: NetSuiteSimulator, to: readonly string[], externalId: string): string | undefined {
  for (const type of to) {
    if (!(type in SCHEMAS)) continue;
    const record = sim.store.getByExternalId(type as RecordType, externalId);
    if (record) return record.id;
  }
  return undefined;
}

function enumId(
  values: Readonly<Record<string, string>> | undefined,
  value: unknown,
  name: string,
  path: string,
): string {
  let candidate: string | undefined;
  let label: string | undefined;
  if (typeof value === 'string') candidate = value;
  else if (typeof value === 'number') candidate = String(value);
  else if (typeof value === 'boolean') candidate = value ? 'T' : 'F';
  else if (isObject(value)) {
    if (typeof value.id === 'string' || typeof value.id === 'number') candidate = String(value.id);
    else if (typeof value.refName === 'string') label = value.refName;
  }
  if (candidate === undefined && label === undefined) throw invalidValue(name, value, path);
  if (!values) return (candidate ?? label) as string;
  if (candidate !== undefined && candidate in values) return candidate;
  const wanted = (candidate ?? label ?? '').toLowerCase();
  const byLabel = Object.entries(values).find(([, text]) => text.toLowerCase() === wanted);
  if (byLabel) return byLabel[0];
  throw invalidValue(name, candidate ?? label, path);
}

function scalarValue(kind: string, value: unknown): unknown {
  switch (kind) {
    case 'string':
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value : undefined;
    case 'integer':
      if (typeof value === 'number' && Number.isInteger(value)) return value;
      if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
      return undefined;
    case 'decimal': {
      const parsed = parseDecimal(value);
      return parsed === undefined ? undefined : canonical(parsed);
    }
    case 'date':
      return dateValue(value);
    default:
      return undefined;
  }
}

/** "2025-03-04", "2025-03-04T00:00:00+00:00" (accepted in real traffic, spec §3.2) or "3/4/2025". */
export function dateValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (iso) [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [month, day, year] = [Number(us[1]), Number(us[2]), Number(us[3])];
  else return undefined;
  const parsed = new Date(Date.UTC(year, month - 1, day));
  if (parsed.getUTCFullYear() !== year || parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) {
    return undefined;
  }
  return parsed.toISOString().slice(0, 10);
}

export function invalidValue(name: string, value: unknown, path: string): NsError {
  const shown = typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  return new NsError(
    400,
    'INVALID_CONTENT',
    `Error while accessing resource: You have entered an Invalid Field Value ${shown} for the following field: ${name}`,
    { 'o:errorPath': path },
  );
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
