import { and, count, eq, inArray, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { alerts, jobs } from '../db/schema.ts';
import type { Job } from '../jobs/job.ts';
import { payloadConnectionOf } from '../review-queue/held-detail.ts';
import { BILLING_JOB_KIND, FULFILLMENT_JOB_KIND } from '../sync/netsuite-fulfillments.ts';
import { raiseAlert, resolveAlerts } from './alerts.ts';
import { billingFailingAlert } from './billing-alerts.ts';
import { ALERT_DELIVERY_JOB_KIND } from './enqueue-deliveries.ts';
import { fulfillmentWritebackFailingAlert } from './fulfillment-alerts.ts';

export const JOB_DEAD = 'job_dead';
export const ORDERS_HELD = 'orders_held';

/** One alert per job kind and store: a storm of dead jobs is one alert whose count goes up. */
export const jobDeadAlertKey = (kind: string, connectionId: string | undefined) =>
  `${JOB_DEAD}:${kind}:${connectionId ?? 'none'}`;
export const ordersHeldAlertKey = (connectionId: string | undefined) => `${ORDERS_HELD}:${connectionId ?? 'none'}`;

/** Order jobs (the order itself, its refunds, its billing) share the order's entity key. */
const ORDER_ENTITY = '%:order:%';
const isOrderJob = (job: Job) => job.entityKey.includes(':order:');

const connectionIs = (connectionId: string | undefined): SQL =>
  connectionId === undefined
    ? sql`${jobs.payload}->>'connectionId' is null`
    : sql`${jobs.payload}->>'connectionId' = ${connectionId}`;

async function countJobs(db: Queryable, ...conditions: SQL[]): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(jobs)
    .where(and(...conditions));
  return row?.n ?? 0;
}

const deadOfKind = (db: Queryable, kind: string, connectionId: string | undefined) =>
  countJobs(db, eq(jobs.state, 'dead'), eq(jobs.kind, kind), connectionIs(connectionId));
const heldOrders = (db: Queryable, connectionId: string | undefined) =>
  countJobs(db, eq(jobs.state, 'held'), like(jobs.entityKey, ORDER_ENTITY), connectionIs(connectionId));

async function openKeys(db: Queryable, keys: string[]): Promise<string[]> {
  const open = await db
    .select({ key: alerts.dedupeKey })
    .from(alerts)
    .where(and(inArray(alerts.dedupeKey, keys), isNull(alerts.acknowledgedAt)));
  return open.map((row) => row.key);
}

/**
 * Settles of one alert's jobs take turns (a transaction-scoped advisory lock per dedupe key, in key order): each then
 * counts what the others committed, so concurrent deaths report the right total and concurrent replays resolve.
 */
async function takeTurns(db: Queryable, keys: string[]): Promise<void> {
  for (const key of [...keys].sort()) await db.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The alert dead jobs of one kind raise: its kind, its dedupe key per store, and its message given how many are dead. */
export interface DeadJobAlert {
  kind: string;
  key: (connectionId: string | undefined) => string;
  message: (job: Job, dead: number) => string;
}

const jobDeadAlert = (jobKind: string): DeadJobAlert => ({
  kind: JOB_DEAD,
  key: (connectionId) => jobDeadAlertKey(jobKind, connectionId),
  message: (job, dead) =>
    `JOB_DEAD: ${plural(dead, `${job.kind} job is`, `${job.kind} jobs are`)} dead; the latest (${job.entityKey}) ` +
    `failed with ${job.lastError?.code ?? 'an error'}: ${job.lastError?.message ?? 'no detail'} Fix the cause and replay it in Activity.`,
});

/** Job kinds whose death has an alert of its own, saying what it means for the store; the others raise `job_dead`. */
const OWN_DEAD_JOB_ALERTS: ReadonlyMap<string, DeadJobAlert> = new Map([
  [BILLING_JOB_KIND, billingFailingAlert],
  [FULFILLMENT_JOB_KIND, fulfillmentWritebackFailingAlert],
]);

const deadJobAlertOf = (jobKind: string): DeadJobAlert => OWN_DEAD_JOB_ALERTS.get(jobKind) ?? jobDeadAlert(jobKind);

/**
 * Keeps `job_dead` (or a kind's own alert, such as `billing_failing` or `fulfillment_writeback_failing`) and
 * `orders_held` in step with the ledger; called in the transaction that settles a job (worker or operator). Failed
 * alert deliveries raise nothing: an alert about an alert that cannot be sent would loop.
 */
export async function alertOnJobSettled(db: Queryable, job: Job): Promise<void> {
  if (job.kind === ALERT_DELIVERY_JOB_KIND) return;
  const connectionId = payloadConnectionOf(job.payload);
  if (job.state === 'dead') {
    const alert = deadJobAlertOf(job.kind);
    await takeTurns(db, [alert.key(connectionId)]);
    const dead = await deadOfKind(db, job.kind, connectionId);
    await raiseAlert(db, {
      kind: alert.kind,
      severity: 'error',
      connectionId,
      dedupeKey: alert.key(connectionId),
      message: alert.message(job, dead),
    });
    return;
  }
  if (job.state === 'held' && isOrderJob(job)) {
    await takeTurns(db, [ordersHeldAlertKey(connectionId)]);
    const held = await heldOrders(db, connectionId);
    await raiseAlert(db, {
      kind: ORDERS_HELD,
      severity: 'warning',
      connectionId,
      dedupeKey: ordersHeldAlertKey(connectionId),
      message:
        `ORDERS_HELD: ${plural(held, 'order waits', 'orders wait')} in the review queue; the latest: ` +
        `${job.lastError?.message ?? 'it needs your attention'}`,
    });
    return;
  }
  if (job.state === 'succeeded' || job.state === 'cancelled') await resolveCleared(db, job, connectionId);
}

/** The cause is gone when no dead job of the kind (no held order) of that store is left after a replay or cancel. */
async function resolveCleared(db: Queryable, job: Job, connectionId: string | undefined): Promise<void> {
  const deadKey = deadJobAlertOf(job.kind).key(connectionId);
  const heldKey = ordersHeldAlertKey(connectionId);
  const open = await openKeys(db, isOrderJob(job) ? [deadKey, heldKey] : [deadKey]);
  if (open.length === 0) return;
  await takeTurns(db, open);
  const cleared: string[] = [];
  if (open.includes(deadKey) && (await deadOfKind(db, job.kind, connectionId)) === 0) cleared.push(deadKey);
  if (open.includes(heldKey) && (await heldOrders(db, connectionId)) === 0) cleared.push(heldKey);
  await resolveAlerts(db, cleared);
}

/**
 * The same in a savepoint of the settling transaction: an alert that cannot be raised (its store deleted meanwhile)
 * must not keep the job from settling. The failure is returned for the job's timeline.
 */
export async function alertOnJobSettledSafely(db: Queryable, job: Job): Promise<Error | undefined> {
  try {
    await db.transaction((savepoint) => alertOnJobSettled(savepoint, job));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
