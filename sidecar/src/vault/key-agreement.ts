import type { Queryable } from '../db/client.ts';
import { discardNextKeyFile, type MasterKey, promoteNextKeyFile } from './master-key.ts';
import { storedKeyId, VaultError, verifyMasterKey } from './vault.ts';

export interface CandidateKeys {
  current: MasterKey;
  /** A key file's master.key.next, left by a rotation that stopped between its commit and its rename. */
  next?: MasterKey;
}

/**
 * The key this database's secrets are sealed with. Settles a key-file rotation that stopped between commit and
 * rename: whichever of master.key and master.key.next the database agrees with stays. Neither → a clear error.
 */
export async function agreeOnMasterKey(db: Queryable, dataDir: string, keys: CandidateKeys): Promise<MasterKey> {
  if (await verifyMasterKey(db, keys.current)) {
    if (keys.next) discardNextKeyFile(dataDir);
    return keys.current;
  }
  if (keys.next && (await verifyMasterKey(db, keys.next))) {
    promoteNextKeyFile(dataDir);
    return keys.next;
  }
  throw new VaultError(
    'MASTER_KEY_MISMATCH',
    `The master key (${keys.current.id}) is not the one this database's secrets are sealed with ` +
      `(${await storedKeyId(db)}). Use the MLC_MASTER_KEY the other sidecars use, or restore the key file from backup.`,
  );
}
