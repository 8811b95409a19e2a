import type { AuditEventInput } from '../audit/audit-log.ts';
import type { Logger } from '../logger.ts';
import type { Job } from './job.ts';

export interface JobContext {
  /** Carries the job id, kind and entity key on every line. */
  logger: Logger;
  /** Aborted when the worker must stop (shutdown past its grace, or the lease was lost). */
  signal: AbortSignal;
  /** Records a step of the flow on the job's timeline. */
  note(event: Omit<AuditEventInput, 'job' | 'type'>): Promise<void>;
}

/**
 * Does one job's work. Returns normally → succeeded. Throws JobHeld → held (needs the merchant),
 * PermanentJobError → dead, anything else → retried with backoff until attempts run out.
 */
export type JobHandler = (job: Job, context: JobContext) => Promise<void>;

export type JobHandlers = ReadonlyMap<string, JobHandler>;
