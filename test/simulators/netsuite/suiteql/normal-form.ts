/**
 * Readers for the store's normal form (see `SimRecord` in store.ts), producing SuiteQL column text. NetSuite has no
 * empty strings — an empty field is NULL — so every reader answers undefined for "".
 */
export type Fields = Record<string, unknown>;

/** A body or line field by its REST name; property names are matched case-insensitively as NetSuite does (§3.1). */
export function field(fields: Fields, name: string): unknown {
  if (name in fields) return fields[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(fields)) if (key.toLowerCase() === lower) return fields[key];
  return undefined;
}

/** Internal id of a reference or enumeration (`{ id }`; bare strings and numbers tolerated). */
export function refId(value: unknown): string | undefined {
  if (value && typeof value === 'object' && 'id' in value) return text((value as { id: unknown }).id);
  return text(value);
}

export function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A check box as NetSuite's `T`/`F`. */
export function flag(value: unknown, fallback: 'T' | 'F' | undefined = undefined): 'T' | 'F' | undefined {
  if (value === true || value === 'T') return 'T';
  if (value === false || value === 'F') return 'F';
  return fallback;
}

/** Lines of a sublist (`{ items: [...] }`). */
export function lines(value: unknown): Fields[] {
  const items = value && typeof value === 'object' ? (value as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items.filter((line): line is Fields => !!line && typeof line === 'object') : [];
}

/** "YYYY-MM-DD" from a date field (a datetime string keeps only its date). */
export function date(value: unknown): string | undefined {
  const raw = text(value);
  return raw && /^\d{4}-\d{2}-\d{2}/.test(raw) ? raw.slice(0, 10) : undefined;
}

/** Simulator-clock milliseconds as a UTC timestamp; NetSuite keeps datetimes to the second. */
export function datetime(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** A decimal string with its sign flipped, without going through floating point. */
export function negate(decimal: string | undefined): string | undefined {
  if (decimal === undefined) return undefined;
  if (decimal.startsWith('-')) return decimal.slice(1);
  return /^[0.]*$/.test(decimal.replace('+', '')) ? decimal : `-${decimal.replace(/^\+/, '')}`;
}

/** A custom field's value as text: references by id, check boxes as T/F. */
export function customValue(value: unknown): string | undefined {
  if (typeof value === 'boolean') return flag(value);
  if (value && typeof value === 'object' && 'items' in value) {
    const ids = lines(value)
      .map(refId)
      .filter((id) => id !== undefined);
    return ids.length ? ids.join(', ') : undefined;
  }
  return refId(value);
}

/** Custom field columns (`custbody_x` → `custbody_x`) of one record or line. */
export function customFields(fields: Fields, prefix: string): [string, string | undefined][] {
  return Object.keys(fields)
    .filter((key) => key.toLowerCase().startsWith(prefix))
    .map((key) => [key.toLowerCase(), customValue(fields[key])]);
}

const SCALE = 8;

/** `a − b` on decimal strings (the store keeps at most 8 decimals), exactly. */
export function subtract(a: string, b: string): string {
  const difference = scaled(a) - scaled(b);
  const digits = (difference < 0n ? -difference : difference).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${difference < 0n ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function scaled(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole = '0', fraction = ''] = decimal.replace(/^[-+]/, '').split('.');
  const value = BigInt(`${whole || '0'}${fraction.padEnd(SCALE, '0').slice(0, SCALE)}`);
  return negative ? -value : value;
}
