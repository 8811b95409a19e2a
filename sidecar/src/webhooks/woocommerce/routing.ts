/** The job a verified WooCommerce delivery starts, if any. */
export interface DeliveryWork {
  kind: string;
  /** The order or customer it concerns: its jobs run one at a time, in order of arrival. */
  entityKey: string;
}

export type RoutingProblem = { code: 'PAYLOAD_INVALID'; message: string };

const ORDER_TOPICS = new Set(['order.created', 'order.updated', 'order.deleted', 'order.restored']);
const CUSTOMER_TOPICS = new Set(['customer.created', 'customer.updated', 'customer.deleted']);
/** A refund announced by order id only; the refund itself is read from the REST API. */
const ORDER_REFUNDED = 'action.woocommerce_order_refunded';

export const WOOCOMMERCE_JOB_KIND = {
  order: 'woocommerce.order',
  customer: 'woocommerce.customer',
  orderRefunded: 'woocommerce.order-refunded',
} as const;

const positiveId = (value: unknown): string | undefined =>
  (typeof value === 'number' && Number.isInteger(value) && value > 0) ||
  (typeof value === 'string' && /^[1-9]\d*$/.test(value))
    ? String(value)
    : undefined;

/**
 * Order and customer topics become work on that order or customer; the refund action becomes work on its order.
 * Other topics (products, coupons, other actions) are stored and acknowledged but start nothing.
 */
export function routeDelivery(
  connectionId: string,
  topic: string,
  payload: unknown,
): DeliveryWork | undefined | RoutingProblem {
  const body = (payload ?? {}) as Record<string, unknown>;
  const entity = (resource: string, id: unknown, kind: string): DeliveryWork | RoutingProblem => {
    const resourceId = positiveId(id);
    if (!resourceId) return { code: 'PAYLOAD_INVALID', message: `A ${topic} delivery must name its ${resource} id.` };
    return { kind, entityKey: `woocommerce:${connectionId}:${resource}:${resourceId}` };
  };
  if (ORDER_TOPICS.has(topic)) return entity('order', body.id, WOOCOMMERCE_JOB_KIND.order);
  if (CUSTOMER_TOPICS.has(topic)) return entity('customer', body.id, WOOCOMMERCE_JOB_KIND.customer);
  if (topic === ORDER_REFUNDED) return entity('order', body.arg, WOOCOMMERCE_JOB_KIND.orderRefunded);
  return undefined;
}
