import { __ } from '@wordpress/i18n';

/**
 * The checks the sidecar's settings schema (sidecar/src/connections/connection-settings.ts) makes, so a form says
 * what is wrong before it sends. Values are trimmed first; the schema itself does not trim.
 */

/** Field path (`locationRules.0.country`) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

/** NetSuite internal ids travel as strings of digits (`"12"`). */
export const isInternalId = (value: string) => /^[0-9]+$/.test(value);
export const isCountry = (value: string) => /^[A-Z]{2}$/.test(value);

export const messages = {
  internalId: () => __('A NetSuite internal id: digits only.', 'ml-connector'),
  required: () => __('Required.', 'ml-connector'),
  country: () => __('An ISO 3166-1 country code, two upper-case letters (US, DE).', 'ml-connector'),
  duplicate: () => __('Listed twice: each key once.', 'ml-connector'),
  timeZone: () => __('An IANA time zone such as America/Los_Angeles.', 'ml-connector'),
  statuses: () => __('Choose at least one status.', 'ml-connector'),
};

/** A required internal id: the message when it is not one. */
export function checkId(errors: FieldErrors, path: string, value: string): string {
  const id = value.trim();
  if (id === '') errors[path] = messages.required();
  else if (!isInternalId(id)) errors[path] = messages.internalId();
  return id;
}

/** An optional internal id (`null` when left empty). */
export function checkOptionalId(errors: FieldErrors, path: string, value: string): string | null {
  const id = value.trim();
  if (id !== '' && !isInternalId(id)) errors[path] = messages.internalId();
  return id === '' ? null : id;
}

/** The time zones the sidecar accepts (`Intl.supportedValuesOf('timeZone')` and UTC). */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf;
  return supported ? supported('timeZone').includes(name) : name.length > 0;
}

/** One row of a key → id table (shipping method → item, tax rate → tax code, payment method → account). */
export interface KeyedRow {
  row: number;
  key: string;
  id: string;
}

let nextRow = 0;
/** A key for React that stays with a row as rows are added, removed and moved. */
export const rowKey = () => {
  nextRow += 1;
  return nextRow;
};

export const toRows = (record: Record<string, string>): KeyedRow[] =>
  Object.entries(record).map(([key, id]) => ({ row: rowKey(), key, id }));

/** Rows back to the record the sidecar takes: keys non-empty and once each, ids digits. */
export function checkKeyedRows(errors: FieldErrors, path: string, rows: KeyedRow[]): Record<string, string> {
  const record: Record<string, string> = {};
  rows.forEach((row, index) => {
    const key = row.key.trim();
    if (key === '') errors[`${path}.${index}.key`] = messages.required();
    else if (key in record) errors[`${path}.${index}.key`] = messages.duplicate();
    record[key] = checkId(errors, `${path}.${index}.id`, row.id);
  });
  return record;
}

/** Moves one entry of a list up (-1) or down (+1). */
export function move<T>(list: T[], index: number, by: -1 | 1): T[] {
  const target = index + by;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  const [entry] = copy.splice(index, 1);
  if (entry !== undefined) copy.splice(target, 0, entry);
  return copy;
}
