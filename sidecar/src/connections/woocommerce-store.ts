import type { Queryable } from '../db/client.ts';
import type { WooCommerceStore } from '../platforms/woocommerce/rest-client.ts';
import type { Vault } from '../vault/vault.ts';
import { ConfigError } from './config-error.ts';
import { connectionSecretName } from './connection-secrets.ts';
import type { Connection } from './connections.ts';

/**
 * The store as the WooCommerce REST client takes it, its REST API key decrypted from the vault. Keep it in memory
 * only, never log it. A connection without its key is a configuration error the merchant fixes by saving the
 * connection's credentials again.
 */
export async function wooCommerceStoreOf(
  db: Queryable,
  vault: Vault,
  connection: Connection,
): Promise<WooCommerceStore> {
  if (connection.platform !== 'woocommerce') {
    throw new ConfigError(
      400,
      'CONNECTION_NOT_WOOCOMMERCE',
      `Connection ${connection.id} is a ${connection.platform} store, not a WooCommerce one.`,
    );
  }
  const consumerKey = await vault.get(connectionSecretName.consumerKey(connection.id), db);
  const consumerSecret = await vault.get(connectionSecretName.consumerSecret(connection.id), db);
  if (!consumerKey || !consumerSecret) {
    const missing = [consumerKey ? undefined : 'consumer key', consumerSecret ? undefined : 'consumer secret']
      .filter(Boolean)
      .join(' and ');
    throw new ConfigError(
      409,
      'WOOCOMMERCE_CREDENTIALS_MISSING',
      `The WooCommerce connection "${connection.name}" has no REST API ${missing}. Create a key with read/write ` +
        'permission in WooCommerce → Settings → Advanced → REST API and save it with the connection.',
    );
  }
  return { connectionId: connection.id, storeUrl: connection.storeUrl, consumerKey, consumerSecret };
}
