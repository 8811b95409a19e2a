import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { jobTimeline } from '../../audit/search.ts';
import { cancelJob, releaseJob, replayJob } from '../../jobs/operator-actions.ts';
import { getJob, listJobs } from '../../jobs/queries.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import {
  AuditEventPreviewSchema,
  ErrorSchema,
  errorResponses,
  idParam,
  JobSchema,
  JobStateSchema,
  json,
  pageQuery,
  security,
} from '../schemas.ts';
import { auditEventPreviewView, jobView } from '../views.ts';

const list = createRoute({
  method: 'get',
  path: '/jobs',
  tags: ['Jobs'],
  summary: 'List jobs, newest first',
  security,
  request: {
    query: z.object({
      state: JobStateSchema.optional(),
      kind: z.string().optional(),
      entityKey: z.string().optional(),
      externalId: z
        .string()
        .min(1)
        .optional()
        .openapi({ description: 'Jobs whose audit trail or notes name this NetSuite externalId (`WOO_ORDER_12`).' }),
      ...pageQuery,
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(JobSchema), nextCursor: z.uuid().nullable() }), 'A page of jobs'),
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: '/jobs/{id}',
  tags: ['Jobs'],
  summary: 'A job with its timeline (every transition and outbound call, bodies previewed)',
  description:
    'Each outbound call on the timeline carries the first 2 KB of what was sent and what came back, with each ' +
    "body's whole size; `GET /audit/{id}` serves one event with its bodies whole.",
  security,
  request: { params: idParam },
  responses: {
    200: json(JobSchema.extend({ timeline: z.array(AuditEventPreviewSchema) }).openapi('JobWithTimeline'), 'The job'),
    404: json(ErrorSchema, 'No such job'),
    ...errorResponses,
  },
});

const action = (verb: 'replay' | 'release' | 'cancel', summary: string) =>
  createRoute({
    method: 'post',
    path: `/jobs/{id}/${verb}`,
    tags: ['Jobs'],
    summary,
    security,
    request: { params: idParam },
    responses: {
      200: json(JobSchema, 'The job after the action'),
      404: json(ErrorSchema, 'No such job'),
      409: json(ErrorSchema, 'The job is not in a state this action applies to'),
      ...errorResponses,
    },
  });

export function registerJobRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, audit, redactor } = deps;

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const items = await listJobs(db, query);
    const nextCursor = items.length === query.limit ? (items.at(-1)?.id ?? null) : null;
    return c.json({ items: items.map((job) => jobView(job, redactor)), nextCursor }, 200);
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const job = await getJob(db, id);
    if (!job) throw new ApiError(404, 'JOB_NOT_FOUND', `No job has the id ${id}.`);
    const timeline = await jobTimeline(db, id);
    return c.json(
      { ...jobView(job, redactor), timeline: timeline.map((e) => auditEventPreviewView(e, redactor)) },
      200,
    );
  });

  const actions = [
    [action('replay', 'Run a dead or succeeded job again, as the same job'), replayJob],
    [action('release', 'Release a held job once its cause is fixed'), releaseJob],
    [action('cancel', 'Give up on a job that has not finished'), cancelJob],
  ] as const;
  for (const [route, perform] of actions) {
    app.openapi(route, async (c) => {
      const job = await perform(db, audit, c.req.valid('param').id, 'admin API');
      deps.onJobsQueued();
      return c.json(jobView(job, redactor), 200);
    });
  }
}
