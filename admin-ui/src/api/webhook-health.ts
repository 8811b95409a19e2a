import { call } from './call.ts';

/**
 * Shapes and calls of the sidecar's webhook-health routes of a WooCommerce connection, through the plugin's proxy:
 * `connections/{id}/webhook-health` (what the sidecar knows of the store's deliveries and webhooks) and
 * `connections/{id}/webhooks/{webhookId}/activate` (re-enable one, then backfill what it missed).
 */

/** One of the connector's webhooks as the sidecar's health check last read it from the store. */
export interface WebhookSeen {
  id: number;
  name: string;
  topic: string;
  /** `active`, `paused` or `disabled`. */
  status: string;
  /** WooCommerce's REST API does not expose it: null unless the store adds it. */
  failureCount: number | null;
  modifiedAt: string | null;
  /** When a check first saw it not active; null while it is active. */
  notActiveSince: string | null;
}

/** `learning`: too little traffic in its last week to know what is usual; `silent`: quiet for longer than that. */
export type DeliveriesState = 'learning' | 'ok' | 'silent';

export interface StoreWebhookHealth {
  connectionId: string;
  /** The last webhook the store delivered to the sidecar. */
  lastDeliveryAt: string | null;
  deliveries: { state: DeliveriesState; allowedSilenceMs: number | null; silentForMs: number | null };
  /** When the webhooks were last read; null before the first check. */
  checkedAt: string | null;
  webhooks: WebhookSeen[];
  /** Topics the connector needs that no webhook of its own delivers. */
  missingTopics: string[];
  /** Why the last check could not read the store. */
  error: { code: string; message: string } | null;
}

/** `running`: the backfill goes on after the answer; `not-scheduled`: this sidecar runs none. */
export type BackfillStatus = 'finished' | 'failed' | 'running' | 'not-scheduled';

export interface WebhookActivated {
  webhook: WebhookSeen;
  /** The missed-webhook backfill run at once; its message says how many orders and customers it queued. */
  backfill: { status: BackfillStatus; message: string };
}

const base = (connectionId: string) => `connections/${encodeURIComponent(connectionId)}`;

export const getWebhookHealth = (connectionId: string) =>
  call<StoreWebhookHealth>('GET', `${base(connectionId)}/webhook-health`);

export const activateStoreWebhook = (connectionId: string, webhookId: number) =>
  call<WebhookActivated>('POST', `${base(connectionId)}/webhooks/${webhookId}/activate`);
