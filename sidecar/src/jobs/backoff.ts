export interface BackoffPolicy {
  /** Ceiling of the first retry's wait, in ms. */
  baseMs: number;
  /** No wait exceeds this, in ms. */
  capMs: number;
}

/**
 * Exponential backoff with full jitter: after the n-th failed start, wait a uniform random time in
 * [0, min(cap, base·2^(n−1))). With the defaults (10 s, 1 h) the ceilings run 10 s, 20 s, 40 s, … 42 min 40 s,
 * then 1 h. A `Retry-After` from the other side is a floor, never shortened by the jitter.
 */
export function retryDelayMs(
  failedAttempt: number,
  policy: BackoffPolicy,
  retryAfterMs = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.max(Math.floor(random() * ceiling), Math.min(retryAfterMs, policy.capMs));
}
