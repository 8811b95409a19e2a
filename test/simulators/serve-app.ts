import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../sidecar/src/http/keep-alive.ts';

/** A simulator's address and how to stop it. */
export interface ServedApp {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  /** Stops listening and drops open connections, so keep-alive clients do not hold it open. */
  close(): Promise<void>;
}

/** Serves a simulator's app on 127.0.0.1 at `port` (0: any free one), once it listens. */
export async function serveApp(app: Hono, port: number): Promise<ServedApp> {
  const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1', serverOptions: KEEP_ALIVE_SERVER_OPTIONS });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
