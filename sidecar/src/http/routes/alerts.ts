import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { type Alert, acknowledgeAlert, listAlerts } from '../../alerts/alerts.ts';
import type { AppDeps } from '../app.ts';
import { ApiError } from '../errors.ts';
import { ErrorSchema, errorResponses, idParam, json, pageQuery, security } from '../schemas.ts';

const timestamp = z.string().openapi({ format: 'date-time' });
const tags = ['Alerts'];

const AlertSchema = z
  .object({
    id: z.uuid(),
    kind: z.string(),
    severity: z.enum(['info', 'warning', 'error']),
    connectionId: z.uuid().nullable(),
    message: z.string(),
    firstSeen: timestamp,
    lastSeen: timestamp,
    count: z.number().int().openapi({ description: 'Occurrences since it was opened' }),
    acknowledged: z.boolean(),
    acknowledgedAt: timestamp.nullable(),
  })
  .openapi('Alert');

const list = createRoute({
  method: 'get',
  path: '/alerts',
  tags,
  summary: 'List alerts, newest first',
  security,
  request: {
    query: z.object({
      acknowledged: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'false: only open alerts; true: only acknowledged ones; omitted: both' }),
      connectionId: z.uuid().optional(),
      ...pageQuery,
    }),
  },
  responses: {
    200: json(z.object({ items: z.array(AlertSchema), nextCursor: z.uuid().nullable() }), 'A page of alerts'),
    ...errorResponses,
  },
});

const ack = createRoute({
  method: 'post',
  path: '/alerts/{id}/ack',
  tags,
  summary: 'Acknowledge an alert; a repeat of its problem opens a new one',
  security,
  request: { params: idParam },
  responses: {
    200: json(AlertSchema, 'The alert, acknowledged'),
    404: json(ErrorSchema, 'No such alert'),
    ...errorResponses,
  },
});

const alertView = (alert: Alert) => ({
  id: alert.id,
  kind: alert.kind,
  severity: alert.severity,
  connectionId: alert.connectionId,
  message: alert.message,
  firstSeen: alert.firstSeen.toISOString(),
  lastSeen: alert.lastSeen.toISOString(),
  count: alert.count,
  acknowledged: alert.acknowledgedAt !== null,
  acknowledgedAt: alert.acknowledgedAt?.toISOString() ?? null,
});

export function registerAlertRoutes(app: OpenAPIHono, deps: AppDeps): void {
  const { db } = deps;

  app.openapi(list, async (c) => {
    const { acknowledged, ...query } = c.req.valid('query');
    const items = await listAlerts(db, {
      ...query,
      acknowledged: acknowledged === undefined ? undefined : acknowledged === 'true',
    });
    const nextCursor = items.length === query.limit ? (items.at(-1)?.id ?? null) : null;
    return c.json({ items: items.map(alertView), nextCursor }, 200);
  });

  app.openapi(ack, async (c) => {
    const { id } = c.req.valid('param');
    const alert = await acknowledgeAlert(db, id);
    if (!alert) throw new ApiError(404, 'ALERT_NOT_FOUND', `No alert has the id ${id}.`);
    return c.json(alertView(alert), 200);
  });
}
