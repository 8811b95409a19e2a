/**
 * The audit lists (`GET /audit`, the timeline of `GET /jobs/{id}`) preview each outbound call's bodies (2 KB, with
 * the whole size) so a stock or price run's detail and the Activity's first page stay small; `GET /audit/{id}` serves
 * one event's bodies whole, byte for byte as audited, whether the call belonged to a job or not.
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
  jobId: string | null;
  type: string;
  message: string;
  data: { request?: Record<string, unknown>; response?: Record<string, unknown> } | null;
  bodies: { request: BodyPreview | null; response: BodyPreview | null } | null;
}

/** 40,000 characters of text, accents, ticks and emoji (1 to 4 bytes each), well under the trail's 64 KB cut. */
const BIG_TEXT = 'Prix réduit ✓ chaussettes 🧦 en stock; '.repeat(1_000).slice(0, 40_000);
/** What a stock run sends: a WooCommerce batch of 150 products, and one last product named after the job's run. */
const batch = (tail: string) => ({
  update: [
    ...Array.from({ length: 150 }, (_, n) => ({
      id: 1000 + n,
      sku: `BULK-${String(n).padStart(4, '0')}`,
      stock_quantity: n % 13,
      manage_stock: true,
    })),
    { id: 9999, sku: tail, stock_quantity: 1, manage_stock: true },
  ],
});
const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const tailOf = (job: Job) => (job.payload as { tail: string }).tail;

