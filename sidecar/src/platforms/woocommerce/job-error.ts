import { ConfigError } from '../../connections/config-error.ts';
import { PermanentJobError, RetryableJobError } from '../../jobs/job-errors.ts';
import { WooCommerceError } from './rest-errors.ts';

/**
 * How a WooCommerce failure ends a job attempt: an unavailable store retries on the ledger's schedule (its
 * `Retry-After` as the floor); a refused key, a missing record, a rejected request or missing credentials go dead
 * with WooCommerce's own code and sentence kept for the merchant. Anything else is passed through for the caller.
 */
export function wooCommerceJobError(error: unknown): unknown {
  if (error instanceof WooCommerceError) {
    return error.transient
      ? new RetryableJobError(error.code, error.message, error.toJSON(), error.retryAfterMs)
      : new PermanentJobError(error.code, error.message, error.toJSON());
  }
  if (error instanceof ConfigError && error.code.startsWith('WOOCOMMERCE_')) {
    return new PermanentJobError(error.code, error.message);
  }
  return error;
}
