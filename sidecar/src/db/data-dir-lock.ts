import { randomUUID } from 'node:crypto';
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

export const LOCK_FILE = 'sidecar.lock';

/**
 * Tells this process apart from an earlier one that had the same pid: a container restarted after a hard kill
 * usually runs as pid 1 again, and must not find its own pid "alive" in the lock it left.
 */
const processRun = randomUUID();

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
      const holder: LockHolder = {
        pid: process.pid,
        run: processRun,
        host: hostname(),
        purpose,
        since: new Date().toISOString(),
      };
      writeSync(fd, JSON.stringify(holder));
      closeSync(fd);
      return {
        release: () => rmSync(path, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readHolder(path);
      const earlierSelf = holder?.pid === process.pid && holder.run !== processRun;
      if (holder && holder.host === hostname() && !earlierSelf && holderAlive(holder.pid)) {
        throw new DataDirLockedError(dir, `${holder.purpose} (pid ${holder.pid}, since ${holder.since})`);
      }
      if (holder && holder.host !== hostname()) {
        throw new DataDirLockedError(
          dir,
          `${holder.purpose} on host ${holder.host} (pid ${holder.pid}); if no sidecar there uses it any more, delete ${path}`,
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DataDirLockedError(dir, 'another process that took it at the same moment');
}

interface LockHolder {
  pid: number;
  run?: string;
  host: string;
  purpose: string;
  since: string;
}

function readHolder(path: string): LockHolder | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
