import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ConfigError } from '../../connections/config-error.ts';
import { getConnection } from '../../connections/connections.ts';
import { listNetSuiteAccounts, netsuiteConnectionOf } from '../../connections/netsuite-accounts.ts';
import { searchNetSuiteItems } from '../../mappings/item-search.ts';
import { releaseJobsHeldForSku } from '../../mappings/release-held.ts';
import { listSkuMappings, type SkuMapping, saveSkuMapping } from '../../mappings/sku-mappings.ts';
import { NetSuiteError } from '../../netsuite/errors.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, json, jsonBody, pageQuery, security } from '../schemas.ts';

const timestamp = z.string().openapi({ format: 'date-time' });
const tags = ['SKU mappings'];

const SkuMappingSchema = z
  .object({
    sku: z.string(),
    netsuiteItemId: z.string(),
    connectionId: z.uuid().nullable().openapi({ description: 'null: the mapping serves every connection' }),
    source: z.enum(['merchant', 'lookup']).openapi({ description: 'lookup: found in NetSuite by item name' }),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('SkuMapping');

const skuParam = z.object({
  sku: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: 'sku', in: 'path' }, description: 'The storefront SKU, URL-encoded' }),
});

const put = createRoute({
  method: 'put',
  path: '/sku-mappings/{sku}',
  tags,
  summary: 'Map a SKU to a NetSuite item; every order held only for unmapped SKUs now mapped is released',
  security,
  request: {
    params: skuParam,
    ...jsonBody(
      z.object({
        netsuiteItemId: z
          .string()
          .regex(/^[0-9]+$/, 'must be a NetSuite internal id (digits)')
          .max(20)
          .openapi({ description: 'NetSuite’s internal id of the item' }),
        connectionId: z.uuid().optional().openapi({ description: 'Only for this connection; omitted: for all' }),
      }),
    ),
  },
  responses: {
    200: json(
      z.object({
        sku: z.string(),
        netsuiteItemId: z.string(),
        connectionId: z.uuid().nullable(),
        released: z.number().int().openapi({ description: 'Held jobs released by this mapping' }),
      }),
      'Saved',
    ),
    ...errorResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/sku-mappings',
  tags,
  summary: 'List SKU mappings, newest first',
  security,
  request: {
    query: z.object({ connectionId: z.uuid().optional(), sku: z.string().min(1).optional(), ...pageQuery }),
  },
  responses: {
    200: json(z.object({ items: z.array(SkuMappingSchema), nextCursor: z.uuid().nullable() }), 'A page of mappings'),
    ...errorResponses,
  },
});

const NetSuiteItemSchema = z
  .object({
    id: z.string().openapi({ description: 'Internal id: what a mapping takes' }),
    itemId: z.string().openapi({ description: 'The item name/number (what SKUs match)' }),
    displayName: z.string().nullable(),
    type: z.string().openapi({ description: 'SuiteQL item type: InvtPart, NonInvtPart, Service, …' }),
  })
  .openapi('NetSuiteItem');

const searchItems = createRoute({
  method: 'get',
  path: '/netsuite/items',
  tags,
  summary: 'Search NetSuite items by name or display name (for the mapping picker)',
  security,
  request: {
    query: z.object({
      q: z.string().max(200).default(''),
      netsuiteAccountId: z.uuid().optional().openapi({ description: 'Default: the connection’s, or the only one' }),
      connectionId: z.uuid().optional(),
      limit: z.coerce.number().int().min(1).max(100).default(25),
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(NetSuiteItemSchema) }), 'Active items, by item name'),
    404: json(ErrorSchema, 'No such NetSuite account'),
    502: json(ErrorSchema, 'NetSuite refused or failed the search'),
    ...errorResponses,
  },
});

const mappingView = (mapping: SkuMapping) => ({
  sku: mapping.sku,
  netsuiteItemId: mapping.netsuiteItemId,
  connectionId: mapping.connectionId,
  source: mapping.source,
  createdAt: mapping.createdAt.toISOString(),
  updatedAt: mapping.updatedAt.toISOString(),
});

export function registerSkuMappingRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, audit, vault } = deps;

  /** The account a search runs in: named, else the connection's, else the only one there is. */
  async function accountFor(query: { netsuiteAccountId?: string | undefined; connectionId?: string | undefined }) {
    if (query.netsuiteAccountId) return query.netsuiteAccountId;
    if (query.connectionId) {
      const connection = await getConnection(db, query.connectionId);
      if (!connection)
        throw new ApiError(404, 'CONNECTION_NOT_FOUND', `No connection has the id ${query.connectionId}.`);
      return connection.netsuiteAccountId;
    }
    const accounts = await listNetSuiteAccounts(db);
    const [only] = accounts;
    if (only && accounts.length === 1) return only.id;
    throw new ConfigError(400, 'NETSUITE_ACCOUNT_REQUIRED', 'Say which NetSuite account to search: netsuiteAccountId.');
  }

  app.openapi(put, async (c) => {
    const { sku } = c.req.valid('param');
    const input = c.req.valid('json');
    const mapping = await saveSkuMapping(db, { sku, ...input });
    const released = await releaseJobsHeldForSku(db, audit, sku, mapping.connectionId);
    if (released > 0) deps.onJobsQueued();
    const { netsuiteItemId, connectionId } = mapping;
    return c.json({ sku, netsuiteItemId, connectionId, released }, 200);
  });

  app.openapi(list, async (c) => {
    const query = c.req.valid('query');
    const items = await listSkuMappings(db, query);
    const nextCursor = items.length === query.limit ? (items.at(-1)?.id ?? null) : null;
    return c.json({ items: items.map(mappingView), nextCursor }, 200);
  });

  app.openapi(searchItems, async (c) => {
    const query = c.req.valid('query');
    const client = deps.netsuite.connect(await netsuiteConnectionOf(db, vault, await accountFor(query)));
    try {
      return c.json({ items: await searchNetSuiteItems(client, query.q, query.limit) }, 200);
    } catch (error) {
      if (error instanceof NetSuiteError) throw new ApiError(502, error.code, error.message);
      throw error;
    }
  });
}
