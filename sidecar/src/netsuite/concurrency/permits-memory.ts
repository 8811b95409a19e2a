import type { AcquireOptions, NetSuitePermits, Permit } from './permits.ts';

interface Waiter {
  cap: number;
  grant: () => void;
}

interface AccountSlots {
  inUse: number;
  /** First come, first served: a waiter is never overtaken by a later caller. */
  waiters: Waiter[];
}

/** A semaphore per account, for one process (PGlite runs in one process, and the PostgreSQL permits' local gate). */
export class MemoryPermits implements NetSuitePermits {
  readonly #accounts = new Map<string, AccountSlots>();

  acquire(options: AcquireOptions): Promise<Permit | undefined> {
    options.signal?.throwIfAborted();
    const slots = this.#slotsOf(options.accountId);
    if (slots.waiters.length === 0 && slots.inUse < options.cap) {
      slots.inUse++;
      return Promise.resolve(this.#permit(slots));
    }
    return new Promise((resolve, reject) => {
      const leave = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        slots.waiters.splice(slots.waiters.indexOf(waiter), 1);
      };
      const waiter: Waiter = {
        cap: options.cap,
        grant: () => {
          leave();
          resolve(this.#permit(slots));
        },
      };
      const onAbort = () => {
        leave();
        reject(options.signal?.reason);
      };
      const timer = setTimeout(() => {
        leave();
        resolve(undefined);
      }, options.timeoutMs);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      slots.waiters.push(waiter);
    });
  }

  /** Requests in flight for the account (for tests and metrics). */
  inUse(accountId: string): number {
    return this.#accounts.get(accountId)?.inUse ?? 0;
  }

  #slotsOf(accountId: string): AccountSlots {
    let slots = this.#accounts.get(accountId);
    if (!slots) {
      slots = { inUse: 0, waiters: [] };
      this.#accounts.set(accountId, slots);
    }
    return slots;
  }

  #permit(slots: AccountSlots): Permit {
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        slots.inUse--;
        this.#wake(slots);
      },
    };
  }

  #wake(slots: AccountSlots): void {
    for (let next = slots.waiters[0]; next && slots.inUse < next.cap; next = slots.waiters[0]) {
      slots.inUse++;
      next.grant();
    }
  }
}
