import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../db/client.ts';
import { errorRecordOf } from '../jobs/job-errors.ts';
import type { Logger } from '../logger.ts';
import type { Redactor } from '../redact.ts';
import { claimDueRun, claimRunNow } from './claim.ts';
import { formatDuration, parseDuration, scheduleEnvName } from './duration.ts';
import { type Schedule, ScheduleRunError, type ScheduleServices } from './schedule.ts';
import { abandonRun, finishRun, type RunEnd, renewRunLease } from './settle.ts';
import { readSchedules, registerSchedules, type ScheduleRow, type ScheduleState } from './state.ts';

export interface ScheduleRunnerOptions {
  db: Db;
  services: ScheduleServices;
  schedules: readonly Schedule[];
  /** Cadences from the environment (`MLC_SCHEDULE_<NAME>_EVERY`), in ms, by `<NAME>`; they win over the defaults. */
  cadences: Readonly<Record<string, number>>;
  logger: Logger;
  /** Results and errors are stored and shown: they go through it first. */
  redactor: Redactor;
  runnerId: string;
  /** A run's lease, renewed every third of it while it runs; once it lapses (the process died) the run is free. */
  leaseMs: number;
  /** Longest wait between two looks at what is due. */
  pollMs: number;
}

/** A schedule as the admin API shows it. */
export interface ScheduleStatus {
  name: string;
  cadence: string;
  cadenceMs: number;
  lastRunAt: Date | null;
  lastFinishedAt: Date | null;
  nextRunAt: Date;
  /** The process running it now, if any. */
  runningBy: string | null;
  lastOutcome: 'succeeded' | 'failed' | null;
  lastResult: unknown;
}

export type RunNowOutcome =
  | { status: 'finished'; schedule: ScheduleStatus }
  | { status: 'running'; runningBy: string; since: Date | null }
  | { status: 'unknown' };

/** Aborts runs still going when shutdown's grace runs out. */
class ScheduleShutdown extends Error {
  constructor() {
    super('The sidecar is shutting down');
  }
}

/** After aborting, how long runs get to notice before they are freed for them. */
const ABORT_SETTLE_MS = 2_000;

/** `leased`: whether its lease is live by the database's clock (a lapsed one names a process that died). */
export function statusOf(row: ScheduleRow, leased = row.runningBy !== null): ScheduleStatus {
  return {
    name: row.name,
    cadence: formatDuration(row.cadenceMs),
    cadenceMs: row.cadenceMs,
    lastRunAt: row.lastStartedAt,
    lastFinishedAt: row.lastFinishedAt,
    nextRunAt: row.nextRunAt,
    runningBy: leased ? row.runningBy : null,
    lastOutcome: row.lastOutcome ?? null,
    lastResult: row.lastResult ?? null,
  };
}

/**
 * Runs the registered schedules, each once per period across every process: a run starts only after this process
 * claims the period in the database (see `claimDueRun`). Runs go on in the background of the loop, one per schedule
 * at a time; a run that throws records its error and the loop goes on.
 */
export class ScheduleRunner {
  readonly #options: ScheduleRunnerOptions;
  readonly #byName: ReadonlyMap<string, Schedule>;
  readonly #cadences: ReadonlyMap<string, number>;
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake = new AbortController();

  /** Throws when two schedules share a name or a cadence is not a duration: a programming or configuration error. */
  constructor(options: ScheduleRunnerOptions) {
    this.#options = options;
    const byName = new Map<string, Schedule>();
    const cadences = new Map<string, number>();
    for (const schedule of options.schedules) {
      if (byName.has(schedule.name)) throw new Error(`Two schedules are named ${schedule.name}.`);
      byName.set(schedule.name, schedule);
      const variable = `MLC_SCHEDULE_${scheduleEnvName(schedule.name)}_EVERY`;
      const cadence = options.cadences[scheduleEnvName(schedule.name)] ?? parseDuration(schedule.cadence);
      if (cadence === undefined) {
        throw new Error(`Schedule ${schedule.name} has no valid cadence (${schedule.cadence}); set ${variable}.`);
      }
      cadences.set(schedule.name, cadence);
    }
    this.#byName = byName;
    this.#cadences = cadences;
    const known = new Set([...byName.keys()].map(scheduleEnvName));
    for (const name of Object.keys(options.cadences)) {
      if (!known.has(name)) {
        options.logger.warn(
          { variable: `MLC_SCHEDULE_${name}_EVERY`, schedules: [...byName.keys()] },
          `MLC_SCHEDULE_${name}_EVERY names no schedule; it is ignored.`,
        );
      }
    }
  }

