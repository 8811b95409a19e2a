/**
 * Instants as UTC text in one fixed form, `2026-11-23T15:33:51.000Z` (what Date#toISOString prints), so they
 * survive JSON job payloads unchanged and two of them compare correctly as plain strings.
 */
import { fail, ok, type Result } from './result.ts';

declare const utcBrand: unique symbol;
export type UtcTimestamp = string & { readonly [utcBrand]: true };

/** ISO 8601 with a zone designator ("Z" or "+02:00"); text without a zone is refused because it is ambiguous. */
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

export function parseUtcTimestamp(text: string): Result<UtcTimestamp> {
  const millis = ZONED.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(millis)) {
    return fail('PAYLOAD_INVALID', `${JSON.stringify(text)} is not an ISO 8601 date-time with a time zone.`);
  }
  return ok(new Date(millis).toISOString() as UtcTimestamp);
}

export const compareTimestamps = (a: UtcTimestamp, b: UtcTimestamp): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The calendar date (YYYY-MM-DD) the instant falls on in an IANA time zone: a NetSuite tranDate is a date in the
 * account's time zone, so an order placed at 02:00 UTC can belong to the previous day in New York.
 * Throws RangeError for an unknown zone name, which is a configuration error the caller validates up front.
 */
export function calendarDateIn(instant: UtcTimestamp, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}
