import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../sidecar/src/config.ts';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../sidecar/src/db/data-dir-lock.ts';
import {
  encodeMasterKey,
  generateMasterKey,
  KEY_FILE,
  loadOrCreateKeyFile,
  masterKeyFromBase64,
  NEXT_KEY_FILE,
  promoteNextKeyFile,
  writeNextKeyFile,
} from '../../sidecar/src/vault/master-key.ts';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('Expected it to throw, and it returned.');
}

/** Node's decoder skips characters outside the alphabet, so the length alone would not catch them. */
const withJunk = (encoded: string) => `${encoded.slice(0, 20)}!*${encoded.slice(20)}`;

const permissionsOf = (path: string) => statSync(path).mode & 0o777;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlc-master-key-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('masterKeyFromBase64', () => {
  it.each([
    ['16 bytes', randomBytes(16).toString('base64')],
    ['33 bytes', randomBytes(33).toString('base64')],
    ['32 bytes with characters base64 does not have', withJunk(randomBytes(32).toString('base64'))],
    ['32 bytes in base64url', randomBytes(32).toString('base64url')],
    ['nothing', ''],
  ])('rejects %s with MASTER_KEY_INVALID, naming the source', (_, encoded) => {
    const error = thrownBy(() => masterKeyFromBase64(encoded, 'MLC_MASTER_KEY'));
    expect(error).toMatchObject({ code: 'MASTER_KEY_INVALID', message: expect.stringContaining('MLC_MASTER_KEY') });
  });

  it('accepts 32 bytes and derives the same id from the same key, a different one from another', () => {
    const encoded = randomBytes(32).toString('base64');
    const key = masterKeyFromBase64(encoded, 'test');

    expect(key.id).toMatch(/^k-[0-9a-f]{12}$/);
    expect(masterKeyFromBase64(`${encoded}\n`, 'test').id).toBe(key.id);
    expect(encodeMasterKey(key)).toBe(encoded);
    expect(generateMasterKey().id).not.toBe(key.id);
  });
});

describe('the master key file', () => {
  it('is created once with 0600 permissions and read back unchanged', () => {
    const keyDir = mkdtempSync(join(dir, 'key-'));
    const created = loadOrCreateKeyFile(keyDir);
    const readBack = loadOrCreateKeyFile(keyDir);

    expect(created.created).toBe(true);
    expect(permissionsOf(join(keyDir, KEY_FILE))).toBe(0o600);
    expect(readBack.created).toBe(false);
    expect(readBack.current.id).toBe(created.current.id);
    expect(readBack.current.bytes).toEqual(created.current.bytes);
    expect(readBack.next).toBeUndefined();
  });

  it('offers a pending next key until it is promoted over the current one', () => {
    const keyDir = mkdtempSync(join(dir, 'key-'));
    const { current } = loadOrCreateKeyFile(keyDir);
    const next = generateMasterKey();
    writeNextKeyFile(keyDir, next);

    expect(permissionsOf(join(keyDir, NEXT_KEY_FILE))).toBe(0o600);
    expect(loadOrCreateKeyFile(keyDir)).toMatchObject({ current: { id: current.id }, next: { id: next.id } });
    promoteNextKeyFile(keyDir);
    const promoted = loadOrCreateKeyFile(keyDir);
    expect(promoted.current.id).toBe(next.id);
    expect(promoted.next).toBeUndefined();
  });
});

describe('lockDataDir', () => {
  it('refuses a second lock on a folder while the first is held, and allows it once released', () => {
    const dataDir = mkdtempSync(join(dir, 'lock-'));
    const held = lockDataDir(dataDir, 'sidecar');

    const refusal = thrownBy(() => lockDataDir(dataDir, 'rotate-key'));
    expect(refusal).toBeInstanceOf(DataDirLockedError);
    expect(refusal).toMatchObject({ code: 'DATA_DIR_LOCKED', message: expect.stringContaining('in use by sidecar') });
    expect((refusal as Error).message).toContain(`pid ${process.pid}`);

    held.release();
    lockDataDir(dataDir, 'rotate-key').release();
  });

  it('takes over a lock left by a process that has exited', () => {
    const dataDir = mkdtempSync(join(dir, 'lock-'));
    const exited = spawnSync(process.execPath, ['-e', ''], { timeout: 10_000 });
    expect(exited.status).toBe(0);
    writeFileSync(
      join(dataDir, LOCK_FILE),
      JSON.stringify({ pid: exited.pid, host: hostname(), purpose: 'sidecar', since: new Date().toISOString() }),
    );

    const lock = lockDataDir(dataDir, 'migrate');
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      purpose: 'migrate',
    });
    lock.release();
    expect(() => readFileSync(join(dataDir, LOCK_FILE))).toThrow(/ENOENT/);
  });

  it('takes over a lock left by an earlier process that had the same pid (a restarted container)', () => {
    const dataDir = mkdtempSync(join(dir, 'lock-'));
    const earlierRun = { pid: process.pid, run: 'an-earlier-run', host: hostname(), purpose: 'sidecar', since: '' };
    writeFileSync(join(dataDir, LOCK_FILE), JSON.stringify(earlierRun));
    const lock = lockDataDir(dataDir, 'sidecar');
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).run).not.toBe('an-earlier-run');
    lock.release();
  });
});

describe('loadConfig with DATABASE_URL', () => {
  const base = () => ({ DATABASE_URL: 'postgres://127.0.0.1:5432/test', MLC_DATA_DIR: dir });

  it('requires MLC_MASTER_KEY and MLC_ADMIN_TOKEN, naming both', () => {
    const error = thrownBy(() => loadConfig(base()));
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('MLC_MASTER_KEY and MLC_ADMIN_TOKEN');
  });

  it('names the one that is missing', () => {
    const withKey = { ...base(), MLC_MASTER_KEY: encodeMasterKey(generateMasterKey()) };
    expect(thrownBy(() => loadConfig(withKey))).toMatchObject({
      message: expect.stringMatching(/so MLC_ADMIN_TOKEN must be set/),
    });
  });

  it('starts from both', () => {
    const config = loadConfig({
      ...base(),
      MLC_MASTER_KEY: encodeMasterKey(generateMasterKey()),
      MLC_ADMIN_TOKEN: randomBytes(32).toString('hex'),
    });
    expect(config.databaseUrl).toBe('postgres://127.0.0.1:5432/test');
  });
});
