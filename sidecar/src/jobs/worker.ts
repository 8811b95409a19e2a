import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { type Logger, withLogContext } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { Redactor } from '../redact.ts';
import type { BackoffPolicy } from './backoff.ts';
import { claimJob } from './claim.ts';
import type { JobContext, JobHandlers } from './handler.ts';
import type { Job } from './job.ts';
import { errorRecordOf, JobHeld, PermanentJobError, RetryableJobError } from './job-errors.ts';
import { completeJob, failJob, holdJob, releaseLease, renewLease } from './settle.ts';

export interface WorkerOptions {
  db: Db;
  audit: AuditLog;
  handlers: JobHandlers;
  logger: Logger;
  metrics: Metrics;
  /** Error messages are stored on the job: they go through it first, as they may quote a secret. */
  redactor: Redactor;
  workerId: string;
  /** Jobs run at once by this process. */
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  backoff: BackoffPolicy;
}

/** Aborts the handlers still running when shutdown's grace runs out. */
class WorkerShutdown extends Error {
  constructor() {
    super('The worker is shutting down');
  }
}

/** After aborting, how long handlers get to notice before their jobs are released for them. */
const ABORT_SETTLE_MS = 2_000;

interface Running {
  job: Job;
  controller: AbortController;
  done: Promise<void>;
}

/** Claims due jobs and runs them through their handlers, `concurrency` at a time. */
export class Worker {
  readonly #options: WorkerOptions;
  readonly #running = new Set<Running>();
  readonly #loops: Promise<void>[] = [];
  #stopping = false;
  #wake = new AbortController();

  constructor(options: WorkerOptions) {
    this.#options = options;
  }

  start(): void {
    for (let slot = 0; slot < this.#options.concurrency; slot++) this.#loops.push(this.#loop());
  }

  /** Looks for work now rather than at the next poll (called after an enqueue in this process). */
  nudge(): void {
    this.#wake.abort();
    this.#wake = new AbortController();
  }

  /**
   * Stops claiming and lets running jobs finish for up to `graceMs`. Then it aborts the rest: a handler that stops on
   * its signal hands its job back to the queue without counting the attempt; one deaf to the signal gets
   * `ABORT_SETTLE_MS` more, then its job is handed back for it (its late result is refused: it no longer holds the
   * lease).
   */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    this.nudge();
    if (await this.#drained(graceMs)) return void (await Promise.all(this.#loops));
    for (const run of this.#running) run.controller.abort(new WorkerShutdown());
    if (await this.#drained(ABORT_SETTLE_MS)) return void (await Promise.all(this.#loops));
    const { db, audit, workerId, logger } = this.#options;
    for (const run of this.#running) {
      await releaseLease(db, audit, run.job, workerId);
      logger.warn({ jobId: run.job.id }, 'The job ignored its abort signal at shutdown; released to the queue');
    }
  }

  /** True when every running job settled within `ms`. */
  async #drained(ms: number): Promise<boolean> {
    const all = Promise.all([...this.#running].map((run) => run.done)).then(() => true);
    return Promise.race([all, sleep(ms, false, { ref: false })]);
  }

  async #loop(): Promise<void> {
    const { db, audit, handlers, logger, workerId, leaseMs, pollMs } = this.#options;
    const kinds = [...handlers.keys()];
    while (!this.#stopping) {
      let job: Job | undefined;
      try {
        job = await claimJob(db, audit, { workerId, kinds, leaseMs });
      } catch (error) {
        logger.error({ err: error }, 'Could not claim a job; retrying after the poll interval');
      }
      if (!job) {
        await sleep(pollMs, undefined, { signal: this.#wake.signal, ref: false }).catch(() => {});
        continue;
      }
      if (this.#stopping) {
        // Claimed while shutdown began: not started, so handed straight back.
        await releaseLease(db, audit, job, workerId);
        break;
      }
      const controller = new AbortController();
      const run: Running = { job, controller, done: this.#run(job, controller) };
      this.#running.add(run);
      await run.done;
      this.#running.delete(run);
    }
  }

  #run(job: Job, controller: AbortController): Promise<void> {
    return withLogContext({ jobId: job.id, jobKind: job.kind, entityKey: job.entityKey }, async () => {
      const { db, logger, workerId, leaseMs, metrics } = this.#options;
      const started = performance.now();
      metrics.jobQueueWait.observe({ kind: job.kind }, Math.max(0, Date.now() - job.runAt.getTime()) / 1000);
      const renewal = setInterval(() => {
        renewLease(db, job, workerId, leaseMs)
          .then((held) => held || controller.abort(new Error('Lease lost to another worker')))
          .catch((error) => logger.warn({ err: error }, 'Could not renew the lease'));
      }, leaseMs / 3);
      let outcome: string;
      try {
        outcome = await this.#execute(job, controller.signal);
      } catch (error) {
        outcome = 'error';
        logger.error(
          { err: error },
          'Could not record the outcome of the job; its lease will expire and it will run again',
        );
      } finally {
        clearInterval(renewal);
      }
      metrics.jobDuration.observe({ kind: job.kind, outcome }, (performance.now() - started) / 1000);
    });
  }

  /** Runs the handler and records how it ended; returns the outcome's name. */
  async #execute(job: Job, signal: AbortSignal): Promise<string> {
    const { db, audit, handlers, logger, workerId, backoff, redactor } = this.#options;
    if (job.attempts > job.maxAttempts) {
      // Started this often and its worker died every time: the job itself is what kills them.
      const error = {
        code: 'WORKER_LOST',
        message: `The job was started ${job.maxAttempts} times and its worker stopped each time before it finished.`,
      };
      await failJob(db, audit, job, workerId, { error, permanent: true, backoff });
      return 'dead';
    }
    const handler = handlers.get(job.kind);
    const context: JobContext = {
      logger,
      signal,
      note: (event) => audit.record(db, { ...event, type: 'job.note', job }),
    };
    try {
      if (!handler) throw new PermanentJobError('NO_HANDLER', `No handler for jobs of kind ${job.kind}.`);
      await handler(job, context);
    } catch (error) {
      if (signal.reason instanceof WorkerShutdown) {
        return (await releaseLease(db, audit, job, workerId)) ? 'released' : 'lease_lost';
      }
      const record = redactor.redact(errorRecordOf(error));
      if (error instanceof JobHeld) {
        logger.warn({ code: record.code }, record.message);
        return (await holdJob(db, audit, job, workerId, record)) ? 'held' : 'lease_lost';
      }
      logger.warn({ code: record.code, err: error }, 'Job attempt failed');
      const settled = await failJob(db, audit, job, workerId, {
        error: record,
        permanent: error instanceof PermanentJobError,
        retryAfterMs: error instanceof RetryableJobError ? error.retryAfterMs : undefined,
        backoff,
      });
      return settled?.state ?? 'lease_lost';
    }
    const completed = await completeJob(db, audit, job, workerId);
    if (!completed) logger.warn('Lease was lost before the job finished; another worker owns it now');
    return completed ? 'succeeded' : 'lease_lost';
  }
}
