import type { Hono } from 'hono';
import type { NetSuiteSimulator } from '../simulator.ts';
import { TOKEN_PATH } from './account.ts';
import { registerAuthControlRoutes } from './control-routes.ts';
import { tokenEndpoint } from './token-endpoint.ts';

export { authenticate } from './authenticate.ts';
export type { Integration, IssuedToken, LoginAuditEntry, TbaCredentials } from './registry.ts';
export { AuthRegistry } from './registry.ts';

/**
 * The token endpoint sits on the root app, outside governance and authentication (a client without a token must
 * reach it), plus the `/__sim` routes that stand in for the administrator's setup pages.
 */
export function registerAuthRoutes(app: Hono, sim: NetSuiteSimulator): void {
  sim.auth.useClock(sim.clock);
  app.post(TOKEN_PATH, (c) => tokenEndpoint(c, sim));
  registerAuthControlRoutes(app, sim);
}
