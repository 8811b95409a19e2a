import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { readLatestReport } from '../../exception-report/report-store.ts';
import { runExceptionReport } from '../../exception-report/run-report.ts';
import type { AppDeps } from '../app.ts';
import { errorResponses, json, security } from '../schemas.ts';

const tags = ['Exception report'];

const section = (description: string) =>
  z
    .object({ total: z.number().int(), items: z.array(z.record(z.string(), z.unknown())) })
    .openapi({ description: `${description}; at most 50 listed, \`total\` counts them all` });

const DeliverySchema = z.object({
  status: z.enum(['queued', 'skipped']),
  jobId: z.uuid().optional().openapi({ description: 'The delivery job, when queued' }),
  code: z.string().optional().openapi({ example: 'EXCEPTION_REPORT_NO_EMAIL_CHANNEL' }),
  message: z.string().optional(),
});

const ReportSchema = z
  .object({
    id: z.uuid(),
    generatedAt: z.string().openapi({ format: 'date-time' }),
    trigger: z.enum(['schedule', 'on_demand']),
    sections: z.object({
      heldOrders: section('Orders held in the review queue, with its reasons'),
      deadJobs: section('Dead jobs: kind, entity, error code and message, since'),
      fulfillmentsNotWrittenBack: section('Fulfillment write-back jobs dead, or retrying for more than 1 h'),
      webhookOutages: section('Open webhook_disabled, webhook_missing and no_deliveries alerts'),
      stockDrift: section('Open stock_drift alerts'),
      openAlerts: section('Open alerts counted by kind'),
    }),
    delivery: z.object({ email: DeliverySchema, webhook: DeliverySchema }),
  })
  .openapi('ExceptionReport');

const latest = createRoute({
  method: 'get',
  path: '/exception-report',
  tags,
  summary: 'The latest exception report (null before the first run)',
  security,
  responses: { 200: json(z.object({ report: ReportSchema.nullable() }), 'The latest report'), ...errorResponses },
});

const run = createRoute({
  method: 'post',
  path: '/exception-report/run',
  tags,
  summary: 'Make the exception report now, store it as the latest and send it to the alert channels',
  security,
  responses: { 200: json(z.object({ report: ReportSchema }), 'The report just made'), ...errorResponses },
});

export function registerExceptionReportRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, audit } = deps;

  app.openapi(latest, async (c) => c.json({ report: (await readLatestReport(db)) ?? null }, 200));

  app.openapi(run, async (c) => {
    const report = await runExceptionReport(db, audit, 'on_demand');
    deps.onJobsQueued();
    return c.json({ report }, 200);
  });
}
