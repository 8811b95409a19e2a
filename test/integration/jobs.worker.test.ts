import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, it } from 'vitest';
import type { JobHandler } from '../../sidecar/src/jobs/handler.ts';
import { JobHeld, PermanentJobError, RetryableJobError } from '../../sidecar/src/jobs/job-errors.ts';
import { cancelJob, releaseJob } from '../../sidecar/src/jobs/operator-actions.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { eventually, ledgerHarness } from '../support/ledger-harness.ts';

describeOnEachDatabase('Worker', (database) => {
  const ledger = ledgerHarness(database);
  afterAll(() => ledger.stopWorkers());

  it('completes three jobs of one entity in order while the first fails twice', async () => {
    const kind = ledger.kind();
    const log: string[] = [];
    const handler: JobHandler = async (job) => {
      const { n } = job.payload as { n: number };
      log.push(`start ${n}#${job.attempts}`);
      if (n === 1 && job.attempts <= 2) throw new RetryableJobError('NETSUITE_BUSY', 'NetSuite answered 503');
      log.push(`done ${n}`);
    };
    const enqueued = [];
    for (const n of [1, 2, 3]) enqueued.push(await ledger.enqueue({ kind, entityKey: 'order:7', payload: { n } }));
    ledger.startWorker({ [kind]: handler }, { concurrency: 4 });
    for (const { job } of enqueued) await ledger.waitForState(job.id, 'succeeded');
    expect(log).toEqual([
      'start 1#1',
      'start 1#2',
      'start 1#3',
      'done 1',
      'start 2#1',
      'done 2',
      'start 3#1',
      'done 3',
    ]);
    const first = await ledger.job(enqueued[0]?.job.id ?? '');
    // Succeeded: the errors of its first two attempts are its history, not its state.
    expect(first).toMatchObject({ attempts: 3, lastError: null });
    const events = await ledger.events(first.id);
    const retries = events.filter((event) => event.type === 'job.retrying');
    expect(retries.map((event) => JSON.stringify(event.data))).toEqual([
      expect.stringContaining('NETSUITE_BUSY'),
      expect.stringContaining('NETSUITE_BUSY'),
    ]);
    const types = events.map((event) => event.type);
    expect(types).toEqual([
      'job.enqueued',
      'job.started',
      'job.retrying',
      'job.started',
      'job.retrying',
      'job.started',
      'job.succeeded',
    ]);
  });

  it('runs other entities while one entity waits on a retrying job', async () => {
    const kind = ledger.kind();
    let slowAttempts = 0;
    const blocked = await ledger.enqueue({ kind, entityKey: 'order:slow', payload: { slow: true } });
    const free = await ledger.enqueue({ kind, entityKey: 'order:free', payload: {} });
    ledger.startWorker({
      [kind]: async (job) => {
        if ((job.payload as { slow?: boolean }).slow && ++slowAttempts < 3) throw new Error('temporary');
      },
    });
    await ledger.waitForState(free.job.id, 'succeeded');
    await ledger.waitForState(blocked.job.id, 'succeeded');
    expect(slowAttempts).toBe(3);
  });

  it('marks a job dead after its max attempts, and the later job of its entity waits until it is cancelled', async () => {
    const kind = ledger.kind();
    const doomed = await ledger.enqueue({ kind, entityKey: 'order:doomed', payload: { fail: true }, maxAttempts: 3 });
    const after = await ledger.enqueue({ kind, entityKey: 'order:doomed', payload: {} });
    ledger.startWorker({
      [kind]: async (job) => {
        if ((job.payload as { fail?: boolean }).fail) throw new Error('NetSuite timed out');
      },
    });
    const dead = await ledger.waitForState(doomed.job.id, 'dead');
    expect(dead).toMatchObject({ attempts: 3, lastError: { code: 'UNEXPECTED_ERROR', message: 'NetSuite timed out' } });
    expect(dead.finishedAt).toBeInstanceOf(Date);
    const types = (await ledger.events(dead.id)).map((event) => event.type);
    expect(types.filter((type) => type === 'job.started')).toHaveLength(3);
    expect(types.filter((type) => type === 'job.retrying')).toHaveLength(2);
    expect(types.at(-1)).toBe('job.dead');
    await sleep(200);
    expect((await ledger.job(after.job.id)).state).toBe('queued');
    await cancelJob(database().db, ledger.audit, dead.id, 'test');
    await ledger.waitForState(after.job.id, 'succeeded');
  });

  it('sends a permanent error straight to dead, with its detail kept', async () => {
    const kind = ledger.kind();
    const { job } = await ledger.enqueue({ kind, entityKey: 'order:invalid', payload: {} });
    const detail = { 'o:errorCode': 'INVALID_CONTENT', 'o:errorPath': 'item.items[0].item' };
    ledger.startWorker({
      [kind]: async () => {
        throw new PermanentJobError('NETSUITE_REJECTED', 'NetSuite refused the sales order.', detail);
      },
    });
    const dead = await ledger.waitForState(job.id, 'dead');
    expect(dead).toMatchObject({ attempts: 1, lastError: { code: 'NETSUITE_REJECTED', detail } });
  });

  it('holds a job that needs the merchant, blocks its entity, and runs both once released', async () => {
    const kind = ledger.kind();
    let mapped = false;
    const held = await ledger.enqueue({ kind, entityKey: 'order:sku', payload: { sku: 'TS-RED-M' } });
    const later = await ledger.enqueue({ kind, entityKey: 'order:sku', payload: {} });
    ledger.startWorker({
      [kind]: async (job) => {
        const { sku } = job.payload as { sku?: string };
        if (sku && !mapped) {
          throw new JobHeld('UNMAPPED_SKU', `SKU "${sku}" has no NetSuite item. Map it in Review queue.`, {
            skus: [sku],
          });
        }
      },
    });
    const waiting = await ledger.waitForState(held.job.id, 'held');
    expect(waiting.lastError).toMatchObject({ code: 'UNMAPPED_SKU', detail: { skus: ['TS-RED-M'] } });
    await sleep(200);
    expect((await ledger.job(later.job.id)).state).toBe('queued');
    mapped = true;
    const released = await releaseJob(database().db, ledger.audit, held.job.id, 'merchant');
    expect(released).toMatchObject({ state: 'queued', attempts: 0 });
    await ledger.waitForState(held.job.id, 'succeeded');
    await ledger.waitForState(later.job.id, 'succeeded');
  });

  it('gives up on a job whose worker died on every start (WORKER_LOST)', async () => {
    const kind = ledger.kind();
    const { job } = await ledger.enqueue({ kind, entityKey: 'order:poison', payload: {}, maxAttempts: 1 });
    expect((await ledger.claim([kind], 'worker-that-died', 50))?.id).toBe(job.id);
    await sleep(100);
    let ran = false;
    ledger.startWorker({
      [kind]: async () => {
        ran = true;
      },
    });
    const dead = await ledger.waitForState(job.id, 'dead');
    expect(dead.lastError?.code).toBe('WORKER_LOST');
    expect(ran).toBe(false);
  });

  it('on stop, hands a job that outlives the grace period back to the queue without counting the attempt', async () => {
    const kind = ledger.kind();
    const { job } = await ledger.enqueue({ kind, entityKey: 'order:long', payload: {} });
    let started = false;
    const worker = ledger.startWorker({
      [kind]: async (_job, context) => {
        started = true;
        await sleep(60_000, undefined, { signal: context.signal });
      },
    });
    await eventually(async () => started, 5_000, 'the job to start');
    await worker.stop(100);
    expect(await ledger.job(job.id)).toMatchObject({ state: 'retrying', attempts: 0, lockedBy: null });
    expect((await ledger.events(job.id)).at(-1)?.type).toBe('job.retrying');
  });

  it('on stop, releases the job of a handler deaf to its abort signal, and refuses its late result', async () => {
    const kind = ledger.kind();
    const { job } = await ledger.enqueue({ kind, entityKey: 'order:deaf', payload: {} });
    let started = false;
    let finishedLate = false;
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const worker = ledger.startWorker({
      [kind]: async () => {
        started = true;
        await gate; // deaf: only the test lets it finish, after the worker has given up on it
        finishedLate = true;
      },
    });
    await eventually(async () => started, 5_000, 'the job to start');
    await worker.stop(100);
    expect(await ledger.job(job.id)).toMatchObject({ state: 'retrying', attempts: 0, lockedBy: null });
    openGate();
    await eventually(async () => finishedLate, 5_000, 'the deaf handler to finish');
    await sleep(100);
    expect((await ledger.job(job.id)).state).toBe('retrying');
  });
});
