/**
 * Re-enabling one of the connector's webhooks: check it is ours → set it `active` through the REST API (WooCommerce
 * pings it if it never answered a ping) → resolve its alert → note it in what the admin screen shows. The backfill of
 * the gap is the caller's next step (`gap-backfill.ts`).
 */
import { resolveAlerts } from '../alerts/alerts.ts';
import type { Connection } from '../connections/connections.ts';
import type { Queryable } from '../db/client.ts';
import type { WooCommerceRestClient, WooWebhook } from '../platforms/woocommerce/rest-client.ts';
import { WooCommerceError } from '../platforms/woocommerce/rest-errors.ts';
import { readSnapshot, saveSnapshot, type WebhookSeen } from './snapshot.ts';
import { disabledAlertKey, isOurs, seeWebhooks } from './webhook-check.ts';

export type ActivateErrorCode = 'WEBHOOK_NOT_FOUND' | 'WEBHOOK_NOT_THE_CONNECTORS';

export class ActivateWebhookError extends Error {
  readonly code: ActivateErrorCode;

  constructor(code: ActivateErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export async function activateWebhook(
  db: Queryable,
  connection: Pick<Connection, 'id' | 'name'>,
  client: WooCommerceRestClient,
  webhookId: number,
  now: Date,
): Promise<WebhookSeen> {
  let webhook: WooWebhook;
  try {
    webhook = await client.getWebhook(webhookId);
  } catch (error) {
    if (error instanceof WooCommerceError && error.code === 'WOOCOMMERCE_NOT_FOUND') {
      throw new ActivateWebhookError(
        'WEBHOOK_NOT_FOUND',
        `${connection.name} has no webhook ${webhookId}; it may have been deleted (WooCommerce → Settings → Advanced → Webhooks).`,
      );
    }
    throw error;
  }
  if (!isOurs(webhook, connection.id)) {
    throw new ActivateWebhookError(
      'WEBHOOK_NOT_THE_CONNECTORS',
      `Webhook ${webhookId} of ${connection.name} delivers to ${webhook.delivery_url}, not to this connection; the ` +
        'connector only re-enables its own webhooks.',
    );
  }
  const updated = webhook.status === 'active' ? webhook : await client.updateWebhook(webhookId, { status: 'active' });
  await resolveAlerts(db, [disabledAlertKey(connection.id, webhookId)]);

  const snapshot = await readSnapshot(db, connection.id);
  const [seen] = seeWebhooks([updated], connection.id, snapshot, now);
  if (!seen) throw new Error(`Webhook ${webhookId} stopped being the connector's while it was re-enabled.`);
  if (snapshot) {
    const others = snapshot.webhooks.filter((w) => w.id !== webhookId);
    await saveSnapshot(db, connection.id, { ...snapshot, webhooks: [...others, seen].sort((a, b) => a.id - b.id) });
  }
  return seen;
}
