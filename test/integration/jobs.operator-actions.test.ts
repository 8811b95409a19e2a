import { afterAll, expect, it } from 'vitest';
import { cancelJob, releaseJob, replayJob } from '../../sidecar/src/jobs/operator-actions.ts';
import { completeJob } from '../../sidecar/src/jobs/settle.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { ledgerHarness } from '../support/ledger-harness.ts';

describeOnEachDatabase('operator actions (release, replay, cancel)', (database) => {
  const ledger = ledgerHarness(database);
  afterAll(() => ledger.stopWorkers());

  it('replays a dead job as the same job: same id and idempotency key, fresh attempts, counted replay', async () => {
    const kind = ledger.kind();
    let fixed = false;
    const { job } = await ledger.enqueue({ kind, entityKey: 'order:replay', payload: { order: 9 }, maxAttempts: 2 });
    ledger.startWorker({
      [kind]: async () => {
        if (!fixed) throw new Error('NetSuite refused');
      },
    });
    await ledger.waitForState(job.id, 'dead');
    fixed = true;
    const replayed = await replayJob(database().db, ledger.audit, job.id, 'merchant');
    expect(replayed).toMatchObject({ id: job.id, idempotencyKey: job.idempotencyKey, attempts: 0, replays: 1 });
    const done = await ledger.waitForState(job.id, 'succeeded');
    expect(done.attempts).toBe(1);
    expect((await ledger.events(job.id)).map((event) => event.type)).toContain('job.replayed');
  });

  it('replays a succeeded job, and a second enqueue with its key still returns that one job', async () => {
    const kind = ledger.kind();
    let runs = 0;
    const first = await ledger.enqueue({ kind, entityKey: 'order:again', payload: {} });
    ledger.startWorker({
      [kind]: async () => {
        runs++;
      },
    });
    await ledger.waitForState(first.job.id, 'succeeded');
    await replayJob(database().db, ledger.audit, first.job.id, 'merchant');
    await ledger.waitForState(first.job.id, 'succeeded');
    expect(runs).toBe(2);
    const again = await ledger.enqueue({
      kind,
      entityKey: 'order:again',
      idempotencyKey: first.job.idempotencyKey,
      payload: {},
    });
    expect(again).toMatchObject({ created: false, job: { id: first.job.id, replays: 1 } });
  });

  it('refuses actions that do not apply to the state, and unknown jobs', async () => {
    const { job } = await ledger.enqueue({ kind: ledger.kind(), entityKey: 'order:q', payload: {} });
    const { db } = database();
    await expect(releaseJob(db, ledger.audit, job.id, 't')).rejects.toMatchObject({ code: 'JOB_STATE_CONFLICT' });
    await expect(replayJob(db, ledger.audit, job.id, 't')).rejects.toMatchObject({ code: 'JOB_STATE_CONFLICT' });
    await expect(releaseJob(db, ledger.audit, '01900000-0000-7000-8000-000000000000', 't')).rejects.toMatchObject({
      code: 'JOB_NOT_FOUND',
    });
    await cancelJob(db, ledger.audit, job.id, 't');
    expect(await ledger.job(job.id)).toMatchObject({ state: 'cancelled' });
    await expect(cancelJob(db, ledger.audit, job.id, 't')).rejects.toMatchObject({ code: 'JOB_STATE_CONFLICT' });
  });

  it('never runs a replayed earlier job beside a running later job of its entity', async () => {
    const kind = ledger.kind();
    const first = await ledger.enqueue({ kind, entityKey: 'order:pair', payload: {} });
    const running = await ledger.claim([kind], 'w1');
    expect(running?.id).toBe(first.job.id);
    if (!running) throw new Error('claim expected');
    await completeJob(database().db, ledger.audit, running, 'w1');
    const second = await ledger.enqueue({ kind, entityKey: 'order:pair', payload: {} });
    expect((await ledger.claim([kind], 'w2'))?.id).toBe(second.job.id);
    await replayJob(database().db, ledger.audit, first.job.id, 'merchant');
    expect(await ledger.claim([kind], 'w3')).toBeUndefined();
  });
});
