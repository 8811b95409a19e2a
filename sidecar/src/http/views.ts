import type { AuditEvent } from '../audit/search.ts';
import type { Job } from '../jobs/job.ts';
import type { Redactor } from '../redact.ts';

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
