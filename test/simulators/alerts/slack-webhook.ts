import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../../sidecar/src/http/keep-alive.ts';

/**
 * Answers as a Slack incoming webhook does: 200 `ok` for a JSON body with `text` or `blocks`, 400 `invalid_payload`
 * otherwise, 404 `no_service` for an unknown path. Keeps every accepted body; can be told to fail with 500 a while.
 */
export async function startSlackWebhook() {
  const received: { text?: string; blocks?: unknown[] }[] = [];
  let failNext = 0;
  const path = `/services/T0TEST/B0TEST/${'x'.repeat(24)}`;
  const server = createServer(KEEP_ALIVE_SERVER_OPTIONS, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = (status: number, body: string) => {
        response.writeHead(status, { 'content-type': 'text/plain' });
        response.end(body);
      };
      if (request.method !== 'POST' || request.url !== path) return answer(404, 'no_service');
      if (failNext > 0) {
        failNext--;
        return answer(500, 'internal_error');
      }
      let body: { text?: unknown; blocks?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return answer(400, 'invalid_payload');
      }
      if (typeof body.text !== 'string' && !Array.isArray(body.blocks)) return answer(400, 'no_text');
      received.push(body as { text?: string; blocks?: unknown[] });
      answer(200, 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${origin}${path}`,
    wrongUrl: `${origin}/services/T0TEST/B0TEST/wrong`,
    received,
    failNext(count: number) {
      failNext = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
