import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase, rowsOf } from '../../sidecar/src/db/client.ts';
import { createNetSuitePermits, type NetSuitePermits } from '../../sidecar/src/netsuite/concurrency/permits.ts';
import { PostgresPermits, releaseSlot } from '../../sidecar/src/netsuite/concurrency/permits-postgres.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

const lease = { leaseMs: 30_000, timeoutMs: 10_000 };

/** Runs `workers` acquire–hold–release cycles at once and reports the most permits ever held together. */
async function peakInFlight(pools: NetSuitePermits[], accountId: string, cap: number, workers: number) {
  let inFlight = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, i) => {
      const permits = pools[i % pools.length] as NetSuitePermits;
      for (let round = 0; round < 3; round++) {
        const permit = await permits.acquire({ accountId, cap, ...lease });
        if (!permit) throw new Error('timed out waiting for a permit');
        inFlight++;
        peak = Math.max(peak, inFlight);
        await sleep(2 + Math.random() * 8);
        inFlight--;
        await permit.release();
      }
    }),
  );
  return peak;
}

describeOnEachDatabase('NetSuite permits', (database) => {
  const account = () => `acct-${randomUUID().slice(0, 8)}`;

  it('never lets more than the cap in flight, however many ask at once', async () => {
    const permits = createNetSuitePermits(database());
    expect(await peakInFlight([permits], account(), 3, 24)).toBe(3);
  });

  it('keeps accounts apart', async () => {
    const permits = createNetSuitePermits(database());
    const a = await permits.acquire({ accountId: account(), cap: 1, ...lease });
    const b = await permits.acquire({ accountId: account(), cap: 1, ...lease, timeoutMs: 100 });
    expect(a).toBeDefined();
    expect(b).toBeDefined();
    await a?.release();
    await b?.release();
  });

  it('in the table: claims below the cap, reclaims an expired holder, ignores a release by another holder', async () => {
    const { db } = database();
    const permits = new PostgresPermits(db);
    const accountId = account();
    const first = await permits.acquire({ accountId, cap: 1, leaseMs: 150, timeoutMs: 100 });
    expect(first).toBeDefined();
    const [held] = rowsOf<{ slot: number; holder: string }>(
      await db.execute(
        sql`select slot, holder from netsuite_permits where account_id = ${accountId} and holder is not null`,
      ),
    );
    expect(held?.slot).toBe(0);
    expect(held?.holder).toMatch(/^.+:\d+:[0-9a-f-]{36}$/);
    expect(await releaseSlot(db, accountId, 0, 'somebody-else')).toBe(false);
    // A second process (its own local gate) finds the one slot taken until the lease runs out.
    const otherProcess = new PostgresPermits(db);
    expect(await otherProcess.acquire({ accountId, cap: 1, leaseMs: 30_000, timeoutMs: 50 })).toBeUndefined();
    await sleep(200);
    const takeover = await otherProcess.acquire({ accountId, cap: 1, leaseMs: 30_000, timeoutMs: 100 });
    expect(takeover).toBeDefined();
    // The first holder lost its slot: its late release must not free the slot of the one that took over.
    await first?.release();
    const rows = rowsOf<{ holder: string | null }>(
      await db.execute(sql`select holder from netsuite_permits where account_id = ${accountId}`),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.holder).not.toBeNull();
    await takeover?.release();
    const after = rowsOf<{ holder: string | null }>(
      await db.execute(sql`select holder from netsuite_permits where account_id = ${accountId}`),
    );
    expect(after[0]?.holder).toBeNull();
  });

  it('in the table: raises the slots when the cap grows, and gives up after the acquire timeout', async () => {
    const permits = new PostgresPermits(database().db);
    const accountId = account();
    const one = await permits.acquire({ accountId, cap: 1, ...lease });
    const two = await permits.acquire({ accountId, cap: 2, ...lease });
    expect(two).toBeDefined();
    const started = Date.now();
    expect(await permits.acquire({ accountId, cap: 2, ...lease, timeoutMs: 120 })).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    await one?.release();
    await two?.release();
  });

  it('in the table: several processes share one cap', async () => {
    const { kind, url } = database();
    if (kind !== 'postgresql' || !url) return;
    const processes = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: url, poolSize: 4 })));
    try {
      const pools = processes.map((process) => new PostgresPermits(process.db, { pollMinMs: 5, pollMaxMs: 20 }));
      expect(await peakInFlight(pools, account(), 4, 30)).toBe(4);
    } finally {
      await Promise.all(processes.map((process) => process.close()));
    }
  });
});
