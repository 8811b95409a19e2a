import type { Hono } from 'hono';
import type { NetSuiteSimulator } from '../simulator.ts';
import { ensureAccount } from './account.ts';
import { registerControlRoutes } from './control.ts';
import { registerRestRoutes } from './routes.ts';

/**
 * The record service (`/services/rest/record/v1/…`, behind governance and authentication) and its test controls
 * (`/__sim/seed`, `/__sim/ledger`).
 */
export function registerRecordRoutes(app: Hono, rest: Hono, sim: NetSuiteSimulator): void {
  ensureAccount(sim);
  // A fresh account (after `/__sim/reset`) gets its built-in records on first use, before any service reads it.
  rest.use('*', async (_c, next) => {
    ensureAccount(sim);
    await next();
  });
  registerRestRoutes(rest, sim);
  registerControlRoutes(app, sim);
}
