/**
 * Exact decimal arithmetic for money and quantities: values are decimal strings in the store ("39.98", "2"),
 * computed on as BigInt scaled by 10^8 so that 0.1 + 0.2 is 0.3.
 */

const PLACES = 8;
const SCALE = 10n ** BigInt(PLACES);
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?$/;

export type Scaled = bigint;

/** Parses a JSON number or numeric string; undefined when it is not one. More than 8 decimals round half away from 0. */
export function parseDecimal(value: unknown): Scaled | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // Shortest round-trip text ("19.99"), except for exponent forms, which toFixed expands.
    const text = String(value);
    return parseDecimal(/e/i.test(text) ? value.toFixed(PLACES + 2) : text);
  }
  if (typeof value !== 'string') return undefined;
  const match = DECIMAL_TEXT.exec(value.trim());
  if (!match) return undefined;
  const [, sign, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return undefined;
  const kept = fraction.slice(0, PLACES).padEnd(PLACES, '0');
  let scaled = BigInt(whole || '0') * SCALE + BigInt(kept);
  const firstDropped = fraction.charAt(PLACES);
  if (firstDropped !== '' && firstDropped >= '5') scaled += 1n;
  return sign === '-' ? -scaled : scaled;
}

/** Like parseDecimal, for values the simulator itself stored (a broken one is a simulator bug). */
export function dec(value: unknown): Scaled {
  if (value === undefined || value === null || value === '') return 0n;
  const parsed = parseDecimal(value);
  if (parsed === undefined) throw new Error(`not a decimal: ${String(value)}`);
  return parsed;
}

/** The shortest decimal text of a scaled value: "39.98", "2", "-0.5", "0". */
export function formatDecimal(value: Scaled): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(PLACES, '0').replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && text !== '0' ? `-${text}` : text;
}

/** Fixed places, for money shown to people and tests ("5.00"). */
export function formatFixed(value: Scaled, places = 2): string {
  const rounded = roundTo(value, places);
  const negative = rounded < 0n;
  const magnitude = negative ? -rounded : rounded;
  const whole = magnitude / SCALE;
  const fraction = (magnitude % SCALE).toString().padStart(PLACES, '0').slice(0, places);
  const text = places > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative ? `-${text}` : text;
}

/** Rounds half away from zero to `places` decimals (money: 2, NetSuite's currency precision). */
export function roundTo(value: Scaled, places: number): Scaled {
  const step = 10n ** BigInt(PLACES - places);
  return divideRounded(value, step) * step;
}

export const roundMoney = (value: Scaled): Scaled => roundTo(value, 2);

export function multiply(a: Scaled, b: Scaled): Scaled {
  return divideRounded(a * b, SCALE);
}

export function divide(a: Scaled, b: Scaled): Scaled {
  if (b === 0n) throw new Error('division by zero');
  return divideRounded(a * SCALE, b);
}

export const sum = (values: Iterable<Scaled>): Scaled => {
  let total = 0n;
  for (const value of values) total += value;
  return total;
};

export const min = (a: Scaled, b: Scaled): Scaled => (a < b ? a : b);
export const max = (a: Scaled, b: Scaled): Scaled => (a > b ? a : b);
export const abs = (a: Scaled): Scaled => (a < 0n ? -a : a);

/** Decimal text → decimal text, for normalising what a request sent. */
export const canonical = (value: Scaled): string => formatDecimal(value);

export const toNumber = (text: string): number => Number(text);

export const fromInt = (value: number | bigint): Scaled => BigInt(value) * SCALE;

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  const positiveDenominator = denominator < 0n ? -denominator : denominator;
  if (twice < positiveDenominator) return quotient;
  return numerator < 0n !== denominator < 0n ? quotient - 1n : quotient + 1n;
}
