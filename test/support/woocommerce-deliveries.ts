/** WooCommerce webhook deliveries as a store sends them: its headers, and the body signed with the webhook's secret. */
import { createHmac, randomBytes } from 'node:crypto';

/** `X-WC-Webhook-Signature`: base64 of the body's HMAC-SHA256 under the webhook's secret. */
export const signWooCommerceBody = (body: string, secret: string): string =>
  createHmac('sha256', secret).update(body).digest('base64');

export interface WooCommerceDelivery {
  topic: string;
  /** The raw body, sent and signed byte for byte. */
  body: string;
  /** `X-WC-Webhook-ID`: each topic is its own webhook in WooCommerce. Default: `1`. */
  webhookId?: string;
  /** `X-WC-Webhook-Delivery-ID`. Default: a random one, a new delivery. */
  deliveryId?: string;
  /** More headers, sent as given. */
  headers?: Record<string, string>;
}

/** What the sidecar answers a delivery it accepted, and the delivery id it was sent with. */
export interface DeliveryAnswer {
  status: string;
  eventId: string;
  jobId?: string;
  deliveryId: string;
}

/** POSTs `delivery` to a connection's webhook URL with WooCommerce's headers and signature; throws unless 200. */
export async function deliverSigned(
  url: string,
  secret: string,
  delivery: WooCommerceDelivery,
): Promise<DeliveryAnswer> {
  const deliveryId = delivery.deliveryId ?? randomBytes(16).toString('hex');
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-wc-webhook-topic': delivery.topic,
      ...delivery.headers,
      'x-wc-webhook-id': delivery.webhookId ?? '1',
      'x-wc-webhook-delivery-id': deliveryId,
      'x-wc-webhook-signature': signWooCommerceBody(delivery.body, secret),
    },
    body: delivery.body,
  });
  if (response.status !== 200)
    throw new Error(`The delivery was answered ${response.status}: ${await response.text()}`);
  return { ...((await response.json()) as Omit<DeliveryAnswer, 'deliveryId'>), deliveryId };
}
