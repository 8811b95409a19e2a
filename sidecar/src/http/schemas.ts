import { z } from '@hono/zod-openapi';
import { jobState } from '../db/schema.ts';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error', { example: { error: { code: 'JOB_NOT_FOUND', message: 'No job has the id …' } } });

export const errorResponses = {
  400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Invalid request' },
  401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'Missing or wrong admin token' },
} as const;

export const JobStateSchema = z.enum(jobState.enumValues).openapi('JobState');

const timestamp = z.string().openapi({ format: 'date-time' });

export const JobSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    entityKey: z.string(),
    idempotencyKey: z.string(),
    state: JobStateSchema,
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    replays: z.number().int(),
    runAt: timestamp,
    lockedBy: z.string().nullable(),
    lockedUntil: timestamp.nullable(),
    lastError: z.object({ code: z.string(), message: z.string(), detail: z.unknown().optional() }).nullable(),
    payload: z.unknown(),
    createdAt: timestamp,
    updatedAt: timestamp,
    finishedAt: timestamp.nullable(),
  })
  .openapi('Job');

export const AuditEventSchema = z
  .object({
    id: z.uuid(),
    at: timestamp,
    type: z.string(),
    jobId: z.uuid().nullable(),
    entityKey: z.string().nullable(),
    externalId: z.string().nullable(),
    state: JobStateSchema.nullable(),
    attempt: z.number().int().nullable(),
    requestId: z.string().nullable(),
    message: z.string(),
    data: z.unknown(),
  })
  .openapi('AuditEvent');

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size (default 50).' }),
  before: z.uuid().optional().openapi({ description: 'Cursor: the `nextCursor` of the previous page.' }),
};

export const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
