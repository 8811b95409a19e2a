import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../db/client.ts';
import { auditEvents, type jobs } from '../db/schema.ts';
import { currentLogContext } from '../logger.ts';
import type { Redactor } from '../redact.ts';

type JobRow = typeof jobs.$inferSelect;

/**
 * Event types, one per lifecycle step (the taxonomy metrics and alerts hang on):
 * job.enqueued · job.started · job.lease_expired · job.succeeded · job.retrying · job.held · job.dead ·
 * job.released · job.replayed · job.cancelled · job.note (a step a flow reports) · outbound.call ·
 * personal_data.erased (a person's data erased from the stored deliveries and trail) ·
 * netsuite_account.tested (an operator's connection test of a NetSuite account, and how it ended).
 */
export type AuditEventType =
  | 'job.enqueued'
  | 'job.started'
  | 'job.lease_expired'
  | 'job.succeeded'
  | 'job.retrying'
  | 'job.held'
  | 'job.dead'
  | 'job.released'
  | 'job.replayed'
  | 'job.cancelled'
  | 'job.note'
  | 'outbound.call'
  | 'personal_data.erased'
  | 'netsuite_account.tested';

export interface AuditEventInput {
  type: AuditEventType;
  message: string;
  /** The job it concerns: its id, entity key, state and attempt are copied onto the event. */
  job?: Pick<JobRow, 'id' | 'entityKey' | 'state' | 'attempts'>;
  externalId?: string | undefined;
  data?: unknown;
}

/** Writes audit events, redacted, in whatever transaction the caller is in. */
export class AuditLog {
  readonly #redactor: Redactor;

  constructor(redactor: Redactor) {
    this.#redactor = redactor;
  }

  /** Without `event.job`, the event belongs to the job running in this context, if any (its id is on the log context). */
  async record(db: Queryable, event: AuditEventInput): Promise<void> {
    const context = currentLogContext();
    await db.insert(auditEvents).values({
      id: uuidv7(),
      type: event.type,
      jobId: event.job?.id ?? context.jobId ?? null,
      entityKey: event.job?.entityKey ?? context.entityKey ?? null,
      externalId: event.externalId ?? null,
      state: event.job?.state ?? null,
      attempt: event.job?.attempts ?? null,
      requestId: context.requestId ?? null,
      message: this.#redactor.scrub(event.message),
      data: event.data === undefined ? null : this.#redactor.redact(event.data),
    });
  }
}
