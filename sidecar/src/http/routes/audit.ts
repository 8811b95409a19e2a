import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { searchAudit } from '../../audit/search.ts';
import type { AppDeps } from '../app.ts';
import { AuditEventSchema, errorResponses, JobStateSchema, pageQuery } from '../schemas.ts';
import { auditEventView } from '../views.ts';

const search = createRoute({
  method: 'get',
  path: '/audit',
  tags: ['Audit'],
  summary: 'Search the audit trail, newest first',
  security: [{ adminToken: [] }],
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
            'Free text, case-insensitive, found in any field or the JSON details: an order number, a SKU, an ' +
            'externalId, a job id. Combines with the other filters.',
        }),
      from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Events at or after (ISO 8601).' }),
      to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Events at or before (ISO 8601).' }),
      ...pageQuery,
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.object({ items: z.array(AuditEventSchema), nextCursor: z.uuid().nullable() }) },
      },
      description: 'A page of audit events',
    },
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
    return c.json({ items: items.map((event) => auditEventView(event, redactor)), nextCursor }, 200);
  });
}
