import { setTimeout as sleep } from 'node:timers/promises';
import type { Context, MiddlewareHandler } from 'hono';
import { TOKEN_PATH } from '../auth/account.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { injectFault } from './faults.ts';
import { concurrencyLimitExceeded } from './responses.ts';

/**
 * Every REST request but the token endpoint: logged, admitted against the concurrency limit (429 at once when
 * full), delayed by the configured latency while holding its slot, then possibly answered by an injected fault —
 * before the handler runs, or after it ran, its answer thrown away.
 */
export function governed(sim: NetSuiteSimulator): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === TOKEN_PATH) return next();
    const governance = sim.governance;
    const now = () => new Date(sim.clock.now()).toISOString();
    const entry = governance.log({
      method: c.req.method,
      path: c.req.path,
      status: null,
      admitted: false,
      handled: false,
      handlerStatus: null,
      fault: null,
      startedAt: now(),
      endedAt: null,
    });
    if (!governance.tryAdmit()) {
      entry.status = 429;
      entry.endedAt = now();
      return concurrencyLimitExceeded();
    }
    entry.admitted = true;
    try {
      const delay = governance.delayMs();
      if (delay > 0) await sleep(delay);
      const fault = governance.pickFault(c.req.path);
      if (fault) entry.fault = fault.kind;
      if (fault?.phase !== 'before') {
        await next();
        entry.handled = true;
        entry.handlerStatus = c.res.status;
      }
      if (fault) {
        const answer = await injectFault(c, fault.kind);
        replaceResponse(c, answer ?? new Response(null, { status: 500 }));
        entry.status = answer?.status ?? null;
      } else {
        entry.status = c.res.status;
      }
      return c.res;
    } finally {
      governance.release();
      entry.endedAt = now();
    }
  };
}

/** Assigning over a finalized response would merge the handler's headers (e.g. Location) into the fault's. */
function replaceResponse(c: Context, response: Response): void {
  c.res = undefined;
  c.res = response;
}
