import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = { ok: true } | { ok: false; code: 'SIGNATURE_MISSING' | 'SIGNATURE_MISMATCH' };

/**
 * WordPress decodes HTML entities in the stored secret before signing (`wp_specialchars_decode(…, ENT_QUOTES)`,
 * storefronts spec §1.3): a secret saved as `a&amp;b` signs with `a&b`.
 */
function wpSpecialcharsDecode(secret: string): string {
  return secret
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#039;', "'")
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** `X-WC-Webhook-Signature` = base64(HMAC-SHA256(raw body, secret)), compared in constant time over the raw bytes. */
export function checkWooCommerceSignature(
  rawBody: Uint8Array,
  header: string | undefined,
  secret: string,
): SignatureCheck {
  if (!header) return { ok: false, code: 'SIGNATURE_MISSING' };
  const expected = createHmac('sha256', wpSpecialcharsDecode(secret)).update(rawBody).digest();
  const given = Buffer.from(header.trim(), 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected)
    ? { ok: true }
    : { ok: false, code: 'SIGNATURE_MISMATCH' };
}
