import { describe, expect, it } from 'vitest';
import { canonical, divide, formatFixed, multiply, parseDecimal, roundMoney, sum } from './decimal.ts';

const d = (text: string | number) => parseDecimal(text) as bigint;

describe('exact decimals', () => {
  it('parses JSON numbers and numeric strings exactly', () => {
    expect(canonical(d(0.1) + d(0.2))).toBe('0.3');
    expect(canonical(d('19.990'))).toBe('19.99');
    expect(canonical(d(1e-7))).toBe('0.0000001');
    expect(canonical(d('-5'))).toBe('-5');
    expect(parseDecimal('abc')).toBeUndefined();
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal(Number.NaN)).toBeUndefined();
  });

  it('multiplies and divides with half-away-from-zero rounding', () => {
    expect(canonical(multiply(d('19.99'), d(3)))).toBe('59.97');
    expect(canonical(roundMoney(multiply(d('0.125'), d(1))))).toBe('0.13');
    expect(canonical(roundMoney(d('-0.125')))).toBe('-0.13');
    expect(canonical(divide(d('10'), d('3')))).toBe('3.33333333');
    expect(canonical(sum([d('39.98'), d('5'), d('3.2')]))).toBe('48.18');
  });

  it('formats money with fixed places', () => {
    expect(formatFixed(d('5'))).toBe('5.00');
    expect(formatFixed(d('0'))).toBe('0.00');
    expect(formatFixed(d('-3.205'))).toBe('-3.21');
  });
});
