/**
 * The check a flow runs before writing: what we are about to send adds up to the storefront's total, to the cent.
 * Lines count at their pre-coupon subtotal and coupons as separate discounts, because that is how they are sent
 * (item lines plus discount lines); taxes come from the lines that carry them.
 */
import { add, equals, type Money, subtract, sum } from './money.ts';
import type { Order } from './order.ts';

export interface TotalsBreakdown {
  lines: Money;
  shipping: Money;
  fees: Money;
  discounts: Money;
  tax: Money;
}

export type TotalsCheck =
  | { ok: true; total: Money; breakdown: TotalsBreakdown }
  | {
      ok: false;
      code: 'TOTALS_MISMATCH';
      /** lines + shipping + fees − discounts + tax. */
      computed: Money;
      /** The storefront's total. */
      expected: Money;
      /** computed − expected. */
      difference: Money;
      breakdown: TotalsBreakdown;
      message: string;
    };

export function orderBreakdown(order: Order): TotalsBreakdown {
  return {
    lines: sum(order.lines.map((line) => line.subtotal)),
    shipping: sum(order.shippingLines.map((line) => line.total)),
    fees: sum(order.feeLines.map((line) => line.total)),
    discounts: sum(order.discounts.map((discount) => discount.amount)),
    tax: sum([...order.lines, ...order.shippingLines, ...order.feeLines].map((line) => line.totalTax)),
  };
}

export function checkTotals(breakdown: TotalsBreakdown, expected: Money): TotalsCheck {
  const computed = add(
    subtract(sum([breakdown.lines, breakdown.shipping, breakdown.fees]), breakdown.discounts),
    breakdown.tax,
  );
  if (equals(computed, expected)) return { ok: true, total: computed, breakdown };
  const difference = subtract(computed, expected);
  return {
    ok: false,
    code: 'TOTALS_MISMATCH',
    computed,
    expected,
    difference,
    breakdown,
    message:
      `The order adds up to ${computed} (lines ${breakdown.lines} + shipping ${breakdown.shipping} + fees ` +
      `${breakdown.fees} − discounts ${breakdown.discounts} + tax ${breakdown.tax}) but the storefront's total is ` +
      `${expected}: a difference of ${difference}.`,
  };
}

export const checkOrderTotals = (order: Order): TotalsCheck => checkTotals(orderBreakdown(order), order.totals.total);
