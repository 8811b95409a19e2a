/**
 * What the store's webhook list means for one connection, as pure functions: which webhooks are the connector's, what
 * each one not delivering should tell the merchant, and which topics nobody delivers.
 */
import type { WooWebhook } from '../platforms/woocommerce/rest-client.ts';
import type { WebhookHealthSnapshot, WebhookSeen } from './snapshot.ts';

/** The topics the connector's WooCommerce flows act on (the plugin creates one webhook each: `WooCommerce_Webhooks::TOPICS`). */
export const CONNECTOR_TOPICS = [
  'order.created',
  'order.updated',
  'order.deleted',
  'order.restored',
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'action.woocommerce_order_refunded',
] as const;

export const WEBHOOK_DISABLED = 'webhook_disabled';
export const WEBHOOK_MISSING = 'webhook_missing';

export const disabledAlertKey = (connectionId: string, webhookId: number) =>
  `${WEBHOOK_DISABLED}:${connectionId}:${webhookId}`;
export const missingAlertKey = (connectionId: string) => `${WEBHOOK_MISSING}:${connectionId}`;

/**
 * Ours: it delivers to `/webhooks/woocommerce/{connectionId}`. The path is compared, not the whole URL: the public
 * URL may be spelt differently behind a proxy (scheme, host, port), and the connection id alone is unique.
 */
export function isOurs(webhook: Pick<WooWebhook, 'delivery_url'>, connectionId: string): boolean {
  try {
    const path = new URL(webhook.delivery_url).pathname.replace(/\/+$/, '');
    return path.endsWith(`/webhooks/woocommerce/${connectionId}`);
  } catch {
    return false;
  }
}

/** The store's `date_modified_gmt` (zone-less UTC) as ISO 8601. */
function modifiedAtOf(webhook: WooWebhook): string | null {
  const text = webhook.date_modified_gmt;
  if (typeof text !== 'string' || text === '') return null;
  const millis = Date.parse(/[zZ]$/.test(text) ? text : `${text}Z`);
  return Number.isNaN(millis) ? null : new Date(millis).toISOString();
}

/** The connector's webhooks as seen now; `notActiveSince` carries over from the previous check. */
export function seeWebhooks(
  listed: readonly WooWebhook[],
  connectionId: string,
  previous: WebhookHealthSnapshot | undefined,
  now: Date,
): WebhookSeen[] {
  const before = new Map(previous?.webhooks.map((webhook) => [webhook.id, webhook]));
  return listed
    .filter((webhook) => isOurs(webhook, connectionId))
    .sort((a, b) => a.id - b.id)
    .map((webhook) => {
      const failureCount = typeof webhook.failure_count === 'number' ? webhook.failure_count : null;
      const notActive = webhook.status !== 'active';
      return {
        id: webhook.id,
        name: webhook.name,
        topic: webhook.topic,
        status: webhook.status,
        failureCount,
        modifiedAt: modifiedAtOf(webhook),
        notActiveSince: notActive ? (before.get(webhook.id)?.notActiveSince ?? now.toISOString()) : null,
      };
    });
}

/** The connector's topics no webhook of ours covers, whatever its status. */
export function missingTopics(seen: readonly WebhookSeen[]): string[] {
  const covered = new Set(seen.map((webhook) => webhook.topic));
  return CONNECTOR_TOPICS.filter((topic) => !covered.has(topic));
}

const when = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC');

/** What a webhook not delivering means, in the merchant's words. */
export function disabledMessage(webhook: WebhookSeen, storeName: string): string {
  const since = webhook.notActiveSince ? ` since at least ${when(webhook.notActiveSince)}` : '';
  const failures = webhook.failureCount !== null ? ` after ${webhook.failureCount} failed deliveries in a row` : '';
  const cause =
    webhook.status === 'paused'
      ? 'Someone paused it in WooCommerce → Settings → Advanced → Webhooks.'
      : `WooCommerce switched it off${failures}: it does that after more than 5 deliveries in a row fail, and tells nobody.`;
  return (
    `WEBHOOK_${webhook.status.toUpperCase()}: the "${webhook.topic}" webhook of ${storeName} (WooCommerce webhook ` +
    `${webhook.id}) is ${webhook.status}${since}, so these changes no longer reach NetSuite. ${cause} ` +
    'Re-enable it from the connector (Connection → Webhooks → Re-enable): the changes made meanwhile are then read ' +
    'from the store and synced.'
  );
}

export function missingMessage(topics: readonly string[], storeName: string): string {
  return (
    `WEBHOOK_MISSING: ${storeName} has no webhook sending ${topics.map((t) => `"${t}"`).join(', ')} to the ` +
    'connector, so those changes never reach NetSuite. Reconnect the store from the plugin (WooCommerce → NetSuite → ' +
    'Connection) to create the webhooks again.'
  );
}
