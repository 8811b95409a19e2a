/** Header fields every transaction body shares (spec §3.12, §7). */
import { z } from 'zod';
import { DateSchema, defined, InternalIdSchema, optionalRef, type RecordRef } from './references.ts';

/** The classification NetSuite tags GL lines with (netsuite-gl.md): on a line, or on the header as its default. */
export const SegmentsSchema = z.object({
  location: InternalIdSchema.optional(),
  department: InternalIdSchema.optional(),
  class: InternalIdSchema.optional(),
});

export const segmentsBody = (segments: z.output<typeof SegmentsSchema>) =>
  defined({
    location: optionalRef(segments.location),
    department: optionalRef(segments.department),
    class: optionalRef(segments.class),
  });

/** NetSuite's memo field holds 999 characters. */
export const MemoSchema = z.string().max(999);

export const HeaderSchema = z.object({
  tranDate: DateSchema.optional(),
  memo: MemoSchema.optional(),
  currency: InternalIdSchema.optional(),
  /** OneWorld only (spec §7): send it only when the account has subsidiaries. */
  subsidiary: InternalIdSchema.optional(),
  department: InternalIdSchema.optional(),
  class: InternalIdSchema.optional(),
  location: InternalIdSchema.optional(),
});

export type HeaderInput = z.input<typeof HeaderSchema>;

export type HeaderBody = {
  tranDate?: string;
  memo?: string;
  currency?: RecordRef;
  subsidiary?: RecordRef;
  department?: RecordRef;
  class?: RecordRef;
  location?: RecordRef;
};

export function headerBody(header: z.output<typeof HeaderSchema>): HeaderBody {
  return defined({
    tranDate: header.tranDate,
    memo: header.memo,
    currency: optionalRef(header.currency),
    subsidiary: optionalRef(header.subsidiary),
    department: optionalRef(header.department),
    class: optionalRef(header.class),
    location: optionalRef(header.location),
  });
}

/** A write the caller sends as `client.create(type, body)`. */
export type CreateRequest<Type extends string, Body> = { type: Type; body: Body & { externalId: string } };

/** A write the caller sends as `client.transform(fromType, fromId, type, body, options)`. */
export type TransformRequest<From extends string, Type extends string, Body> = {
  fromType: From;
  fromId: string;
  type: Type;
  body: Body & { externalId: string };
  options: { replace?: readonly string[] };
};
