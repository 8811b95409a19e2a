import type { Hono } from 'hono';
import { z } from 'zod';
import { MEDIA_TYPE } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { governanceInput } from './settings.ts';

/**
 * `GET /system/v1/governanceLimits` on the REST app (authenticated and counted, as in NetSuite, [S28]) and the
 * `/__sim` knobs for limits, latency, faults and the request log.
 */
export function registerGovernanceRoutes(app: Hono, rest: Hono, sim: NetSuiteSimulator): void {
  rest.get('/system/v1/governanceLimits', (c) => {
    const { concurrencyLimit, integrationConcurrencyLimit } = sim.governance.settings;
    // The documented shapes for an integration with and without an allocation ([S28]).
    const body =
      integrationConcurrencyLimit === null
        ? {
            accountConcurrencyLimit: concurrencyLimit,
            accountUnallocatedConcurrencyLimit: concurrencyLimit,
            integrationLimitType: 'accountLimit',
          }
        : {
            accountConcurrencyLimit: concurrencyLimit,
            accountUnallocatedConcurrencyLimit: concurrencyLimit - integrationConcurrencyLimit,
            integrationConcurrencyLimit,
            integrationLimitType: 'integrationSpecific',
          };
    return c.body(JSON.stringify(body), 200, { 'Content-Type': MEDIA_TYPE.singular });
  });

  app.put('/__sim/governance', async (c) => {
    const input = governanceInput.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) return c.json({ error: z.prettifyError(input.error) }, 400);
    const refusal = sim.governance.configure(input.data);
    if (refusal) return c.json({ error: refusal }, 400);
    return c.body(null, 204);
  });

  app.get('/__sim/governance', (c) => c.json({ ...sim.governance.settings, inFlight: sim.governance.inFlight }));
  app.get('/__sim/requests', (c) => c.json({ items: sim.governance.requests }));
  app.delete('/__sim/requests', (c) => {
    sim.governance.requests = [];
    return c.body(null, 204);
  });
}
