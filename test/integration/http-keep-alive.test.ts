/**
 * A kept-alive connection survives a stall of the event loop. The sidecar shares its thread with the embedded PGlite,
 * so a stall of seconds happens; Node's default closes an idle socket 6 s after a response, and when the stall spans
 * that moment the idle timer fires before a request already written is read: the client gets ECONNRESET. This is what
 * failed an end-to-end test on a loaded CI machine. A bare Node server beside the sidecar shows the reset is real.
 */
import { createServer, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

/** Longer than Node's default idle keep-alive (5 s advertised, closed 1 s later). */
const STALL_MS = 6_500;

/** One HTTP/1.1 connection read by hand, so that the test decides when each request is written. */
class RawConnection {
  readonly #socket: Socket;
  #received = '';
  #outcome: Promise<string> | undefined;

  constructor(port: number) {
    this.#socket = connect(port, '127.0.0.1');
    this.#socket.setEncoding('utf8');
    this.#socket.on('data', (chunk: string) => {
      this.#received += chunk;
    });
  }

  /** Writes a GET; its answer is read by `response()`. */
  send(path: string): void {
    this.#received = '';
    this.#outcome = new Promise<string>((resolve, reject) => {
      const settle = () => {
        const complete = completeResponse(this.#received);
        if (complete) {
          this.#socket.off('data', settle);
          resolve(complete);
        }
      };
      this.#socket.on('data', settle);
      this.#socket.once('error', (error: NodeJS.ErrnoException) => reject(error));
      this.#socket.once('close', () => reject(new Error(`closed before an answer: ${JSON.stringify(this.#received)}`)));
    });
    this.#outcome.catch(() => undefined);
    this.#socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n`);
  }

  /** The status line of the answer to the last request, or the error that ended the connection. */
  response(): Promise<string> {
    if (!this.#outcome) throw new Error('Nothing was sent.');
    return this.#outcome;
  }

  close(): void {
    this.#socket.destroy();
  }
}

/** The status line, once headers and the whole body (by Content-Length) have arrived. */
function completeResponse(received: string): string | undefined {
  const end = received.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
  if (Buffer.byteLength(received.slice(end + 4)) < length) return undefined;
  return received.slice(0, received.indexOf('\r\n'));
}

function stallEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // Busy: what a long synchronous PGlite query does to every socket of this process.
  }
}

describe('HTTP keep-alive across an event-loop stall', () => {
  let sidecar: TestSidecar;
  let bare: Server;

  beforeAll(async () => {
    sidecar = await startTestSidecar('pglite');
    bare = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    bare.closeAllConnections();
    await new Promise((resolve) => bare.close(resolve));
    await sidecar?.close();
  });

  it("answers a request written just before the stall on a kept-alive connection, where Node's default resets it", async () => {
    const toSidecar = new RawConnection(Number(new URL(sidecar.sidecar.url).port));
    const toBare = new RawConnection((bare.address() as { port: number }).port);
    try {
      toSidecar.send('/healthz');
      toBare.send('/');
      expect([await toSidecar.response(), await toBare.response()]).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);

      // Written, and then nothing is read until the stall ends, when every expired timer runs first.
      toSidecar.send('/healthz');
      toBare.send('/');
      stallEventLoop(STALL_MS);

      expect(await toSidecar.response()).toBe('HTTP/1.1 200 OK');
      await expect(toBare.response()).rejects.toMatchObject({ code: 'ECONNRESET' });
    } finally {
      toSidecar.close();
      toBare.close();
    }
  });
});
