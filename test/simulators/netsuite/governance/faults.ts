import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from 'hono';
import { concurrencyLimitExceeded, serviceUnavailable, unexpectedError } from './responses.ts';
import type { Fault } from './settings.ts';

/** A stalled request is let go after this long at most (every wait is bounded). */
export const MAX_STALL_MS = 30_000;

/** What the client receives for an injected fault; `null` when it receives nothing (connection dropped). */
export async function injectFault(c: Context, kind: Fault['kind']): Promise<Response | null> {
  switch (kind) {
    case 503:
      return serviceUnavailable();
    case 500:
      return unexpectedError();
    case 429:
      // Injected 429s carry Retry-After so clients' handling of it can be tested (spec §10 item 4).
      return concurrencyLimitExceeded({ 'Retry-After': '1' });
    case 'reset':
      dropConnection(c);
      return null;
    case 'stall':
      await untilAbortedOr(c.req.raw.signal, MAX_STALL_MS);
      dropConnection(c);
      return null;
  }
}

/** Destroys the TCP connection without an answer, as a network failure or proxy reset would. */
function dropConnection(c: Context): void {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  incoming?.socket?.destroy();
}

async function untilAbortedOr(signal: AbortSignal, ms: number): Promise<void> {
  if (signal.aborted) return;
  await sleep(ms, undefined, { signal, ref: false }).catch(() => {});
}
