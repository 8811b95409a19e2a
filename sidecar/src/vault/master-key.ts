import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface MasterKey {
  /** Derived from the key (a hash prefix): names the key in every ciphertext without revealing it. */
  id: string;
  bytes: Uint8Array;
}

export class MasterKeyError extends Error {
  readonly code = 'MASTER_KEY_INVALID';
}

export function masterKeyFromBase64(encoded: string, source: string): MasterKey {
  const bytes = Buffer.from(encoded.trim(), 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== encoded.trim()) {
    throw new MasterKeyError(`${source} must be the base64 of exactly 32 bytes (try: openssl rand -base64 32).`);
  }
  return { id: `k-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`, bytes: new Uint8Array(bytes) };
}

export function generateMasterKey(): MasterKey {
  return masterKeyFromBase64(randomBytes(32).toString('base64'), 'a generated key');
}

export function encodeMasterKey(key: MasterKey): string {
  return Buffer.from(key.bytes).toString('base64');
}

export const KEY_FILE = 'master.key';
/** Written before a rotation re-encrypts anything, renamed over master.key after it commits. */
export const NEXT_KEY_FILE = 'master.key.next';

export interface KeyFileKeys {
  current: MasterKey;
  /** Present when a rotation stopped between its commit and its rename: whichever the database agrees with wins. */
  next?: MasterKey;
  created: boolean;
}

/** The master key kept in the data folder (0600), created on first start when the environment gives none. */
export function loadOrCreateKeyFile(dataDir: string): KeyFileKeys {
  const path = join(dataDir, KEY_FILE);
  const nextPath = join(dataDir, NEXT_KEY_FILE);
  const next = existsSync(nextPath) ? masterKeyFromBase64(readFileSync(nextPath, 'utf8'), nextPath) : undefined;
  if (existsSync(path)) {
    const current = masterKeyFromBase64(readFileSync(path, 'utf8'), path);
    return next ? { current, next, created: false } : { current, created: false };
  }
  const current = generateMasterKey();
  writeFileSync(path, `${encodeMasterKey(current)}\n`, { mode: 0o600, flag: 'wx' });
  return { current, created: true };
}

export function writeNextKeyFile(dataDir: string, key: MasterKey): void {
  writeFileSync(join(dataDir, NEXT_KEY_FILE), `${encodeMasterKey(key)}\n`, { mode: 0o600 });
}

export function promoteNextKeyFile(dataDir: string): void {
  renameSync(join(dataDir, NEXT_KEY_FILE), join(dataDir, KEY_FILE));
}

export function discardNextKeyFile(dataDir: string): void {
  rmSync(join(dataDir, NEXT_KEY_FILE), { force: true });
}
