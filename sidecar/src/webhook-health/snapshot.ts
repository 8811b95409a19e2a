/**
 * The store's webhooks as the health check last read them, per connection, for the admin screen. Kept in the
 * `settings` table (key `webhook-health:{connectionId}`, one small JSON value) rather than a table of its own: it is
 * a cache of what the store said, rewritten whole by every check.
 */
import { eq, like, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { settings } from '../db/schema.ts';

export interface WebhookSeen {
  id: number;
  name: string;
  topic: string;
  status: string;
  /** WooCommerce's REST API does not expose it (`wp_wc_webhooks.failure_count`): null unless a store adds it. */
  failureCount: number | null;
  /** The store's `date_modified_gmt`, ISO 8601 UTC. */
  modifiedAt: string | null;
  /** When a check first saw it not active (carried from check to check); null while it is active. */
  notActiveSince: string | null;
}

export interface WebhookHealthSnapshot {
  checkedAt: string;
  /** The connector's own webhooks only (those delivering to this connection). */
  webhooks: WebhookSeen[];
  /** Topics the connector listens to that no webhook of ours delivers. */
  missingTopics: string[];
  /** The store could not be read at the last check; `webhooks` are then those of the check before. */
  error: { code: string; message: string } | null;
}

const keyOf = (connectionId: string) => `webhook-health:${connectionId}`;

export async function readSnapshot(db: Queryable, connectionId: string): Promise<WebhookHealthSnapshot | undefined> {
  const [row] = await db
    .select()
    .from(settings)
    .where(eq(settings.key, keyOf(connectionId)));
  return row?.value as WebhookHealthSnapshot | undefined;
}

export async function saveSnapshot(db: Queryable, connectionId: string, snapshot: WebhookHealthSnapshot) {
  await db
    .insert(settings)
    .values({ key: keyOf(connectionId), value: snapshot })
    .onConflictDoUpdate({ target: settings.key, set: { value: snapshot, updatedAt: sql`now()` } });
}

/** Drops the snapshots of connections that are gone (settings rows do not cascade). */
export async function forgetSnapshotsExcept(db: Queryable, connectionIds: readonly string[]): Promise<void> {
  const rows = await db.select({ key: settings.key }).from(settings).where(like(settings.key, 'webhook-health:%'));
  const keep = new Set(connectionIds.map(keyOf));
  for (const { key } of rows) if (!keep.has(key)) await db.delete(settings).where(eq(settings.key, key));
}
