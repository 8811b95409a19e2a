import { z } from '@hono/zod-openapi';
import { jobState } from '../db/schema.ts';

export const ErrorSchema = z
  .object({ error: z.object({ code: z.string(), message: z.string() }) })
  .openapi('Error', { example: { error: { code: 'JOB_NOT_FOUND', message: 'No job has the id …' } } });

/** A route's JSON response of `schema`, as OpenAPI describes it. */
export const json = <T>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** A route's required JSON request body of `schema`. */
export const jsonBody = <T>(schema: T) => ({ body: { content: { 'application/json': { schema } }, required: true } });

/** Every admin API route asks for the admin token. */
export const security = [{ adminToken: [] }];

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

export const BodyPreviewSchema = z
  .object({
    preview: z.string().openapi({
      description:
        'The start of the body, at most 2 KB (UTF-8), secrets redacted: text as it is, JSON as compact JSON.',
    }),
    bytes: z.number().int().openapi({ description: "The whole body's size in bytes (UTF-8), in the same form." }),
    truncated: z.boolean().openapi({ description: 'The preview is not the whole body: `GET /audit/{id}` serves it.' }),
  })
  .openapi('BodyPreview');

// A union, not `.nullable()`: the generator would mark BodyPreview itself nullable wherever it is used.
const bodyPreviewOrNull = z.union([BodyPreviewSchema, z.null()]);

/** An audit event as the lists show it (`GET /audit`, a job's timeline): an outbound call's bodies previewed. */
export const AuditEventPreviewSchema = AuditEventSchema.extend({
  data: z.unknown().openapi({
    description: "The event's details; an outbound call's request and response are there without their bodies.",
  }),
  bodies: z.object({ request: bodyPreviewOrNull, response: bodyPreviewOrNull }).nullable().openapi({
    description: "An outbound call's bodies, previewed (null: the call sent or got none); null on other events.",
  }),
}).openapi('AuditEventPreview', {
  description: 'An audit event with its bodies previewed; `GET /audit/{id}` serves it whole (an AuditEvent).',
});

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size (default 50).' }),
  before: z.uuid().optional().openapi({ description: 'Cursor: the `nextCursor` of the previous page.' }),
};

export const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
