import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { agreeOnMasterKey, type CandidateKeys } from '../vault/key-agreement.ts';
import {
  generateMasterKey,
  KEY_FILE,
  loadOrCreateKeyFile,
  type MasterKey,
  masterKeyFromBase64,
  promoteNextKeyFile,
  writeNextKeyFile,
} from '../vault/master-key.ts';
import { resealAll } from '../vault/vault.ts';
import { runCommand } from './run-command.ts';

export class RotationRefusedError extends Error {
  readonly code = 'ROTATION_REFUSED';
}

export interface RotateKeyOptions {
  config: Config;
  /** MLC_NEW_MASTER_KEY (base64 of 32 bytes); without it only a key file's key can be replaced, by a generated one. */
  newMasterKey?: string | undefined;
}

export interface Rotation {
  secrets: number;
  fromKeyId: string;
  toKeyId: string;
  /** Where the new key lives now: the key file (written here), or the environment of every replica (the operator's). */
  keySource: 'key-file' | 'environment';
}

function currentKeys(config: Config): CandidateKeys {
  if (config.masterKey) return { current: masterKeyFromBase64(config.masterKey, 'MLC_MASTER_KEY') };
  // Creating a key here would only hide a lost key file behind a mismatch: the sidecar's first start makes it.
  if (!existsSync(join(config.dataDir, KEY_FILE))) {
    throw new RotationRefusedError(
      `There is no key file at ${join(config.dataDir, KEY_FILE)} and MLC_MASTER_KEY is not set: nothing to rotate.`,
    );
  }
  const file = loadOrCreateKeyFile(config.dataDir);
  return file.next ? { current: file.current, next: file.next } : { current: file.current };
}

function newKey(config: Config, encoded: string | undefined): MasterKey {
  if (encoded) return masterKeyFromBase64(encoded, 'MLC_NEW_MASTER_KEY');
  if (config.masterKey) {
    throw new RotationRefusedError(
      'The master key comes from MLC_MASTER_KEY, so the new one has to as well: set MLC_NEW_MASTER_KEY ' +
        '(`openssl rand -base64 32`) for this command, then restart every sidecar with MLC_MASTER_KEY set to it.',
    );
  }
  return generateMasterKey();
}

/**
 * Re-encrypts every secret and the key check under a new master key in one transaction. With a key file, the new
 * key is written to master.key.next first and renamed over master.key after the commit, so a crash at any point
 * leaves a key that opens the database (the sidecar settles it on start).
 */
export async function rotateMasterKey({ config, newMasterKey }: RotateKeyOptions): Promise<Rotation> {
  const embedded = !config.databaseUrl;
  if (embedded && !existsSync(config.dataDir)) {
    throw new RotationRefusedError(`There is no data folder at ${config.dataDir}: nothing to rotate.`);
  }
  const lock = embedded ? lockDataDir(config.dataDir, 'rotate-key') : undefined;
  try {
    const keys = currentKeys(config);
    const next = newKey(config, newMasterKey);
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: join(config.dataDir, 'pglite'),
      poolSize: 1,
    });
    try {
      await migrate(database.db);
      const current = await agreeOnMasterKey(database.db, config.dataDir, keys);
      if (next.id === current.id) {
        throw new RotationRefusedError(`MLC_NEW_MASTER_KEY is the current master key (${current.id}).`);
      }
      const keySource = config.masterKey ? 'environment' : 'key-file';
      // On failure the .next file stays: the next start discards it, as the database still agrees with master.key.
      if (keySource === 'key-file') writeNextKeyFile(config.dataDir, next);
      const secrets = await database.db.transaction((tx) => resealAll(tx, current, next));
      if (keySource === 'key-file') promoteNextKeyFile(config.dataDir);
      return { secrets, fromKeyId: current.id, toKeyId: next.id, keySource };
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

await runCommand('rotate-key', import.meta.filename, async () => {
  const rotation = await rotateMasterKey({
    config: loadConfig(),
    newMasterKey: process.env.MLC_NEW_MASTER_KEY || undefined,
  });
  console.log(`Re-encrypted ${rotation.secrets} secrets from key ${rotation.fromKeyId} to key ${rotation.toKeyId}.`);
  if (rotation.keySource === 'environment') {
    console.log(
      `Restart every sidecar with MLC_MASTER_KEY set to the value of MLC_NEW_MASTER_KEY (key ${rotation.toKeyId}): ` +
        'the ones still running hold the old key and can no longer read the secrets.',
    );
  }
});
