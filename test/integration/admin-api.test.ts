import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

describe.each(databaseKinds())('admin API and health endpoints [%s]', (kind) => {
  let harness: TestSidecar;
  const enqueue = (entityKey: string, payload: unknown = {}) =>
    enqueueJob(
      harness.sidecar.database.db,
      harness.sidecar.audit,
      { kind: 'api.test', entityKey, idempotencyKey: `${entityKey}:${Math.random()}`, payload },
      5,
    );

  beforeAll(async () => {
    harness = await startTestSidecar(kind, { env: { MLC_BODY_LIMIT_BYTES: '65536' } });
  });
  afterAll(() => harness.close());

  it('answers healthz, readyz and metrics without the token', async () => {
    expect((await harness.call('/healthz', { authorization: null })).json()).toEqual({ status: 'ok' });
    expect((await harness.call('/readyz', { authorization: null })).json()).toEqual({ status: 'ready' });
    await enqueue('metrics:1');
    const metrics = await harness.call('/metrics', { authorization: null });
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    expect(metrics.text).toMatch(/^mlc_jobs\{state="queued"\} [1-9]/m);
    expect(metrics.text).toContain('# TYPE mlc_job_duration_seconds histogram');
    expect(metrics.text).toContain('# TYPE mlc_outbound_requests_total counter');
    expect(metrics.text).toContain('# TYPE mlc_webhook_deliveries_total counter');
  });

  it('refuses the admin API without the right bearer token', async () => {
    for (const authorization of [null, 'Bearer wrong-token', `Basic ${harness.adminToken}`, 'Bearer']) {
      const response = await harness.call('/api/v1/jobs', { authorization });
      expect(response.status).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHORIZED');
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
    }
    expect((await harness.call('/api/v1/openapi.json', { authorization: null })).status).toBe(401);
  });

  it('lists jobs newest first with filters and a cursor', async () => {
    const entityKey = `list:${Date.now()}`;
    const created = [];
    for (let i = 0; i < 3; i++) created.push((await enqueue(entityKey, { i })).job.id);
    const first = (await harness.call(`/api/v1/jobs?entityKey=${entityKey}&limit=2`)).json();
    expect(first.items.map((job: { id: string }) => job.id)).toEqual([created[2], created[1]]);
    expect(first.nextCursor).toBe(created[1]);
    const second = (
      await harness.call(`/api/v1/jobs?entityKey=${entityKey}&limit=2&before=${first.nextCursor}`)
    ).json();
    expect(second.items.map((job: { id: string }) => job.id)).toEqual([created[0]]);
    expect(second.nextCursor).toBeNull();
    const queued = (await harness.call(`/api/v1/jobs?entityKey=${entityKey}&state=queued`)).json();
    expect(queued.items).toHaveLength(3);
    expect((await harness.call(`/api/v1/jobs?entityKey=${entityKey}&state=dead`)).json().items).toHaveLength(0);
  });

  it('shows a job with its timeline, and acts on it or says why not', async () => {
    const { job } = await enqueue(`act:${Date.now()}`, { order: 5 });
    const shown = (await harness.call(`/api/v1/jobs/${job.id}`)).json();
    expect(shown).toMatchObject({ id: job.id, state: 'queued', payload: { order: 5 } });
    expect(shown.timeline.map((event: { type: string }) => event.type)).toEqual(['job.enqueued']);

    const conflict = await harness.call(`/api/v1/jobs/${job.id}/release`, { method: 'POST' });
    expect(conflict.status).toBe(409);
    expect(conflict.json().error).toMatchObject({ code: 'JOB_STATE_CONFLICT' });
    const cancelled = await harness.call(`/api/v1/jobs/${job.id}/cancel`, { method: 'POST' });
    expect(cancelled.json()).toMatchObject({ id: job.id, state: 'cancelled' });
    const missing = await harness.call('/api/v1/jobs/01900000-0000-7000-8000-000000000000/replay', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(missing.json().error.code).toBe('JOB_NOT_FOUND');
  });

  it('searches the audit trail by job, entity, state, type and time', async () => {
    const entityKey = `audit:${Date.now()}`;
    const { job } = await enqueue(entityKey);
    await harness.call(`/api/v1/jobs/${job.id}/cancel`, { method: 'POST' });
    const byJob = (await harness.call(`/api/v1/audit?jobId=${job.id}`)).json();
    expect(byJob.items.map((event: { type: string }) => event.type)).toEqual(['job.cancelled', 'job.enqueued']);
    expect(byJob.items[0].requestId).toMatch(/.+/);
    const byEntity = (await harness.call(`/api/v1/audit?entityKey=${entityKey}&state=cancelled`)).json();
    expect(byEntity.items).toHaveLength(1);
    const from = new Date(Date.now() + 60_000).toISOString();
    expect((await harness.call(`/api/v1/audit?jobId=${job.id}&from=${from}`)).json().items).toHaveLength(0);
    const byType = (await harness.call(`/api/v1/audit?entityKey=${entityKey}&type=job.enqueued`)).json();
    expect(byType.items).toHaveLength(1);
  });

  it('answers bad input with a 4xx and a JSON error, never a 500', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['/api/v1/jobs/not-a-uuid', {}, 400, 'INVALID_REQUEST'],
      ['/api/v1/jobs?limit=0', {}, 400, 'INVALID_REQUEST'],
      ['/api/v1/jobs?state=lost', {}, 400, 'INVALID_REQUEST'],
      ['/api/v1/audit?from=yesterday', {}, 400, 'INVALID_REQUEST'],
      ['/api/v1/secrets/x1', { method: 'PUT', body: '{"value":' }, 400, 'MALFORMED_JSON'],
      ['/api/v1/secrets/x1', { method: 'PUT', body: '{"value":""}' }, 400, 'INVALID_REQUEST'],
      ['/api/v1/secrets/Bad%20Name', { method: 'PUT', body: '{"value":"abcdefgh"}' }, 400, 'INVALID_REQUEST'],
      [
        '/api/v1/secrets/x1',
        { method: 'PUT', body: JSON.stringify({ value: 'x'.repeat(100_000) }) },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      ['/api/v1/nowhere', {}, 404, 'NOT_FOUND'],
      ['/api/v1/secrets/never-stored', { method: 'DELETE' }, 404, 'SECRET_NOT_FOUND'],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await harness.call(path, init);
      expect({ path, status: response.status, code: response.json().error?.code }).toEqual({ path, status, code });
      expect(response.json().error.message).toMatch(/.{8,}/);
    }
  });

  it('describes itself in OpenAPI', async () => {
    const document = (await harness.call('/api/v1/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/jobs', '/jobs/{id}', '/jobs/{id}/replay', '/jobs/{id}/release', '/audit', '/secrets']),
    );
    expect(document.components.securitySchemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('puts the request id on every log line of a request', async () => {
    const response = await harness.call('/api/v1/jobs?limit=1');
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/.+/);
    const lines = harness.logLines.map((line) => JSON.parse(line)).filter((line) => line.requestId === requestId);
    expect(lines.map((line) => line.msg)).toContain('request');
  });
});
