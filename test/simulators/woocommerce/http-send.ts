/**
 * How WordPress's HTTP API sends a webhook: exactly the headers given, in their order (as the recordings show them),
 * a timeout, and redirects followed only when asked (`deliver()` never follows; the ping follows up to 5).
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';

export interface SendResult {
  /** The status code, or undefined when no answer came (the `WP_Error` case). */
  status: number | undefined;
  /** The `WP_Error` message. */
  error: string | undefined;
  body: string;
}

/** Longest answer body read; the rest is dropped (WordPress limits nothing, but a test needs no more). */
const MAX_BODY = 64 * 1024;

export async function send(
  url: string,
  headers: [string, string][],
  body: string,
  options: { timeoutMs: number; redirects: number },
): Promise<SendResult> {
  let target = url;
  for (let hop = 0; ; hop++) {
    const result = await sendOnce(target, headers, body, options.timeoutMs);
    const location = result.location;
    if (
      !location ||
      hop >= options.redirects ||
      result.status === undefined ||
      result.status < 300 ||
      result.status > 308
    ) {
      return { status: result.status, error: result.error, body: result.body };
    }
    target = new URL(location, target).toString();
    headers = headers.map(([name, value]) => [name, name.toLowerCase() === 'host' ? new URL(target).host : value]);
  }
}

function sendOnce(url: string, headers: [string, string][], body: string, timeoutMs: number) {
  return new Promise<SendResult & { location: string | undefined }>((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve({ status: undefined, error: 'A valid URL was not provided.', body: '', location: undefined });
      return;
    }
    const requester =
      parsed.protocol === 'https:' ? httpsRequest : parsed.protocol === 'http:' ? httpRequest : undefined;
    if (!requester) {
      resolve({ status: undefined, error: 'A valid URL was not provided.', body: '', location: undefined });
      return;
    }
    const request = requester(
      parsed,
      { method: 'POST', headers: headers.flat(), signal: AbortSignal.timeout(timeoutMs), setHost: false },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode,
            error: undefined,
            body: Buffer.concat(chunks).toString('utf8'),
            location: response.headers.location,
          }),
        );
        response.on('error', (error) =>
          resolve({ status: undefined, error: curlText(error), body: '', location: undefined }),
        );
      },
    );
    request.on('error', (error) =>
      resolve({ status: undefined, error: curlText(error), body: '', location: undefined }),
    );
    request.end(body);
  });
}

function curlText(error: Error): string {
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'cURL error 28: Operation timed out';
  const code = (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return 'cURL error 7: Failed to connect: Connection refused';
  return `cURL error: ${error.message}`;
}

const PRIVATE_V4 = [
  [0x7f000000, 8],
  [0x0a000000, 8],
  [0xac100000, 12],
  [0xc0a80000, 16],
  [0xa9fe0000, 16],
  [0x64400000, 10],
  [0x00000000, 8],
] as const;

/**
 * `wp_http_validate_url` as `wp_safe_remote_*` applies it: literal private, loopback or reserved IPv4 addresses,
 * `localhost` and ports other than 80, 443 and 8080 are refused (the site's own host and port aside).
 */
export function isSafeUrl(url: string, home: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const site = new URL(home);
  if (parsed.host === site.host) return true;
  const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
  if (![80, 443, 8080].includes(port)) return false;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost') return false;
  if (isIP(host) === 4) {
    const value = host.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    return !PRIVATE_V4.some(([base, bits]) => value >>> (32 - bits) === base >>> (32 - bits));
  }
  if (isIP(host) === 6) return !['::1', '::'].includes(host);
  return true;
}
