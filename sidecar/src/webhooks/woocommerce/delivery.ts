/** What a WooCommerce delivery is, read from its headers (storefronts spec §1.2, §1.4). */
export type WooCommerceDelivery =
  | { kind: 'ping' }
  | {
      kind: 'event';
      topic: string;
      webhookId: string;
      deliveryId: string;
      signature: string | undefined;
    };

export type DeliveryProblem = { code: 'MISSING_HEADER'; message: string };

/** WooCommerce's creation ping: form-encoded `webhook_id=N`, no X-WC-Webhook-* headers, no signature. */
const PING_BODY = /^webhook_id=\d+$/;

export function readDelivery(headers: Headers, rawBody: string): WooCommerceDelivery | DeliveryProblem {
  const topic = headers.get('x-wc-webhook-topic');
  const signature = headers.get('x-wc-webhook-signature') ?? undefined;
  if (!topic && !signature && PING_BODY.test(rawBody.trim())) return { kind: 'ping' };
  const webhookId = headers.get('x-wc-webhook-id');
  const deliveryId = headers.get('x-wc-webhook-delivery-id');
  const missing = [
    ['X-WC-Webhook-Topic', topic],
    ['X-WC-Webhook-ID', webhookId],
    ['X-WC-Webhook-Delivery-ID', deliveryId],
  ].filter(([, value]) => !value);
  if (!topic || !webhookId || !deliveryId) {
    return {
      code: 'MISSING_HEADER',
      message: `Not a WooCommerce webhook delivery: ${missing.map(([name]) => name).join(', ')} missing.`,
    };
  }
  return { kind: 'event', topic, webhookId, deliveryId, signature };
}

/** The headers kept with a stored delivery: WooCommerce's own and what identifies the sender. */
export function headersToKeep(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of headers) {
    if (name.startsWith('x-wc-webhook-') || name === 'user-agent' || name === 'content-type') kept[name] = value;
  }
  return kept;
}
