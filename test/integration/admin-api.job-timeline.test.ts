/**
 * `GET /jobs/{id}` previews each outbound call's bodies (2 KB, with the whole size) so a stock or price run's detail
 * stays small; `GET /jobs/{id}/timeline/{entryId}` serves one entry's bodies whole, byte for byte as audited.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../sidecar/src/http/keep-alive.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import type { Job } from '../../sidecar/src/jobs/job.ts';
import type { JobServices } from '../../sidecar/src/sidecar.ts';
import { databaseKinds } from '../support/databases.ts';
import { eventually } from '../support/ledger-harness.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

interface BodyPreview {
  preview: string;
  bytes: number;
  truncated: boolean;
}
interface Entry {
  id: string;
  type: string;
  message: string;
  data: { request?: Record<string, unknown>; response?: Record<string, unknown> } | null;
  bodies: { request: BodyPreview | null; response: BodyPreview | null } | null;
}

/** 40,000 characters of text, accents, ticks and emoji (1 to 4 bytes each), well under the trail's 64 KB cut. */
const BIG_TEXT = 'Prix réduit ✓ chaussettes 🧦 en stock; '.repeat(1_000).slice(0, 40_000);
/** What a stock run sends: a WooCommerce batch of 150 products. */
const BATCH = {
  update: Array.from({ length: 150 }, (_, n) => ({
    id: 1000 + n,
    sku: `BULK-${String(n).padStart(4, '0')}`,
    stock_quantity: n % 13,
    manage_stock: true,
  })),
};
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe.each(databaseKinds())('a job’s timeline: bodies previewed, one entry whole on demand [%s]', (kind) => {
  /** Known to the sidecar only after the job has run, as a secret learnt since (a key rotated in) would be. */
  const lateSecret = randomBytes(24).toString('base64url');
  /** Straddles the preview's 2 KB cut: a cut before redaction would show its first half. */
  const secretBody = `${'s'.repeat(2_040)}${lateSecret} and more after it`;
  let harness: TestSidecar;
  let storefront: ReturnType<typeof serve>;
  let storefrontUrl = '';

  const handlers = ({ outbound }: JobServices) =>
    new Map([
      [
        'timeline.test',
        async (job: Job) => {
          const send = (method: string, path: string, body?: string) =>
            outbound.send({
              target: 'woocommerce',
              method,
              url: `${storefrontUrl}${path}`,
              ...(body ? { headers: { 'content-type': 'application/json' }, body } : {}),
              job,
            });
          await send('POST', '/wp-json/wc/v3/products/batch', JSON.stringify(BATCH));
          await send('GET', '/wp-json/wc/v3/system_status');
          await send('GET', '/wp-json/wc/v3/echo');
        },
      ],
    ]);

  beforeAll(async () => {
    const store = new Hono()
      .post('/wp-json/wc/v3/products/batch', (c) => c.text(BIG_TEXT))
      .get('/wp-json/wc/v3/system_status', (c) => c.json({ ok: true }))
      .get('/wp-json/wc/v3/echo', (c) => c.text(secretBody));
    storefront = serve({
      fetch: store.fetch,
      port: 0,
      hostname: '127.0.0.1',
      serverOptions: KEEP_ALIVE_SERVER_OPTIONS,
    });
    await new Promise((resolve) => storefront.once('listening', resolve));
    storefrontUrl = `http://127.0.0.1:${(storefront.address() as AddressInfo).port}`;
    harness = await startTestSidecar(kind, { handlers });
  });
  afterAll(async () => {
    await harness.close();
    storefront.close();
  });

  const enqueue = async (entityKey: string) =>
    (
      await enqueueJob(
        harness.sidecar.database.db,
        harness.sidecar.audit,
        { kind: 'timeline.test', entityKey, idempotencyKey: entityKey, payload: {}, maxAttempts: 1 },
        1,
      )
    ).job;

  async function ranJob(): Promise<Job> {
    const job = await enqueue(`timeline:${randomBytes(4).toString('hex')}`);
    harness.sidecar.worker.nudge();
    await eventually(
      async () => (await harness.call(`/api/v1/jobs/${job.id}`)).json().state === 'succeeded',
      15_000,
      'the job to succeed',
    );
    return job;
  }
  const callTo = (timeline: Entry[], path: string) => {
    const entry = timeline.find((event) => event.type === 'outbound.call' && event.message.includes(path));
    if (!entry) throw new Error(`No call to ${path} on the timeline`);
    return entry;
  };

  it('serves a small detail with previews and sizes, and each entry whole, byte for byte', async () => {
    const job = await ranJob();
    const detail = await harness.call(`/api/v1/jobs/${job.id}`);
    const timeline = detail.json().timeline as Entry[];
    const batch = callTo(timeline, '/products/batch');

    const entry = await harness.call(`/api/v1/jobs/${job.id}/timeline/${batch.id}`);
    expect(entry.status, entry.text).toBe(200);
    const whole = entry.json();
    expect(whole).toMatchObject({ id: batch.id, jobId: job.id, type: 'outbound.call', message: batch.message });
    // The text body as the storefront sent it; the JSON one as sent, in the compact form its size was counted in.
    expect(whole.data.response.body).toBe(BIG_TEXT);
    expect(whole.data.request.body).toEqual(BATCH);
    const requestText = JSON.stringify(whole.data.request.body);

    expect(batch.bodies?.response).toEqual({
      preview: BIG_TEXT.slice(0, batch.bodies?.response?.preview.length),
      bytes: utf8Bytes(BIG_TEXT),
      truncated: true,
    });
    expect(batch.bodies?.request).toEqual({
      preview: requestText.slice(0, batch.bodies?.request?.preview.length),
      bytes: utf8Bytes(requestText),
      truncated: true,
    });
    for (const preview of [batch.bodies?.response?.preview ?? '', batch.bodies?.request?.preview ?? '']) {
      // 2 KB, cut between characters (a character is at most 4 bytes).
      expect(utf8Bytes(preview)).toBeLessThanOrEqual(2048);
      expect(utf8Bytes(preview)).toBeGreaterThan(2044);
      expect(preview).not.toContain('\uFFFD');
    }
    // Everything else about the call stays; only the bodies left `data`.
    expect(batch.data?.request).toEqual({ ...whole.data.request, body: undefined });
    expect(batch.data?.request).not.toHaveProperty('body');
    expect(batch.data?.response).not.toHaveProperty('body');
    expect(batch.data?.response).toMatchObject({ status: 200 });

    const small = callTo(timeline, '/system_status');
    expect(small.bodies).toEqual({ request: null, response: { preview: '{"ok":true}', bytes: 11, truncated: false } });
    const transitions = timeline.filter((event) => event.type.startsWith('job.'));
    expect(transitions.map((event) => event.type)).toEqual(['job.enqueued', 'job.started', 'job.succeeded']);
    expect(transitions.every((event) => event.bodies === null)).toBe(true);

    // The audit search still serves the bodies whole: the job's detail is a small part of it.
    const audit = await harness.call(`/api/v1/audit?jobId=${job.id}`);
    expect(utf8Bytes(audit.text)).toBeGreaterThan(utf8Bytes(BIG_TEXT) + utf8Bytes(requestText));
    expect(utf8Bytes(detail.text)).toBeLessThan(12_000);
  });

  it('cuts previews after redaction: a secret learnt since the call shows in neither the preview nor the entry', async () => {
    const job = await ranJob();
    await harness.sidecar.vault.put('storefront.rotated-secret', lateSecret);
    const detail = await harness.call(`/api/v1/jobs/${job.id}`);
    const echo = callTo(detail.json().timeline as Entry[], '/echo');
    const whole = await harness.call(`/api/v1/jobs/${job.id}/timeline/${echo.id}`);

    expect(whole.json().data.response.body).toBe(`${'s'.repeat(2_040)}[REDACTED] and more after it`);
    expect(echo.bodies?.response?.preview).toBe(`${'s'.repeat(2_040)}[REDACTE`);
    for (const text of [detail.text, whole.text]) expect(text).not.toContain(lateSecret.slice(0, 8));
  });

  it('says which id was wrong: 400 for a malformed one, 404 for an unknown job or entry', async () => {
    const job = await ranJob();
    const other = await enqueue(`timeline-other:${randomBytes(4).toString('hex')}`);
    const entryId = callTo((await harness.call(`/api/v1/jobs/${job.id}`)).json().timeline, '/products/batch').id;
    const unknown = '01900000-0000-7000-8000-000000000000';
    const cases: [string, number, string][] = [
      [`/api/v1/jobs/${job.id}/timeline/not-an-id`, 400, 'INVALID_REQUEST'],
      [`/api/v1/jobs/not-an-id/timeline/${entryId}`, 400, 'INVALID_REQUEST'],
      [`/api/v1/jobs/${unknown}/timeline/${entryId}`, 404, 'JOB_NOT_FOUND'],
      [`/api/v1/jobs/${job.id}/timeline/${unknown}`, 404, 'TIMELINE_ENTRY_NOT_FOUND'],
      // An entry is served under its own job only.
      [`/api/v1/jobs/${other.id}/timeline/${entryId}`, 404, 'TIMELINE_ENTRY_NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const response = await harness.call(path);
      expect({ path, status: response.status, code: response.json().error?.code }).toEqual({ path, status, code });
      expect(response.json().error.message).toMatch(/.{8,}/);
    }
    expect((await harness.call(`/api/v1/jobs/${job.id}/timeline/${entryId}`, { authorization: null })).status).toBe(
      401,
    );
  });

  it('describes the entry route and the previews in OpenAPI', async () => {
    const document = (await harness.call('/api/v1/openapi.json')).json();
    const route = document.paths['/jobs/{id}/timeline/{entryId}']?.get;
    expect(route?.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['id', 'entryId']);
    expect(Object.keys(route?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    expect(document.components.schemas.BodyPreview.required).toEqual(['preview', 'bytes', 'truncated']);
    const timelineEntry = document.components.schemas.TimelineEntry.allOf;
    expect(timelineEntry[0]).toEqual({ $ref: '#/components/schemas/AuditEvent' });
    expect(timelineEntry[1].properties.bodies.properties.response).toEqual({
      anyOf: [{ $ref: '#/components/schemas/BodyPreview' }, { type: 'null' }],
    });
  });
});
