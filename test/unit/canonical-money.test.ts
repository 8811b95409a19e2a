import { describe, expect, it } from 'vitest';
import {
  abs,
  add,
  compare,
  equals,
  isNegative,
  isZero,
  type Money,
  moneyFromMinor,
  multiply,
  negate,
  parseMoney,
  roundMoney,
  subtract,
  sum,
  toMinor,
  ZERO,
} from '../../sidecar/src/canonical/money.ts';
import { calendarDateIn, parseUtcTimestamp, type UtcTimestamp } from '../../sidecar/src/canonical/time.ts';

const m = (text: string): Money => {
  const parsed = parseMoney(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
};

describe('canonical money', () => {
  it('normalises decimal text to two decimals', () => {
    expect(m('19.99')).toBe('19.99');
    expect(m('5')).toBe('5.00');
    expect(m('2.4')).toBe('2.40');
    expect(m('-5.00')).toBe('-5.00');
    expect(m('-0.00')).toBe('0.00');
    expect(m('0.05')).toBe('0.05');
    expect(m('007.50')).toBe('7.50');
  });

  it('adds 0.1 and 0.2 to exactly 0.30', () => {
    expect(add(m('0.1'), m('0.2'))).toBe('0.30');
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('sums many lines without drift', () => {
    expect(sum(Array.from({ length: 1000 }, () => m('0.01')))).toBe('10.00');
    expect(sum(Array.from({ length: 333 }, () => m('19.99')))).toBe('6656.67');
    expect(sum([])).toBe('0.00');
    expect(sum([m('39.98'), m('5.00'), m('-10.00'), m('0.02')])).toBe('35.00');
  });

  it('subtracts, negates, compares and multiplies exactly', () => {
    expect(subtract(m('44.98'), m('10.00'))).toBe('34.98');
    expect(subtract(m('10.00'), m('44.98'))).toBe('-34.98');
    expect(negate(m('5.00'))).toBe('-5.00');
    expect(negate(ZERO)).toBe('0.00');
    expect(abs(m('-34.98'))).toBe('34.98');
    expect(compare(m('1.00'), m('1'))).toBe(0);
    expect(compare(m('0.99'), m('1.00'))).toBe(-1);
    expect(compare(m('-0.01'), m('-0.02'))).toBe(1);
    expect(equals(m('1.5'), m('1.50'))).toBe(true);
    expect(multiply(m('19.99'), 2)).toBe('39.98');
    expect(multiply(m('0.10'), 3n)).toBe('0.30');
    expect(multiply(m('4.55'), -1)).toBe('-4.55');
    expect(() => multiply(m('1.00'), 1.5)).toThrow(RangeError);
    expect(isZero(m('0.00'))).toBe(true);
    expect(isNegative(m('-0.01'))).toBe(true);
  });

  it('converts to and from minor units', () => {
    expect(toMinor(m('19.99'))).toBe(1999n);
    expect(toMinor(m('-0.05'))).toBe(-5n);
    expect(moneyFromMinor(-5n)).toBe('-0.05');
    expect(moneyFromMinor(123456789012345678901234567890n)).toBe('1234567890123456789012345678.90');
  });

  it.each([['1e3'], ['19.999'], ['1.'], ['.5'], ['+1.00'], [' 1.00'], ['1,00'], [''], ['NaN']])(
    'refuses %j',
    (text) => {
      const parsed = parseMoney(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('MONEY_INVALID');
    },
  );

  it('refuses numbers, floats included', () => {
    for (const value of [19.99, 0.1 + 0.2, 5, null, undefined]) {
      const parsed = parseMoney(value);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe('MONEY_INVALID');
    }
  });

  it('rounds unrounded text half away from zero only when asked', () => {
    const rounded = (text: string) => {
      const result = roundMoney(text);
      return result.ok ? result.value : result.error.code;
    };
    expect(rounded('3.3333333333333335')).toBe('3.33');
    expect(rounded('2.675')).toBe('2.68');
    expect(rounded('-2.675')).toBe('-2.68');
    expect(rounded('0.994')).toBe('0.99');
    expect(rounded('9.995')).toBe('10.00');
    expect(rounded('19.99')).toBe('19.99');
    expect(rounded('1e3')).toBe('MONEY_INVALID');
  });
});

describe('canonical time', () => {
  it('keeps instants as UTC text and refuses zone-less text', () => {
    const parsed = parseUtcTimestamp('2026-03-22T16:28:02-04:00');
    expect(parsed).toEqual({ ok: true, value: '2026-03-22T20:28:02.000Z' });
    expect(parseUtcTimestamp('2026-03-22T16:28:02').ok).toBe(false);
  });

  it("gives the calendar date in the NetSuite account's time zone", () => {
    const lateEvening = '2026-03-23T02:30:00.000Z' as UtcTimestamp;
    expect(calendarDateIn(lateEvening, 'America/New_York')).toBe('2026-03-22');
    expect(calendarDateIn(lateEvening, 'UTC')).toBe('2026-03-23');
    expect(calendarDateIn(lateEvening, 'Asia/Tokyo')).toBe('2026-03-23');
  });
});
