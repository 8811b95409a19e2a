import { call } from './call.ts';
import type { WebhookHealth } from './types.ts';

/**
 * The sidecar's storefront connections (`connections`, proxied) and this WooCommerce store's own connection, which
 * the plugin's routes make and remove (`store`, `store/connect`, `store/disconnect`, `store/webhooks/{id}/activate`:
 * plugin/includes/class-rest-store-routes.php), since they also create the WooCommerce API key and webhooks.
 */

export type Platform = 'woocommerce' | 'shopify' | 'adobe-commerce';

/** A connected store as the sidecar lists it; its secrets and API keys are write-only. */
export interface StoreConnection {
  id: string;
  platform: Platform;
  name: string;
  storeUrl: string;
  /** The sidecar's id of the NetSuite account (not NetSuite's own account id). */
  netsuiteAccountId: string;
  webhookUrl: string;
  lastDeliveryAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One of this store's webhooks as the plugin reads it (`WC_Webhook`). */
export type StoreWebhook = WebhookHealth;

/** `GET store`: this store's connection and each of its webhooks' health. */
export interface ThisStore {
  connected: boolean;
  connectionId: string | null;
  webhookUrl: string | null;
  connectedAt: string | null;
  /** A Connect stopped half-way: Disconnect cleans up what it made. */
  incomplete: boolean;
  webhooks: StoreWebhook[];
}

export const listConnections = async () => (await call<{ items: StoreConnection[] }>('GET', 'connections')).items;

export const deleteConnection = (id: string) => call<null>('DELETE', `connections/${encodeURIComponent(id)}`);

export const getThisStore = () => call<ThisStore>('GET', 'store');

export const connectThisStore = (input: { netsuiteAccountId: string; masterLocationId: string }) =>
  call<ThisStore>('POST', 'store/connect', input);

export const disconnectThisStore = () => call<ThisStore>('POST', 'store/disconnect');

export const activateWebhook = (id: number) => call<ThisStore>('POST', `store/webhooks/${id}/activate`);

export const getPairing = () => call<{ sidecarUrl: string; paired: boolean }>('GET', 'pairing');