  get names(): string[] {
    return [...this.#byName.keys()];
  }

  /** Writes each schedule's row (and cadence); the runner can run them from then on. */
  async register(): Promise<void> {
    await registerSchedules(this.#options.db, this.#cadences);
  }

  /** Starts looking for due schedules every `pollMs` (sooner when one is due sooner). */
  start(): void {
    if (this.#byName.size === 0 || this.#loop) return;
    this.#loop = this.#run();
  }

  /** Stops claiming, lets runs finish for `graceMs`, then aborts them; a run that will not stop is freed for another process. */
  async stop(graceMs: number): Promise<void> {
    this.#stopping = true;
    this.#wake.abort();
    await this.#loop;
    if (await this.#drained(graceMs)) return;
    for (const run of this.#running.values()) run.controller.abort(new ScheduleShutdown());
    if (await this.#drained(ABORT_SETTLE_MS)) return;
    const { db, runnerId, logger } = this.#options;
    for (const name of this.#running.keys()) {
      await abandonRun(db, name, runnerId);
      logger.warn({ schedule: name }, 'The schedule ignored its abort signal at shutdown; freed for another process');
    }
  }

  /** The schedules this process knows, with their state. */
  async list(): Promise<ScheduleStatus[]> {
    return (await readSchedules(this.#options.db, this.names)).map((state) => statusOf(state, state.leased));
  }

  /**
   * One look: claims every due schedule this process can and runs them, resolving once those runs ended. The loop
   * does this on its own; tests call it to step the clock by hand.
   */
  async runDue(): Promise<string[]> {
    const { started } = await this.#pass();
    await Promise.all(started.map((name) => this.#running.get(name)?.done));
    return started;
  }

  /** Runs a schedule now, unless another run of it is going on anywhere; resolves with how it ended. */
  async runNow(name: string): Promise<RunNowOutcome> {
    const schedule = this.#byName.get(name);
    if (!schedule) return { status: 'unknown' };
    const { db, runnerId, leaseMs } = this.#options;
    let claim = await claimRunNow(db, name, runnerId, leaseMs);
    if ('missing' in claim) {
      await this.register();
      claim = await claimRunNow(db, name, runnerId, leaseMs);
    }
    if ('missing' in claim) return { status: 'unknown' };
    if ('runningBy' in claim) return { status: 'running', runningBy: claim.runningBy, since: claim.since };
    const row = await this.#start(schedule);
    return row
      ? { status: 'finished', schedule: statusOf(row) }
      : { status: 'running', runningBy: 'another process', since: null };
  }

  async #run(): Promise<void> {
    const { logger, pollMs } = this.#options;
    while (!this.#stopping) {
      let waitMs = pollMs;
      try {
        waitMs = (await this.#pass()).waitMs;
      } catch (error) {
        logger.error({ err: error }, 'Could not look for due schedules; trying again after the poll interval');
      }
      await sleep(Math.min(Math.max(waitMs, 1), pollMs), undefined, { signal: this.#wake.signal, ref: false }).catch(
        () => {},
      );
    }
  }

  /** Claims and starts the due schedules not running here; says which started and how long until the next is due. */
  async #pass(): Promise<{ started: string[]; waitMs: number }> {
    const { db, runnerId, leaseMs, pollMs } = this.#options;
    const states = await readSchedules(db, this.names);
    if (states.length < this.#byName.size) await this.register();
    const started: string[] = [];
    let waitMs = pollMs;
    for (const state of states) {
      const schedule = this.#byName.get(state.name);
      if (!schedule || this.#running.has(state.name) || this.#stopping) continue;
      if (!isDue(state)) {
        waitMs = Math.min(waitMs, state.dueInMs > 0 ? state.dueInMs : pollMs);
        continue;
      }
      if (!(await claimDueRun(db, state.name, runnerId, leaseMs))) continue;
      started.push(state.name);
      void this.#start(schedule);
    }
    return { started, waitMs };
  }

  /** Runs a claimed schedule with its lease renewed, records how it ended, and frees it. */
  #start(schedule: Schedule): Promise<ScheduleRow | undefined> {
    const { db, services, logger, redactor, runnerId, leaseMs } = this.#options;
    const controller = new AbortController();
    const log = logger.child({ schedule: schedule.name });
    const renewal = setInterval(() => {
      renewRunLease(db, schedule.name, runnerId, leaseMs)
        .then((held) => held || controller.abort(new Error('The run lost its lease to another process')))
        .catch((error) => log.warn({ err: error }, 'Could not renew the schedule lease'));
    }, leaseMs / 3);
    const result = (async () => {
      const started = performance.now();
      let end: RunEnd;
      try {
        const outcome = await schedule.run(services, controller.signal);
        end = { outcome: 'succeeded', result: redactor.redact(outcome) };
        log.info({ durationMs: Math.round(performance.now() - started), result: end.result }, outcome.message);
      } catch (error) {
        const record =
          error instanceof ScheduleRunError
            ? { code: error.code, message: error.message, detail: error.detail }
            : errorRecordOf(error);
        const interrupted = controller.signal.reason instanceof ScheduleShutdown;
        end = { outcome: 'failed', result: redactor.redact(record), dueAgainNow: interrupted };
        log.warn({ err: error, code: record.code }, `Schedule ${schedule.name} failed: ${record.message}`);
      } finally {
        clearInterval(renewal);
      }
      try {
        const row = await finishRun(db, schedule.name, runnerId, end);
        if (!row) log.warn('The run lost its lease before it finished; its result is not recorded');
        return row;
      } catch (error) {
        log.error({ err: error }, 'Could not record how the schedule ran; its lease will lapse');
        return undefined;
      }
    })();
    const done = result.then(
      () => {},
      () => {},
    );
    const entry = { controller, done };
    this.#running.set(schedule.name, entry);
    void done.then(() => {
      if (this.#running.get(schedule.name) === entry) this.#running.delete(schedule.name);
    });
    return result;
  }

  /** True when every run settled within `ms`. */
  async #drained(ms: number): Promise<boolean> {
    const all = Promise.all([...this.#running.values()].map((run) => run.done)).then(() => true);
    return Promise.race([all, sleep(ms, false, { ref: false })]);
  }
}

const isDue = (state: ScheduleState) => state.dueInMs <= 0 && !state.leased;
