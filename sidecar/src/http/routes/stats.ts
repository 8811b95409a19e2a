import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ordersPerDay } from '../../stats/orders-per-day.ts';
import type { AppDeps } from '../app.ts';
import { errorResponses, json, security } from '../schemas.ts';

const OrdersPerDaySchema = z
  .object({
    timeZone: z.literal('UTC'),
    days: z.array(
      z.object({
        date: z.string().openapi({ format: 'date', example: '2025-06-01' }),
        synced: z.number().int(),
        held: z.number().int(),
        dead: z.number().int(),
      }),
    ),
  })
  .openapi('OrdersPerDay');

const ordersPerDayRoute = createRoute({
  method: 'get',
  path: '/stats/orders-per-day',
  tags: ['Stats'],
  summary: 'Orders synced, held and dead per day, for the Overview chart',
  description:
    'One entry per UTC day, oldest first, ending today, every day present (zeros included). ' +
    '`synced`: storefront orders whose NetSuite sales order was first written that day (each order once, on the day ' +
    'its order link was made; later rewrites do not count again). `held`: order jobs (the order flow and its ' +
    'refunds) that went to held that day; `dead`: order jobs that went to dead that day. Held and dead are read from ' +
    "the audit trail's transitions, each job at most once per day, so a job held, released and held again on another " +
    'day counts on both.',
  security,
  request: {
    query: z.object({
      days: z.coerce
        .number()
        .int()
        .min(1)
        .max(90)
        .default(14)
        .openapi({ description: 'How many days, today included (1–90, default 14).' }),
      connectionId: z.uuid().optional().openapi({ description: "Only this connection's orders." }),
    }),
  },
  responses: {
    200: json(OrdersPerDaySchema, 'The days, oldest first'),
    ...errorResponses,
  },
});

export function registerStatsRoutes(app: OpenAPIHono, { db }: AppDeps): void {
  app.openapi(ordersPerDayRoute, async (c) => {
    const { days, connectionId } = c.req.valid('query');
    return c.json({ timeZone: 'UTC' as const, days: await ordersPerDay(db, { days, connectionId }) }, 200);
  });
}
