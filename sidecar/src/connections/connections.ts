import { desc, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Queryable } from '../db/client.ts';
import { sqlState } from '../db/errors.ts';
import { connections } from '../db/schema.ts';
import type { Vault } from '../vault/vault.ts';
import { ConfigError, isUuid } from './config-error.ts';
import { connectionSecretName, storeWebhookSecrets } from './connection-secrets.ts';
import { type ConnectionSettings, mergeSettings, parseSettings } from './connection-settings.ts';
import { getNetSuiteAccount } from './netsuite-accounts.ts';

export type Platform = (typeof connections.$inferSelect)['platform'];
export type Connection = Omit<typeof connections.$inferSelect, 'settings'> & { settings: ConnectionSettings };

export const SUPPORTED_PLATFORMS: readonly Platform[] = ['woocommerce'];

export interface ConnectionInput {
  platform: Platform;
  name: string;
  storeUrl: string;
  /** The sidecar's id of the NetSuite account (not NetSuite's account id). */
  netsuiteAccountId: string;
  webhookSecret: string;
  /** `{ "<X-WC-Webhook-ID>": "<secret>" }` for webhooks created with secrets of their own. */
  webhookSecrets?: Record<string, string> | undefined;
  credentials: { consumerKey: string; consumerSecret: string };
  settings: unknown;
}

const accountNotFound = (id: string) =>
  new ConfigError(400, 'NETSUITE_ACCOUNT_NOT_FOUND', `No NetSuite account has the id ${id}: create it first.`);

function assertPlatform(platform: Platform): void {
  if (SUPPORTED_PLATFORMS.includes(platform)) return;
  throw new ConfigError(
    400,
    'PLATFORM_NOT_SUPPORTED',
    `Connecting ${platform} stores is not supported yet: only WooCommerce for now, Shopify and Adobe Commerce arrive later.`,
  );
}

function normaliseStoreUrl(storeUrl: string): string {
  const url = URL.parse(storeUrl);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
    throw new ConfigError(
      400,
      'INVALID_STORE_URL',
      `storeUrl "${storeUrl}" must be an http(s) URL without credentials.`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

const withSettings = (row: typeof connections.$inferSelect): Connection => ({
  ...row,
  settings: parseSettings(row.settings),
});

/** Stores the connection and its secrets in one transaction: a connection never exists without its webhook secret. */
export async function createConnection(db: Db, vault: Vault, input: ConnectionInput): Promise<Connection> {
  assertPlatform(input.platform);
  const storeUrl = normaliseStoreUrl(input.storeUrl);
  const settings = parseSettings(input.settings);
  if (!(isUuid(input.netsuiteAccountId) && (await getNetSuiteAccount(db, input.netsuiteAccountId)))) {
    throw accountNotFound(input.netsuiteAccountId);
  }
  const id = uuidv7();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(connections)
        .values({
          id,
          platform: input.platform,
          name: input.name,
          storeUrl,
          netsuiteAccountId: input.netsuiteAccountId,
          settings,
        })
        .returning();
      await storeWebhookSecrets(
        vault,
        id,
        { webhookSecret: input.webhookSecret, byWebhookId: input.webhookSecrets },
        tx,
      );
      await vault.put(connectionSecretName.consumerKey(id), input.credentials.consumerKey, tx);
      await vault.put(connectionSecretName.consumerSecret(id), input.credentials.consumerSecret, tx);
      return withSettings(row as typeof connections.$inferSelect);
    });
  } catch (error) {
    // The account was deleted between the look-up and the insert.
    if (sqlState(error) === '23503') throw accountNotFound(input.netsuiteAccountId);
    throw error;
  }
}

/** The connection with its settings parsed (defaults added since it was stored filled in); undefined for any bad id. */
export async function getConnection(db: Queryable, id: string): Promise<Connection | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(connections).where(eq(connections.id, id));
  return row && withSettings(row);
}

export async function listConnections(db: Queryable): Promise<Connection[]> {
  const rows = await db.select().from(connections).orderBy(desc(connections.id));
  return rows.map(withSettings);
}

/** Applies a settings PATCH under a row lock, so two admins editing at once do not lose each other's changes. */
export async function updateConnectionSettings(db: Db, id: string, patch: unknown): Promise<Connection | undefined> {
  if (!isUuid(id)) return undefined;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(connections).where(eq(connections.id, id)).for('update');
    if (!row) return undefined;
    const settings = mergeSettings(withSettings(row).settings, patch);
    const [updated] = await tx
      .update(connections)
      .set({ settings, updatedAt: sql`now()` })
      .where(eq(connections.id, id))
      .returning();
    return withSettings(updated as typeof connections.$inferSelect);
  });
}

/** Removes the connection, its secrets and (by cascade) the deliveries it received; false when there was none. */
export async function deleteConnection(db: Db, vault: Vault, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(connections).where(eq(connections.id, id)).returning({ id: connections.id });
    for (const name of Object.values(connectionSecretName)) await vault.delete(name(id), tx);
    return deleted.length > 0;
  });
}
