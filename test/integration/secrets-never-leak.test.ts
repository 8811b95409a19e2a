import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, jobs } from '../../sidecar/src/db/schema.ts';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../sidecar/src/http/keep-alive.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import type { JobContext } from '../../sidecar/src/jobs/handler.ts';
import type { Job } from '../../sidecar/src/jobs/job.ts';
import type { JobServices } from '../../sidecar/src/sidecar.ts';
import { databaseKinds } from '../support/databases.ts';
import { eventually } from '../support/ledger-harness.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const secret = () => randomBytes(24).toString('base64url');

describe.each(databaseKinds())('no secret appears in logs, audit or API responses [%s]', (kind) => {
  const storedViaApi = secret();
  const storedDirectly = secret();
  const payloadSecret = secret();
  let harness: TestSidecar;
  let storefront: ReturnType<typeof serve>;
  let storefrontUrl = '';
  const seenByStorefront: string[] = [];

  /** A job that uses every secret it can: logs them, sends them out, and fails with one in its message. */
  const leakyHandlers = ({ vault, outbound }: JobServices) =>
    new Map([
      [
        'leak.test',
        async (job: Job, context: JobContext) => {
          const apiSecret = (await vault.get('storefront.api-secret')) ?? '';
          const directSecret = (await vault.get('netsuite.token-secret')) ?? '';
          context.logger.info(
            { consumer_secret: apiSecret, note: `using ${apiSecret} and ${directSecret}` },
            'calling',
          );
          context.logger.info(`plain message with ${directSecret}`);
          await outbound.send({
            target: 'woocommerce',
            method: 'POST',
            url: `${storefrontUrl}/wp-json/wc/v3/orders/1`,
            headers: {
              authorization: `Basic ${Buffer.from(`ck:${apiSecret}`).toString('base64')}`,
              'x-note': apiSecret,
            },
            body: JSON.stringify({ note: `secret ${directSecret}`, payload: job.payload }),
            job,
            externalId: 'WOO_ORDER_1',
          });
          await context.note({ message: `noted ${apiSecret}`, data: { echo: directSecret } });
          throw new Error(`storefront refused key ${apiSecret}`);
        },
      ],
    ]);

  beforeAll(async () => {
    const echo = new Hono().post('*', async (c) => {
      const body = await c.req.text();
      seenByStorefront.push(body, c.req.header('x-note') ?? '');
      return c.json({ received: body, header: c.req.header('x-note') }, 401);
    });
    storefront = serve({ fetch: echo.fetch, port: 0, hostname: '127.0.0.1', serverOptions: KEEP_ALIVE_SERVER_OPTIONS });
    await new Promise((resolve) => storefront.once('listening', resolve));
    storefrontUrl = `http://127.0.0.1:${(storefront.address() as AddressInfo).port}`;
    harness = await startTestSidecar(kind, { handlers: leakyHandlers });
  });
  afterAll(async () => {
    await harness.close();
    storefront.close();
  });

  it('keeps every known secret out of every output, while the secrets are really used', async () => {
    const put = await harness.call('/api/v1/secrets/storefront.api-secret', {
      method: 'PUT',
      body: JSON.stringify({ value: storedViaApi }),
    });
    expect(put.status).toBe(204);
    await harness.sidecar.vault.put('netsuite.token-secret', storedDirectly);
    const { sidecar } = harness;
    const { job } = await enqueueJob(
      sidecar.database.db,
      sidecar.audit,
      {
        kind: 'leak.test',
        entityKey: 'leak:1',
        idempotencyKey: 'leak:1',
        payload: { consumer_secret: payloadSecret },
        maxAttempts: 1,
      },
      1,
    );
    sidecar.worker.nudge();
    await eventually(
      async () => (await harness.call(`/api/v1/jobs/${job.id}`)).json().state === 'dead',
      15_000,
      'the leaky job to die',
    );
    expect(seenByStorefront.join(' ')).toContain(storedViaApi);
    expect(seenByStorefront.join(' ')).toContain(storedDirectly);

    const responses = await Promise.all(
      [
        '/api/v1/jobs',
        `/api/v1/jobs/${job.id}`,
        `/api/v1/audit?jobId=${job.id}`,
        '/api/v1/audit?type=outbound.call',
        '/api/v1/secrets',
        '/api/v1/openapi.json',
        '/metrics',
      ].map(async (path) => (await harness.call(path)).text),
    );
    // The job's detail and the audit search preview the call's bodies; the audit event serves them whole.
    const call = (JSON.parse(responses[1] ?? '{}').timeline as { id: string; type: string }[]).find(
      (event) => event.type === 'outbound.call',
    );
    const whole = await harness.call(`/api/v1/audit/${call?.id}`);
    expect(whole.status, whole.text).toBe(200);
    expect(whole.json().data.request.body.payload).toEqual({ consumer_secret: '[REDACTED]' });
    expect(whole.json().data.response.body).toMatchObject({ header: '[REDACTED]' });
    responses.push(whole.text);
    const stored = JSON.stringify([
      await sidecar.database.db.select().from(auditEvents),
      await sidecar.database.db.select({ lastError: jobs.lastError }).from(jobs),
    ]);
    const everything = [...harness.logLines, ...responses, stored].join('\n');
    const secrets = { storedViaApi, storedDirectly, admin: harness.adminToken, master: harness.masterKey };
    for (const [name, value] of Object.entries(secrets)) {
      expect(everything.includes(value), `${name} leaked`).toBe(false);
    }
    expect(responses.join('\n').includes(payloadSecret), 'a secret-named payload field leaked').toBe(false);
    expect(everything).toContain('[REDACTED]');
    const timeline = JSON.parse(responses[1] ?? '{}').timeline as { type: string }[];
    expect(timeline.map((event) => event.type)).toEqual(
      expect.arrayContaining(['job.started', 'outbound.call', 'job.note', 'job.dead']),
    );
  });
});
