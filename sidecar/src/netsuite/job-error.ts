import { PermanentJobError, RetryableJobError } from '../jobs/job-errors.ts';
import { NetSuiteError } from './errors.ts';

/**
 * How a NetSuite failure ends a job attempt: transient ones retry on the ledger's schedule (with NetSuite's
 * `Retry-After` as the floor), permanent ones go dead with NetSuite's own details for the operator. Anything that
 * is not a NetSuiteError is passed through for the caller to decide.
 */
export function netSuiteJobError(error: unknown): unknown {
  if (!(error instanceof NetSuiteError)) return error;
  return error.transient
    ? new RetryableJobError(error.code, error.message, error.toJSON(), error.retryAfterMs)
    : new PermanentJobError(error.code, error.message, error.toJSON());
}
