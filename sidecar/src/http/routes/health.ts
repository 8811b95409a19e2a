import { sql } from 'drizzle-orm';
import type { Hono } from 'hono';
import { pendingMigrations } from '../../db/migrate.ts';
import type { AppDeps } from '../app.ts';

export function registerHealthRoutes(app: Hono, { db, metrics, logger }: AppDeps): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    try {
      await db.execute(sql`select 1`);
      const pending = await pendingMigrations(db);
      if (pending.length > 0) {
        return c.json({ status: 'not_ready', reason: `Migrations not applied: ${pending.join(', ')}` }, 503);
      }
      return c.json({ status: 'ready' });
    } catch (error) {
      logger.warn({ err: error }, 'Readiness check failed');
      return c.json({ status: 'not_ready', reason: 'The database is not reachable.' }, 503);
    }
  });

  app.get('/metrics', async (c) => {
    c.header('Content-Type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });
}
