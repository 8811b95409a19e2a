import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, json, jsonBody, security } from '../schemas.ts';

const nameParam = z.object({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._:-]{0,127}$/, 'lower-case letters, digits and . _ : - (at most 128)')
    .openapi({ param: { name: 'name', in: 'path' }, example: 'netsuite.TSTDRV1234567.privateKey' }),
});

const SecretInfoSchema = z
  .object({ name: z.string(), keyId: z.string(), updatedAt: z.string().openapi({ format: 'date-time' }) })
  .openapi('SecretInfo');

const list = createRoute({
  method: 'get',
  path: '/secrets',
  tags: ['Secrets'],
  summary: 'Names of the stored secrets (values are write-only)',
  security,
  responses: {
    200: json(z.object({ items: z.array(SecretInfoSchema) }), 'Stored secrets, without their values'),
    ...errorResponses,
  },
});

const put = createRoute({
  method: 'put',
  path: '/secrets/{name}',
  tags: ['Secrets'],
  summary: 'Store or replace a secret; it is encrypted at rest and never returned',
  security,
  request: {
    params: nameParam,
    ...jsonBody(
      z.object({
        value: z
          .string()
          .min(1)
          .max(64 * 1024),
      }),
    ),
  },
  responses: { 204: { description: 'Stored' }, ...errorResponses },
});

const remove = createRoute({
  method: 'delete',
  path: '/secrets/{name}',
  tags: ['Secrets'],
  summary: 'Delete a secret',
  security,
  request: { params: nameParam },
  responses: {
    204: { description: 'Deleted' },
    404: json(ErrorSchema, 'No such secret'),
    ...errorResponses,
  },
});

export function registerSecretRoutes(app: OpenAPIHono, { vault }: AppDeps): void {
  app.openapi(list, async (c) => {
    const items = await vault.list();
    return c.json({ items: items.map((item) => ({ ...item, updatedAt: item.updatedAt.toISOString() })) }, 200);
  });

  app.openapi(put, async (c) => {
    await vault.put(c.req.valid('param').name, c.req.valid('json').value);
    return c.body(null, 204);
  });

  app.openapi(remove, async (c) => {
    const { name } = c.req.valid('param');
    if (!(await vault.delete(name))) throw new ApiError(404, 'SECRET_NOT_FOUND', `No secret is named ${name}.`);
    return c.body(null, 204);
  });
}
