import type { JobServices } from '../sidecar.ts';

/** What a schedule's run may use: everything a job handler gets, and the ledger's defaults for what it enqueues. */
export interface ScheduleServices extends JobServices {
  /** Starts of a job before it is dead (MLC_JOB_MAX_ATTEMPTS), for the jobs a run enqueues. */
  jobMaxAttempts: number;
  /** Jobs became due in this process: wake the local worker instead of waiting for its next poll. */
  onJobsQueued(): void;
}

/** What a run reports: a sentence for the admin screen, and details as JSON (counts, per-connection figures). */
export interface ScheduleResult {
  message: string;
  details?: unknown;
}

/**
 * Work done on a clock, once per period across every sidecar process. Register it by adding it to the list a
 * `SidecarOptions.schedules` factory returns (production: `schedules/production.ts`).
 */
export interface Schedule {
  /** Unique, kebab-case; `MLC_SCHEDULE_<NAME>_EVERY` (upper case, `-` → `_`) overrides the cadence. */
  name: string;
  /** The default period: milliseconds, or a duration such as `15m`, `1h`, `1d`. The first run is one period after the schedule first appears. */
  cadence: number | string;
  /**
   * Does one period's work and says what it did. Throwing records the error as the last result; the next period runs
   * as usual. `signal` aborts when the process shuts down or loses the run's lease: stop soon and throw.
   */
  run(services: ScheduleServices, signal: AbortSignal): Promise<ScheduleResult>;
}

/**
 * A run that did part of its work and failed at the rest (one store of three unreachable): the error is recorded
 * with what was done as its `detail`.
 */
export class ScheduleRunError extends Error {
  readonly code: string;
  readonly detail: unknown;

  constructor(code: string, message: string, detail?: unknown) {
    super(message);
    this.code = code;
    this.detail = detail;
  }
}
