import type { ServerOptions } from 'node:http';

/**
 * Idle keep-alive connections are kept a minute longer than the server advertises. Node advertises
 * `Keep-Alive: timeout=5` and closes an idle socket 1 s after that; a client that honours the hint (undici, browsers)
 * stops reusing it 2 s before the 5 s. When this process's event loop stalls for longer than that 3 s gap (the
 * embedded PGlite runs on it, and so does a loaded machine's everything), the idle timer can fire before a request the
 * client already wrote is read, and the client gets ECONNRESET. A minute's margin lets such clients always close first,
 * and covers a reverse proxy or load balancer that ignores the hint and keeps its own idle timeout (60 s is common).
 */
export const KEEP_ALIVE_SERVER_OPTIONS = { keepAliveTimeoutBuffer: 60_000 } satisfies ServerOptions;
