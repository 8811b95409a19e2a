import { defaultGovernanceSettings, type Fault, type GovernanceInput, type GovernanceSettings } from './settings.ts';

/** One request as governance saw it; times are ISO strings on the simulator clock. */
export interface RequestLogEntry {
  method: string;
  path: string;
  /** The status the client received; `null` when the connection was dropped or stalled without an answer. */
  status: number | null;
  /** `false`: refused at the concurrency limit, never ran. */
  admitted: boolean;
  /** The service handler ran (with an `after` fault it ran although the client saw the fault). */
  handled: boolean;
  /** What the handler answered, when it ran. */
  handlerStatus: number | null;
  /** The injected fault, if one fired. */
  fault: Fault['kind'] | null;
  startedAt: string;
  endedAt: string | null;
}

const MAX_LOG_ENTRIES = 10_000;

/** The account's concurrency governance and the test knobs around it (spec §5). */
export class Governance {
  settings: GovernanceSettings = defaultGovernanceSettings();
  #faultPatterns: (RegExp | undefined)[] = [];
  /** How often each fault with `every` has been checked since the faults were set. */
  #faultChecks: number[] = [];
  /** Requests holding a slot right now. Not touched by reset: requests in flight still release their slot. */
  inFlight = 0;
  requests: RequestLogEntry[] = [];

  reset(): void {
    this.configure(defaultGovernanceSettings());
    this.requests = [];
  }

  /** Applies a validated `PUT /__sim/governance`; returns a reason when the combination is impossible. */
  configure(input: GovernanceInput): string | undefined {
    const next: GovernanceSettings = {
      concurrencyLimit: input.concurrencyLimit ?? this.settings.concurrencyLimit,
      integrationConcurrencyLimit:
        input.integrationConcurrencyLimit === undefined
          ? this.settings.integrationConcurrencyLimit
          : input.integrationConcurrencyLimit,
      latencyMs: input.latencyMs ?? this.settings.latencyMs,
      jitterMs: input.jitterMs ?? this.settings.jitterMs,
      faults: input.faults ?? this.settings.faults,
    };
    // "The minimum unallocated concurrency limit value is one" ([S30]).
    if (next.integrationConcurrencyLimit !== null && next.integrationConcurrencyLimit >= next.concurrencyLimit) {
      return 'integrationConcurrencyLimit must leave at least one unallocated slot of concurrencyLimit';
    }
    this.settings = next;
    this.#faultPatterns = next.faults.map((fault) => (fault.path === undefined ? undefined : new RegExp(fault.path)));
    this.#faultChecks = next.faults.map(() => 0);
    return undefined;
  }

  /**
   * The limit a request is admitted against. With an allocation, the simulator's traffic is taken to be that
   * integration's, which "is blocked at its own limit" ([S30]).
   */
  get effectiveLimit(): number {
    return this.settings.integrationConcurrencyLimit ?? this.settings.concurrencyLimit;
  }

  /** Rejected at once when every slot is taken: NetSuite does not queue (spec §5.1). */
  tryAdmit(): boolean {
    if (this.inFlight >= this.effectiveLimit) return false;
    this.inFlight += 1;
    return true;
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  delayMs(): number {
    return this.settings.latencyMs + Math.random() * this.settings.jitterMs;
  }

  /** The first fault that applies to `path` and fires (every `every`-th time, else with probability `rate`), if any. */
  pickFault(path: string): Fault | undefined {
    return this.settings.faults.find((fault, index) => {
      const pattern = this.#faultPatterns[index];
      if (pattern !== undefined && !pattern.test(path)) return false;
      if (fault.every === undefined) return Math.random() < fault.rate;
      const checked = (this.#faultChecks[index] ?? 0) + 1;
      this.#faultChecks[index] = checked;
      return checked % fault.every === 0;
    });
  }

  log(entry: RequestLogEntry): RequestLogEntry {
    this.requests.push(entry);
    if (this.requests.length > MAX_LOG_ENTRIES) this.requests.shift();
    return entry;
  }
}
