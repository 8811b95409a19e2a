import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';
  constructor(dir: string, holder: string) {
    super(
      `The data folder ${dir} is in use by ${holder}. PGlite is single-process: stop that sidecar first, ` +
        'or set DATABASE_URL to run several processes on PostgreSQL.',
    );
  }
}

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'sidecar.lock';

function holderAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the data folder for this process alone (an O_EXCL lock file holding our pid). A lock left by a process
 * that no longer runs (killed, crashed) is taken over; one held by a live process is refused.
 */
export function lockDataDir(dir: string, purpose: string): DataDirLock {
  const path = join(dir, LOCK_FILE);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), purpose, since: new Date().toISOString() }));
      closeSync(fd);
      return {
        release: () => rmSync(path, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      if (holder && holder.host === hostname() && holderAlive(holder.pid)) {
        throw new DataDirLockedError(dir, `${holder.purpose} (pid ${holder.pid}, since ${holder.since})`);
      }
      if (holder && holder.host !== hostname()) {
        throw new DataDirLockedError(dir, `${holder.purpose} on host ${holder.host} (pid ${holder.pid})`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dir, 'another process that took it at the same moment');
}

function readHolder(path: string): { pid: number; host: string; purpose: string; since: string } | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
