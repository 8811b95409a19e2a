/** WooCommerce order payload → canonical Order. */
import type { Customer } from '../../canonical/customer.ts';
import { abs, type Money, moneyFromMinor, parseMoney, roundMoney, toMinor } from '../../canonical/money.ts';
import type { LineTaxShare, Order, OrderLine, RefundSummary } from '../../canonical/order.ts';
import { ok, type Result } from '../../canonical/result.ts';
import { type WooOrder, type WooOrderLine, WooOrderPayload } from './order-payload.ts';
import { idOrNone, optional, parseWooPayload, present, toAddress } from './wire.ts';

export function toCanonicalOrder(payload: unknown): Result<Order> {
  const parsed = parseWooPayload(WooOrderPayload, payload, 'order');
  return parsed.ok ? ok(orderFrom(parsed.value)) : parsed;
}

function orderFrom(order: WooOrder): Order {
  const paymentMethod = present(order.payment_method);
  return {
    id: String(order.id),
    number: String(order.number),
    status: order.status,
    currency: order.currency,
    createdAtGmt: order.date_created_gmt,
    modifiedAtGmt: order.date_modified_gmt,
    ...optional('paidAtGmt', order.date_paid_gmt ?? undefined),
    ...optional('completedAtGmt', order.date_completed_gmt ?? undefined),
    customer: customerOf(order),
    ...optional('billingAddress', toAddress(order.billing)),
    ...optional('shippingAddress', toAddress(order.shipping)),
    lines: order.line_items.map(lineFrom),
    shippingLines: order.shipping_lines.map((line) => ({
      lineId: String(line.id),
      methodId: line.method_id,
      ...optional('instanceId', present(line.instance_id?.toString())),
      title: line.method_title,
      total: line.total,
      totalTax: line.total_tax,
      taxes: line.taxes.map(taxShare),
    })),
    feeLines: order.fee_lines.map((line) => ({
      lineId: String(line.id),
      name: line.name,
      total: line.total,
      totalTax: line.total_tax,
      taxes: line.taxes.map(taxShare),
    })),
    discounts: order.coupon_lines.map((coupon) => ({
      lineId: String(coupon.id),
      couponCode: coupon.code,
      amount: coupon.discount,
      amountTax: coupon.discount_tax,
    })),
    taxLines: order.tax_lines.map((tax) => ({
      lineId: String(tax.id),
      rateId: String(tax.rate_id),
      rateCode: tax.rate_code,
      label: tax.label,
      compound: tax.compound,
      taxTotal: tax.tax_total,
      shippingTaxTotal: tax.shipping_tax_total,
      ...optional('ratePercent', tax.rate_percent ?? undefined),
    })),
    totals: {
      discountTotal: order.discount_total,
      discountTax: order.discount_tax,
      shippingTotal: order.shipping_total,
      shippingTax: order.shipping_tax,
      cartTax: order.cart_tax,
      totalTax: order.total_tax,
      total: order.total,
    },
    pricesIncludeTax: order.prices_include_tax,
    ...(paymentMethod ? { paymentMethod: { id: paymentMethod, title: order.payment_method_title ?? '' } } : {}),
    ...optional('transactionId', present(order.transaction_id)),
    ...optional('customerNote', present(order.customer_note)),
    refunds: order.refunds.map(
      (refund): RefundSummary => ({
        id: String(refund.id),
        reason: refund.reason ?? '',
        amount: abs(refund.total),
        // The sign WooCommerce gives the summary's tax is not documented; the magnitude is what matters.
        ...optional('tax', refund.total_tax === undefined ? undefined : abs(refund.total_tax)),
      }),
    ),
  };
}

/** The shopper as the order has them: a registered customer by id, a guest (customer_id 0) by billing email. */
function customerOf(order: WooOrder): Customer {
  const email = present(order.billing?.email);
  const customerId = idOrNone(order.customer_id);
  return {
    ref: customerId ? { kind: 'registered', id: customerId } : { kind: 'guest', ...optional('email', email) },
    ...optional('email', email),
    ...optional('firstName', present(order.billing?.first_name)),
    ...optional('lastName', present(order.billing?.last_name)),
    ...optional('company', present(order.billing?.company)),
    ...optional('phone', present(order.billing?.phone)),
    ...optional('billingAddress', toAddress(order.billing)),
    ...optional('shippingAddress', toAddress(order.shipping)),
  };
}

function lineFrom(line: WooOrderLine): OrderLine {
  const unit = unitPriceOf(line);
  return {
    lineId: String(line.id),
    ...optional('sku', present(line.sku)),
    productId: String(line.product_id),
    ...optional('variationId', idOrNone(line.variation_id)),
    name: line.name,
    quantity: line.quantity,
    unitPrice: unit.price,
    unitPriceRounded: unit.rounded,
    subtotal: line.subtotal,
    subtotalTax: line.subtotal_tax,
    total: line.total,
    totalTax: line.total_tax,
    taxes: line.taxes.map(taxShare),
  };
}

/**
 * WooCommerce's `price` is line total ÷ quantity as a float (19.99, or 3.3333333333333335 for 10.00 ÷ 3). Its
 * shortest text form is exact when it has at most two decimals; otherwise it is rounded half-up to cents. Without a
 * usable price the same figure is computed from the line total.
 */
function unitPriceOf(line: WooOrderLine): { price: Money; rounded: boolean } {
  const text = typeof line.price === 'number' ? String(line.price) : line.price;
  if (text !== undefined && text !== null) {
    const exact = parseMoney(text);
    if (exact.ok) return { price: exact.value, rounded: false };
    const rounded = roundMoney(text);
    if (rounded.ok) return { price: rounded.value, rounded: true };
  }
  if (line.quantity === 0 || !Number.isSafeInteger(line.quantity)) return { price: line.total, rounded: true };
  return divideHalfUp(line.total, line.quantity);
}

function divideHalfUp(amount: Money, quantity: number): { price: Money; rounded: boolean } {
  const minor = toMinor(amount);
  const divisor = BigInt(quantity);
  const quotient = minor / divisor;
  const remainder = minor % divisor;
  const twiceRemainder = (remainder < 0n ? -remainder : remainder) * 2n;
  const absDivisor = divisor < 0n ? -divisor : divisor;
  const awayFromZero = minor < 0n !== divisor < 0n ? -1n : 1n;
  const price = twiceRemainder >= absDivisor ? quotient + awayFromZero : quotient;
  return { price: moneyFromMinor(price), rounded: remainder !== 0n };
}

const taxShare = (share: { id: number; total: string }): LineTaxShare => ({
  rateId: String(share.id),
  total: share.total,
});
