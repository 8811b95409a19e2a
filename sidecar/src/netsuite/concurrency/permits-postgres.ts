import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import type { AcquireOptions, NetSuitePermits, Permit } from './permits.ts';
import { MemoryPermits } from './permits-memory.ts';

export interface PostgresPermitsOptions {
  /** First wait between claims when every slot is taken, in ms (default 25); doubles up to `pollMaxMs`. */
  pollMinMs?: number;
  /** Longest wait between claims, in ms (default 250); each wait is jittered so processes do not poll in step. */
  pollMaxMs?: number;
  random?: () => number;
}

/** Who holds a slot, readable in the table: host, process, and a random part unique to this acquisition. */
const processTag = `${hostname()}:${process.pid}`;

/**
 * The account-wide cap across every sidecar process on one PostgreSQL: `netsuite_permits` has one row per slot
 * (created on demand); a request claims a free or expired slot below the cap (`FOR UPDATE SKIP LOCKED`) and clears
 * it when done. A holder that crashes keeps its slot only until its lease runs out. Callers beyond the cap inside
 * this process wait at a local gate first, so only as many as could possibly win poll the database.
 */
export class PostgresPermits implements NetSuitePermits {
  readonly #db: Db;
  readonly #local = new MemoryPermits();
  /** The highest cap whose slots exist, per account. */
  readonly #slotsCreated = new Map<string, number>();
  readonly #pollMinMs: number;
  readonly #pollMaxMs: number;
  readonly #random: () => number;

  constructor(db: Db, options: PostgresPermitsOptions = {}) {
    this.#db = db;
    this.#pollMinMs = options.pollMinMs ?? 25;
    this.#pollMaxMs = options.pollMaxMs ?? 250;
    this.#random = options.random ?? Math.random;
  }

  async acquire(options: AcquireOptions): Promise<Permit | undefined> {
    const deadline = Date.now() + options.timeoutMs;
    const local = await this.#local.acquire(options);
    if (!local) return undefined;
    try {
      await this.#createSlots(options.accountId, options.cap);
      const holder = `${processTag}:${randomUUID()}`;
      for (let pause = this.#pollMinMs; ; pause = Math.min(this.#pollMaxMs, pause * 2)) {
        const slot = await this.#claim(options, holder);
        if (slot !== undefined) return this.#permit(options.accountId, slot, holder, local);
        const left = deadline - Date.now();
        if (left <= 0) {
          await local.release();
          return undefined;
        }
        const jittered = Math.ceil(pause / 2 + (this.#random() * pause) / 2);
        await sleep(Math.min(left, jittered), undefined, options.signal ? { signal: options.signal } : {});
      }
    } catch (error) {
      await local.release();
      throw error;
    }
  }

  async #createSlots(accountId: string, cap: number): Promise<void> {
    if ((this.#slotsCreated.get(accountId) ?? 0) >= cap) return;
    await this.#db.execute(sql`
      insert into netsuite_permits (account_id, slot)
      select ${accountId}, slot from generate_series(0, ${cap - 1}::int) as slot
      on conflict do nothing`);
    this.#slotsCreated.set(accountId, cap);
  }

  async #claim(options: AcquireOptions, holder: string): Promise<number | undefined> {
    const rows = rowsOf<{ slot: number }>(
      await this.#db.execute(sql`
        update netsuite_permits
        set holder = ${holder}, expires_at = now() + ${options.leaseMs}::int * interval '1 millisecond'
        where account_id = ${options.accountId} and slot = (
          select slot from netsuite_permits
          where account_id = ${options.accountId} and slot < ${options.cap}::int
            and (holder is null or expires_at <= now())
          order by slot
          limit 1
          for update skip locked)
        returning slot`),
    );
    return rows[0]?.slot;
  }

  #permit(accountId: string, slot: number, holder: string, local: Permit): Permit {
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        try {
          await releaseSlot(this.#db, accountId, slot, holder);
        } catch {
          // The slot comes back when its lease runs out; the request it guarded has its answer already.
        } finally {
          await local.release();
        }
      },
    };
  }
}

/** Frees the slot only if `holder` still holds it: after its lease ran out, someone else may. */
export async function releaseSlot(db: Db, accountId: string, slot: number, holder: string): Promise<boolean> {
  const rows = rowsOf(
    await db.execute(sql`
      update netsuite_permits set holder = null, expires_at = null
      where account_id = ${accountId} and slot = ${slot}::int and holder = ${holder}
      returning slot`),
  );
  return rows.length > 0;
}
