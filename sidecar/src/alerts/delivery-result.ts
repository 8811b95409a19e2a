/** How sending to one channel ended: a value, with a code and a sentence a merchant can act on. */
export type DeliveryResult =
  | { ok: true; message: string }
  | {
      ok: false;
      code: string;
      message: string;
      /** Worth another try later (the server was down, busy, or said "try again"). */
      retryable: boolean;
      retryAfterMs?: number | undefined;
      /** The other side's own words. */
      detail?: unknown;
    };

export const delivered = (message: string): DeliveryResult => ({ ok: true, message });

export const failed = (
  code: string,
  message: string,
  retryable: boolean,
  detail?: unknown,
  retryAfterMs?: number,
): DeliveryResult => ({ ok: false, code, message, retryable, detail, retryAfterMs });
