import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { wooCommerceStoreOf } from '../../connections/woocommerce-store.ts';
import { NetSuiteError } from '../../netsuite/errors.ts';
import { WooCommerceError } from '../../platforms/woocommerce/rest-errors.ts';
import { queueStockRun } from '../../stock/netsuite-stock.ts';
import { findDifferences } from '../../stock/stock-drift.ts';
import { idleRunState, readRunState } from '../../stock/stock-run-state.ts';
import { stockValuesOf } from '../../stock/stock-values.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, idParam, json, security } from '../schemas.ts';
import { requireWooCommerceConnection } from '../woocommerce-connection.ts';

const timestamp = z.string().openapi({ format: 'date-time' });
const tags = ['Stock'];

const StockRunSchema = z
  .object({
    state: z.enum(['idle', 'queued', 'running', 'succeeded', 'failed', 'superseded']).openapi({
      description: '`idle`: no run yet for this store',
    }),
    jobId: z.string().nullable(),
    startedAt: timestamp.nullable(),
    skusChecked: z.number().int(),
    skusChanged: z.number().int(),
    batchesSent: z.number().int(),
    drifting: z.number().int(),
    skusNotInStore: z.number().int().openapi({
      description: 'Mapped SKUs the store has no product for (never found, or deleted since they were last written)',
    }),
    notInStore: z.array(z.string()).openapi({ description: 'The first 20 of them, sorted' }),
    finishedAt: timestamp.nullable(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  })
  .openapi('StockRun');

const StockDriftSchema = z
  .object({
    connectionId: z.uuid(),
    checkedAt: timestamp,
    skusChecked: z.number().int(),
    differences: z.array(
      z.object({
        sku: z.string(),
        productId: z.number().int().nullable(),
        parentId: z.number().int().nullable(),
        storefront: z
          .number()
          .int()
          .nullable()
          .openapi({ description: 'WooCommerce’s stock_quantity (null: not managed)' }),
        manageStock: z.union([z.boolean(), z.literal('parent')]).nullable(),
        computed: z
          .number()
          .int()
          .openapi({ description: 'NetSuite available at the store’s locations − pending sales' }),
      }),
    ),
  })
  .openapi('StockDrift');

const notFound = { 404: json(ErrorSchema, 'No such connection') };
const upstream = { 502: json(ErrorSchema, 'NetSuite or the store refused or did not answer') };

const drift = createRoute({
  method: 'get',
  path: '/connections/{id}/stock-drift',
  tags,
  summary: 'Stock in WooCommerce that differs from what NetSuite allows, for every mapped SKU',
  security,
  request: { params: idParam },
  responses: { 200: json(StockDriftSchema, 'The differences'), ...notFound, ...upstream, ...errorResponses },
});

const startSync = createRoute({
  method: 'post',
  path: '/connections/{id}/stock-sync',
  tags,
  summary: 'Sync stock now: queue a stock run for this store (superseding one still waiting)',
  description: 'A run started here also rewrites the SKUs the last drift check found edited in the store.',
  security,
  request: { params: idParam },
  responses: { 202: json(StockRunSchema, 'Queued'), ...notFound, ...errorResponses },
});

const readSync = createRoute({
  method: 'get',
  path: '/connections/{id}/stock-sync',
  tags,
  summary: 'Progress of the store’s latest stock run',
  security,
  request: { params: idParam },
  responses: { 200: json(StockRunSchema, 'The latest run'), ...notFound, ...errorResponses },
});

const wooConnection = (deps: AppDeps, id: string) => requireWooCommerceConnection(deps.db, id, 'stock sync');

export function registerStockRoutes(app: OpenAPIHono, deps: AppDeps): void {
  app.openapi(drift, async (c) => {
    const connection = await wooConnection(deps, c.req.valid('param').id);
    try {
      const values = await stockValuesOf(deps, connection);
      const client = deps.woocommerce.connect(await wooCommerceStoreOf(deps.db, deps.vault, connection));
      const differences = await findDifferences(client, values.computed);
      return c.json(
        {
          connectionId: connection.id,
          checkedAt: new Date().toISOString(),
          skusChecked: values.mapped.length,
          differences,
        },
        200,
      );
    } catch (error) {
      if (error instanceof WooCommerceError || error instanceof NetSuiteError) {
        throw new ApiError(502, error.code, error.message);
      }
      throw error;
    }
  });

  app.openapi(startSync, async (c) => {
    const connection = await wooConnection(deps, c.req.valid('param').id);
    await queueStockRun(deps, connection, 'manual');
    deps.onJobsQueued();
    return c.json({ ...idleRunState(), ...(await readRunState(deps.db, connection.id)) }, 202);
  });

  app.openapi(readSync, async (c) => {
    const connection = await wooConnection(deps, c.req.valid('param').id);
    const state = await readRunState(deps.db, connection.id);
    // A run recorded before a field existed gets that field's idle value.
    return c.json(state ? { ...idleRunState(), ...state } : { ...idleRunState(), state: 'idle' as const }, 200);
  });
}
