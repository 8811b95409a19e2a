/** The sidecar as benchmarks run it: its own process, as deployed. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export interface SidecarProcess {
  url: string;
  /** SIGTERM, then waits for the process to drain and exit. */
  stop(): Promise<void>;
}

/**
 * `node sidecar/src/main.ts` with `env` on top of this process's, on a free port of 127.0.0.1, once `/readyz` answers
 * (at most 30 s), so senders and server do not share a core's event loop.
 */
export async function startSidecarProcess(env: Record<string, string>): Promise<SidecarProcess> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'mlc-bench-sidecar-'));
  const child = spawn(process.execPath, [fileURLToPath(new URL('../../sidecar/src/main.ts', import.meta.url))], {
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MLC_DATA_DIR: dataDir,
      MLC_LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) break;
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, stop };
    await sleep(100);
  }
  await stop();
  throw new Error('The sidecar process did not become ready within 30 s.');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
