import { vi } from 'vitest';

export interface Call {
  method: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

type Reply = { status?: number; body: unknown };
type Handler = Reply | ((call: Call) => Reply | Promise<Reply>);

/**
 * Stubs window.fetch, below api-fetch, so the bundled api-fetch with its root URL and nonce middlewares runs for real.
 * Routes are `METHOD route` under /wp-json/ml-connector/v1/ (query ignored); api-fetch sends PUT as POST with
 * X-HTTP-Method-Override, which WordPress honours, so the override is the method seen here. Unknown routes answer 404.
 */
export function mockApi(routes: Record<string, Handler>): Call[] {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const headers = new Headers(init.headers);
    const method = headers.get('X-HTTP-Method-Override') ?? init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, url, headers, body };
    calls.push(call);
    const route = url.pathname.replace(/^\/wp-json\/ml-connector\/v1\//, '');
    const handler = routes[`${method} ${route}`];
    const reply = typeof handler === 'function' ? await handler(call) : handler;
    const { status = 200, body: replyBody } = reply ?? {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: `No route ${method} ${route}` } },
    };
    return new Response(JSON.stringify(replyBody), { status, headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  return calls;
}

/** A promise and its resolver, to hold a reply back while a test looks at the loading state. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((done) => {
    resolve = done;
  });
  return { promise, resolve };
}
