import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { ScheduleStatus } from '../../schedules/runner.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, json, security } from '../schemas.ts';

const timestamp = z.string().openapi({ format: 'date-time' });
const tags = ['Schedules'];

const ScheduleSchema = z
  .object({
    name: z.string(),
    cadence: z.string().openapi({ description: 'The period, e.g. `15m` (`MLC_SCHEDULE_<NAME>_EVERY`)' }),
    cadenceMs: z.number().int(),
    lastRunAt: timestamp.nullable().openapi({ description: 'When the last run started' }),
    lastFinishedAt: timestamp.nullable(),
    nextRunAt: timestamp,
    runningBy: z.string().nullable().openapi({ description: 'The process running it now, if one is' }),
    lastOutcome: z.enum(['succeeded', 'failed']).nullable(),
    lastResult: z.unknown().openapi({
      description:
        'What the last run reported, `{ message, details }`, or its error, `{ code, message, detail }`; null before the first run',
    }),
  })
  .openapi('Schedule');

const nameParam = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/)
    .openapi({ param: { name: 'name', in: 'path' }, example: 'woocommerce-backfill' }),
});

const list = createRoute({
  method: 'get',
  path: '/schedules',
  tags,
  summary: 'The schedules (backfill, polls, reports): cadence, last and next run, last result',
  security,
  responses: {
    200: json(z.object({ items: z.array(ScheduleSchema), nextCursor: z.null() }), 'Every schedule'),
    ...errorResponses,
  },
});

const runNow = createRoute({
  method: 'post',
  path: '/schedules/{name}/run',
  tags,
  summary: 'Run a schedule now and answer how it ended; still one run at a time across every process',
  description:
    'The run counts as the current period: the next one comes a full period later. A run that fails is still a 200: ' +
    'its error is in `lastResult`, with `lastOutcome` "failed".',
  security,
  request: { params: nameParam },
  responses: {
    200: json(ScheduleSchema, 'The schedule after the run'),
    404: json(ErrorSchema, 'No such schedule'),
    409: json(ErrorSchema, 'It is running now (here or in another process)'),
    ...errorResponses,
  },
});

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** Results are redacted when stored; the redactor runs again for secrets learnt since. */
const scheduleView = (schedule: ScheduleStatus, redactor: AppDeps['redactor']) => ({
  name: schedule.name,
  cadence: schedule.cadence,
  cadenceMs: schedule.cadenceMs,
  lastRunAt: iso(schedule.lastRunAt),
  lastFinishedAt: iso(schedule.lastFinishedAt),
  nextRunAt: schedule.nextRunAt.toISOString(),
  runningBy: schedule.runningBy,
  lastOutcome: schedule.lastOutcome,
  lastResult: redactor.redact(schedule.lastResult),
});

export function registerScheduleRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { schedules, redactor } = deps;

  app.openapi(list, async (c) => {
    const items = await schedules.list();
    return c.json({ items: items.map((schedule) => scheduleView(schedule, redactor)), nextCursor: null }, 200);
  });

  app.openapi(runNow, async (c) => {
    const { name } = c.req.valid('param');
    const outcome = await schedules.runNow(name);
    if (outcome.status === 'unknown') {
      throw new ApiError(404, 'SCHEDULE_NOT_FOUND', `No schedule is named ${name}: see GET /api/v1/schedules.`);
    }
    if (outcome.status === 'running') {
      const since = outcome.since ? ` since ${outcome.since.toISOString()}` : '';
      throw new ApiError(
        409,
        'SCHEDULE_RUNNING',
        `Schedule ${name} is running now (process ${outcome.runningBy}${since}); its result will show in GET /api/v1/schedules.`,
      );
    }
    return c.json(scheduleView(outcome.schedule, redactor), 200);
  });
}
