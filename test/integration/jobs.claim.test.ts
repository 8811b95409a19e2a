import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import { completeJob } from '../../sidecar/src/jobs/settle.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { ledgerHarness } from '../support/ledger-harness.ts';

describeOnEachDatabase('claimJob', (database) => {
  const ledger = ledgerHarness(database);
  afterAll(() => ledger.stopWorkers());

  it('hands one due job to exactly one of many concurrent claimers', async () => {
    const kind = ledger.kind();
    const { job } = await ledger.enqueue({ kind, entityKey: 'e:race', payload: {} });
    const claims = await Promise.all(Array.from({ length: 8 }, (_, i) => ledger.claim([kind], `w${i}`)));
    const winners = claims.filter((claimed) => claimed?.id === job.id);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ state: 'running', attempts: 1 });
    expect(winners[0]?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('does not claim a job before its run time, nor a kind it was not asked for', async () => {
    const kind = ledger.kind();
    await ledger.enqueue({ kind, entityKey: 'e:later', payload: {}, runAt: new Date(Date.now() + 60_000) });
    await ledger.enqueue({ kind: ledger.kind(), entityKey: 'e:other', payload: {} });
    expect(await ledger.claim([kind])).toBeUndefined();
  });

  it('waits for the earlier job of the same entity, but not for other entities', async () => {
    const kind = ledger.kind();
    const first = await ledger.enqueue({ kind, entityKey: 'e:order', payload: { n: 1 } });
    const second = await ledger.enqueue({ kind, entityKey: 'e:order', payload: { n: 2 } });
    const other = await ledger.enqueue({ kind, entityKey: 'e:other-order', payload: {} });
    const a = await ledger.claim([kind], 'w1');
    const b = await ledger.claim([kind], 'w2');
    expect([a?.id, b?.id].sort()).toEqual([first.job.id, other.job.id].sort());
    expect(await ledger.claim([kind], 'w3')).toBeUndefined();
    if (!a || !b) throw new Error('both claims should have succeeded');
    const firstClaim = a.id === first.job.id ? a : b;
    await completeJob(database().db, ledger.audit, firstClaim, firstClaim.lockedBy ?? '');
    expect((await ledger.claim([kind], 'w3'))?.id).toBe(second.job.id);
  });

  it("takes over a job whose worker's lease ran out, and the old worker can no longer settle it", async () => {
    const kind = ledger.kind();
    const { job } = await ledger.enqueue({ kind, entityKey: 'e:lease', payload: {} });
    const firstRun = await ledger.claim([kind], 'worker-that-dies', 200);
    expect(firstRun?.id).toBe(job.id);
    expect(await ledger.claim([kind], 'worker-b')).toBeUndefined();
    await sleep(300);
    const takeover = await ledger.claim([kind], 'worker-b');
    expect(takeover).toMatchObject({ id: job.id, attempts: 2, lockedBy: 'worker-b' });
    if (!firstRun || !takeover) throw new Error('claims expected');
    expect(await completeJob(database().db, ledger.audit, firstRun, 'worker-that-dies')).toBeUndefined();
    expect(await completeJob(database().db, ledger.audit, takeover, 'worker-b')).toMatchObject({ state: 'succeeded' });
    const types = (await ledger.events(job.id)).map((event) => event.type);
    expect(types).toEqual(['job.enqueued', 'job.started', 'job.lease_expired', 'job.started', 'job.succeeded']);
  });
});
