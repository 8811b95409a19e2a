/**
 * The store's time. WordPress works in whole seconds; tests can freeze it (two deliveries in one second share a
 * delivery id), move it forward (OAuth timestamp window) or let it run with the real clock.
 */
export class SimClock {
  #offsetMs = 0;
  #frozenAt: number | undefined;

  now(): number {
    return this.#frozenAt ?? Date.now() + this.#offsetMs;
  }

  /** PHP's `time()`. */
  seconds(): number {
    return Math.floor(this.now() / 1000);
  }

  advance(ms: number): void {
    if (this.#frozenAt === undefined) this.#offsetMs += ms;
    else this.#frozenAt += ms;
  }

  /** Stops the clock at `at` (default: now) until `unfreeze`. */
  freeze(at: number = this.now()): void {
    this.#frozenAt = at;
  }

  unfreeze(): void {
    if (this.#frozenAt !== undefined) this.#offsetMs = this.#frozenAt - Date.now();
    this.#frozenAt = undefined;
  }

  reset(): void {
    this.#offsetMs = 0;
    this.#frozenAt = undefined;
  }
}

/** `YYYY-MM-DDTHH:MM:SS` as WooCommerce prints dates: no fraction, no zone. */
export function wcDate(ms: number, offsetMinutes = 0): string {
  return new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000).toISOString().slice(0, 19);
}
