import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { secrets } from '../../sidecar/src/db/schema.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { generateMasterKey } from '../../sidecar/src/vault/master-key.ts';
import { resealAll, Vault, verifyMasterKey } from '../../sidecar/src/vault/vault.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

const secretValue = () => randomBytes(24).toString('base64url');

describeOnEachDatabase('vault', (database) => {
  const firstKey = generateMasterKey();
  const otherKey = generateMasterKey();
  const vaultUnder = (key = firstKey) => new Vault(database().db, key, new Redactor());
  const storedRow = async (name: string) => {
    const [row] = await database().db.select().from(secrets).where(eq(secrets.name, name));
    if (!row) throw new Error(`No secrets row named ${name}`);
    return row;
  };

  // First in the file: the first verification is what seals the database's key check.
  it('verifies the key that first sealed the database, and no other', async () => {
    expect(await verifyMasterKey(database().db, firstKey)).toBe(true);
    expect(await verifyMasterKey(database().db, otherKey)).toBe(false);
    expect(await verifyMasterKey(database().db, firstKey)).toBe(true);
  });

  it('puts, gets, lists and deletes a secret', async () => {
    const vault = vaultUnder();
    const [first, second] = [secretValue(), secretValue()];
    await vault.put('round-trip.a', first);
    await vault.put('round-trip.b', 'replaced below');
    await vault.put('round-trip.b', second);

    expect(await vault.get('round-trip.a')).toBe(first);
    expect(await vault.get('round-trip.b')).toBe(second);
    const listed = (await vault.list()).filter((info) => info.name.startsWith('round-trip.'));
    expect(listed.map(({ name, keyId }) => ({ name, keyId }))).toEqual([
      { name: 'round-trip.a', keyId: firstKey.id },
      { name: 'round-trip.b', keyId: firstKey.id },
    ]);

    expect(await vault.delete('round-trip.a')).toBe(true);
    expect(await vault.delete('round-trip.a')).toBe(false);
    expect(await vault.get('round-trip.a')).toBeUndefined();
  });

  it('stores only a dir/A256GCM JWE naming the key, never the plaintext', async () => {
    const value = secretValue();
    await vaultUnder().put('at-rest', value);
    const row = await storedRow('at-rest');

    expect(row.ciphertext).not.toContain(value);
    expect(row.ciphertext).not.toContain(Buffer.from(value).toString('base64url'));
    expect(row.keyId).toBe(firstKey.id);
    expect(decodeProtectedHeader(row.ciphertext)).toMatchObject({ alg: 'dir', enc: 'A256GCM', kid: firstKey.id });
  });

  it('does not decrypt a ciphertext copied onto another secret', async () => {
    const vault = vaultUnder();
    await vault.put('copy.source', secretValue());
    await vault.put('copy.target', secretValue());
    const source = await storedRow('copy.source');
    await database().db.update(secrets).set({ ciphertext: source.ciphertext }).where(eq(secrets.name, 'copy.target'));

    await expect(vault.get('copy.target')).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
    await vault.delete('copy.target'); // resealAll below has to open every row
  });

  it('does not decrypt a copied ciphertext whose header was rewritten to the other name', async () => {
    const vault = vaultUnder();
    await vault.put('forged.source', secretValue());
    await vault.put('forged.target', secretValue());
    const source = await storedRow('forged.source');
    const [, ...rest] = source.ciphertext.split('.');
    const header = { ...decodeProtectedHeader(source.ciphertext), 'mlc-name': 'forged.target' };
    const forged = [Buffer.from(JSON.stringify(header)).toString('base64url'), ...rest].join('.');
    await database().db.update(secrets).set({ ciphertext: forged }).where(eq(secrets.name, 'forged.target'));

    // The header is GCM's additional data: rewriting it breaks the tag.
    await expect(vault.get('forged.target')).rejects.toMatchObject({ code: 'ERR_JWE_DECRYPTION_FAILED' });
    await vault.delete('forged.target'); // resealAll below has to open every row
  });

  describe('re-sealing under a new key', () => {
    const values = new Map<string, string>();

    it('leaves every secret under the old key when the transaction fails after resealAll', async () => {
      const vault = vaultUnder();
      for (const name of ['reseal.a', 'reseal.b', 'reseal.c']) {
        values.set(name, secretValue());
        await vault.put(name, values.get(name) ?? '');
      }

      await expect(
        database().db.transaction(async (tx) => {
          await resealAll(tx, firstKey, otherKey);
          throw new Error('crashed before commit');
        }),
      ).rejects.toThrow('crashed before commit');

      expect(await verifyMasterKey(database().db, firstKey)).toBe(true);
      expect(new Set((await vault.list()).map((info) => info.keyId))).toEqual(new Set([firstKey.id]));
      for (const [name, value] of values) expect(await vault.get(name)).toBe(value);
    });

    it('moves every secret and the key check to the new key', async () => {
      const before = await vaultUnder().list();
      const resealed = await database().db.transaction((tx) => resealAll(tx, firstKey, otherKey));

      expect(resealed).toBe(before.length);
      const after = vaultUnder(otherKey);
      expect(new Set((await after.list()).map((info) => info.keyId))).toEqual(new Set([otherKey.id]));
      for (const [name, value] of values) expect(await after.get(name)).toBe(value);
      await expect(vaultUnder(firstKey).get('reseal.a')).rejects.toMatchObject({ code: 'SECRET_UNREADABLE' });
      expect(await verifyMasterKey(database().db, firstKey)).toBe(false);
      expect(await verifyMasterKey(database().db, otherKey)).toBe(true);
    });

    it('refuses a write from a sidecar still running on the rotated-out key', async () => {
      const stale = vaultUnder(firstKey);
      await expect(stale.put('written.late', randomBytes(16).toString('hex'))).rejects.toMatchObject({
        code: 'MASTER_KEY_MISMATCH',
        message: expect.stringContaining(otherKey.id),
      });
      expect((await vaultUnder(otherKey).list()).map((info) => info.name)).not.toContain('written.late');
    });
  });
});
