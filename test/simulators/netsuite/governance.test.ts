import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from './governance.ts';
import { peakInFlight, requestLog as requestLogAt, type ServedSimulator, startSimulator } from './test-support.ts';

const GOVERNANCE_LIMITS = '/services/rest/system/v1/governanceLimits';

let served: ServedSimulator;
beforeAll(async () => {
  served = await startSimulator();
});
afterAll(() => served.close());
beforeEach(async () => {
  await fetch(`${served.url}/__sim/reset`, { method: 'POST' });
});

function configure(body: unknown) {
  return fetch(`${served.url}/__sim/governance`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

const requestLog = () => requestLogAt(served.url);

/** Polls the log until `done` holds: the server finishes a request after the client has given up on it. */
async function waitForLog(done: (items: RequestLogEntry[]) => boolean): Promise<RequestLogEntry[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const items = await requestLog();
    if (done(items)) return items;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the request log never reached the expected state');
}

describe('concurrency governance (spec §5.1)', () => {
  it('admits at most concurrencyLimit requests at once and refuses the rest at once with 429', async () => {
    expect((await configure({ concurrencyLimit: 2, latencyMs: 200 })).status).toBe(204);
    const started = Date.now();
    const responses = await Promise.all(Array.from({ length: 6 }, () => served.ns(GOVERNANCE_LIMITS)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
    expect(Date.now() - started).toBeLessThan(5_000);

    const refused = responses.filter((response) => response.status === 429);
    for (const response of refused) {
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.oracle.resource+json; type=error; charset=UTF-8',
      );
      expect(response.headers.get('retry-after')).toBeNull();
      const body = (await response.json()) as Record<string, unknown>;
      expect(body.status).toBe(429);
      expect(body['o:errorDetails']).toEqual([
        { detail: 'Concurrent request limit exceeded. Request blocked.', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' },
      ]);
    }

    const log = await requestLog();
    expect(log).toHaveLength(6);
    expect(log.filter((entry) => entry.admitted)).toHaveLength(2);
    expect(log.filter((entry) => !entry.admitted).every((entry) => entry.status === 429 && !entry.handled)).toBe(true);
    expect(peakInFlight(log)).toBe(2);
    expect(served.sim.governance.inFlight).toBe(0);
  });

  it('reports the account limit at governanceLimits in the documented accountLimit shape', async () => {
    const response = await served.ns(GOVERNANCE_LIMITS);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      accountConcurrencyLimit: 15,
      accountUnallocatedConcurrencyLimit: 15,
      integrationLimitType: 'accountLimit',
    });
  });

  it('reports and enforces a limit allocated to the integration (integrationSpecific)', async () => {
    expect((await configure({ concurrencyLimit: 5, integrationConcurrencyLimit: 2 })).status).toBe(204);
    expect(await (await served.ns(GOVERNANCE_LIMITS)).json()).toEqual({
      accountConcurrencyLimit: 5,
      accountUnallocatedConcurrencyLimit: 3,
      integrationConcurrencyLimit: 2,
      integrationLimitType: 'integrationSpecific',
    });
    await configure({ latencyMs: 150 });
    const statuses = (await Promise.all(Array.from({ length: 3 }, () => served.ns(GOVERNANCE_LIMITS)))).map(
      (response) => response.status,
    );
    expect(statuses.sort()).toEqual([200, 200, 429]);
  });

  it('delays requests by latencyMs plus up to jitterMs', async () => {
    await configure({ latencyMs: 100, jitterMs: 50 });
    const started = Date.now();
    expect((await served.ns(GOVERNANCE_LIMITS)).status).toBe(200);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('fault injection', () => {
  it('phase after: the handler runs, then the client gets a 503 instead of its answer', async () => {
    await configure({ faults: [{ kind: 503, rate: 1, phase: 'after', path: 'governanceLimits$' }] });
    const response = await served.ns(GOVERNANCE_LIMITS);
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.oracle.resource+json; type=error; charset=UTF-8',
    );
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.status).toBe(503);
    expect(body['o:errorDetails']).toHaveLength(1);
    expect((await requestLog()).at(-1)).toMatchObject({
      path: GOVERNANCE_LIMITS,
      admitted: true,
      handled: true,
      handlerStatus: 200,
      status: 503,
      fault: 503,
    });
  });

  it('phase before: a 500 UNEXPECTED_ERROR without running the handler', async () => {
    await configure({ faults: [{ kind: 500, rate: 1, phase: 'before' }] });
    const response = await served.ns(GOVERNANCE_LIMITS);
    expect(response.status).toBe(500);
    const body = (await response.json()) as { 'o:errorDetails': { detail: string; 'o:errorCode': string }[] };
    expect(body['o:errorDetails'][0]?.['o:errorCode']).toBe('UNEXPECTED_ERROR');
    expect(body['o:errorDetails'][0]?.detail).toMatch(/^An unexpected error occurred\. Error ID: [a-z]{20}$/);
    expect((await requestLog()).at(-1)).toMatchObject({ handled: false, handlerStatus: null, status: 500, fault: 500 });
  });

  it('injected 429s carry the concurrency body and Retry-After: 1', async () => {
    await configure({ faults: [{ kind: 429, rate: 1, phase: 'before' }] });
    const response = await served.ns(GOVERNANCE_LIMITS);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('1');
    const body = (await response.json()) as { 'o:errorDetails': { 'o:errorCode': string }[] };
    expect(body['o:errorDetails'][0]?.['o:errorCode']).toBe('CONCURRENCY_LIMIT_EXCEEDED');
  });

  it('fires only on matching paths and at its rate', async () => {
    await configure({
      faults: [
        { kind: 503, rate: 1, phase: 'before', path: '^/services/rest/record/' },
        { kind: 500, rate: 0, phase: 'before' },
      ],
    });
    for (let index = 0; index < 5; index++) expect((await served.ns(GOVERNANCE_LIMITS)).status).toBe(200);
  });

  it('fires on every n-th request it is checked for, counted afresh when the faults are set', async () => {
    await configure({ faults: [{ kind: 503, every: 3, phase: 'before' }] });
    const statuses: number[] = [];
    for (let index = 0; index < 7; index++) statuses.push((await served.ns(GOVERNANCE_LIMITS)).status);
    expect(statuses).toEqual([200, 200, 503, 200, 200, 503, 200]);
    await configure({ faults: [{ kind: 503, every: 2, phase: 'before' }] });
    expect([(await served.ns(GOVERNANCE_LIMITS)).status, (await served.ns(GOVERNANCE_LIMITS)).status]).toEqual([
      200, 503,
    ]);
  });

  it('reset: drops the connection without an answer', async () => {
    await configure({ faults: [{ kind: 'reset', rate: 1, phase: 'before' }] });
    await expect(served.ns(GOVERNANCE_LIMITS)).rejects.toThrow();
    const log = await waitForLog((items) => items.at(-1)?.endedAt !== null);
    expect(log.at(-1)).toMatchObject({ status: null, fault: 'reset', handled: false });
    expect(served.sim.governance.inFlight).toBe(0);
  });

  it('stall: holds the request, unanswered, until the client gives up, then frees the slot', async () => {
    await configure({ concurrencyLimit: 1, faults: [{ kind: 'stall', rate: 1, phase: 'before' }] });
    const started = Date.now();
    const error = await served.ns(GOVERNANCE_LIMITS, { signal: AbortSignal.timeout(300) }).catch((caught) => caught);
    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeLessThan(5_000);

    const log = await waitForLog((items) => items.at(-1)?.endedAt !== null);
    expect(log.at(-1)).toMatchObject({ status: null, fault: 'stall', admitted: true });
    expect(served.sim.governance.inFlight).toBe(0);
    await configure({ faults: [] });
    expect((await served.ns(GOVERNANCE_LIMITS)).status).toBe(200);
  });
});

describe('governance control routes', () => {
  it('refuses bad PUT /__sim/governance input with 400', async () => {
    const bad = [
      { concurrencyLimit: 0 },
      { concurrencyLimit: 2.5 },
      { latencyMs: -1 },
      { latencyMs: 3_600_000 },
      { concurrencyLimit: 3, integrationConcurrencyLimit: 3 },
      { unknownKnob: true },
      { faults: [{ kind: 404, rate: 1, phase: 'before' }] },
      { faults: [{ kind: 503, rate: 1.5, phase: 'before' }] },
      { faults: [{ kind: 503, rate: 1, phase: 'during' }] },
      { faults: [{ kind: 503, rate: 1, phase: 'before', path: '(' }] },
      'not an object',
    ];
    for (const body of bad) expect((await configure(body)).status, JSON.stringify(body)).toBe(400);
    const settings = (await (await fetch(`${served.url}/__sim/governance`)).json()) as Record<string, unknown>;
    expect(settings).toMatchObject({ concurrencyLimit: 15, latencyMs: 0, jitterMs: 0, faults: [] });
  });

  it('clears the request log on DELETE and restores defaults on /__sim/reset', async () => {
    await configure({ concurrencyLimit: 3, latencyMs: 10, faults: [{ kind: 503, rate: 1, phase: 'before' }] });
    await served.ns(GOVERNANCE_LIMITS);
    expect(await requestLog()).toHaveLength(1);
    expect((await fetch(`${served.url}/__sim/requests`, { method: 'DELETE' })).status).toBe(204);
    expect(await requestLog()).toEqual([]);

    await fetch(`${served.url}/__sim/reset`, { method: 'POST' });
    expect(served.sim.governance.settings).toEqual({
      concurrencyLimit: 15,
      integrationConcurrencyLimit: null,
      latencyMs: 0,
      jitterMs: 0,
      faults: [],
    });
    expect((await served.ns(GOVERNANCE_LIMITS)).status).toBe(200);
  });

  it('counts unauthenticated requests too, as NetSuite counts every request', async () => {
    const response = await fetch(`${served.url}${GOVERNANCE_LIMITS}`);
    expect(response.status).toBe(401);
    expect((await requestLog()).at(-1)).toMatchObject({ admitted: true, status: 401, handled: true });
  });
});
