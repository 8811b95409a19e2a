import type { Queryable } from '../db/client.ts';
import type { Vault } from '../vault/vault.ts';

/** Where a connection's secrets live in the vault; nothing else about them is stored anywhere. */
export const connectionSecretName = {
  /** The secret the plugin creates every WooCommerce webhook with. */
  webhookSecret: (connectionId: string) => `connection:${connectionId}:webhook-secret`,
  /** JSON `{ "<X-WC-Webhook-ID>": "<secret>" }`: webhooks created with secrets of their own. */
  webhookSecrets: (connectionId: string) => `connection:${connectionId}:webhook-secrets`,
  consumerKey: (connectionId: string) => `connection:${connectionId}:consumer-key`,
  consumerSecret: (connectionId: string) => `connection:${connectionId}:consumer-secret`,
} as const;

export interface WebhookSecrets {
  webhookSecret: string | undefined;
  byWebhookId: Record<string, string>;
}

export async function storeWebhookSecrets(
  vault: Vault,
  connectionId: string,
  secrets: { webhookSecret: string; byWebhookId?: Record<string, string> | undefined },
  db?: Queryable,
): Promise<void> {
  await vault.put(connectionSecretName.webhookSecret(connectionId), secrets.webhookSecret, db);
  if (secrets.byWebhookId && Object.keys(secrets.byWebhookId).length > 0) {
    await vault.put(connectionSecretName.webhookSecrets(connectionId), JSON.stringify(secrets.byWebhookId), db);
  }
}

export async function webhookSecretsOf(vault: Vault, connectionId: string): Promise<WebhookSecrets> {
  const main = await vault.get(connectionSecretName.webhookSecret(connectionId));
  const perWebhook = await vault.get(connectionSecretName.webhookSecrets(connectionId));
  const byWebhookId = perWebhook ? (JSON.parse(perWebhook) as Record<string, string>) : {};
  return { webhookSecret: main, byWebhookId };
}

/** The secret a delivery from webhook `webhookId` was signed with: its own if it has one, else the connection's. */
export function secretFor(secrets: WebhookSecrets, webhookId: string): string | undefined {
  return secrets.byWebhookId[webhookId] ?? secrets.webhookSecret;
}