describe.each(databaseKinds())('audit bodies: previewed in the lists, one event whole on demand [%s]', (kind) => {
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
        'audit-bodies.test',
        async (job: Job) => {
          const send = (method: string, path: string, body?: string) =>
            outbound.send({
              target: 'woocommerce',
              method,
              url: `${storefrontUrl}${path}`,
              ...(body ? { headers: { 'content-type': 'application/json' }, body } : {}),
              job,
            });
          await send('POST', '/wp-json/wc/v3/products/batch', JSON.stringify(batch(tailOf(job))));
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
        {
          kind: 'audit-bodies.test',
          entityKey,
          idempotencyKey: entityKey,
          payload: { tail: `TAIL-${randomBytes(6).toString('hex')}` },
          maxAttempts: 1,
        },
        1,
      )
    ).job;

  async function ranJob(): Promise<Job> {
    const job = await enqueue(`audit-bodies:${randomBytes(4).toString('hex')}`);
    harness.sidecar.worker.nudge();
    await eventually(
      async () => (await harness.call(`/api/v1/jobs/${job.id}`)).json().state === 'succeeded',
      15_000,
      'the job to succeed',
    );
    return job;
  }
  const callTo = (events: Entry[], path: string) => {
    const entry = events.find((event) => event.type === 'outbound.call' && event.message.includes(path));
    if (!entry) throw new Error(`No call to ${path} among the events`);
    return entry;
  };

  it('serves a small job detail with previews and sizes, and each event whole, byte for byte', async () => {
    const job = await ranJob();
    const detail = await harness.call(`/api/v1/jobs/${job.id}`);
    const timeline = detail.json().timeline as Entry[];
    const call = callTo(timeline, '/products/batch');

    const event = await harness.call(`/api/v1/audit/${call.id}`);
    expect(event.status, event.text).toBe(200);
    const whole = event.json();
    expect(whole).toMatchObject({ id: call.id, jobId: job.id, type: 'outbound.call', message: call.message });
    expect(whole).not.toHaveProperty('bodies');
    // The text body as the storefront sent it; the JSON one as sent, in the compact form its size was counted in.
    expect(whole.data.response.body).toBe(BIG_TEXT);
    expect(whole.data.request.body).toEqual(batch(tailOf(job)));
    const requestText = JSON.stringify(whole.data.request.body);

    expect(call.bodies?.response).toEqual({
      preview: BIG_TEXT.slice(0, call.bodies?.response?.preview.length),
      bytes: utf8Bytes(BIG_TEXT),
      truncated: true,
    });
    expect(call.bodies?.request).toEqual({
      preview: requestText.slice(0, call.bodies?.request?.preview.length),
      bytes: utf8Bytes(requestText),
      truncated: true,
    });
    for (const preview of [call.bodies?.response?.preview ?? '', call.bodies?.request?.preview ?? '']) {
      // 2 KB, cut between characters (a character is at most 4 bytes).
      expect(utf8Bytes(preview)).toBeLessThanOrEqual(2048);
      expect(utf8Bytes(preview)).toBeGreaterThan(2044);
      expect(preview).not.toContain('\uFFFD');
    }
    // Everything else about the call stays; only the bodies left `data`.
    expect(call.data?.request).toEqual({ ...whole.data.request, body: undefined });
    expect(call.data?.request).not.toHaveProperty('body');
    expect(call.data?.response).not.toHaveProperty('body');
    expect(call.data?.response).toMatchObject({ status: 200 });

    const small = callTo(timeline, '/system_status');
    expect(small.bodies).toEqual({ request: null, response: { preview: '{"ok":true}', bytes: 11, truncated: false } });
    const transitions = timeline.filter((entry) => entry.type.startsWith('job.'));
    expect(transitions.map((entry) => entry.type)).toEqual(['job.enqueued', 'job.started', 'job.succeeded']);
    expect(transitions.every((entry) => entry.bodies === null)).toBe(true);
    expect(utf8Bytes(detail.text)).toBeLessThan(12_000);
  });

  it('previews the bodies in the audit search as on the timeline, and q still finds what is past a preview', async () => {
    const job = await ranJob();
    const tail = tailOf(job);
    const timeline = (await harness.call(`/api/v1/jobs/${job.id}`)).json().timeline as Entry[];
    const search = await harness.call(`/api/v1/audit?jobId=${job.id}`);
    expect(search.status, search.text).toBe(200);
    const items = search.json().items as Entry[];
    // The same events in the same shape, newest first.
    expect(items).toEqual(timeline.toReversed());
    const whole = (await harness.call(`/api/v1/audit/${callTo(items, '/products/batch').id}`)).json();
    const wholeBytes = utf8Bytes(JSON.stringify(whole.data.request.body)) + utf8Bytes(BIG_TEXT);
    expect(utf8Bytes(search.text)).toBeLessThan(12_000);
    expect(utf8Bytes(search.text)).toBeLessThan(wholeBytes / 5);

    // The last product of the batch is far past the request's first 2 KB, and only in that body.
    const found = await harness.call(`/api/v1/audit?q=${tail.toLowerCase()}`);
    expect(found.status, found.text).toBe(200);
    const [match, ...others] = found.json().items as Entry[];
    expect(others).toEqual([]);
    expect(match).toEqual(callTo(items, '/products/batch'));
    expect(match?.bodies?.request?.truncated).toBe(true);
    expect(found.text).not.toContain(tail);
    expect(JSON.stringify(whole.data.request.body)).toContain(`"sku":"${tail}"`);
  });

  it('reads an outbound call that belongs to no job whole, and previews it in the search', async () => {
    const tag = `NOJOB-${randomBytes(6).toString('hex')}`;
    const body = JSON.stringify({ note: `${'x'.repeat(3_000)} ${tag}` });
    const response = await harness.sidecar.outbound.send({
      target: 'woocommerce',
      method: 'POST',
      url: `${storefrontUrl}/wp-json/wc/v3/products/batch`,
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(200);

    const [listed, ...others] = (await harness.call(`/api/v1/audit?q=${tag}`)).json().items as Entry[];
    expect(others).toEqual([]);
    expect(listed).toMatchObject({ jobId: null, type: 'outbound.call' });
    expect(listed?.bodies?.request).toEqual({ preview: body.slice(0, 2048), bytes: utf8Bytes(body), truncated: true });
    expect(listed?.data?.request).not.toHaveProperty('body');

    const whole = await harness.call(`/api/v1/audit/${listed?.id}`);
    expect(whole.status, whole.text).toBe(200);
    expect(whole.json()).toMatchObject({ id: listed?.id, jobId: null, message: listed?.message });
    expect(JSON.stringify(whole.json().data.request.body)).toBe(body);
    expect(whole.json().data.response.body).toBe(BIG_TEXT);
  });

  it('cuts previews after redaction: a secret learnt since the call shows in neither a preview nor the event', async () => {
    const job = await ranJob();
    await harness.sidecar.vault.put('storefront.rotated-secret', lateSecret);
    const detail = await harness.call(`/api/v1/jobs/${job.id}`);
    const search = await harness.call(`/api/v1/audit?jobId=${job.id}`);
    const echo = callTo(detail.json().timeline as Entry[], '/echo');
    const whole = await harness.call(`/api/v1/audit/${echo.id}`);

    expect(whole.json().data.response.body).toBe(`${'s'.repeat(2_040)}[REDACTED] and more after it`);
    expect(echo.bodies?.response?.preview).toBe(`${'s'.repeat(2_040)}[REDACTE`);
    expect(callTo(search.json().items, '/echo').bodies).toEqual(echo.bodies);
    for (const text of [detail.text, search.text, whole.text]) expect(text).not.toContain(lateSecret.slice(0, 8));
  });

  it('says what was wrong: 400 for a malformed id, 404 for an unknown event, 401 without the token', async () => {
    const job = await ranJob();
    const eventId = callTo((await harness.call(`/api/v1/jobs/${job.id}`)).json().timeline, '/products/batch').id;
    const unknown = '01900000-0000-7000-8000-000000000000';
    const cases: [string, number, string][] = [
      ['/api/v1/audit/not-an-id', 400, 'INVALID_REQUEST'],
      [`/api/v1/audit/${unknown}`, 404, 'AUDIT_EVENT_NOT_FOUND'],
      // The route it replaces is gone.
      [`/api/v1/jobs/${job.id}/timeline/${eventId}`, 404, 'NOT_FOUND'],
    ];
    for (const [path, status, code] of cases) {
      const response = await harness.call(path);
      expect({ path, status: response.status, code: response.json().error?.code }).toEqual({ path, status, code });
      expect(response.json().error.message).toMatch(/.{8,}/);
    }
    expect((await harness.call(`/api/v1/audit/${unknown}`)).json().error.message).toBe(
      `The activity has no event with the id ${unknown}.`,
    );
    expect((await harness.call(`/api/v1/audit/${eventId}`, { authorization: null })).status).toBe(401);
  });

  it('describes the event route and the previews in OpenAPI', async () => {
    const document = (await harness.call('/api/v1/openapi.json')).json();
    expect(document.paths['/jobs/{id}/timeline/{entryId}']).toBeUndefined();
    const route = document.paths['/audit/{id}']?.get;
    expect(route?.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(['id']);
    expect(Object.keys(route?.responses ?? {})).toEqual(expect.arrayContaining(['200', '400', '401', '404']));
    expect(route?.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/AuditEvent',
    });

    const { schemas } = document.components;
    expect(schemas.TimelineEntry).toBeUndefined();
    expect(schemas.BodyPreview.required).toEqual(['preview', 'bytes', 'truncated']);
    const [base, own] = schemas.AuditEventPreview.allOf;
    expect(base).toEqual({ $ref: '#/components/schemas/AuditEvent' });
    expect(own.properties.bodies.properties.response).toEqual({
      anyOf: [{ $ref: '#/components/schemas/BodyPreview' }, { type: 'null' }],
    });
    const preview = { $ref: '#/components/schemas/AuditEventPreview' };
    const search = document.paths['/audit'].get.responses['200'].content['application/json'].schema;
    expect(search.properties.items.items).toEqual(preview);
    expect(schemas.JobWithTimeline.allOf[1].properties.timeline.items).toEqual(preview);
  });
});
