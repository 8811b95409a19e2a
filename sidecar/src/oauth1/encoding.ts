import { randomInt } from 'node:crypto';

/**
 * RFC 3986 percent-encoding as OAuth 1.0a (RFC 5849 §3.6) and PHP's `rawurlencode` both do it: the unreserved
 * characters `A-Z a-z 0-9 - . _ ~` stay, every other UTF-8 byte is `%XX` (space → `%20`, never `+`).
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const NONCE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `length` random alphanumerics: a nonce no server has to escape, fresh for every request and every retry. */
export function oauthNonce(length: number): string {
  let nonce = '';
  for (let i = 0; i < length; i++) nonce += NONCE_ALPHABET[randomInt(NONCE_ALPHABET.length)];
  return nonce;
}
