/**
 * The building blocks of WooCommerce REST v3 payloads (money as text, zone-less GMT dates, numeric ids, addresses)
 * and the one place a zod failure becomes a canonical error value, so callers never see a raw zod error.
 */
import { z } from 'zod';
import type { Address } from '../../canonical/address.ts';
import { compactAddress } from '../../canonical/address.ts';
import { parseMoney } from '../../canonical/money.ts';
import { type CanonicalErrorCode, fail, ok, type Result } from '../../canonical/result.ts';
import type { UtcTimestamp } from '../../canonical/time.ts';

const ISSUE_CODE = 'canonicalCode';

/** A money field: decimal text with at most two decimals. A JSON number here is refused, not trusted. */
export const WooMoney = z.unknown().transform((value, ctx) => {
  const parsed = parseMoney(value);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({ code: 'custom', message: parsed.error.message, params: { [ISSUE_CODE]: 'MONEY_INVALID' } });
  return z.NEVER;
});

/** WooCommerce's `*_gmt` dates carry no zone designator; they are UTC by definition. */
const GMT_TEXT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

export const WooGmtDate = z.string().transform((text, ctx) => {
  const millis = GMT_TEXT.test(text) ? Date.parse(`${text}Z`) : Number.NaN;
  if (!Number.isNaN(millis)) return new Date(millis).toISOString() as UtcTimestamp;
  ctx.addIssue({
    code: 'custom',
    message: `${JSON.stringify(text)} is not a WooCommerce GMT date (YYYY-MM-DDTHH:MM:SS).`,
  });
  return z.NEVER;
});

export const WooId = z.number().int().nonnegative();

/** Unrounded decimal text, as WooCommerce prints per-rate tax shares ("2.4"). */
export const WooDecimalText = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'must be plain decimal text');

export const WooTaxShare = z.looseObject({ id: WooId, total: WooDecimalText });

const text = z.string().nullish();

export const WooAddress = z.looseObject({
  first_name: text,
  last_name: text,
  company: text,
  address_1: text,
  address_2: text,
  city: text,
  state: text,
  postcode: text,
  country: text,
  email: text,
  phone: text,
});

export type WooAddressPayload = z.output<typeof WooAddress>;

export function toAddress(address: WooAddressPayload | null | undefined): Address | undefined {
  if (!address) return undefined;
  return compactAddress({
    firstName: address.first_name ?? undefined,
    lastName: address.last_name ?? undefined,
    company: address.company ?? undefined,
    line1: address.address_1 ?? undefined,
    line2: address.address_2 ?? undefined,
    city: address.city ?? undefined,
    state: address.state ?? undefined,
    postalCode: address.postcode ?? undefined,
    country: address.country ?? undefined,
    phone: address.phone ?? undefined,
  });
}

/** Blank text → undefined, so "no SKU" and "no note" read the same whatever the storefront sent. */
export const present = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value.trim() === '' ? undefined : value;

/** A WooCommerce id of 0 means "none" (no variation, guest customer). */
export const idOrNone = (id: number | null | undefined): string | undefined => (id ? String(id) : undefined);

/** `{ key: value }` when the value is there, `{}` when not, so absent fields stay absent rather than `undefined`. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** `{"code":…,"message":…,"data":{"status":404}}`: what WooCommerce delivers when it could not build the resource. */
const WooRestError = z.object({ code: z.string(), message: z.string(), data: z.object({ status: z.number() }) });

export function parseWooPayload<S extends z.ZodType>(schema: S, payload: unknown, noun: string): Result<z.output<S>> {
  const restError = WooRestError.safeParse(payload);
  if (restError.success) {
    const { code, message, data } = restError.data;
    return fail(
      'PAYLOAD_INVALID',
      `WooCommerce sent an error instead of the ${noun}: ${message} (${code}, ${data.status}).`,
    );
  }
  const parsed = schema.safeParse(payload);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const path = (issue?.path ?? []).map((key) => (typeof key === 'number' ? key : String(key)));
  const code: CanonicalErrorCode =
    issue?.code === 'custom' && issue.params?.[ISSUE_CODE] === 'MONEY_INVALID' ? 'MONEY_INVALID' : 'PAYLOAD_INVALID';
  const where = path.length > 0 ? ` at ${path.join('.')}` : '';
  return fail(code, `The WooCommerce ${noun} is not valid${where}: ${issue?.message ?? 'unknown problem'}.`, path);
}

/** A delivery's exact body → JSON, as an error value when it is not JSON (the creation ping is form-encoded). */
export function parseWooBody(body: string): Result<unknown> {
  try {
    return ok(JSON.parse(body) as unknown);
  } catch {
    return fail('PAYLOAD_INVALID', 'The WooCommerce delivery body is not JSON.');
  }
}
