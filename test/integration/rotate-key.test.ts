import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rotateMasterKey } from '../../sidecar/src/commands/rotate-key.ts';
import { loadConfig, repositoryRoot } from '../../sidecar/src/config.ts';
import { openDatabase } from '../../sidecar/src/db/client.ts';
import { startSidecar } from '../../sidecar/src/sidecar.ts';
import {
  encodeMasterKey,
  generateMasterKey,
  KEY_FILE,
  type MasterKey,
  masterKeyFromBase64,
  NEXT_KEY_FILE,
  writeNextKeyFile,
} from '../../sidecar/src/vault/master-key.ts';
import { resealAll } from '../../sidecar/src/vault/vault.ts';
import { createPostgresDatabase, postgresServerUrl } from '../support/databases.ts';

const secretValue = () => randomBytes(24).toString('base64url');
const temporaryDataDir = () => mkdtempSync(join(tmpdir(), 'mlc-rotate-key-'));
/** For tests that start PGlite or a child process: each takes seconds on a busy two-core machine. */
const SLOW = 120_000;
const quietSidecar = { PORT: '0', HOST: '127.0.0.1', MLC_LOG_LEVEL: 'silent' } as const;

/** Runs `npm run <command>` as an operator would; a DATABASE_URL or key in the test run's environment must not leak in. */
function runCommand(command: 'rotate-key' | 'migrate', env: Record<string, string>) {
  const result = spawnSync(process.execPath, [`sidecar/src/commands/${command}.ts`], {
    cwd: repositoryRoot,
    env: { ...process.env, DATABASE_URL: '', MLC_MASTER_KEY: '', MLC_NEW_MASTER_KEY: '', MLC_ADMIN_TOKEN: '', ...env },
    encoding: 'utf8',
    timeout: 45_000,
  });
  if (result.error) throw result.error;
  return result;
}

describe('rotate-key on a PGlite data folder', () => {
  let dir: string;
  const stored = new Map([
    ['netsuite.token-secret', secretValue()],
    ['shopify.client-secret', secretValue()],
  ]);
  const config = (env: Record<string, string> = {}) => loadConfig({ MLC_DATA_DIR: dir, ...quietSidecar, ...env });
  const keyFileKey = () => masterKeyFromBase64(readFileSync(join(dir, KEY_FILE), 'utf8'), KEY_FILE);

  async function expectStoredSecretsReadable(keyId: string): Promise<void> {
    const sidecar = await startSidecar(config());
    try {
      expect(sidecar.vault.keyId).toBe(keyId);
      for (const [name, value] of stored) expect(await sidecar.vault.get(name)).toBe(value);
    } finally {
      await sidecar.stop();
    }
  }

  beforeAll(() => {
    dir = temporaryDataDir();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses while a sidecar holds the data folder', { timeout: SLOW }, async () => {
    const sidecar = await startSidecar(config());
    try {
      for (const [name, value] of stored) await sidecar.vault.put(name, value);
      const keyBefore = keyFileKey();

      const cli = runCommand('rotate-key', { MLC_DATA_DIR: dir });
      expect(cli.status).toBe(1);
      expect(cli.stderr).toContain(`The data folder ${dir} is in use by sidecar`);
      await expect(rotateMasterKey({ config: config() })).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
      expect(keyFileKey().id).toBe(keyBefore.id);
    } finally {
      await sidecar.stop();
    }
  });

  it('will not make up a new key when the current one comes from MLC_MASTER_KEY', async () => {
    const fromEnvironment = config({ MLC_MASTER_KEY: encodeMasterKey(keyFileKey()) });

    await expect(rotateMasterKey({ config: fromEnvironment })).rejects.toMatchObject({
      code: 'ROTATION_REFUSED',
      message: expect.stringContaining('set MLC_NEW_MASTER_KEY'),
    });
  });

  it('refuses a current key the database was not sealed with, naming both', async () => {
    const wrongKey = generateMasterKey();
    const wrong = config({ MLC_MASTER_KEY: encodeMasterKey(wrongKey) });

    const rotation = rotateMasterKey({ config: wrong, newMasterKey: encodeMasterKey(generateMasterKey()) });
    await expect(rotation).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
    await expect(rotation).rejects.toThrow(`(${wrongKey.id}) is not the one`);
    await expect(rotation).rejects.toThrow(`sealed with (${keyFileKey().id})`);
  });

  it('re-encrypts every secret under a new key file once the sidecar has stopped', { timeout: SLOW }, async () => {
    const oldKey = keyFileKey();

    const cli = runCommand('rotate-key', { MLC_DATA_DIR: dir });
    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    const newKey = keyFileKey();
    expect(newKey.id).not.toBe(oldKey.id);
    expect(cli.stdout).toContain(`Re-encrypted 2 secrets from key ${oldKey.id} to key ${newKey.id}.`);
    expect(cli.stdout).not.toContain(encodeMasterKey(newKey));
    expect(statSync(join(dir, KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, NEXT_KEY_FILE))).toBe(false);

    await expectStoredSecretsReadable(newKey.id);
  });

  it('finishes a rotation that stopped between its commit and its key file rename on the next start', {
    timeout: SLOW,
  }, async () => {
    const current = keyFileKey();
    const next = generateMasterKey();
    writeNextKeyFile(dir, next);
    const database = await openDatabase({ pgliteDir: join(dir, 'pglite') });
    try {
      await database.db.transaction((tx) => resealAll(tx, current, next));
    } finally {
      await database.close();
    }

    await expectStoredSecretsReadable(next.id);
    expect(existsSync(join(dir, NEXT_KEY_FILE))).toBe(false);
    expect(keyFileKey().id).toBe(next.id);
  });
});

