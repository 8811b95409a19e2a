import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ConnectionSettingsPatchSchema, ConnectionSettingsSchema } from '../../connections/connection-settings.ts';
import {
  type Connection,
  createConnection,
  deleteConnection,
  getConnection,
  listConnections,
  updateConnectionSettings,
} from '../../connections/connections.ts';
import { releaseJobsHeldForSettings } from '../../mappings/release-held.ts';
import { lastDeliveryAt } from '../../webhooks/last-delivery.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, idParam, json, jsonBody, security } from '../schemas.ts';

const text = (max = 1024) => z.string().min(1).max(max);
const secret = () => text().openapi({ format: 'password', writeOnly: true });
const timestamp = z.string().openapi({ format: 'date-time' });
const PlatformSchema = z.enum(['woocommerce', 'shopify', 'adobe-commerce']).openapi('Platform', {
  description: 'Only woocommerce is accepted for now; Shopify and Adobe Commerce arrive later',
});

const ConnectionInputSchema = z
  .object({
    platform: PlatformSchema,
    name: text(200),
    storeUrl: text(2048).openapi({ description: 'The store’s http(s) URL', example: 'https://shop.example.com' }),
    netsuiteAccountId: text(64).openapi({ description: 'The sidecar id of a NetSuite account (not NetSuite’s own)' }),
    webhookSecret: secret().openapi({ description: 'The secret the plugin creates every webhook with' }),
    webhookSecrets: z
      .record(text(64), secret())
      .optional()
      .openapi({ description: 'X-WC-Webhook-ID → secret, for webhooks created with secrets of their own' }),
    credentials: z.object({ consumerKey: secret(), consumerSecret: secret() }).openapi({
      description: 'WooCommerce REST API keys (read access to orders, products and customers)',
    }),
    settings: ConnectionSettingsSchema,
  })
  .openapi('ConnectionInput');

const ConnectionSchema = z
  .object({
    id: z.uuid(),
    platform: PlatformSchema,
    name: z.string(),
    storeUrl: z.string(),
    netsuiteAccountId: z.uuid(),
    webhookUrl: z.string().openapi({ description: 'Where the store must send its webhooks' }),
    settings: ConnectionSettingsSchema,
    lastDeliveryAt: timestamp.nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Connection', { description: 'A connected store; its secrets and API keys are write-only and never shown' });

const tags = ['Connections'];

const create = createRoute({
  method: 'post',
  path: '/connections',
  tags,
  summary: 'Connect a store to a NetSuite account; its secrets go to the vault and are never returned',
  security,
  request: jsonBody(ConnectionInputSchema),
  responses: {
    201: json(z.object({ id: z.uuid(), webhookUrl: z.string() }), 'Created: point the store’s webhooks at webhookUrl'),
    ...errorResponses,
  },
});

const list = createRoute({
  method: 'get',
  path: '/connections',
  tags,
  summary: 'List the connections, newest first',
  security,
  responses: {
    200: json(z.object({ items: z.array(ConnectionSchema), nextCursor: z.null() }), 'Every connection'),
    ...errorResponses,
  },
});

const notFoundResponse = { 404: json(ErrorSchema, 'No such connection') };

const get = createRoute({
  method: 'get',
  path: '/connections/{id}',
  tags,
  summary: 'A connection',
  security,
  request: { params: idParam },
  responses: { 200: json(ConnectionSchema, 'The connection'), ...notFoundResponse, ...errorResponses },
});

const patch = createRoute({
  method: 'patch',
  path: '/connections/{id}',
  tags,
  summary: 'Change settings: each setting given replaces its current value whole, the others stay',
  security,
  request: { params: idParam, ...jsonBody(z.object({ settings: ConnectionSettingsPatchSchema })) },
  responses: { 200: json(ConnectionSchema, 'The connection after the change'), ...notFoundResponse, ...errorResponses },
});

const remove = createRoute({
  method: 'delete',
  path: '/connections/{id}',
  tags,
  summary: 'Disconnect a store: removes its secrets and the deliveries it sent',
  security,
  request: { params: idParam },
  responses: { 204: { description: 'Deleted' }, ...notFoundResponse, ...errorResponses },
});

const notFound = (id: string) => new ApiError(404, 'CONNECTION_NOT_FOUND', `No connection has the id ${id}.`);

export const webhookUrlOf = (publicUrl: string, connection: Pick<Connection, 'platform' | 'id'>) =>
  `${publicUrl}/webhooks/${connection.platform}/${connection.id}`;

export function registerConnectionRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db, vault } = deps;
  // `deps.publicUrl` is read per request: it is only known once the server listens.
  const view = async (connection: Connection) => ({
    id: connection.id,
    platform: connection.platform,
    name: connection.name,
    storeUrl: connection.storeUrl,
    netsuiteAccountId: connection.netsuiteAccountId,
    webhookUrl: webhookUrlOf(deps.publicUrl, connection),
    settings: connection.settings,
    lastDeliveryAt: (await lastDeliveryAt(db, connection.id))?.toISOString() ?? null,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  });

  app.openapi(create, async (c) => {
    const connection = await createConnection(db, vault, c.req.valid('json'));
    return c.json({ id: connection.id, webhookUrl: webhookUrlOf(deps.publicUrl, connection) }, 201);
  });

  app.openapi(list, async (c) => {
    const connections = await listConnections(db);
    return c.json({ items: await Promise.all(connections.map(view)), nextCursor: null }, 200);
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const connection = await getConnection(db, id);
    if (!connection) throw notFound(id);
    return c.json(await view(connection), 200);
  });

  app.openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    const connection = await updateConnectionSettings(db, id, c.req.valid('json').settings);
    if (!connection) throw notFound(id);
    deps.receivers.forget(id);
    if ((await releaseJobsHeldForSettings(db, deps.audit, id, connection.settings)) > 0) deps.onJobsQueued();
    return c.json(await view(connection), 200);
  });

  app.openapi(remove, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteConnection(db, vault, id))) throw notFound(id);
    deps.receivers.forget(id);
    return c.body(null, 204);
  });
}
