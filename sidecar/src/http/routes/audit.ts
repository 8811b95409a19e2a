import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { auditEvent, searchAudit } from '../../audit/search.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import {
  AuditEventPreviewSchema,
  AuditEventSchema,
  ErrorSchema,
  errorResponses,
  idParam,
  JobStateSchema,
  json,
  pageQuery,
  security,
} from '../schemas.ts';
import { auditEventPreviewView, auditEventView } from '../views.ts';

const search = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Audit'],
  summary: 'Search the audit trail, newest first (bodies previewed)',
  description:
    'Each outbound call carries the first 2 KB of what was sent and what came back, with each body’s whole size; ' +
    '`GET /audit/{id}` serves one event with its bodies whole. `q` still searches the bodies whole.',
  security,
  request: {
    query: z.object({
      jobId: z.uuid().optional(),
      entityKey: z.string().optional(),
      externalId: z.string().optional(),
      state: JobStateSchema.optional(),
      type: z.string().optional(),
      q: z
        .string()
        .max(200)
        .optional()
        .openapi({
          description:
            'Free text, case-insensitive, found in any field or the JSON details, bodies included (past their ' +
            'preview too): an order number, a SKU, an externalId, a job id. Combines with the other filters.',
        }),
      from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Events at or after (ISO 8601).' }),
      to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Events at or before (ISO 8601).' }),
      ...pageQuery,
    }),
  },
  responses: {
    200: json(
      z.object({ items: z.array(AuditEventPreviewSchema), nextCursor: z.uuid().nullable() }),
      'A page of audit events',
    ),
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: '/audit/{id}',
  tags: ['Audit'],
  summary: 'One audit event, with what was sent and what came back whole',
  description: 'Bodies as the audit trail keeps them (each cut at 64 KB when it was written), secrets redacted.',
  security,
  request: { params: idParam },
  responses: {
    200: json(AuditEventSchema, 'The audit event'),
    404: json(ErrorSchema, 'No such audit event'),
    ...errorResponses,
  },
});

export function registerAuditRoutes(app: OpenAPIHono, { db, redactor }: AppDeps): void {
  app.openapi(search, async (c) => {
    const query = c.req.valid('query');
    const items = await searchAudit(db, {
      ...query,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
    const nextCursor = items.length === query.limit ? (items.at(-1)?.id ?? null) : null;
    return c.json({ items: items.map((event) => auditEventPreviewView(event, redactor)), nextCursor }, 200);
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const event = await auditEvent(db, id);
    if (!event) throw new ApiError(404, 'AUDIT_EVENT_NOT_FOUND', `The activity has no event with the id ${id}.`);
    return c.json(auditEventView(event, redactor), 200);
  });
}
