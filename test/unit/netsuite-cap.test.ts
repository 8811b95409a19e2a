import { describe, expect, it } from 'vitest';
import { ConcurrencyCap, capFromGovernance } from '../../sidecar/src/netsuite/concurrency/cap.ts';
import { MemoryPermits } from '../../sidecar/src/netsuite/concurrency/permits-memory.ts';
import { NetSuiteError } from '../../sidecar/src/netsuite/errors.ts';

describe('capFromGovernance', () => {
  it('takes an allocation of our own whole', () => {
    expect(
      capFromGovernance({
        accountConcurrencyLimit: 5,
        accountUnallocatedConcurrencyLimit: 3,
        integrationConcurrencyLimit: 2,
        integrationLimitType: 'integrationSpecific',
      }),
    ).toBe(2);
  });

  it('leaves 20% of a shared pool, at least one request, to the merchant’s other integrations', () => {
    const shared = (pool: number) =>
      capFromGovernance({
        accountConcurrencyLimit: 70,
        accountUnallocatedConcurrencyLimit: pool,
        integrationLimitType: 'accountLimit',
      });
    expect([1, 2, 3, 5, 15, 20, 70].map(shared)).toEqual([1, 1, 2, 4, 12, 16, 56]);
    expect(capFromGovernance({ accountConcurrencyLimit: 10, integrationLimitType: 'internal' })).toBe(8);
    expect(capFromGovernance({ accountUnallocatedConcurrencyLimit: 10 }, { headroomShare: 0.5, minHeadroom: 2 })).toBe(
      5,
    );
    expect(capFromGovernance({})).toBeUndefined();
  });
});

describe('ConcurrencyCap', () => {
  it('uses a fixed cap without asking governance', async () => {
    const cap = new ConcurrencyCap({ cap: 3 });
    expect(await cap.current(() => Promise.reject(new Error('must not be called')))).toBe(3);
    expect(() => new ConcurrencyCap({ cap: 0 })).toThrow(/positive integer/);
  });

  it('reads governance once for concurrent callers and again after the refresh period', async () => {
    let now = 0;
    let reads = 0;
    const cap = new ConcurrencyCap({ refreshMs: 1_000 }, () => now);
    const read = async () => {
      reads++;
      return { accountUnallocatedConcurrencyLimit: 10 };
    };
    expect(await Promise.all([cap.current(read), cap.current(read), cap.current(read)])).toEqual([8, 8, 8]);
    now = 999;
    await cap.current(read);
    expect(reads).toBe(1);
    now = 1_000;
    await cap.current(read);
    expect(reads).toBe(2);
  });

  it('falls back (default 2) when governance cannot be read, asking again soon only after a passing failure', async () => {
    let now = 0;
    let reads = 0;
    const forbidden = async () => {
      reads++;
      throw new NetSuiteError({ code: 'NETSUITE_FORBIDDEN', request: 'GET', status: 403, transient: false });
    };
    const cap = new ConcurrencyCap({}, () => now);
    expect(await cap.current(forbidden)).toBe(2);
    now = 120_000;
    expect(await cap.current(forbidden)).toBe(2);
    expect(reads).toBe(1);
    const flaky = new ConcurrencyCap({ fallbackCap: 1 }, () => now);
    expect(await flaky.current(() => Promise.reject(new Error('reset')))).toBe(1);
    now += 60_000;
    expect(await flaky.current(async () => ({ accountUnallocatedConcurrencyLimit: 5 }))).toBe(4);
  });
});

describe('MemoryPermits', () => {
  const options = { accountId: 'A', cap: 2, leaseMs: 1_000, timeoutMs: 1_000 };

  it('never lets more than the cap in, and serves waiters first come, first served', async () => {
    const permits = new MemoryPermits();
    const order: number[] = [];
    let inFlight = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const permit = await permits.acquire(options);
        if (!permit) throw new Error('no permit');
        order.push(i);
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        await permit.release();
      }),
    );
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(permits.inUse('A')).toBe(0);
  });

  it('gives up after the acquire timeout, honours an abort, and ignores a second release', async () => {
    const permits = new MemoryPermits();
    const held = await permits.acquire({ ...options, cap: 1 });
    expect(await permits.acquire({ ...options, cap: 1, timeoutMs: 20 })).toBeUndefined();
    const controller = new AbortController();
    const waiting = permits.acquire({ ...options, cap: 1, signal: controller.signal });
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    await held?.release();
    await held?.release();
    expect(permits.inUse('A')).toBe(0);
    expect(await permits.acquire({ ...options, accountId: 'B', cap: 1 })).toBeDefined();
  });
});
