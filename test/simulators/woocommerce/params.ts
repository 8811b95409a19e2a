/** WordPress REST argument validation as the WooCommerce collections declare it (`rest_validate_request_arg`). */
import { WooSimError } from './store.ts';

export type Query = Record<string, string | undefined>;

/** WordPress's `%l`: `a and b`, `a, b, and c`. */
function list(values: readonly string[]): string {
  if (values.length <= 2) return values.join(' and ');
  return `${values.slice(0, -1).join(', ')}, and ${values[values.length - 1]}`;
}

export function invalidParam(name: string, message: string, code = 'rest_invalid_param'): WooSimError {
  return new WooSimError(400, 'rest_invalid_param', `Invalid parameter(s): ${name}`, {
    params: { [name]: message },
    details: { [name]: { code, message, data: null } },
  });
}

export function intParam(
  query: Query,
  name: string,
  options: { fallback: number; min?: number; max?: number },
): number {
  const text = query[name];
  if (text === undefined || text === '') return options.fallback;
  if (!/^-?\d+$/.test(text)) throw invalidParam(name, `${name} is not of type integer.`, 'rest_invalid_type');
  const value = Number(text);
  const { min, max } = options;
  if (min !== undefined && max !== undefined && (value < min || value > max)) {
    throw invalidParam(name, `${name} must be between ${min} (inclusive) and ${max} (inclusive)`, 'rest_out_of_bounds');
  }
  if (min !== undefined && value < min) {
    throw invalidParam(name, `${name} must be greater than or equal to ${min}`, 'rest_out_of_bounds');
  }
  return value;
}

export function enumParam<T extends string>(query: Query, name: string, values: readonly T[], fallback: T): T {
  const text = query[name];
  if (text === undefined || text === '') return fallback;
  if (!values.includes(text as T))
    throw invalidParam(name, `${name} is not one of ${list(values)}.`, 'rest_not_in_enum');
  return text as T;
}

export function boolParam(query: Query, name: string, fallback: boolean): boolean {
  const text = query[name];
  if (text === undefined || text === '') return fallback;
  if (['true', '1'].includes(text.toLowerCase())) return true;
  if (['false', '0'].includes(text.toLowerCase())) return false;
  throw invalidParam(name, `${name} is not of type boolean.`, 'rest_invalid_type');
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * A `date-time` argument as epoch seconds, read in the given zone when it names none: `dates_are_gmt` → UTC, else
 * the site's offset. Fractions of a second are dropped, as MySQL compares whole seconds.
 */
export function dateParam(query: Query, name: string, offsetMinutes: number): number | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  const match = RFC3339.exec(text);
  if (!match) throw invalidParam(name, 'Invalid date.', 'rest_invalid_date');
  const [, y, mo, d, h, mi, s, , zone] = match;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  if (!zone) return utc - offsetMinutes * 60;
  if (zone === 'Z' || zone === 'z') return utc;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return utc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60;
}

/** A comma-separated list (`wp_parse_list`), or undefined. */
export function listParam(query: Query, name: string): string[] | undefined {
  const text = query[name];
  if (text === undefined || text === '') return undefined;
  return text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);
}
