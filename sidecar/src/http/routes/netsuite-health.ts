import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { FAILING_AFTER_CALLS, LAST_TEST_DAYS, netsuiteHealth } from '../../stats/netsuite-health.ts';
import type { AppDeps } from '../app.ts';
import { errorResponses, json, security } from '../schemas.ts';

const dateTime = () => z.string().openapi({ format: 'date-time' });

const NetSuiteAccountHealthSchema = z
  .object({
    accountId: z.uuid().openapi({ description: 'Our id of the account' }),
    netsuiteAccountId: z.string().openapi({ example: 'TSTDRV1234567' }),
    authType: z.enum(['m2m', 'tba']),
    calls: z.number().int().openapi({ description: 'HTTP attempts to NetSuite (retries and token requests included)' }),
    failed: z.number().int().openapi({ description: 'Attempts unanswered, refused as unauthenticated, 429 or 5xx' }),
    throttled: z.number().int().openapi({ description: '429 answers' }),
    serverErrors: z.number().int().openapi({ description: '5xx answers' }),
    authFailures: z
      .number()
      .int()
      .openapi({ description: '401 and 403 answers, and the token endpoint refusing the credentials' }),
    lastSuccessAt: dateTime().nullable().openapi({ description: 'The last 2xx answer in the window' }),
    lastFailure: z
      .object({
        at: dateTime(),
        status: z.number().int().nullable().openapi({ description: 'Null when NetSuite did not answer' }),
        message: z.string().openapi({ description: "The request's method and path, and NetSuite's words" }),
      })
      .nullable(),
    lastTest: z
      .object({ at: dateTime(), ok: z.boolean(), code: z.string().optional() })
      .nullable()
      .openapi({ description: `The last connection test within ${LAST_TEST_DAYS} days; \`code\` when it failed` }),
    state: z.enum(['ok', 'degraded', 'failing', 'idle']),
  })
  .openapi('NetSuiteAccountHealth');

const NetSuiteHealthSchema = z
  .object({ items: z.array(NetSuiteAccountHealthSchema), hours: z.number().int() })
  .openapi('NetSuiteHealth');

const netsuiteHealthRoute = createRoute({
  method: 'get',
  path: '/netsuite/health',
  tags: ['Stats'],
  summary: "Each NetSuite account's calls of the last hours, and how they went, for the Overview",
  description:
    'One item per NetSuite account, by account id, read from the audit trail: every HTTP attempt to NetSuite is an ' +
    '`outbound.call` event naming its account, every connection test a `netsuite_account.tested` event. A call ' +
    'failed when NetSuite did not answer (network error, timeout), refused the credentials (401, 403, or any 4xx ' +
    'from the token endpoint), throttled it (429) or failed on it (5xx); any other 4xx is NetSuite answering about ' +
    'a record (not found, a validation error), which the job reports, and is not a failure of the account. ' +
    '`state`: `idle` when the window holds no call; `failing` when the last call was refused as unauthenticated or ' +
    `the last ${FAILING_AFTER_CALLS} calls (all of them, when fewer) failed; \`degraded\` when a failure was seen in ` +
    'the window but the account is not failing (its last calls got through); `ok` otherwise. No credential is ' +
    'ever part of the answer.',
  security,
  request: {
    query: z.object({
      hours: z.coerce
        .number()
        .int()
        .min(1)
        .max(168)
        .default(24)
        .openapi({ description: 'The window, in hours ending now (1–168, default 24).' }),
    }),
  },
  responses: {
    200: json(NetSuiteHealthSchema, 'The accounts, by NetSuite account id'),
    ...errorResponses,
  },
});

export function registerNetSuiteHealthRoutes(app: OpenAPIHono, { db }: AppDeps): void {
  app.openapi(netsuiteHealthRoute, async (c) => {
    const { hours } = c.req.valid('query');
    return c.json({ items: await netsuiteHealth(db, hours), hours }, 200);
  });
}
