/**
 * `action.woocommerce_order_refunded` deliveries: `{"action":"woocommerce_order_refunded","arg":12}`, the order id
 * only. The refund itself is read from the REST API (`GET /orders/{id}/refunds`) or the next order delivery.
 */
import { z } from 'zod';
import { ok, type Result } from '../../canonical/result.ts';
import { parseWooPayload, WooId } from './wire.ts';

const WooOrderRefundedAction = z.looseObject({
  action: z.literal('woocommerce_order_refunded'),
  arg: z.union([WooId.positive(), z.string().regex(/^[1-9]\d*$/)]),
});

export function toOrderRefundedAction(payload: unknown): Result<{ orderId: string }> {
  const parsed = parseWooPayload(WooOrderRefundedAction, payload, 'order-refunded action');
  return parsed.ok ? ok({ orderId: String(parsed.value.arg) }) : parsed;
}
