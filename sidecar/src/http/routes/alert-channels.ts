import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { EmailChannelSchema, SEVERITIES } from '../../alerts/channel-settings.ts';
import { ChannelSettingsError, saveChannels, viewChannels } from '../../alerts/save-channels.ts';
import { testChannels } from '../../alerts/test-channels.ts';
import { OutboundCalls } from '../../audit/outbound-call.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, json, jsonBody, security } from '../schemas.ts';

const tags = ['Alerts'];

const common = {
  minSeverity: z.enum(SEVERITIES).openapi({ description: 'Alerts below it are not sent (default warning)' }),
  mutedKinds: z.array(z.string().min(1).max(100)).max(100).openapi({ description: 'Alert kinds never sent' }),
};

const ChannelsViewSchema = z
  .object({
    ...common,
    email: EmailChannelSchema.extend({ port: z.number().int(), passwordSet: z.boolean() }).nullable(),
    webhook: z.object({ urlSet: z.literal(true), host: z.string() }).nullable(),
  })
  .openapi('AlertChannels');

const ChannelsInputSchema = z
  .object({
    minSeverity: common.minSeverity.default('warning'),
    mutedKinds: common.mutedKinds.default([]),
    email: EmailChannelSchema.extend({
      password: z
        .string()
        .min(1)
        .max(1024)
        .nullable()
        .optional()
        .openapi({ description: 'Write-only. Omitted: keep the stored one; null: remove it' }),
    })
      .nullable()
      .openapi({ description: 'null: no e-mail' }),
    webhook: z
      .object({
        url: z.string().max(2048).optional().openapi({
          description: 'Write-only (a Slack webhook URL is itself a credential). Omitted: keep the stored one',
        }),
      })
      .nullable()
      .openapi({ description: 'null: no webhook' }),
  })
  .openapi('AlertChannelsInput');

const TestResultSchema = z
  .object({
    channel: z.enum(['email', 'webhook']),
    ok: z.boolean(),
    code: z.string().optional(),
    message: z.string(),
  })
  .openapi('AlertChannelTestResult');

const get = createRoute({
  method: 'get',
  path: '/alert-channels',
  tags,
  summary: 'Where alerts are sent (e-mail over SMTP, a Slack-compatible webhook); secrets only as "set"',
  security,
  responses: { 200: json(ChannelsViewSchema, 'The alert channels'), ...errorResponses },
});

const put = createRoute({
  method: 'put',
  path: '/alert-channels',
  tags,
  summary: 'Replace the alert channels; the SMTP password and the webhook URL go to the vault',
  security,
  request: jsonBody(ChannelsInputSchema),
  responses: { 200: json(ChannelsViewSchema, 'The alert channels as stored'), ...errorResponses },
});

const test = createRoute({
  method: 'post',
  path: '/alert-channels/test',
  tags,
  summary: 'Send a test message to each configured channel now and say how each went',
  security,
  responses: {
    200: json(z.object({ results: z.array(TestResultSchema) }), 'One result per configured channel'),
    409: json(ErrorSchema, 'No channel is configured'),
    ...errorResponses,
  },
});

export function registerAlertChannelRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, vault } = deps;
  const outbound = new OutboundCalls(db, deps.audit, deps.metrics);

  app.openapi(get, async (c) => c.json(await viewChannels(db, vault), 200));

  app.openapi(put, async (c) => {
    try {
      await saveChannels(db, vault, c.req.valid('json'));
    } catch (error) {
      if (error instanceof ChannelSettingsError) throw new ApiError(400, error.code, error.message);
      throw error;
    }
    return c.json(await viewChannels(db, vault), 200);
  });

  app.openapi(test, async (c) => {
    const results = await testChannels(db, vault, outbound);
    if (results.length === 0) {
      throw new ApiError(409, 'NO_ALERT_CHANNELS', 'No alert channel is configured: add an e-mail or a webhook first.');
    }
    return c.json(
      {
        results: results.map((result) =>
          result.ok
            ? { channel: result.channel, ok: true, message: result.message }
            : { channel: result.channel, ok: false, code: result.code, message: result.message },
        ),
      },
      200,
    );
  });
}
