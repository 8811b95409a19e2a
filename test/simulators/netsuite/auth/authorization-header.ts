import { parseOAuthParams } from './oauth1.ts';

export type Credentials =
  | { scheme: 'none' }
  | { scheme: 'bearer'; token: string }
  | { scheme: 'oauth'; params: Map<string, string> }
  | { scheme: 'other' }
  | { scheme: 'malformed' };

/** RFC 6750 §2.1 `b64token`. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** Reads an Authorization header; schemes are case-insensitive (RFC 9110 §11.1). */
export function readAuthorization(header: string | undefined): Credentials {
  if (header === undefined || header.trim() === '') return { scheme: 'none' };
  const match = /^\s*([A-Za-z0-9!#$%&'*+.^_`|~-]+)(?:\s+(.*))?$/s.exec(header);
  if (!match) return { scheme: 'malformed' };
  const scheme = (match[1] ?? '').toLowerCase();
  const rest = (match[2] ?? '').trim();
  if (scheme === 'bearer') return B64TOKEN.test(rest) ? { scheme: 'bearer', token: rest } : { scheme: 'malformed' };
  if (scheme === 'oauth') {
    const params = parseOAuthParams(rest);
    return params ? { scheme: 'oauth', params } : { scheme: 'malformed' };
  }
  return { scheme: 'other' };
}
