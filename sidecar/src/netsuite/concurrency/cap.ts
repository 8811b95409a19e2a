import { NetSuiteError } from '../errors.ts';

/** `GET /services/rest/system/v1/governanceLimits` (spec §5.1; admin role only). */
export interface GovernanceLimits {
  accountConcurrencyLimit?: number;
  accountUnallocatedConcurrencyLimit?: number;
  integrationConcurrencyLimit?: number;
  /** `integrationSpecific` (an allocation of its own), `accountLimit` or `internal` (the shared pool). */
  integrationLimitType?: string;
}

export interface CapSettings {
  /** A fixed cap: no governance look-up. Unset: derived from `governanceLimits`. */
  cap?: number | undefined;
  /** Share of a shared pool left to the merchant's other integrations and users (default 0.2). */
  headroomShare?: number | undefined;
  /** …and at least this many requests (default 1). */
  minHeadroom?: number | undefined;
  /** When the limits cannot be read (a role without the admin permission gets 403) (default 2, spec §5.3). */
  fallbackCap?: number | undefined;
  /** The limits are read again after this long, in ms (default 900 000: 15 min). */
  refreshMs?: number | undefined;
}

/**
 * The cap governance leaves us. An allocation of our own (`integrationSpecific`) is ours whole: NetSuite blocks the
 * integration at it and nobody else draws on it. The shared pool is also used by the merchant's other integrations,
 * RESTlets and SOAP clients, so we keep 20% (at least one request) of it free for them. Never below 1.
 */
export function capFromGovernance(limits: GovernanceLimits, settings: CapSettings = {}): number | undefined {
  const own = limits.integrationConcurrencyLimit;
  if (limits.integrationLimitType === 'integrationSpecific' && own !== undefined && own > 0) return own;
  const pool = limits.accountUnallocatedConcurrencyLimit ?? limits.accountConcurrencyLimit;
  if (pool === undefined || !Number.isFinite(pool) || pool <= 0) return undefined;
  const headroom = Math.max(settings.minHeadroom ?? 1, Math.ceil(pool * (settings.headroomShare ?? 0.2)));
  return Math.max(1, pool - headroom);
}

/** A failed look-up is tried again after this long, not after the whole refresh period. */
const RETRY_LOOKUP_AFTER_MS = 60_000;

/** The account's cap: fixed, or read from governance (once for all concurrent callers) and kept for a while. */
export class ConcurrencyCap {
  readonly #settings: CapSettings;
  readonly #now: () => number;
  #known: { cap: number; until: number } | undefined;
  #lookup: Promise<number> | undefined;

  constructor(settings: CapSettings = {}, now: () => number = Date.now) {
    if (settings.cap !== undefined && !(Number.isInteger(settings.cap) && settings.cap > 0)) {
      throw new Error(`The NetSuite concurrency cap must be a positive integer, not ${settings.cap}.`);
    }
    this.#settings = settings;
    this.#now = now;
  }

  /** The fixed cap, or the last one found (even if due for a refresh); undefined before the first look-up. */
  known(): number | undefined {
    return this.#settings.cap ?? this.#known?.cap;
  }

  async current(readLimits: () => Promise<GovernanceLimits>): Promise<number> {
    if (this.#settings.cap !== undefined) return this.#settings.cap;
    if (this.#known && this.#known.until > this.#now()) return this.#known.cap;
    this.#lookup ??= this.#look(readLimits).finally(() => {
      this.#lookup = undefined;
    });
    return this.#lookup;
  }

  async #look(readLimits: () => Promise<GovernanceLimits>): Promise<number> {
    let cap: number | undefined;
    let lookAgainSoon = false;
    try {
      cap = capFromGovernance(await readLimits(), this.#settings);
    } catch (error) {
      // Reading governance needs a permission many integration roles lack (403, every time): the fallback is
      // deliberately low, and only a passing failure is worth asking again soon.
      lookAgainSoon = !(error instanceof NetSuiteError) || error.transient;
    }
    const refreshMs = lookAgainSoon ? RETRY_LOOKUP_AFTER_MS : (this.#settings.refreshMs ?? 900_000);
    const value = cap ?? this.#settings.fallbackCap ?? 2;
    this.#known = { cap: value, until: this.#now() + refreshMs };
    return value;
  }
}
