import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { BlankEnv } from 'hono/types';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import { type Logger, withLogContext } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { NetSuiteClients } from '../netsuite/client.ts';
import type { WooCommerceStores } from '../platforms/woocommerce/rest-client.ts';
import type { Redactor } from '../redact.ts';
import type { ScheduleRunner } from '../schedules/runner.ts';
import type { Vault } from '../vault/vault.ts';
import type { ReceiverCache } from '../webhooks/receiver-cache.ts';
import { requireAdminToken } from './admin-auth.ts';
import { errorBody, errorHandler } from './errors.ts';
import { registerAlertChannelRoutes } from './routes/alert-channels.ts';
import { registerAlertRoutes } from './routes/alerts.ts';
import { registerAuditRoutes } from './routes/audit.ts';
import { registerConnectionRoutes } from './routes/connections.ts';
import { registerExceptionReportRoutes } from './routes/exception-report.ts';
import { registerHealthRoutes } from './routes/health.ts';
import { registerJobRoutes } from './routes/jobs.ts';
import { registerNetSuiteAccountRoutes } from './routes/netsuite-accounts.ts';
import { registerNetSuiteHealthRoutes } from './routes/netsuite-health.ts';
import { registerPersonalDataRoutes } from './routes/personal-data.ts';
import { registerReviewQueueRoutes } from './routes/review-queue.ts';
import { registerScheduleRoutes } from './routes/schedules.ts';
import { registerSecretRoutes } from './routes/secrets.ts';
import { registerSkuMappingRoutes } from './routes/sku-mappings.ts';
import { registerStatsRoutes } from './routes/stats.ts';
import { registerStockRoutes } from './routes/stock.ts';
import { registerWebhookHealthRoutes } from './routes/webhook-health.ts';
import { registerWebhookRoutes } from './routes/webhooks.ts';

export interface AppDeps {
  db: Db;
  audit: AuditLog;
  vault: Vault;
  redactor: Redactor;
  metrics: Metrics;
  logger: Logger;
  /** This process's NetSuite clients (one account-wide cap, one token cache). */
  netsuite: NetSuiteClients;
  /** This process's WooCommerce REST clients (webhook re-enable). */
  woocommerce: WooCommerceStores;
  adminToken: string;
  /** What storefronts reach the sidecar at; webhook URLs are built from it. */
  publicUrl: string;
  bodyLimitBytes: number;
  /** Starts of a job before it is dead (MLC_JOB_MAX_ATTEMPTS), for the jobs deliveries enqueue. */
  jobMaxAttempts: number;
  /** Connections' verification material for the webhook path, reused for a few seconds. */
  receivers: ReceiverCache;
  /** This process's schedules: listed, and run on demand (still once across processes). */
  schedules: ScheduleRunner;
  /** Jobs became due in this process (released, replayed): wake the local worker. */
  onJobsQueued(): void;
}

/** Bad input to any endpoint is a 400 with `{ error: { code, message } }`, never a 500. */
function createApi(): OpenAPIHono<BlankEnv> {
  return new OpenAPIHono<BlankEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const message = result.error.issues
        .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
        .join('; ');
      return c.json(errorBody('INVALID_REQUEST', message), 400);
    },
  });
}

export function createApp(deps: AppDeps): OpenAPIHono<BlankEnv> {
  const app = createApi();
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await withLogContext({ requestId: c.get('requestId') }, async () => {
      await next();
      deps.logger.info(
        {
          method: c.req.method,
          path: c.req.path,
          status: c.res.status,
          durationMs: Math.round(performance.now() - started),
        },
        'request',
      );
    });
  });
  app.use(
    bodyLimit({
      maxSize: deps.bodyLimitBytes,
      onError: (c) =>
        c.json(errorBody('PAYLOAD_TOO_LARGE', `The request body is larger than ${deps.bodyLimitBytes} bytes.`), 413),
    }),
  );
  app.onError(errorHandler(deps.logger));
  app.notFound((c) => c.json(errorBody('NOT_FOUND', `Nothing is served at ${c.req.method} ${c.req.path}.`), 404));

  registerHealthRoutes(app, deps);
  registerWebhookRoutes(app, deps);

  const api = createApi();
  api.use(requireAdminToken(deps.adminToken));
  api.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The sidecar admin token (MLC_ADMIN_TOKEN, or the file the sidecar printed at first start).',
  });
  registerJobRoutes(api, deps);
  registerAuditRoutes(api, deps);
  registerSecretRoutes(api, deps);
  registerNetSuiteAccountRoutes(api, deps);
  registerConnectionRoutes(api, deps);
  registerWebhookHealthRoutes(api, deps);
  registerSkuMappingRoutes(api, deps);
  registerReviewQueueRoutes(api, deps);
  registerAlertRoutes(api, deps);
  registerAlertChannelRoutes(api, deps);
  registerScheduleRoutes(api, deps);
  registerPersonalDataRoutes(api, deps);
  registerStatsRoutes(api, deps);
  registerNetSuiteHealthRoutes(api, deps);
  registerExceptionReportRoutes(api, deps);
  registerStockRoutes(api, deps);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'ml-connector sidecar admin API', version: '1' },
    servers: [{ url: '/api/v1' }],
  });
  app.route('/api/v1', api);
  return app;
}
