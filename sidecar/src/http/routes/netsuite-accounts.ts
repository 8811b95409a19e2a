import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  createNetSuiteAccount,
  deleteNetSuiteAccount,
  getNetSuiteAccount,
  listNetSuiteAccounts,
  type NetSuiteAccountRow,
} from '../../connections/netsuite-accounts.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, idParam } from '../schemas.ts';

const json = <T>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const security = [{ adminToken: [] }];
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
  request: { body: { content: { 'application/json': { schema: NetSuiteAccountInputSchema } }, required: true } },
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

const notFound = (id: string) =>
  new ApiError(404, 'NETSUITE_ACCOUNT_NOT_FOUND', `No NetSuite account has the id ${id}.`);

export function registerNetSuiteAccountRoutes(app: OpenAPIHono, { db, vault }: AppDeps): void {
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

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteNetSuiteAccount(db, vault, id))) throw notFound(id);
    return c.body(null, 204);
  });
}
