/**
 * Exact money as decimal text ("19.99", "-5.00"), the same representation the NetSuite builders take
 * (`netsuite/builders/money.ts`), so a canonical amount can be handed to them as is.
 *
 * Arithmetic runs on integer minor units (BigInt), never on floats: 0.1 + 0.2 is exactly 0.30.
 * Every Money is normalised to two decimals; currencies with other minor units (JPY 0, KWD 3) are out of scope:
 * a 3-decimal amount is refused rather than rounded, and a JPY amount is carried as "500.00".
 */
import { fail, ok, type Result } from './result.ts';

declare const moneyBrand: unique symbol;
/** Decimal text with exactly two decimals, made only by this module so it is always well formed. */
export type Money = string & { readonly [moneyBrand]: true };

export const MONEY_DECIMALS = 2;

/** Plain decimal notation: an optional "-", digits, optionally "." and one or two digits. No exponent, no "+". */
const MONEY_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;
/** Plain decimal notation with any number of decimals, for text that is rounded on purpose. */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

export function moneyFromMinor(minor: bigint): Money {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString().padStart(MONEY_DECIMALS + 1, '0');
  const whole = digits.slice(0, -MONEY_DECIMALS);
  const fraction = digits.slice(-MONEY_DECIMALS);
  return `${negative ? '-' : ''}${whole}.${fraction}` as Money;
}

/** Money → integer minor units. Throws on text that was cast to Money without being parsed: a programming error. */
export function toMinor(money: Money): bigint {
  const match = MONEY_TEXT.exec(money);
  if (!match) throw new TypeError(`${JSON.stringify(money)} was used as Money without parseMoney.`);
  const [, sign = '', whole = '', fraction = ''] = match;
  return BigInt(`${sign}${whole}${fraction.padEnd(MONEY_DECIMALS, '0')}`);
}

/**
 * Decimal text → Money. Numbers are refused (a JSON float has already lost exactness), as are exponents and
 * more than two decimals: "19.999" would have to be rounded, and rounding is the caller's decision to make.
 */
export function parseMoney(input: unknown): Result<Money> {
  if (typeof input !== 'string') {
    return fail('MONEY_INVALID', `An amount must be decimal text, not ${describe(input)}.`);
  }
  const match = MONEY_TEXT.exec(input);
  if (!match) {
    return fail('MONEY_INVALID', `The amount ${JSON.stringify(input)} is not decimal text with at most two decimals.`);
  }
  return ok(moneyFromMinor(toMinor(input as Money)));
}

/**
 * Decimal text with any number of decimals → Money rounded half away from zero (what PHP's round() does, so the
 * result matches the figure WooCommerce itself would print). Only for values known to be unrounded.
 */
export function roundMoney(input: string): Result<Money> {
  const match = DECIMAL_TEXT.exec(input);
  if (!match) return fail('MONEY_INVALID', `The amount ${JSON.stringify(input)} is not plain decimal text.`);
  const [, sign = '', whole = '', fraction = ''] = match;
  const kept = BigInt(`${whole}${fraction.slice(0, MONEY_DECIMALS).padEnd(MONEY_DECIMALS, '0')}`);
  const roundsUp = (fraction[MONEY_DECIMALS] ?? '0') >= '5';
  const magnitude = roundsUp ? kept + 1n : kept;
  return ok(moneyFromMinor(sign === '-' ? -magnitude : magnitude));
}

export const ZERO: Money = moneyFromMinor(0n);

export const add = (a: Money, b: Money): Money => moneyFromMinor(toMinor(a) + toMinor(b));

export const subtract = (a: Money, b: Money): Money => moneyFromMinor(toMinor(a) - toMinor(b));

export const negate = (a: Money): Money => moneyFromMinor(-toMinor(a));

export const abs = (a: Money): Money => (toMinor(a) < 0n ? negate(a) : a);

export function sum(values: Iterable<Money>): Money {
  let total = 0n;
  for (const value of values) total += toMinor(value);
  return moneyFromMinor(total);
}

/** Money × a whole quantity; a fractional quantity is a programming error, not a payload problem. */
export function multiply(a: Money, quantity: number | bigint): Money {
  if (typeof quantity === 'number' && !Number.isSafeInteger(quantity)) {
    throw new RangeError(`Money can only be multiplied by a whole quantity, not ${quantity}.`);
  }
  return moneyFromMinor(toMinor(a) * BigInt(quantity));
}

export function compare(a: Money, b: Money): -1 | 0 | 1 {
  const difference = toMinor(a) - toMinor(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

export const equals = (a: Money, b: Money): boolean => toMinor(a) === toMinor(b);

export const isZero = (a: Money): boolean => toMinor(a) === 0n;

export const isNegative = (a: Money): boolean => toMinor(a) < 0n;

/** Two-decimal text for display or a NetSuite body; Money is already that text, this only drops the brand. */
export const formatMoney = (a: Money): string => a;

function describe(input: unknown): string {
  if (typeof input === 'number') return `the number ${input}`;
  if (input === null) return 'null';
  return typeof input;
}
