/** References, external ids, dates and custom fields: the non-money values every body carries. */
import { z } from 'zod';
import { BuildError, withCode } from './errors.ts';

/** A reference (select) field in a request (spec §3.2). */
export type RecordRef = { id: string };

/** A sublist in a request (spec §3.7). */
export type Sublist<Line> = { items: Line[] };

/** Internal ids are digits; NetSuite's own list values may be negative (`-1`, custom price). */
const INTERNAL_ID = /^-?\d+$/;
/** Spec §3.5: letters, digits, `_` and `-`; anything else breaks the `eid:` URL form. */
const EXTERNAL_ID = /^[A-Za-z0-9_-]+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Refinements rather than `.regex`, whose issues zod reports without the BuildError code. */
export const matching = (pattern: RegExp, code: Parameters<typeof withCode>[0], message: string) =>
  z.string().refine((text) => pattern.test(text), withCode(code, message));

export const InternalIdSchema = matching(INTERNAL_ID, 'INVALID_ID', 'must be a NetSuite internal id');

export const ExternalIdSchema = matching(EXTERNAL_ID, 'INVALID_EXTERNAL_ID', 'must be letters, digits, "_" or "-"');

export const DateSchema = z
  .string()
  .refine(isIsoDate, withCode('INVALID_DATE', 'must be a calendar date written YYYY-MM-DD'));

/** Custom field values as the record service takes them (spec §3.2: `custbody_*`, `custcol_*`). */
export type CustomValue = string | number | boolean | RecordRef;
const CustomValueSchema = z.union([z.string(), z.number(), z.boolean(), z.object({ id: InternalIdSchema })]);

export const customFieldsSchema = <Prefix extends string>(prefix: Prefix) =>
  z.record(
    z.string().regex(new RegExp(`^${prefix}[a-z0-9_]+$`), withCode('INVALID_INPUT', `must be a ${prefix}* field`)),
    CustomValueSchema,
  );

function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** `{ id }` for an internal id, refusing anything else. */
export function ref(id: string): RecordRef {
  if (!INTERNAL_ID.test(id)) throw new BuildError('INVALID_ID', `${JSON.stringify(id)} is not a NetSuite internal id.`);
  return { id };
}

/** `{ id }` when an id was given; absent otherwise, so the body leaves the field to NetSuite's default. */
export const optionalRef = (id: string | undefined): RecordRef | undefined => (id === undefined ? undefined : ref(id));

type Defined<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops undefined fields, so a body says only what the input said (an absent field is not a cleared one). */
export function defined<T extends Record<string, unknown>>(fields: T): Defined<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Defined<T>;
}
