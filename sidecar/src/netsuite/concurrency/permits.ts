import type { Database } from '../../db/client.ts';
import { MemoryPermits } from './permits-memory.ts';
import { PostgresPermits } from './permits-postgres.ts';

/** One slot of the account's concurrency cap, held while one request is in flight. */
export interface Permit {
  /** Gives the slot back; a second call does nothing. */
  release(): Promise<void>;
}

export interface AcquireOptions {
  /** The cap is account-wide: every client and process of one NetSuite account shares it. */
  accountId: string;
  /** Requests allowed in flight at once for the account. */
  cap: number;
  /** A holder that dies keeps its slot at most this long (PostgreSQL only; a process cannot outlive itself). */
  leaseMs: number;
  /** Give up waiting after this long: `acquire` then returns undefined. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

/** The account-wide concurrency cap: in PostgreSQL across processes, in memory on PGlite (one process). */
export interface NetSuitePermits {
  acquire(options: AcquireOptions): Promise<Permit | undefined>;
}

/** PGlite is one process: memory is enough and exact. PostgreSQL may serve several processes: the table decides. */
export function createNetSuitePermits(database: Pick<Database, 'kind' | 'db'>): NetSuitePermits {
  return database.kind === 'pglite' ? new MemoryPermits() : new PostgresPermits(database.db);
}
