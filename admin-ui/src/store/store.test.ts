import { describe, expect, it } from 'vitest';
import { deferred, mockApi } from '../../test/fetch-mock.ts';
import { heldOrder } from '../../test/fixtures.ts';
import { freshRegistry } from '../../test/render.tsx';
import { store } from './index.ts';

const first = heldOrder();
const second = heldOrder({ id: '0190a000-0000-7000-8000-000000000002', jobId: '0190a000-0000-7000-8000-000000000002' });

describe('admin-ui store', () => {
  it('loads the review queue through the configured REST root with the nonce, loading then ready', async () => {
    const gate = deferred();
    const calls = mockApi({
      'GET review-queue': async () => {
        await gate.promise;
        return { body: { items: [first], nextCursor: null } };
      },
    });
    const registry = freshRegistry();
    const loading = registry.dispatch(store).loadReviewQueue();
    expect(registry.select(store).getReviewQueue().status).toBe('loading');
    gate.resolve();
    await loading;

    expect(registry.select(store).getReviewQueue()).toEqual({ status: 'ready', data: [first], error: null });
    const [call] = calls;
    expect(`${call?.url.origin}${call?.url.pathname}`).toBe('http://shop.test/wp-json/ml-connector/v1/review-queue');
    expect(call?.url.searchParams.get('limit')).toBe('200');
    expect(call?.headers.get('X-WP-Nonce')).toBe('nonce-123');
  });

  it('keeps the sidecar’s error code and message when a load fails', async () => {
    mockApi({
      'GET sku-mappings': {
        status: 502,
        body: {
          error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar at http://127.0.0.1:8787 does not answer.' },
        },
      },
    });
    const registry = freshRegistry();
    await registry.dispatch(store).loadSkuMappings();
    expect(registry.select(store).getSkuMappings()).toEqual({
      status: 'error',
      data: null,
      error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar at http://127.0.0.1:8787 does not answer.' },
    });
  });

  it('releases many, goes on past a refusal, and leaves only the refused one in the queue', async () => {
    const calls = mockApi({
      'GET review-queue': { body: { items: [first, second], nextCursor: null } },
      [`POST review-queue/${first.id}/release`]: { body: { id: first.id, state: 'queued' } },
      [`POST review-queue/${second.id}/release`]: {
        status: 409,
        body: { error: { code: 'JOB_NOT_HELD', message: 'The job is no longer held.' } },
      },
    });
    const registry = freshRegistry();
    await registry.dispatch(store).loadReviewQueue();
    const result = await registry.dispatch(store).releaseReviewEntries([first.id, second.id]);

    expect(result.released).toEqual([first.id]);
    expect(result.failed).toEqual([
      { id: second.id, error: { code: 'JOB_NOT_HELD', message: 'The job is no longer held.' } },
    ]);
    expect(registry.select(store).getReviewQueue().data).toEqual([second]);
    expect(registry.select(store).getProgress()).toBeNull();
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(2);
  });

  it('saves a SKU mapping with the SKU URL-encoded, answers the released count and reloads the queue', async () => {
    let queue = [first];
    const calls = mockApi({
      'GET review-queue': () => ({ body: { items: queue, nextCursor: null } }),
      'PUT sku-mappings/TS%2FRED%20M': (call) => {
        queue = [];
        return {
          body: {
            sku: 'TS/RED M',
            netsuiteItemId: (call.body as { netsuiteItemId: string }).netsuiteItemId,
            connectionId: null,
            released: 1,
          },
        };
      },
    });
    const registry = freshRegistry();
    await registry.dispatch(store).loadReviewQueue();
    const saved = await registry.dispatch(store).saveSkuMapping('TS/RED M', '512');

    expect(saved.released).toBe(1);
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ netsuiteItemId: '512' });
    expect(registry.select(store).getSkuMappings().data?.[0]).toMatchObject({ sku: 'TS/RED M', netsuiteItemId: '512' });
    expect(registry.select(store).getReviewQueue().data).toEqual([]);
  });

  it('acknowledges an alert in place', async () => {
    const alert = {
      id: '0190a000-0000-7000-8000-0000000000a1',
      kind: 'netsuite.auth',
      severity: 'error' as const,
      connectionId: null,
      message: 'NetSuite refused the token.',
      firstSeen: '2026-11-20T10:00:00.000Z',
      lastSeen: '2026-11-20T11:00:00.000Z',
      count: 3,
      acknowledged: false,
      acknowledgedAt: null,
    };
    const acked = { ...alert, acknowledged: true, acknowledgedAt: '2026-11-20T12:00:00.000Z' };
    mockApi({
      'GET alerts': { body: { items: [alert], nextCursor: null } },
      [`POST alerts/${alert.id}/ack`]: { body: acked },
    });
    const registry = freshRegistry();
    await registry.dispatch(store).loadAlerts();
    await registry.dispatch(store).acknowledgeAlert(alert.id);
    expect(registry.select(store).getAlerts().data).toEqual([acked]);
  });

  describe('an audit event read whole', () => {
    const JOB = '0190a000-0000-7000-8000-00000000000a';
    const call = { id: '0190a000-0000-7000-8000-0000000000e1', type: 'outbound.call', message: 'POST … → 200' };
    const other = { id: '0190a000-0000-7000-8000-0000000000e2', type: 'job.succeeded', data: null, bodies: null };
    const previewed = {
      ...call,
      data: { request: { method: 'POST' } },
      bodies: { request: { preview: '{"update":[', bytes: 34_000, truncated: true }, response: null },
    };
    const whole = { ...call, data: { request: { method: 'POST', body: { update: [{ id: 1 }] } } } };

    it('takes the place of its previews in the search list and the job’s timeline, the others as they were', async () => {
      const calls = mockApi({
        'GET audit': { body: { items: [other, previewed], nextCursor: 'cursor' } },
        [`GET jobs/${JOB}`]: { body: { id: JOB, kind: 'netsuite.stock', timeline: [previewed, other] } },
        [`GET audit/${call.id}`]: { body: whole },
      });
      const registry = freshRegistry();
      await registry.dispatch(store).searchAudit({ q: 'batch' });
      await registry.dispatch(store).loadJob(JOB);
      await registry.dispatch(store).loadAuditEvent(call.id);
      expect(registry.select(store).getAudit()).toMatchObject({
        status: 'ready',
        data: { filter: { q: 'batch' }, items: [other, { ...whole, bodies: null }], nextCursor: 'cursor' },
      });
      expect(registry.select(store).getJob()).toMatchObject({
        status: 'ready',
        data: { id: JOB, timeline: [{ ...whole, bodies: null }, other] },
      });
      expect(calls.map((c) => c.url.pathname).at(-1)).toBe(`/wp-json/ml-connector/v1/audit/${call.id}`);
    });

    it('leaves a list that was never loaded alone, and rejects with the sidecar’s error, the previews kept', async () => {
      mockApi({
        'GET audit': { body: { items: [previewed], nextCursor: null } },
        [`GET audit/${call.id}`]: { body: whole },
        [`GET audit/${other.id}`]: {
          status: 404,
          body: { error: { code: 'AUDIT_EVENT_NOT_FOUND', message: 'The activity has no event with the id …' } },
        },
      });
      const registry = freshRegistry();
      await registry.dispatch(store).searchAudit();
      await expect(registry.dispatch(store).loadAuditEvent(other.id)).rejects.toMatchObject({
        code: 'AUDIT_EVENT_NOT_FOUND',
      });
      expect(registry.select(store).getAudit().data?.items).toEqual([previewed]);

      await registry.dispatch(store).loadAuditEvent(call.id);
      expect(registry.select(store).getAudit().data?.items).toEqual([{ ...whole, bodies: null }]);
      expect(registry.select(store).getJob()).toEqual({ status: 'idle', data: null, error: null });
    });
  });
});
