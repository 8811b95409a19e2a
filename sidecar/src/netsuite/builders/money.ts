/**
 * Exact money. The canonical input is the storefront's decimal text ("19.99", "-5.00", "0"): WooCommerce sends
 * amounts as strings, and text has no float error to begin with. Sums are done in integer cents; a JSON number is
 * produced only at the end, and only when it prints back as the same decimal, so no float error can reach NetSuite.
 */
import { z } from 'zod';
import { BuildError, type BuildErrorCode, withCode } from './errors.ts';

/** Decimal text with at most two decimals, e.g. "19.99" or "-5.00". */
export type Money = string;
/** Decimal text with up to RATE_PLACES decimals (unit prices, tax rates). */
export type Rate = string;
/** Decimal text with up to QUANTITY_PLACES decimals. */
export type Quantity = string;

export const MONEY_PLACES = 2;
/** The simulator keeps 8 decimals; NetSuite's own limit for rates is UNCERTAIN. */
export const RATE_PLACES = 8;
/** NetSuite's quantity precision is UNCERTAIN; 5 is what its UI shows. */
export const QUANTITY_PLACES = 5;

/** Plain decimal notation only: no exponent, no sign but "-", no leading "." or trailing "." ("1e3", ".5", "5."). */
const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

interface Kind {
  places: number;
  code: BuildErrorCode;
  noun: string;
}

const MONEY: Kind = { places: MONEY_PLACES, code: 'INVALID_AMOUNT', noun: 'amount' };
const RATE: Kind = { places: RATE_PLACES, code: 'INVALID_RATE', noun: 'rate' };
const QUANTITY: Kind = { places: QUANTITY_PLACES, code: 'INVALID_QUANTITY', noun: 'quantity' };

/** The value × 10^places as an integer; throws when the text is not plain decimal or has too many decimals. */
function scaled(text: unknown, kind: Kind): bigint {
  const match = typeof text === 'string' ? DECIMAL_TEXT.exec(text) : null;
  if (!match) {
    throw new BuildError(kind.code, `The ${kind.noun} ${JSON.stringify(text)} is not a plain decimal number.`);
  }
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length > kind.places) {
    throw new BuildError(
      kind.code,
      `The ${kind.noun} ${text} has more than ${kind.places} decimals; it would be rounded, so it is refused.`,
    );
  }
  return BigInt(`${sign}${whole}${fraction.padEnd(kind.places, '0')}`);
}

/** Decimal text of value / 10^places with at least `minPlaces` decimals and no trailing zeros beyond them. */
function formatScaled(value: bigint, places: number, minPlaces: number): string {
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(places + 1, '0');
  const whole = digits.slice(0, digits.length - places);
  let fraction = digits.slice(digits.length - places);
  while (fraction.length > minPlaces && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const text = fraction ? `${whole}.${fraction}` : whole;
  return negative ? `-${text}` : text;
}

/** The JSON number for an exact scaled value, refused when the number would not print back as that decimal. */
function exactNumber(value: bigint, kind: Kind): number {
  const normalised = formatScaled(value, kind.places, 0);
  const number = Number(normalised);
  if (String(number) !== normalised) {
    throw new BuildError(kind.code, `The ${kind.noun} ${normalised} cannot be sent as an exact JSON number.`);
  }
  return number;
}

const isValid = (text: unknown, kind: Kind): boolean => {
  try {
    exactNumber(scaled(text, kind), kind);
    return true;
  } catch {
    return false;
  }
};

/** Money text → integer cents. */
export const toCents = (text: Money): bigint => scaled(text, MONEY);

/** Integer cents → money text with two decimals ("0.50"). */
export const fromCents = (cents: bigint): Money => formatScaled(cents, MONEY_PLACES, MONEY_PLACES);

/** Money text or cents → the JSON number NetSuite expects (19.99). */
export const moneyNumber = (value: Money | bigint): number =>
  exactNumber(typeof value === 'bigint' ? value : toCents(value), MONEY);

export const rateNumber = (text: Rate): number => exactNumber(scaled(text, RATE), RATE);

export const quantityNumber = (text: Quantity): number => exactNumber(scaled(text, QUANTITY), QUANTITY);

/** The exact sum, as money text with two decimals. */
export const sumMoney = (values: Iterable<Money>): Money => fromCents(sumCents(values));

export function sumCents(values: Iterable<Money>): bigint {
  let total = 0n;
  for (const value of values) total += toCents(value);
  return total;
}

/** Is the text the same amount as `cents`? */
export const sameMoney = (a: Money, b: Money): boolean => toCents(a) === toCents(b);

const decimalSchema = (kind: Kind) =>
  z
    .string()
    .refine(
      (text) => isValid(text, kind),
      withCode(kind.code, `must be a plain decimal with at most ${kind.places} decimals`),
    );

export const MoneySchema = decimalSchema(MONEY);
export const PositiveMoneySchema = MoneySchema.refine(
  (text) => toCents(text) > 0n,
  withCode('INVALID_AMOUNT', 'must be more than zero'),
);
export const NonNegativeMoneySchema = MoneySchema.refine(
  (text) => toCents(text) >= 0n,
  withCode('INVALID_AMOUNT', 'must not be negative'),
);
export const NegativeMoneySchema = MoneySchema.refine(
  (text) => toCents(text) < 0n,
  withCode('INVALID_AMOUNT', 'must be less than zero'),
);
export const RateSchema = decimalSchema(RATE);
export const QuantitySchema = decimalSchema(QUANTITY).refine(
  (text) => scaled(text, QUANTITY) > 0n,
  withCode('INVALID_QUANTITY', 'must be more than zero'),
);
