/**
 * The REST v3 order (`GET /wc/v3/orders/{id}`) as WooCommerce delivers it in order.* webhooks (spec §1.6).
 * Only the fields the connector reads are declared; every other key passes through untouched. Money fields are
 * text with two decimals, except `line_items[].price`, which WooCommerce sends as a JSON number.
 */
import { z } from 'zod';
import { WooAddress, WooDecimalText, WooGmtDate, WooId, WooMoney, WooTaxShare } from './wire.ts';

export const WooOrderLineItem = z.looseObject({
  id: WooId,
  name: z.string(),
  product_id: WooId,
  variation_id: WooId.nullish(),
  quantity: z.number(),
  subtotal: WooMoney,
  subtotal_tax: WooMoney,
  total: WooMoney,
  total_tax: WooMoney,
  taxes: z.array(WooTaxShare).default([]),
  sku: z.string().nullish(),
  /** Line total ÷ quantity as a float; only ever used for display. */
  price: z.union([z.number(), WooDecimalText]).nullish(),
});

export const WooShippingLine = z.looseObject({
  id: WooId,
  method_title: z.string(),
  method_id: z.string(),
  instance_id: z.union([z.string(), z.number()]).nullish(),
  total: WooMoney,
  total_tax: WooMoney,
  taxes: z.array(WooTaxShare).default([]),
});

export const WooFeeLine = z.looseObject({
  id: WooId,
  name: z.string(),
  total: WooMoney,
  total_tax: WooMoney,
  taxes: z.array(WooTaxShare).default([]),
});

export const WooCouponLine = z.looseObject({
  id: WooId,
  code: z.string(),
  discount: WooMoney,
  discount_tax: WooMoney,
});

export const WooTaxLine = z.looseObject({
  id: WooId,
  rate_code: z.string(),
  rate_id: WooId,
  label: z.string(),
  compound: z.boolean(),
  tax_total: WooMoney,
  shipping_tax_total: WooMoney,
  rate_percent: z.number().nullish(),
});

/** `{id, reason, total:"-x.xx"}`; newer versions add `total_tax`. The totals are negative. */
export const WooOrderRefundSummary = z.looseObject({
  id: WooId,
  reason: z.string().nullish(),
  total: WooMoney,
  total_tax: WooMoney.optional(),
});

export const WooOrderPayload = z.looseObject({
  id: WooId.positive(),
  number: z.union([z.string(), z.number()]),
  status: z.string().min(1),
  currency: z.string().min(1),
  prices_include_tax: z.boolean(),
  date_created_gmt: WooGmtDate,
  date_modified_gmt: WooGmtDate,
  date_paid_gmt: WooGmtDate.nullish(),
  date_completed_gmt: WooGmtDate.nullish(),
  discount_total: WooMoney,
  discount_tax: WooMoney,
  shipping_total: WooMoney,
  shipping_tax: WooMoney,
  cart_tax: WooMoney,
  total: WooMoney,
  total_tax: WooMoney,
  customer_id: WooId,
  billing: WooAddress.nullish(),
  shipping: WooAddress.nullish(),
  payment_method: z.string().nullish(),
  payment_method_title: z.string().nullish(),
  transaction_id: z.string().nullish(),
  customer_note: z.string().nullish(),
  line_items: z.array(WooOrderLineItem),
  shipping_lines: z.array(WooShippingLine).default([]),
  fee_lines: z.array(WooFeeLine).default([]),
  coupon_lines: z.array(WooCouponLine).default([]),
  tax_lines: z.array(WooTaxLine).default([]),
  refunds: z.array(WooOrderRefundSummary).default([]),
});

export type WooOrder = z.output<typeof WooOrderPayload>;
export type WooOrderLine = z.output<typeof WooOrderLineItem>;
