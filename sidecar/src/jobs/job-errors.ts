import type { JobErrorRecord } from './job.ts';

/**
 * What a handler throws to say how its job ends. Each carries a stable code and a sentence a merchant can act on;
 * `detail` keeps the vendor's own error alongside.
 */
abstract class JobOutcomeError extends Error {
  readonly code: string;
  readonly detail: unknown;

  constructor(code: string, message: string, detail?: unknown) {
    super(message);
    this.code = code;
    this.detail = detail;
  }

  toRecord(): JobErrorRecord {
    return this.detail === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, detail: this.detail };
  }
}

/** Needs the merchant (an unmapped SKU, a missing mapping): the job waits, held, until released. */
export class JobHeld extends JobOutcomeError {}

/** Will fail the same way however often it runs (a validation error): the job goes straight to dead. */
export class PermanentJobError extends JobOutcomeError {}

/** Worth another try (429, 5xx, a timeout); `retryAfterMs` is the least wait the other side asked for. */
export class RetryableJobError extends JobOutcomeError {
  readonly retryAfterMs: number | undefined;

  constructor(code: string, message: string, detail?: unknown, retryAfterMs?: number) {
    super(code, message, detail);
    this.retryAfterMs = retryAfterMs;
  }
}

export function errorRecordOf(error: unknown): JobErrorRecord {
  if (error instanceof JobOutcomeError) return error.toRecord();
  if (error instanceof Error) return { code: 'UNEXPECTED_ERROR', message: error.message };
  return { code: 'UNEXPECTED_ERROR', message: String(error) };
}
