/**
 * Errors as values. Adapters never throw on a bad payload: they return one of these, with the path into the
 * payload that was wrong, so a flow can hold or dead-letter the job with a message the merchant can act on.
 */

export type CanonicalErrorCode =
  /** The payload is not the shape the adapter expects (missing field, wrong type, bad JSON, bad date). */
  | 'PAYLOAD_INVALID'
  /** An amount is not plain decimal text with at most two decimals ("1e3", "19.999", a float). */
  | 'MONEY_INVALID';

export interface CanonicalError {
  code: CanonicalErrorCode;
  message: string;
  /** Where in the payload, e.g. ['line_items', 0, 'total']; empty for the payload as a whole. */
  path: readonly (string | number)[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CanonicalError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = <T = never>(
  code: CanonicalErrorCode,
  message: string,
  path: readonly (string | number)[] = [],
): Result<T> => ({ ok: false, error: { code, message, path } });
