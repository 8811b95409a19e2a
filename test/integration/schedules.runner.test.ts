import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../sidecar/src/db/client.ts';
import { schedules } from '../../sidecar/src/db/schema.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { ScheduleRunner } from '../../sidecar/src/schedules/runner.ts';
import { type Schedule, ScheduleRunError, type ScheduleServices } from '../../sidecar/src/schedules/schedule.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

/** The schedules below use no service; a run that touched one would fail its test. */
const noServices = {} as ScheduleServices;

describeOnEachDatabase('ScheduleRunner', (database) => {
  const opened: Database[] = [];
  afterAll(async () => {
    for (const db of opened) await db.close();
  });

  /**
   * A runner as another sidecar process would have it: on PostgreSQL with a connection pool of its own to the same
   * database; on PGlite (one process only) on the same handle.
   */
  async function runner(list: Schedule[], options: { cadences?: Record<string, number>; id?: string } = {}) {
    const shared = database();
    let db = shared.db;
    if (shared.url) {
      const own = await openDatabase({ databaseUrl: shared.url, poolSize: 4 });
      opened.push(own);
      db = own.db;
    }
    const scheduleRunner = new ScheduleRunner({
      db,
      services: noServices,
      schedules: list,
      cadences: options.cadences ?? {},
      logger: pino({ level: 'silent' }),
      redactor: new Redactor(),
      runnerId: options.id ?? `runner-${randomUUID().slice(0, 8)}`,
      leaseMs: 30_000,
      pollMs: 50,
    });
    await scheduleRunner.register();
    return scheduleRunner;
  }

  const name = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;
  const makeDue = (scheduleName: string) =>
    database().db.update(schedules).set({ nextRunAt: sql`now()` }).where(eq(schedules.name, scheduleName));
  const row = async (scheduleName: string) => {
    const [found] = await database().db.select().from(schedules).where(eq(schedules.name, scheduleName));
    if (!found) throw new Error(`no schedule ${scheduleName}`);
    return found;
  };

  function counting(scheduleName: string, cadence: number | string = '1h') {
    const state = { runs: 0, overlapping: 0, inFlight: 0 };
    const schedule: Schedule = {
      name: scheduleName,
      cadence,
      async run() {
        state.inFlight++;
        if (state.inFlight > 1) state.overlapping++;
        state.runs++;
        await new Promise((resolve) => setImmediate(resolve));
        state.inFlight--;
        return { message: `Run ${state.runs}.`, details: { runs: state.runs } };
      },
    };
    return { schedule, state };
  }

  it('runs a schedule once per period however many runners look at once', async () => {
    const { schedule, state } = counting(name('count'));
    const [a, b] = [await runner([schedule], { id: 'process-a' }), await runner([schedule], { id: 'process-b' })];
    const lookTogether = () => Promise.all([...Array(6)].flatMap(() => [a.runDue(), b.runDue()]));

    await lookTogether();
    expect(state.runs).toBe(0); // first due one period after it first appears

    await makeDue(schedule.name);
    await lookTogether();
    expect(state.runs).toBe(1);

    await makeDue(schedule.name);
    await lookTogether();
    await lookTogether();
    expect(state).toEqual({ runs: 2, overlapping: 0, inFlight: 0 });

    const after = await row(schedule.name);
    expect(after).toMatchObject({
      lastOutcome: 'succeeded',
      lastResult: { message: 'Run 2.', details: { runs: 2 } },
      runningBy: null,
      leaseUntil: null,
    });
    expect(after.nextRunAt.getTime()).toBeGreaterThan(after.lastStartedAt?.getTime() ?? 0);
    expect((await a.list()).map((s) => [s.name, s.cadence, s.runningBy])).toEqual([[schedule.name, '1h', null]]);
  });

  it('records a failing run as the last result and goes on running it and the others', async () => {
    const boom: Schedule = {
      name: name('boom'),
      cadence: '1h',
      run: async () => {
        throw new ScheduleRunError('STORE_UNREACHABLE', 'The store did not answer.', { polled: 2, failed: 1 });
      },
    };
    const plain: Schedule = { name: name('plain'), cadence: '1h', run: () => Promise.reject(new Error('not JSON')) };
    const { schedule: count, state } = counting(name('after'));
    const a = await runner([boom, plain, count]);
    for (let period = 1; period <= 2; period++) {
      for (const s of [boom, plain, count]) await makeDue(s.name);
      expect((await a.runDue()).sort()).toEqual([boom.name, plain.name, count.name].sort());
      expect(state.runs).toBe(period);
    }
    expect(await row(boom.name)).toMatchObject({
      lastOutcome: 'failed',
      lastResult: { code: 'STORE_UNREACHABLE', message: 'The store did not answer.', detail: { polled: 2, failed: 1 } },
      runningBy: null,
    });
    expect(await row(plain.name)).toMatchObject({
      lastOutcome: 'failed',
      lastResult: { code: 'UNEXPECTED_ERROR', message: 'not JSON' },
    });
  });

  it('runs on demand, refusing while another process runs it', async () => {
    let release = () => {};
    const entered: { promise: Promise<void>; resolve: () => void } = Promise.withResolvers<void>();
    let runs = 0;
    const slow: Schedule = {
      name: name('slow'),
      cadence: '1d',
      async run() {
        runs++;
        entered.resolve();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return { message: 'Slow run done.' };
      },
    };
    const [a, b] = [await runner([slow], { id: 'process-a' }), await runner([slow], { id: 'process-b' })];
    const registered = await row(slow.name);
    const first = a.runNow(slow.name);
    await entered.promise;
    // The run on demand counts as the period's run: the next is a full period on.
    expect((await row(slow.name)).nextRunAt.getTime()).toBeGreaterThanOrEqual(registered.nextRunAt.getTime());
    const refused = await b.runNow(slow.name);
    expect(refused).toMatchObject({ status: 'running', runningBy: 'process-a' });
    await makeDue(slow.name);
    expect(await b.runDue()).toEqual([]); // due, but leased
    expect((await b.list())[0]?.runningBy).toBe('process-a');
    release();
    expect(await first).toMatchObject({
      status: 'finished',
      schedule: {
        name: slow.name,
        lastOutcome: 'succeeded',
        lastResult: { message: 'Slow run done.' },
        runningBy: null,
      },
    });
    expect(runs).toBe(1);
    // The period that fell due meanwhile runs once the lease is free.
    const second = b.runDue();
    await eventuallyTrue(() => runs === 2);
    release();
    expect(await second).toEqual([slow.name]);
    expect(await b.runNow('no-such-schedule')).toEqual({ status: 'unknown' });
  });

  it('takes over a run whose process died once its lease lapsed', async () => {
    const { schedule, state } = counting(name('orphan'));
    const a = await runner([schedule], { id: 'process-a' });
    await database()
      .db.update(schedules)
      .set({ runningBy: 'process-gone', leaseUntil: sql`now() - interval '1 second'`, nextRunAt: sql`now()` })
      .where(eq(schedules.name, schedule.name));
    expect(await a.runDue()).toEqual([schedule.name]);
    expect(state.runs).toBe(1);
    expect(await row(schedule.name)).toMatchObject({ runningBy: null, lastOutcome: 'succeeded' });
  });

  it('takes the cadence from the environment, and a shorter one brings the next run forward', async () => {
    const { schedule } = counting(name('cadence'), '1d');
    await runner([schedule]);
    const planned = (await row(schedule.name)).nextRunAt;
    const envName = schedule.name.toUpperCase().replace(/-/g, '_');
    const reconfigured = await runner([schedule], { cadences: { [envName]: 5 * 60_000 } });
    const now = await row(schedule.name);
    expect(now.cadenceMs).toBe(300_000);
    expect(now.nextRunAt.getTime()).toBeLessThan(planned.getTime());
    expect((await reconfigured.list())[0]?.cadence).toBe('5m');
    expect(() => new ScheduleRunnerProbe([{ ...schedule, cadence: 'soon' }])).toThrow(/no valid cadence/);
  });

  it('runs due schedules by itself once started, and stops before its database closes', async () => {
    const { schedule, state } = counting(name('loop'), 20);
    const a = await runner([schedule]);
    a.start();
    for (let look = 0; look < 500 && state.runs < 2; look++) await new Promise((r) => setTimeout(r, 20));
    await a.stop(1_000);
    expect(state.runs).toBeGreaterThanOrEqual(2);
    const stoppedAt = state.runs;
    await makeDue(schedule.name);
    await new Promise((r) => setTimeout(r, 100));
    expect(state.runs).toBe(stoppedAt);
  });
});

async function eventuallyTrue(check: () => boolean): Promise<void> {
  for (let look = 0; look < 500 && !check(); look++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error('The condition never held.');
}

/** Builds a runner without a database, to check what its constructor refuses. */
class ScheduleRunnerProbe extends ScheduleRunner {
  constructor(list: Schedule[]) {
    super({
      db: {} as never,
      services: noServices,
      schedules: list,
      cadences: {},
      logger: pino({ level: 'silent' }),
      redactor: new Redactor(),
      runnerId: 'probe',
      leaseMs: 30_000,
      pollMs: 50,
    });
  }
}
