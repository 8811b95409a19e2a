/**
 * A `Retry-After` header (RFC 9110 §10.2.3) in ms from `now`: delay-seconds or an HTTP date. NetSuite does not
 * document sending it on 429 (spec §5.1); when it does, it is the least wait. Unreadable → undefined; past → 0.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date starts with the day's name; anything else (`1.5`, `-3`) is not a valid Retry-After.
  if (!/^[A-Za-z]{3}, /.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
