import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { wooCommerceStoreOf } from '../../connections/woocommerce-store.ts';
import { WooCommerceError } from '../../platforms/woocommerce/rest-errors.ts';
import { ActivateWebhookError, activateWebhook } from '../../webhook-health/activate-webhook.ts';
import { databaseNow, judgeSilence, recentDeliveryTimes } from '../../webhook-health/delivery-silence.ts';
import { backfillGap } from '../../webhook-health/gap-backfill.ts';
import { readSnapshot } from '../../webhook-health/snapshot.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, idParam, json, security } from '../schemas.ts';
import { requireWooCommerceConnection } from '../woocommerce-connection.ts';

const timestamp = z.string().openapi({ format: 'date-time' });
const tags = ['Connections'];

const WebhookSeenSchema = z
  .object({
    id: z.number().int(),
    name: z.string(),
    topic: z.string(),
    status: z.string().openapi({ description: '`active`, `paused` or `disabled`' }),
    failureCount: z.number().int().nullable().openapi({
      description: 'WooCommerce’s REST API does not expose it: null unless the store adds it',
    }),
    modifiedAt: timestamp.nullable(),
    notActiveSince: timestamp.nullable().openapi({ description: 'When a check first saw it not active' }),
  })
  .openapi('WebhookSeen');

const WebhookHealthSchema = z
  .object({
    connectionId: z.uuid(),
    lastDeliveryAt: timestamp.nullable().openapi({ description: 'The last webhook the store delivered' }),
    deliveries: z.object({
      state: z.enum(['learning', 'ok', 'silent']).openapi({
        description:
          '`learning`: too little traffic in its last week to know what is usual; `silent`: quiet for longer than that',
      }),
      allowedSilenceMs: z.number().int().nullable(),
      silentForMs: z.number().int().nullable(),
    }),
    checkedAt: timestamp
      .nullable()
      .openapi({ description: 'When the webhooks were last read; null before the first check' }),
    webhooks: z.array(WebhookSeenSchema).openapi({ description: 'The connector’s own webhooks, as last read' }),
    missingTopics: z.array(z.string()),
    error: z.object({ code: z.string(), message: z.string() }).nullable().openapi({
      description: 'Why the last check could not read the store',
    }),
  })
  .openapi('WebhookHealth');

const ActivatedSchema = z
  .object({
    webhook: WebhookSeenSchema,
    backfill: z.object({
      status: z.enum(['finished', 'failed', 'running', 'not-scheduled']),
      message: z.string(),
    }),
  })
  .openapi('WebhookActivated');

const webhookParams = idParam.extend({
  webhookId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: 'webhookId', in: 'path' }, description: 'WooCommerce’s webhook id' }),
});

const notFound = { 404: json(ErrorSchema, 'No such connection (or webhook)') };

const health = createRoute({
  method: 'get',
  path: '/connections/{id}/webhook-health',
  tags,
  summary: 'The store’s last delivery and its webhooks as the health check last read them',
  security,
  request: { params: idParam },
  responses: { 200: json(WebhookHealthSchema, 'Webhook health'), ...notFound, ...errorResponses },
});

const activate = createRoute({
  method: 'post',
  path: '/connections/{id}/webhooks/{webhookId}/activate',
  tags,
  summary: 'Re-enable one of the connector’s webhooks and backfill what the store changed while it was off',
  description:
    'Sets the webhook `active` through WooCommerce’s REST API, resolves its `webhook_disabled` alert and runs the ' +
    '`woocommerce-backfill` schedule now (waiting up to 10 s for it; a longer one goes on in the background).',
  security,
  request: { params: webhookParams },
  responses: {
    200: json(ActivatedSchema, 'Active again'),
    ...notFound,
    409: json(ErrorSchema, 'The webhook is not the connector’s'),
    502: json(ErrorSchema, 'The store refused or did not answer'),
    ...errorResponses,
  },
});

const wooConnection = (deps: AppDeps, id: string) => requireWooCommerceConnection(deps.db, id, 'webhook health');

const storeError = (error: WooCommerceError) => new ApiError(502, error.code, error.message);

export function registerWebhookHealthRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(health, async (c) => {
    const connection = await wooConnection(deps, c.req.valid('param').id);
    const verdict = judgeSilence(await recentDeliveryTimes(deps.db, connection.id), await databaseNow(deps.db));
    const snapshot = await readSnapshot(deps.db, connection.id);
    return c.json(
      {
        connectionId: connection.id,
        lastDeliveryAt: verdict.lastDeliveryAt?.toISOString() ?? null,
        deliveries: {
          state: verdict.state,
          allowedSilenceMs: 'allowedSilenceMs' in verdict ? verdict.allowedSilenceMs : null,
          silentForMs: 'silentForMs' in verdict ? verdict.silentForMs : null,
        },
        checkedAt: snapshot?.checkedAt ?? null,
        webhooks: snapshot?.webhooks ?? [],
        missingTopics: snapshot?.missingTopics ?? [],
        error: snapshot?.error ?? null,
      },
      200,
    );
  });

  app.openapi(activate, async (c) => {
    const { id, webhookId } = c.req.valid('param');
    const connection = await wooConnection(deps, id);
    const client = deps.woocommerce.connect(await wooCommerceStoreOf(deps.db, deps.vault, connection));
    let webhook: Awaited<ReturnType<typeof activateWebhook>>;
    try {
      webhook = await activateWebhook(deps.db, connection, client, webhookId, await databaseNow(deps.db));
    } catch (error) {
      if (error instanceof ActivateWebhookError) {
        throw new ApiError(error.code === 'WEBHOOK_NOT_FOUND' ? 404 : 409, error.code, error.message);
      }
      if (error instanceof WooCommerceError) throw storeError(error);
      throw error;
    }
    const backfill = await backfillGap(deps.schedules, deps.logger);
    return c.json({ webhook, backfill }, 200);
  });
}
