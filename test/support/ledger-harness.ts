import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { auditEvents, jobs } from '../../sidecar/src/db/schema.ts';
import { claimJob } from '../../sidecar/src/jobs/claim.ts';
import { type EnqueueSpec, enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import type { JobHandler } from '../../sidecar/src/jobs/handler.ts';
import type { Job } from '../../sidecar/src/jobs/job.ts';
import { Worker } from '../../sidecar/src/jobs/worker.ts';
import { createMetrics } from '../../sidecar/src/metrics.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import type { TestDatabase } from './databases.ts';

/** Polls until `check` returns something truthy; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | null | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await check();
    if (result) return result;
    await sleep(20);
  }
  throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
}

/**
 * The ledger on a test database. Each test takes its own job kind (`harness.kind()`): workers only claim the kinds
 * they handle, so tests sharing one database never run each other's jobs.
 */
export function ledgerHarness(database: () => TestDatabase) {
  const redactor = new Redactor();
  const audit = new AuditLog(redactor);
  const workers: Worker[] = [];

  return {
    audit,
    kind: () => `test.${randomUUID().slice(0, 8)}`,

    enqueue(spec: Omit<EnqueueSpec, 'idempotencyKey'> & { idempotencyKey?: string }) {
      return enqueueJob(database().db, audit, { idempotencyKey: randomUUID(), ...spec }, 5);
    },

    claim(kinds: string[], workerId = 'test-worker', leaseMs = 30_000) {
      return claimJob(database().db, audit, { workerId, kinds, leaseMs });
    },

    async job(id: string): Promise<Job> {
      const [row] = await database().db.select().from(jobs).where(eq(jobs.id, id));
      if (!row) throw new Error(`no job ${id}`);
      return row;
    },

    async events(jobId: string) {
      const rows = await database().db.select().from(auditEvents).where(eq(auditEvents.jobId, jobId));
      return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    },

    startWorker(handlers: Record<string, JobHandler>, options: { concurrency?: number; leaseMs?: number } = {}) {
      const db = database().db;
      const worker = new Worker({
        db,
        audit,
        handlers: new Map(Object.entries(handlers)),
        logger: pino({ level: 'silent' }),
        metrics: createMetrics(db),
        redactor,
        workerId: `worker-${randomUUID().slice(0, 8)}`,
        concurrency: options.concurrency ?? 4,
        pollMs: 10,
        leaseMs: options.leaseMs ?? 30_000,
        backoff: { baseMs: 1, capMs: 5 },
      });
      worker.start();
      workers.push(worker);
      return worker;
    },

    async waitForState(id: string, state: Job['state'], timeoutMs = 10_000): Promise<Job> {
      return eventually(
        async () => {
          const job = await this.job(id);
          return job.state === state ? job : undefined;
        },
        timeoutMs,
        `job ${id} to be ${state}`,
      );
    },

    async stopWorkers() {
      await Promise.all(workers.splice(0).map((worker) => worker.stop(1_000)));
    },
  };
}
