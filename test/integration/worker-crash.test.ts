import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { openDatabase } from '../../sidecar/src/db/client.ts';
import { jobs } from '../../sidecar/src/db/schema.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { CRASH_JOB_KEY, CRASHABLE_KIND } from '../support/crash-job.ts';
import { createPostgresDatabase, postgresServerUrl } from '../support/databases.ts';
import { eventually } from '../support/ledger-harness.ts';

const workerScript = new URL('../support/crash-worker.ts', import.meta.url).pathname;
const children: ChildProcess[] = [];
const folders: string[] = [];

// Bounds, not expectations: a process start (Node, PGlite, every migration) can take tens of seconds on a loaded
// machine, and a crash test that fails for that says nothing about crashes.
const STARTUP_MS = 90_000;
const STEP_MS = 45_000;
const TEST_MS = 2 * STARTUP_MS + 2 * STEP_MS;

function tempFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mlc-crash-'));
  folders.push(dir);
  return dir;
}

/** A sidecar process with a short lease, so a killed worker's job is due again within seconds. */
function spawnWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, [workerScript], {
    env: { ...process.env, PORT: '0', MLC_LOG_LEVEL: 'warn', MLC_JOB_LEASE_MS: '1500', MLC_JOB_POLL_MS: '50', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = eventually(async () => output.includes('READY'), STARTUP_MS, 'the worker process to start').catch(
    (error) => {
      throw new Error(`${error.message}; its output: ${output}`);
    },
  );
  return { child, ready, exited, output: () => output };
}

const markerLines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('a worker killed with SIGKILL mid-job', () => {
  it.skipIf(!postgresServerUrl())(
    '[postgresql] another process takes the job over after the lease and completes it once',
    async () => {
      const database = await createPostgresDatabase();
      try {
        const marker = join(tempFolder(), 'marker');
        writeFileSync(marker, '');
        const audit = new AuditLog(new Redactor());
        const spec = { kind: CRASHABLE_KIND, entityKey: 'crash:1', idempotencyKey: CRASH_JOB_KEY, payload: {} };
        const { job } = await enqueueJob(database.db, audit, spec, 5);
        const env = {
          DATABASE_URL: database.url,
          MLC_MASTER_KEY: randomBytes(32).toString('base64'),
          MLC_ADMIN_TOKEN: randomBytes(32).toString('hex'),
          MLC_DATA_DIR: tempFolder(),
          CRASH_MARKER_FILE: marker,
        };
        const first = spawnWorker(env);
        await first.ready;
        const firstPid = first.child.pid;
        await eventually(async () => markerLines(marker).includes(`start ${firstPid} 1`), STEP_MS, 'the first start');
        const second = spawnWorker(env);
        await second.ready;
        first.child.kill('SIGKILL');
        await first.exited;

        const done = await eventually(
          async () => {
            const [row] = await database.db.select().from(jobs).where(eq(jobs.id, job.id));
            return row?.state === 'succeeded' ? row : undefined;
          },
          STEP_MS,
          'the job to succeed in the second process',
        );
        expect(done.attempts).toBe(2);
        expect(markerLines(marker)).toEqual([
          `start ${firstPid} 1`,
          `start ${second.child.pid} 2`,
          `done ${second.child.pid} 2`,
        ]);
        second.child.kill('SIGTERM');
        expect(await second.exited).toBe(0);
      } finally {
        await database.close();
      }
    },
    TEST_MS,
  );

  it(
    '[pglite] the restarted process takes the job over after the lease and completes it once',
    async () => {
      const dataDir = tempFolder();
      const marker = join(tempFolder(), 'marker');
      writeFileSync(marker, '');
      const env = { MLC_DATA_DIR: dataDir, CRASH_MARKER_FILE: marker, CRASH_ENQUEUE_ON_START: '1' };
      const first = spawnWorker(env);
      await first.ready;
      const firstPid = first.child.pid;
      await eventually(async () => markerLines(marker).includes(`start ${firstPid} 1`), STEP_MS, 'the first start');
      first.child.kill('SIGKILL');
      await first.exited;

      const restarted = spawnWorker(env);
      await restarted.ready;
      const restartedPid = restarted.child.pid;
      await eventually(async () => markerLines(marker).includes(`done ${restartedPid} 2`), STEP_MS, 'the second run');
      restarted.child.kill('SIGTERM');
      expect(await restarted.exited).toBe(0);
      expect(markerLines(marker)).toEqual([`start ${firstPid} 1`, `start ${restartedPid} 2`, `done ${restartedPid} 2`]);

      const database = await openDatabase({ pgliteDir: join(dataDir, 'pglite') });
      try {
        const rows = await database.db.select().from(jobs);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ state: 'succeeded', attempts: 2, idempotencyKey: CRASH_JOB_KEY });
      } finally {
        await database.close();
      }
    },
    TEST_MS,
  );
});
