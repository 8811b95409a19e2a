import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../sidecar/src/config.ts';
import type { DatabaseKind } from '../../sidecar/src/db/client.ts';
import { type SidecarOptions, startSidecar } from '../../sidecar/src/sidecar.ts';
import { createPostgresDatabase } from './databases.ts';

/**
 * A real sidecar on an ephemeral port, on PGlite (a temp data folder) or on a fresh PostgreSQL database, with its
 * log lines captured.
 */
export async function startTestSidecar(
  kind: DatabaseKind,
  options: {
    env?: Record<string, string>;
    handlers?: SidecarOptions['handlers'];
    schedules?: SidecarOptions['schedules'];
  } = {},
) {
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-sidecar-'));
  const adminToken = randomBytes(32).toString('hex');
  const masterKey = randomBytes(32).toString('base64');
  const postgres = kind === 'postgresql' ? await createPostgresDatabase({ migrated: false }) : undefined;
  const logLines: string[] = [];
  const sidecar = await startSidecar(
    loadConfig({
      PORT: '0',
      MLC_DATA_DIR: dataDir,
      MLC_ADMIN_TOKEN: adminToken,
      MLC_MASTER_KEY: masterKey,
      MLC_LOG_LEVEL: 'debug',
      MLC_JOB_POLL_MS: '20',
      ...(postgres ? { DATABASE_URL: postgres.url } : {}),
      ...options.env,
    }),
    {
      logDestination: { write: (line: string) => void logLines.push(line) },
      ...(options.handlers ? { handlers: options.handlers } : {}),
      ...(options.schedules ? { schedules: options.schedules } : {}),
    },
  );

  /** Calls the sidecar; with the admin token unless `authorization` is given. */
  async function call(path: string, init: RequestInit & { authorization?: string | null } = {}) {
    const { authorization, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (authorization !== null) headers.set('authorization', authorization ?? `Bearer ${adminToken}`);
    if (rest.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
    const response = await fetch(`${sidecar.url}${path}`, { ...rest, headers });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
  }

  return {
    sidecar,
    adminToken,
    masterKey,
    logLines,
    call,
    async close() {
      await sidecar.stop();
      await postgres?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestSidecar = Awaited<ReturnType<typeof startTestSidecar>>;
