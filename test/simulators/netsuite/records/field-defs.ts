/**
 * How the simulator describes a record's fields: their kinds (scalars, references, enumerations, sublists,
 * subrecords), the small builders the schemas are written with, and looking a field up by the name a request used.
 */
interface Common {
  readOnly?: boolean;
  /** Exists only in OneWorld accounts (spec §7: non-OneWorld accounts have no subsidiary field). */
  oneWorldOnly?: boolean;
  /** Not usable in a list `q` filter (spec §3.6: e.g. itemFulfillment `createdFrom`). */
  notFilterable?: boolean;
}

export type ScalarKind = 'string' | 'boolean' | 'integer' | 'decimal' | 'date';

export type FieldDef =
  | (Common & { kind: ScalarKind })
  /**
   * A reference. `to` names the record types it may point at; `checked` says whether the simulator holds those
   * types and so refuses unknown ids (department, class, price level, ship item… are not simulated: any id is kept).
   */
  | (Common & { kind: 'ref'; to: readonly string[]; checked: boolean })
  /**
   * An enumeration; without `values` any id is accepted (countries, NetSuite-defined lists the simulator lacks), and
   * `labels` names the ids it knows.
   */
  | (Common & { kind: 'enum'; values?: Readonly<Record<string, string>>; labels?: Readonly<Record<string, string>> })
  | (Common & { kind: 'sublist'; line: Fields; key?: LineKey })
  | (Common & { kind: 'subrecord'; fields: Fields });

/** How lines of a keyed sublist are identified (spec §3.7): a number the record assigns, or a reference. */
export interface LineKey {
  field: string;
  kind: 'assigned' | 'reference';
}

export type Fields = Readonly<Record<string, FieldDef>>;

export const string: FieldDef = { kind: 'string' };
export const boolean: FieldDef = { kind: 'boolean' };
export const integer: FieldDef = { kind: 'integer' };
export const decimal: FieldDef = { kind: 'decimal' };
export const date: FieldDef = { kind: 'date' };

export const readOnly = <T extends FieldDef>(def: T): T => ({ ...def, readOnly: true });
export const oneWorld = <T extends FieldDef>(def: T): T => ({ ...def, oneWorldOnly: true });
export const ref = (...to: string[]): FieldDef => ({ kind: 'ref', to, checked: true });
/** A reference to a list the simulator does not hold. */
export const list = (name: string): FieldDef => ({ kind: 'ref', to: [name], checked: false });
export const openEnum: FieldDef = { kind: 'enum' };
export const enumOf = (values: Record<string, string>): FieldDef => ({ kind: 'enum', values });
export const sublist = (line: Fields, key?: LineKey): FieldDef => ({ kind: 'sublist', line, ...(key ? { key } : {}) });
export const subrecord = (fields: Fields): FieldDef => ({ kind: 'subrecord', fields });

export const assignedLine: LineKey = { field: 'line', kind: 'assigned' };
export const byDoc: LineKey = { field: 'doc', kind: 'reference' };

export const CUSTOM_FIELD = /^cust(body|col|entity|item|record|event)[a-z0-9_]*$/i;

/** The field definition for a name as a request spelled it (case-insensitive, spec §3.1), with its schema name. */
export function lookupField(fields: Fields, name: string, oneWorldAccount: boolean): [string, FieldDef] | undefined {
  const index = lowerIndex(fields);
  const canonicalName = index.get(name.toLowerCase());
  if (!canonicalName) return undefined;
  const def = fields[canonicalName];
  if (!def || (def.oneWorldOnly && !oneWorldAccount)) return undefined;
  return [canonicalName, def];
}

const lowerIndexes = new WeakMap<Fields, Map<string, string>>();

function lowerIndex(fields: Fields): Map<string, string> {
  let index = lowerIndexes.get(fields);
  if (!index) {
    index = new Map(Object.keys(fields).map((name) => [name.toLowerCase(), name]));
    lowerIndexes.set(fields, index);
  }
  return index;
}
