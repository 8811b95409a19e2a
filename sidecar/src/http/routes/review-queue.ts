import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listReviewQueue, type ReviewQueueEntry, releaseReviewQueueEntry } from '../../review-queue/review-queue.ts';
import type { AppDeps } from '../app.ts';
import { ErrorSchema, errorResponses, idParam, JobSchema, json, pageQuery, security } from '../schemas.ts';
import { jobView } from '../views.ts';

const tags = ['Review queue'];

const ReviewQueueEntrySchema = z
  .object({
    id: z.uuid().openapi({ description: 'The held job’s id' }),
    jobId: z.uuid(),
    kind: z.string(),
    connectionId: z.uuid().nullable(),
    code: z.string().openapi({ example: 'UNMAPPED_SKU' }),
    reason: z.string().openapi({ description: 'What the merchant must do, in a sentence' }),
    skus: z.array(z.string()),
    shippingMethods: z.array(z.string()),
    order: z.object({ number: z.string(), total: z.string() }).nullable(),
    heldAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('ReviewQueueEntry');

const list = createRoute({
  method: 'get',
  path: '/review-queue',
  tags,
  summary: 'What waits for the merchant (held jobs), newest first',
  security,
  request: { query: z.object(pageQuery) },
  responses: {
    200: json(z.object({ items: z.array(ReviewQueueEntrySchema), nextCursor: z.uuid().nullable() }), 'A page'),
    ...errorResponses,
  },
});

const release = createRoute({
  method: 'post',
  path: '/review-queue/{id}/release',
  tags,
  summary: 'Run the held job again now that its cause is fixed',
  security,
  request: { params: idParam },
  responses: {
    200: json(JobSchema, 'The job, queued again'),
    404: json(ErrorSchema, 'No such job'),
    409: json(ErrorSchema, 'The job is no longer held'),
    ...errorResponses,
  },
});

const entryView = (entry: ReviewQueueEntry) => ({ ...entry, heldAt: entry.heldAt.toISOString() });

export function registerReviewQueueRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, audit, redactor } = deps;

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const items = await listReviewQueue(db, query);
    const nextCursor = items.length === query.limit ? (items.at(-1)?.id ?? null) : null;
    return c.json({ items: items.map(entryView), nextCursor }, 200);
  });

  app.openapi(release, async (c) => {
    const job = await releaseReviewQueueEntry(db, audit, c.req.valid('param').id, 'admin API (review queue)');
    deps.onJobsQueued();
    return c.json(jobView(job, redactor), 200);
  });
}
