import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createNetSuiteAccount,
  deleteNetSuiteAccount,
  getNetSuiteAccount,
  listNetSuiteAccounts,
  type NetSuiteAccountRow,
} from '../../connections/netsuite-accounts.ts';
import { testNetSuiteAccount } from '../../connections/test-netsuite-account.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, idParam, json, jsonBody, security } from '../schemas.ts';

const text = (max = 1024) => z.string().min(1).max(max);
const secret = (max = 1024) => text(max).openapi({ format: 'password', writeOnly: true });

const M2mAuthSchema = z
  .object({
    type: z.literal('m2m'),
    clientId: text(),
    certificateId: text(),
    privateKeyPem: secret(16 * 1024).openapi({
      description: 'Unencrypted PKCS#8 PEM: RSA (PS256) or EC P-256/384/521',
    }),
  })
  .openapi('NetSuiteM2mAuth', { description: 'OAuth 2.0 client credentials (machine to machine)' });

const TbaAuthSchema = z
  .object({
    type: z.literal('tba'),
    consumerKey: secret(),
    consumerSecret: secret(),
    tokenId: secret(),
    tokenSecret: secret(),
  })
  .openapi('NetSuiteTbaAuth', { description: 'Token-based authentication (OAuth 1.0a)' });

const NetSuiteAccountInputSchema = z
  .object({
    accountId: text(64).openapi({ example: 'TSTDRV1234567' }),
    baseUrl: text(2048).optional().openapi({
      description: "An origin (no path); absent → the account's own SuiteTalk host",
      example: 'http://127.0.0.1:8790',
    }),
    auth: z.discriminatedUnion('type', [M2mAuthSchema, TbaAuthSchema]),
  })
  .openapi('NetSuiteAccountInput');

const NetSuiteAccountSchema = z
  .object({
    id: z.uuid(),
    accountId: z.string(),
    baseUrl: z.string().nullable(),
    authType: z.enum(['m2m', 'tba']),
    clientId: z.string().nullable(),
    certificateId: z.string().nullable(),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('NetSuiteAccount', { description: 'A NetSuite account; its credentials are write-only and never shown' });

const accountView = (row: NetSuiteAccountRow) => ({
  id: row.id,
  accountId: row.accountId,
  baseUrl: row.baseUrl,
  authType: row.authType,
  clientId: row.clientId,
  certificateId: row.certificateId,
  createdAt: row.createdAt.toISOString(),
});

const tags = ['NetSuite accounts'];

const create = createRoute({
  method: 'post',
  path: '/netsuite-accounts',
  tags,
  summary: 'Add a NetSuite account; its credentials go to the vault and are never returned',
  security,
  request: jsonBody(NetSuiteAccountInputSchema),
  responses: {
    201: json(z.object({ id: z.uuid(), accountId: z.string() }), 'Created'),
    409: json(ErrorSchema, 'The account is already configured'),
    ...errorResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/netsuite-accounts',
  tags,
  summary: 'List the NetSuite accounts, newest first',
  security,
  responses: {
    200: json(z.object({ items: z.array(NetSuiteAccountSchema), nextCursor: z.null() }), 'Every account'),
    ...errorResponses,
  },
});

const get = createRoute({
  method: 'get',
  path: '/netsuite-accounts/{id}',
  tags,
  summary: 'A NetSuite account',
  security,
  request: { params: idParam },
  responses: {
    200: json(NetSuiteAccountSchema, 'The account'),
    404: json(ErrorSchema, 'No such account'),
    ...errorResponses,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/netsuite-accounts/{id}',
  tags,
  summary: 'Delete a NetSuite account and its credentials',
  security,
  request: { params: idParam },
  responses: {
    204: { description: 'Deleted' },
    404: json(ErrorSchema, 'No such account'),
    409: json(ErrorSchema, 'A connection still uses the account'),
    ...errorResponses,
  },
});

const testedCommon = {
  checkedAt: z.string().openapi({ format: 'date-time' }),
  latencyMs: z.number().int().openapi({ description: 'The whole test, token and look-ups included' }),
  accountId: z.uuid().openapi({ description: 'Our id of the account (the path’s id)' }),
  authType: z.enum(['m2m', 'tba']),
};

const NetSuiteAccountTestSchema = z
  .discriminatedUnion('ok', [
    z.object({
      ok: z.literal(true),
      ...testedCommon,
      detail: z.string().openapi({ example: 'Token issued; 3 subsidiaries readable' }),
      subsidiaries: z.array(z.object({ id: z.string(), name: z.string() })),
    }),
    z.object({
      ok: z.literal(false),
      ...testedCommon,
      error: z.object({
        code: z.string().openapi({
          description:
            'NETSUITE_AUTH_FAILED, NETSUITE_PERMISSION_DENIED, NETSUITE_UNREACHABLE (no answer, refused, timed ' +
            'out), NETSUITE_BUSY (429 or no slot under the cap), NETSUITE_UNAVAILABLE (5xx), NETSUITE_NOT_FOUND, ' +
            'NETSUITE_REJECTED, NETSUITE_BAD_RESPONSE, NETSUITE_CREDENTIALS_MISSING, NETSUITE_CREDENTIALS_INVALID, ' +
            'NETSUITE_TEST_FAILED',
          example: 'NETSUITE_AUTH_FAILED',
        }),
        message: z.string().openapi({ description: 'What to do, then NetSuite’s own words when it gave any' }),
        status: z.number().int().nullable().openapi({ description: 'NetSuite’s HTTP status; null without an answer' }),
      }),
    }),
  ])
  .openapi('NetSuiteAccountTest');

const test = createRoute({
  method: 'post',
  path: '/netsuite-accounts/{id}/test',
  tags,
  summary: 'Test connection: sign in with the stored credentials and run one read-only SuiteQL query',
  description:
    'Gets a token (OAuth 2.0) or signs a request (TBA) with the account’s stored credentials, then reads the ' +
    'subsidiaries (`SELECT id, name FROM subsidiary`; a non-OneWorld account, which has none, passes with an empty ' +
    'list), through the same client and account-wide concurrency cap as the flows. At most one retry, and an answer ' +
    'within about 15 s. 200 for every test that ran, whatever NetSuite said (`ok` tells); no secret or token is ' +
    'ever in the answer. Audited as `netsuite_account.tested`, with each call to NetSuite as `outbound.call`.',
  security,
  request: { params: idParam },
  responses: {
    200: json(NetSuiteAccountTestSchema, 'The test ran; `ok` says how it went'),
    404: json(ErrorSchema, 'No such account'),
    ...errorResponses,
  },
});

const notFound = (id: string) =>
  new ApiError(404, 'NETSUITE_ACCOUNT_NOT_FOUND', `No NetSuite account has the id ${id}.`);

export function registerNetSuiteAccountRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, vault } = deps;
  app.openapi(create, async (c) => {
    const account = await createNetSuiteAccount(db, vault, c.req.valid('json'));
    return c.json({ id: account.id, accountId: account.accountId }, 201);
  });

  app.openapi(list, async (c) => {
    const accounts = await listNetSuiteAccounts(db);
    return c.json({ items: accounts.map(accountView), nextCursor: null }, 200);
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const account = await getNetSuiteAccount(db, id);
    if (!account) throw notFound(id);
    return c.json(accountView(account), 200);
  });

  app.openapi(test, async (c) => {
    const { id } = c.req.valid('param');
    const result = await testNetSuiteAccount(deps, id);
    if (!result) throw notFound(id);
    return c.json(result, 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteNetSuiteAccount(db, vault, id))) throw notFound(id);
    return c.body(null, 204);
  });
}
