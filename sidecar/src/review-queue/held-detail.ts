import type { JobErrorRecord } from '../db/schema.ts';
import { recordOf } from '../json-record.ts';

/**
 * What a flow puts in `JobHeld`'s detail, read defensively: the ledger keeps whatever any version of a flow wrote.
 * UNMAPPED_SKU: `{ skus: string[], order?: { number, total } }`; UNMAPPED_SHIPPING_METHOD: `{ methods: string[],
 * order?: … }`.
 */
export interface HeldOrder {
  number: string;
  total: string;
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];

const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

const detailOf = (error: JobErrorRecord | null | undefined) => recordOf(error?.detail);

export const heldSkusOf = (error: JobErrorRecord | null | undefined): string[] => stringsOf(detailOf(error).skus);

export const heldMethodsOf = (error: JobErrorRecord | null | undefined): string[] => stringsOf(detailOf(error).methods);

export function heldOrderOf(error: JobErrorRecord | null | undefined): HeldOrder | null {
  const order = recordOf(detailOf(error).order);
  const number = textOf(order.number);
  const total = textOf(order.total);
  return number === undefined && total === undefined ? null : { number: number ?? '', total: total ?? '' };
}

/** Every job a connection enqueues carries `connectionId` in its payload. */
export function payloadConnectionOf(payload: unknown): string | undefined {
  const id = recordOf(payload).connectionId;
  return typeof id === 'string' ? id : undefined;
}
