import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../sidecar/src/db/client.ts';
import type { Schedule } from '../../sidecar/src/schedules/schedule.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

describe.each(databaseKinds())('admin API: schedules [%s]', (kind) => {
  let harness: TestSidecar;
  const counts = { count: 0, tick: 0 };
  const gate = { entered: Promise.withResolvers<void>(), release: Promise.withResolvers<void>() };

  const list: Schedule[] = [
    {
      name: 'count',
      cadence: '1d',
      run: async (services) => {
        counts.count++;
        // Runs get the sidecar's services.
        const [row] = rowsOf<{ one: number }>(await services.db.execute(sql`select 1 as one`));
        return { message: `Counted to ${counts.count}.`, details: { count: counts.count, db: Boolean(row) } };
      },
    },
    {
      name: 'boom',
      cadence: '1d',
      run: () => Promise.reject(new Error('The store answered 500.')),
    },
    {
      name: 'gated',
      cadence: '1d',
      run: async () => {
        gate.entered.resolve();
        await gate.release.promise;
        return { message: 'Through the gate.' };
      },
    },
    {
      name: 'tick',
      cadence: '1d',
      run: async () => {
        counts.tick++;
        return { message: `Tick ${counts.tick}.` };
      },
    },
  ];

  beforeAll(async () => {
    harness = await startTestSidecar(kind, {
      // `tick` runs by itself every 50 ms; the others only when asked within this test.
      env: { MLC_SCHEDULE_TICK_EVERY: '50ms', MLC_SCHEDULE_COUNT_EVERY: '2h' },
      schedules: () => list,
    });
  });
  afterAll(() => harness?.close());

  const run = (name: string) => harness.call(`/api/v1/schedules/${name}/run`, { method: 'POST' });

  it('lists every schedule with its cadence, last and next run', async () => {
    const response = await harness.call('/api/v1/schedules');
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((s: { name: string }) => s.name)).toEqual(['boom', 'count', 'gated', 'tick']);
    const count = body.items.find((s: { name: string }) => s.name === 'count');
    expect(count).toMatchObject({ cadence: '2h', cadenceMs: 7_200_000, lastRunAt: null, lastResult: null });
    expect(Date.parse(count.nextRunAt)).toBeGreaterThan(Date.now());
    expect(body.items.find((s: { name: string }) => s.name === 'boom').cadence).toBe('1d');
  });

  it('runs a schedule on demand and answers its result', async () => {
    const response = await run('count');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      name: 'count',
      lastOutcome: 'succeeded',
      lastResult: { message: 'Counted to 1.', details: { count: 1, db: true } },
      runningBy: null,
    });
    expect(counts.count).toBe(1);
    const listed = (await harness.call('/api/v1/schedules'))
      .json()
      .items.find((s: { name: string }) => s.name === 'count');
    expect(listed.lastRunAt).toEqual(expect.any(String));
    expect(listed.lastResult.message).toBe('Counted to 1.');
  });

  it('records a failing run as its last result', async () => {
    const response = await run('boom');
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      lastOutcome: 'failed',
      lastResult: { code: 'UNEXPECTED_ERROR', message: 'The store answered 500.' },
    });
    expect((await run('count')).json().lastResult.message).toBe('Counted to 2.');
  });

  it('answers 409 with the reason while the schedule runs, and 404 for an unknown one', async () => {
    const first = run('gated');
    await gate.entered.promise;
    const refused = await run('gated');
    expect(refused.status).toBe(409);
    expect(refused.json().error.code).toBe('SCHEDULE_RUNNING');
    expect(refused.json().error.message).toMatch(/gated is running now \(process .+ since .+\)/);
    const running = (await harness.call('/api/v1/schedules'))
      .json()
      .items.find((s: { name: string }) => s.name === 'gated');
    expect(running.runningBy).toEqual(expect.any(String));
    gate.release.resolve();
    expect((await first).json()).toMatchObject({
      lastOutcome: 'succeeded',
      lastResult: { message: 'Through the gate.' },
    });

    const unknown = await run('no-such-schedule');
    expect(unknown.status).toBe(404);
    expect(unknown.json().error.code).toBe('SCHEDULE_NOT_FOUND');
    expect((await run('Bad Name')).status).toBe(400);
  });

  it('runs due schedules by itself, at the cadence the environment sets', async () => {
    // `tick` is first due 50 ms after start; wait for the runner to have taken two periods.
    for (let look = 0; look < 500 && counts.tick < 2; look++) await new Promise((r) => setTimeout(r, 20));
    expect(counts.tick).toBeGreaterThanOrEqual(2);
    expect(counts.count).toBe(2); // the 2 h schedule only ran when asked
  });

  it('describes the schedule endpoints in OpenAPI', async () => {
    const document = (await harness.call('/api/v1/openapi.json')).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/schedules', '/schedules/{name}/run']));
    expect(Object.keys(document.paths['/schedules/{name}/run'].post.responses)).toEqual(
      expect.arrayContaining(['200', '404', '409']),
    );
  });
});
