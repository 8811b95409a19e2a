import { eq } from 'drizzle-orm';
import { type WebhookSecrets, webhookSecretsOf } from '../connections/connection-secrets.ts';
import type { Db } from '../db/client.ts';
import { connections } from '../db/schema.ts';
import type { Vault } from '../vault/vault.ts';

export interface ReceivingConnection {
  id: string;
  platform: string;
  secrets: WebhookSecrets;
}

/** How long a connection's verification material is reused: a changed secret takes effect within this. */
const TTL_MS = 15_000;

/**
 * What the webhook path needs to verify a delivery, read once per connection and reused for a few seconds: without
 * it every delivery costs three reads and two decryptions before its one write transaction.
 */
export class ReceiverCache {
  readonly #db: Db;
  readonly #vault: Vault;
  readonly #entries = new Map<string, { connection: ReceivingConnection; until: number }>();

  constructor(db: Db, vault: Vault) {
    this.#db = db;
    this.#vault = vault;
  }

  async connection(id: string, now = Date.now()): Promise<ReceivingConnection | undefined> {
    const cached = this.#entries.get(id);
    if (cached && cached.until > now) return cached.connection;
    // Not `getConnection`: accepting a delivery must not depend on the connection's settings still parsing.
    const [row] = await this.#db
      .select({ id: connections.id, platform: connections.platform })
      .from(connections)
      .where(eq(connections.id, id));
    if (!row) {
      this.#entries.delete(id);
      return undefined;
    }
    const connection = { ...row, secrets: await webhookSecretsOf(this.#vault, id) };
    this.#entries.set(id, { connection, until: now + TTL_MS });
    return connection;
  }

  /** This process changed or removed the connection: its next delivery reads it afresh. */
  forget(id: string): void {
    this.#entries.delete(id);
  }
}
