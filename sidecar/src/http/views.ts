import type { AuditEvent } from '../audit/search.ts';
import type { Job } from '../jobs/job.ts';
import type { Redactor } from '../redact.ts';
import { type BodyPreview, bodyPreview } from './body-preview.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** A job as the admin API shows it: payload and error redacted, times as ISO strings. */
export function jobView(job: Job, redactor: Redactor) {
  return {
    id: job.id,
    kind: job.kind,
    entityKey: job.entityKey,
    idempotencyKey: job.idempotencyKey,
    state: job.state,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    replays: job.replays,
    runAt: job.runAt.toISOString(),
    lockedBy: job.lockedBy,
    lockedUntil: iso(job.lockedUntil),
    lastError: job.lastError ? redactor.redact(job.lastError) : null,
    payload: redactor.redact(job.payload),
    createdAt: job.createdAt.toISOString(),
    updatedAt: job.updatedAt.toISOString(),
    finishedAt: iso(job.finishedAt),
  };
}

/** Audit events are redacted when written; the redactor runs again for secrets learnt since. */
export function auditEventView(event: AuditEvent, redactor: Redactor) {
  return {
    id: event.id,
    at: event.at.toISOString(),
    type: event.type,
    jobId: event.jobId,
    entityKey: event.entityKey,
    externalId: event.externalId,
    state: event.state,
    attempt: event.attempt,
    requestId: event.requestId,
    message: redactor.scrub(event.message),
    data: redactor.redact(event.data),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A request or response of an outbound call without its body, and the body's preview (null: it had none). */
function withoutBody(part: unknown): { rest: unknown; preview: BodyPreview | null } {
  if (!isRecord(part) || !('body' in part)) return { rest: part, preview: null };
  const { body, ...rest } = part;
  return { rest, preview: bodyPreview(body) };
}

/**
 * An audit event as the lists show it (`GET /audit`, a job's timeline): an outbound call's request and response bodies
 * (up to 64 KB each, 20 batch calls on a stock run) leave `data` and are previewed in `bodies`; `GET /audit/{id}`
 * serves them whole. Previews are cut from the redacted bodies, so a cut never leaves the start of a secret the
 * redactor would match.
 */
export function auditEventPreviewView(event: AuditEvent, redactor: Redactor) {
  const view = auditEventView(event, redactor);
  if (event.type !== 'outbound.call' || !isRecord(view.data)) return { ...view, bodies: null };
  const request = withoutBody(view.data.request);
  const response = withoutBody(view.data.response);
  const data = {
    ...view.data,
    ...('request' in view.data ? { request: request.rest } : {}),
    ...('response' in view.data ? { response: response.rest } : {}),
  };
  return { ...view, data, bodies: { request: request.preview, response: response.preview } };
}
