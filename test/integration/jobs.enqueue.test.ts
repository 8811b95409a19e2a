import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { rowsOf } from '../../sidecar/src/db/client.ts';
import { auditEvents, jobs, settings } from '../../sidecar/src/db/schema.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { describeOnEachDatabase } from '../support/databases.ts';
import { ledgerHarness } from '../support/ledger-harness.ts';

describeOnEachDatabase('enqueueJob', (database) => {
  const ledger = ledgerHarness(database);
  afterAll(() => ledger.stopWorkers());

  it('gives a UUIDv7 id and stores kind, entity, payload and the default max attempts', async () => {
    const { job, created } = await ledger.enqueue({ kind: ledger.kind(), entityKey: 'e:1', payload: { order: 1042 } });
    expect(created).toBe(true);
    expect(job.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(job).toMatchObject({ state: 'queued', attempts: 0, maxAttempts: 5, payload: { order: 1042 } });
    expect((await ledger.events(job.id)).map((event) => event.type)).toEqual(['job.enqueued']);
  });

  it('makes one job of 50 concurrent enqueues with one idempotency key, each in its own transaction', async () => {
    const idempotencyKey = `idem-${randomUUID()}`;
    const { db } = database();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.transaction((tx) =>
          enqueueJob(tx, ledger.audit, { kind: 'test.idem', entityKey: 'e:idem', idempotencyKey, payload: { i } }, 5),
        ),
      ),
    );
    const ids = new Set(results.map((result) => result.job.id));
    expect(ids.size).toBe(1);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    const stored = await db.select().from(jobs).where(eq(jobs.idempotencyKey, idempotencyKey));
    expect(stored).toHaveLength(1);
    const [only] = [...ids];
    const enqueuedEvents = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.jobId, String(only)));
    expect(enqueuedEvents).toHaveLength(1);
  });

  it("commits with the caller's write, or not at all", async () => {
    const { db } = database();
    const kept = `delivery-${randomUUID()}`;
    const rolledBack = `delivery-${randomUUID()}`;
    await db.transaction(async (tx) => {
      await tx.insert(settings).values({ key: kept, value: { stored: true } });
      await enqueueJob(tx, ledger.audit, { kind: 'test.tx', entityKey: kept, idempotencyKey: kept, payload: {} }, 5);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(settings).values({ key: rolledBack, value: { stored: true } });
        await enqueueJob(
          tx,
          ledger.audit,
          { kind: 'test.tx', entityKey: rolledBack, idempotencyKey: rolledBack, payload: {} },
          5,
        );
        throw new Error('the caller fails after enqueueing');
      }),
    ).rejects.toThrow('the caller fails');
    const count = async (key: string) =>
      rowsOf<{ n: number }>(
        await db.execute(
          sql`select (select count(*) from ${settings} where key = ${key}) + (select count(*) from ${jobs} where idempotency_key = ${key}) as n`,
        ),
      )[0]?.n;
    expect(Number(await count(kept))).toBe(2);
    expect(Number(await count(rolledBack))).toBe(0);
  });
});
