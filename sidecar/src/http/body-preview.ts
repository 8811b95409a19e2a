/**
 * How much of an audited body the audit lists (`GET /audit`, a job's timeline) carry inline (default 2 KB of UTF-8):
 * enough to recognise a call. A stock or price run's 20 batch calls and SuiteQL pages made a timeline, and the first
 * page of the audit search, several MB when carried whole.
 */
export const BODY_PREVIEW_BYTES = 2048;

/** The start of a body and how large it is whole; `truncated`: the preview is not all of it. */
export interface BodyPreview {
  preview: string;
  bytes: number;
  truncated: boolean;
}

/** A body as the audit trail keeps it, as text: a string as it is, JSON (and form fields) as compact JSON. */
export const bodyText = (body: unknown): string => (typeof body === 'string' ? body : JSON.stringify(body));

/** Cuts on a character boundary, so a preview never ends in half a character. */
export function bodyPreview(body: unknown, limitBytes = BODY_PREVIEW_BYTES): BodyPreview {
  const text = bodyText(body);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= limitBytes) return { preview: text, bytes, truncated: false };
  // encodeInto writes whole characters only; `read` is how many UTF-16 units of the text fitted.
  const { read } = new TextEncoder().encodeInto(text, new Uint8Array(limitBytes));
  return { preview: text.slice(0, read), bytes, truncated: true };
}
