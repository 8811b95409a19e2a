/**
 * Exact decimal amounts for the simulated store, in millionths (WooCommerce keeps unrounded tax at 6 decimals,
 * `WC_ROUNDING_PRECISION`). Amounts enter and leave as decimal text; no float ever holds money.
 */
export type Micros = bigint;

const SCALE = 1_000_000n;
const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,6}))?$/;

/** `"19.99"` → 19990000n. Throws on anything that is not plain decimal text with at most 6 decimals. */
export function micros(text: string | number): Micros {
  const value = String(text).trim();
  const match = DECIMAL.exec(value);
  if (!match) throw new RangeError(`"${value}" is not a decimal amount.`);
  const [, sign, whole = '0', fraction = ''] = match;
  const amount = BigInt(whole) * SCALE + BigInt(fraction.padEnd(6, '0'));
  return sign ? -amount : amount;
}

export const ZERO: Micros = 0n;

export const sum = (values: Iterable<Micros>): Micros => {
  let total = 0n;
  for (const value of values) total += value;
  return total;
};

/** Rounds half away from zero to `dp` decimals, as PHP's `round()` does. */
export function round(value: Micros, dp = 2): Micros {
  const unit = 10n ** BigInt(6 - dp);
  const magnitude = value < 0n ? -value : value;
  const rounded = ((magnitude + unit / 2n) / unit) * unit;
  return value < 0n ? -rounded : rounded;
}

/** `value × percent / 100`, rounded to the micro (half away from zero). */
export function percentOf(value: Micros, percent: string): Micros {
  const product = value * micros(percent);
  const divisor = 100n * SCALE;
  const magnitude = product < 0n ? -product : product;
  const result = (magnitude + divisor / 2n) / divisor;
  return product < 0n ? -result : result;
}

/** `value × part / whole`, rounded down to the cent (shares of a discount; the remainder is placed by the caller). */
export function shareOf(value: Micros, part: Micros, whole: Micros): Micros {
  if (whole === 0n) return 0n;
  const cents = (value * part) / whole / 10_000n;
  return cents * 10_000n;
}

/** `wc_format_decimal($value, 2)`: fixed decimals, rounded half away from zero. `-0.00` is printed `0.00`. */
export function money(value: Micros, dp = 2): string {
  const rounded = round(value, dp);
  const negative = rounded < 0n;
  const magnitude = negative ? -rounded : rounded;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(6, '0').slice(0, dp);
  const text = dp > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && magnitude !== 0n ? `-${text}` : text;
}

/** How PHP prints a float holding this amount: no trailing zeros (`"2.4"`, `"24"`, `"-0.45"`). */
export function trimmed(value: Micros): string {
  return money(value, 6).replace(/\.?0+$/, '') || '0';
}