describe('migrate on a PGlite data folder', () => {
  let dir: string;
  beforeAll(() => {
    dir = temporaryDataDir();
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses while a sidecar holds the folder, and finds the database up to date after', {
    timeout: SLOW,
  }, async () => {
    const sidecar = await startSidecar(loadConfig({ MLC_DATA_DIR: dir, ...quietSidecar }));
    try {
      const refused = runCommand('migrate', { MLC_DATA_DIR: dir });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain(`The data folder ${dir} is in use by sidecar`);
    } finally {
      await sidecar.stop();
    }

    const migrated = runCommand('migrate', { MLC_DATA_DIR: dir });
    expect(migrated.stderr).toBe('');
    expect(migrated.status).toBe(0);
    expect(migrated.stdout).toContain('Database is up to date');
  });
});

describe.skipIf(!postgresServerUrl())('rotate-key on PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let dir: string;
  const keyA = generateMasterKey();
  const keyB = generateMasterKey();
  const adminToken = randomBytes(32).toString('hex');
  const secret = secretValue();
  const environment = (masterKey: MasterKey) => ({
    DATABASE_URL: database.url,
    MLC_MASTER_KEY: encodeMasterKey(masterKey),
    MLC_ADMIN_TOKEN: adminToken,
    MLC_DATA_DIR: dir,
    ...quietSidecar,
  });

  beforeAll(async () => {
    dir = temporaryDataDir();
    database = await createPostgresDatabase();
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a sidecar started with key A stores a secret', async () => {
    const sidecar = await startSidecar(loadConfig(environment(keyA)));
    try {
      expect(sidecar.vault.keyId).toBe(keyA.id);
      await sidecar.vault.put('netsuite.token-secret', secret);
    } finally {
      await sidecar.stop();
    }
  });

  it('a sidecar started with key B refuses to start, naming both key ids', async () => {
    const start = startSidecar(loadConfig(environment(keyB)));
    await expect(start).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
    await expect(start).rejects.toThrow(new RegExp(`\\(${keyB.id}\\).*\\(${keyA.id}\\)`));
  });

  it('rotate-key without MLC_NEW_MASTER_KEY refuses, asking for it', async () => {
    await expect(rotateMasterKey({ config: loadConfig(environment(keyA)) })).rejects.toMatchObject({
      code: 'ROTATION_REFUSED',
      message: expect.stringContaining('MLC_NEW_MASTER_KEY'),
    });
  });

  it('rotate-key from A to B re-encrypts the secret and says every sidecar needs B', { timeout: SLOW }, () => {
    const cli = runCommand('rotate-key', { ...environment(keyA), MLC_NEW_MASTER_KEY: encodeMasterKey(keyB) });

    expect(cli.stderr).toBe('');
    expect(cli.status).toBe(0);
    expect(cli.stdout).toContain(`Re-encrypted 1 secrets from key ${keyA.id} to key ${keyB.id}.`);
    expect(cli.stdout).toContain('Restart every sidecar with MLC_MASTER_KEY set to the value of MLC_NEW_MASTER_KEY');
    expect(cli.stdout).not.toContain(encodeMasterKey(keyB));
  });

  it('a sidecar started with key B then reads the secret, and key A is refused', async () => {
    const sidecar = await startSidecar(loadConfig(environment(keyB)));
    try {
      expect(await sidecar.vault.get('netsuite.token-secret')).toBe(secret);
    } finally {
      await sidecar.stop();
    }
    await expect(startSidecar(loadConfig(environment(keyA)))).rejects.toMatchObject({ code: 'MASTER_KEY_MISMATCH' });
  });
});
