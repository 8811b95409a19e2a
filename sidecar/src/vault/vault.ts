import { eq, sql } from 'drizzle-orm';
import { CompactEncrypt, compactDecrypt, decodeProtectedHeader } from 'jose';
import type { Queryable } from '../db/client.ts';
import { secrets, settings } from '../db/schema.ts';
import type { Redactor } from '../redact.ts';
import type { MasterKey } from './master-key.ts';

const KEY_CHECK_SETTING = 'vault.keyCheck';
const KEY_CHECK_PLAINTEXT = 'ml-connector master key check';

export class VaultError extends Error {
  readonly code: 'MASTER_KEY_MISMATCH' | 'SECRET_UNREADABLE';

  constructor(code: VaultError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

export interface SecretInfo {
  name: string;
  keyId: string;
  updatedAt: Date;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The secret's name rides in the authenticated header, so a ciphertext copied onto another row does not decrypt. */
async function seal(key: MasterKey, name: string, plaintext: string): Promise<string> {
  return new CompactEncrypt(encoder.encode(plaintext))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM', kid: key.id, 'mlc-name': name })
    .encrypt(key.bytes);
}

async function open(key: MasterKey, name: string, jwe: string): Promise<string> {
  const header = decodeProtectedHeader(jwe);
  if (header.kid !== key.id || header['mlc-name'] !== name) {
    throw new VaultError('SECRET_UNREADABLE', `Secret "${name}" is sealed under key ${header.kid}, not ${key.id}.`);
  }
  const { plaintext } = await compactDecrypt(jwe, key.bytes, { keyManagementAlgorithms: ['dir'] });
  return decoder.decode(plaintext);
}

/** Is this the key the database was sealed with? Stores the check value when the database has none yet. */
export async function verifyMasterKey(db: Queryable, key: MasterKey): Promise<boolean> {
  await db
    .insert(settings)
    .values({ key: KEY_CHECK_SETTING, value: await seal(key, KEY_CHECK_SETTING, KEY_CHECK_PLAINTEXT) })
    .onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY_CHECK_SETTING));
  try {
    return (await open(key, KEY_CHECK_SETTING, String(row?.value))) === KEY_CHECK_PLAINTEXT;
  } catch {
    return false;
  }
}

export async function storedKeyId(db: Queryable): Promise<string | undefined> {
  const [row] = await db.select().from(settings).where(eq(settings.key, KEY_CHECK_SETTING));
  return row ? String(decodeProtectedHeader(String(row.value)).kid) : undefined;
}

/**
 * Secrets at rest: AES-256-GCM (JWE dir/A256GCM) under the master key, decrypted only when asked for, and every
 * value it has seen handed to the redactor so it can never reach a log line or a response.
 */
export class Vault {
  readonly #db: Queryable;
  readonly #key: MasterKey;
  readonly #redactor: Redactor;

  constructor(db: Queryable, key: MasterKey, redactor: Redactor) {
    this.#db = db;
    this.#key = key;
    this.#redactor = redactor;
  }

  get keyId(): string {
    return this.#key.id;
  }

  /**
   * Seals and stores a secret. Holds the key check while it writes, so a replica still running on a rotated-out key
   * is refused instead of writing a secret nobody can read after the rotation.
   */
  async put(name: string, value: string, db: Queryable = this.#db): Promise<void> {
    this.#redactor.addSecret(value);
    const ciphertext = await seal(this.#key, name, value);
    await db.transaction(async (tx) => {
      const [check] = await tx.select().from(settings).where(eq(settings.key, KEY_CHECK_SETTING)).for('share');
      const sealedUnder = check ? decodeProtectedHeader(String(check.value)).kid : this.#key.id;
      if (sealedUnder !== this.#key.id) {
        throw new VaultError(
          'MASTER_KEY_MISMATCH',
          `The master key was rotated to ${sealedUnder}: restart this sidecar with the new MLC_MASTER_KEY.`,
        );
      }
      await tx
        .insert(secrets)
        .values({ name, ciphertext, keyId: this.#key.id })
        .onConflictDoUpdate({ target: secrets.name, set: { ciphertext, keyId: this.#key.id, updatedAt: sql`now()` } });
    });
  }

  async get(name: string, db: Queryable = this.#db): Promise<string | undefined> {
    const [row] = await db.select().from(secrets).where(eq(secrets.name, name));
    if (!row) return undefined;
    const value = await open(this.#key, name, row.ciphertext);
    this.#redactor.addSecret(value);
    return value;
  }

  async delete(name: string, db: Queryable = this.#db): Promise<boolean> {
    const deleted = await db.delete(secrets).where(eq(secrets.name, name)).returning({ name: secrets.name });
    return deleted.length > 0;
  }

  async list(db: Queryable = this.#db): Promise<SecretInfo[]> {
    return db
      .select({ name: secrets.name, keyId: secrets.keyId, updatedAt: secrets.updatedAt })
      .from(secrets)
      .orderBy(secrets.name);
  }
}

/** Re-seals every secret and the key check under `next`; run inside one transaction so a crash changes nothing. */
export async function resealAll(tx: Queryable, current: MasterKey, next: MasterKey): Promise<number> {
  // The key check first, as Vault.put takes it: writers wait for the rotation, then see the new key id.
  await tx.select().from(settings).where(eq(settings.key, KEY_CHECK_SETTING)).for('update');
  const rows = await tx.select().from(secrets).for('update');
  for (const row of rows) {
    const plaintext = await open(current, row.name, row.ciphertext);
    await tx
      .update(secrets)
      .set({ ciphertext: await seal(next, row.name, plaintext), keyId: next.id, updatedAt: sql`now()` })
      .where(eq(secrets.name, row.name));
  }
  await tx
    .update(settings)
    .set({ value: await seal(next, KEY_CHECK_SETTING, KEY_CHECK_PLAINTEXT), updatedAt: sql`now()` })
    .where(eq(settings.key, KEY_CHECK_SETTING));
  return rows.length;
}
