/**
 * The REST v3 refund (`GET /wc/v3/orders/{id}/refunds/{refund_id}`, spec §1.6 "Refunds"): `amount` positive, item
 * amounts and quantities negative, `_refunded_item_id` in an item's meta_data naming the order line it gives back.
 * `shipping_lines` and `fee_lines` are read when present; whether a given WooCommerce version lists them on a
 * refund is not shown by the spec or the recordings.
 */
import { z } from 'zod';
import { WooGmtDate, WooId, WooMoney } from './wire.ts';

const WooMeta = z.looseObject({ key: z.string(), value: z.unknown() });

const refundItem = {
  id: WooId,
  total: WooMoney,
  total_tax: WooMoney,
  meta_data: z.array(WooMeta).default([]),
};

export const WooRefundLineItem = z.looseObject({
  ...refundItem,
  name: z.string(),
  product_id: WooId.nullish(),
  variation_id: WooId.nullish(),
  quantity: z.number(),
  sku: z.string().nullish(),
});

export const WooRefundShippingLine = z.looseObject({ ...refundItem, method_id: z.string().nullish() });

export const WooRefundFeeLine = z.looseObject({ ...refundItem, name: z.string() });

export const WooRefundPayload = z.looseObject({
  id: WooId.positive(),
  date_created_gmt: WooGmtDate.nullish(),
  amount: WooMoney,
  reason: z.string().nullish(),
  refunded_payment: z.boolean().nullish(),
  line_items: z.array(WooRefundLineItem).default([]),
  shipping_lines: z.array(WooRefundShippingLine).default([]),
  fee_lines: z.array(WooRefundFeeLine).default([]),
});

export type WooRefund = z.output<typeof WooRefundPayload>;
export type WooRefundItem = z.output<typeof WooRefundShippingLine>;
