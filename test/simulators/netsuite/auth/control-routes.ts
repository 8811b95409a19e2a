import type { Hono } from 'hono';
import { z } from 'zod';
import type { NetSuiteSimulator } from '../simulator.ts';
import { importIntegrationKey } from './public-key.ts';
import { MAX_CERTIFICATES_PER_INTEGRATION } from './registry.ts';

const integrationInput = z.strictObject({
  clientId: z.string().min(1),
  certificateId: z.string().min(1),
  publicKeyPem: z.string().min(1),
});

const tbaInput = z.strictObject({
  consumerKey: z.string().min(1),
  consumerSecret: z.string().min(1),
  tokenId: z.string().min(1),
  tokenSecret: z.string().min(1),
});

/** Time only moves forward, as on a real server; an hour of test time is `3_600_000`. */
const clockInput = z.strictObject({
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(10 * 365 * 24 * 3600 * 1000),
});

/** Test-only routes that play the NetSuite administrator: integration records, TBA tokens, time. */
export function registerAuthControlRoutes(app: Hono, sim: NetSuiteSimulator): void {
  app.post('/__sim/integrations', async (c) => {
    const input = integrationInput.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) return c.json({ error: z.prettifyError(input.error) }, 400);
    const { clientId, certificateId, publicKeyPem } = input.data;
    let publicKey: ReturnType<typeof importIntegrationKey>;
    try {
      publicKey = importIntegrationKey(publicKeyPem);
    } catch (error) {
      return c.json({ error: `publicKeyPem refused: ${(error as Error).message}` }, 400);
    }
    const existing = sim.auth.integrations.get(certificateId);
    if (existing && existing.clientId !== clientId) {
      return c.json({ error: `certificate ${certificateId} belongs to client ${existing.clientId}` }, 400);
    }
    if (!existing && sim.auth.certificatesOf(clientId).length >= MAX_CERTIFICATES_PER_INTEGRATION) {
      return c.json(
        { error: `an integration has at most ${MAX_CERTIFICATES_PER_INTEGRATION} active certificates` },
        400,
      );
    }
    sim.auth.integrations.set(certificateId, { clientId, certificateId, publicKey });
    return c.json({ clientId, certificateId }, 201);
  });

  app.post('/__sim/tba', async (c) => {
    const input = tbaInput.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) return c.json({ error: z.prettifyError(input.error) }, 400);
    sim.auth.tba.set(input.data.tokenId, input.data);
    return c.json({ consumerKey: input.data.consumerKey, tokenId: input.data.tokenId }, 201);
  });

  app.post('/__sim/clock', async (c) => {
    const input = clockInput.safeParse(await c.req.json().catch(() => undefined));
    if (!input.success) return c.json({ error: z.prettifyError(input.error) }, 400);
    sim.clock.advance(input.data.advanceMs);
    return c.body(null, 204);
  });

  app.post('/__sim/tokens/revoke', (c) => {
    sim.auth.revokeAllTokens();
    return c.body(null, 204);
  });

  app.get('/__sim/login-audit', (c) => c.json({ items: sim.auth.loginAudit }));
}
