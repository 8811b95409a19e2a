import { eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { expect, it } from 'vitest';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';
import { alerts, connections, jobs, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import { cancelJob } from '../../sidecar/src/jobs/operator-actions.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { describeOnEachDatabase } from '../support/databases.ts';

const TAG = '0014_legacy_dead_job_alerts';
const BILLING = 'netsuite.fulfillment-billing';
const WRITEBACK = 'netsuite.fulfillment';

describeOnEachDatabase('migration 0014: legacy dead-job alerts', (database) => {
  const db = () => database().db;
  const stores = { stale: uuidv7(), billing: uuidv7(), writeback: uuidv7(), current: uuidv7() };
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute));

  const alert = async (kind: string, dedupeKey: string, connectionId: string | null, minute: number) => {
    const id = uuidv7();
    await db()
      .insert(alerts)
      .values({
        id,
        kind,
        severity: 'error',
        connectionId,
        dedupeKey,
        message: `${dedupeKey} was raised`,
        firstSeen: at(minute),
        lastSeen: at(minute),
      });
    return id;
  };
  const job = async (kind: string, connectionId: string | undefined, state: 'dead' | 'succeeded') => {
    const id = uuidv7();
    await db()
      .insert(jobs)
      .values({
        id,
        kind,
        entityKey: `netsuite:acct:order:${id}`,
        idempotencyKey: id,
        payload: connectionId ? { connectionId, fulfillmentId: id } : { fulfillmentId: id },
        state,
        attempts: 1,
        maxAttempts: 1,
      });
    return id;
  };
  const row = async (id: string) => {
    const [found] = await db().select().from(alerts).where(eq(alerts.id, id));
    if (!found) throw new Error(`No alert ${id}`);
    return found;
  };
  const open = async (dedupeKeys: string[]) =>
    (await db().select().from(alerts).where(inArray(alerts.dedupeKey, dedupeKeys))).filter(
      (each) => each.acknowledgedAt === null,
    );

  it('closes, re-keys and counts legacy billing and write-back alerts; leaves the others alone', async () => {
    const accountId = uuidv7();
    await db().insert(netsuiteAccounts).values({ id: accountId, accountId: 'TSTDRV1', authType: 'm2m' });
    for (const [name, id] of Object.entries(stores)) {
      await db()
        .insert(connections)
        .values({
          id,
          platform: 'woocommerce',
          name,
          storeUrl: `https://${name}.example`,
          netsuiteAccountId: accountId,
          settings: {},
        });
    }
    const { stale, billing, writeback, current } = stores;

    // A billing job that died and was replayed since: nothing is dead, the legacy alert stayed open.
    await job(BILLING, stale, 'succeeded');
    const staleBilling = await alert('job_dead', `job_dead:${BILLING}:${stale}`, stale, 1);
    const staleWriteback = await alert(
      'fulfillment_writeback_failing',
      `fulfillment_writeback_failing:${stale}:9`,
      stale,
      1,
    );
    // Two dead billing jobs, one legacy alert.
    const billingJobs = [await job(BILLING, billing, 'dead'), await job(BILLING, billing, 'dead')];
    const legacyBilling = await alert('job_dead', `job_dead:${BILLING}:${billing}`, billing, 2);
    // Dead billing jobs without a store.
    await job(BILLING, undefined, 'dead');
    const legacyNone = await alert('job_dead', `job_dead:${BILLING}:none`, null, 2);
    // One dead write-back job; two per-fulfillment alerts (the latest seen last) and a job_dead.
    const writebackJob = await job(WRITEBACK, writeback, 'dead');
    const perFulfillment = [
      await alert('fulfillment_writeback_failing', `fulfillment_writeback_failing:${writeback}:101`, writeback, 3),
      await alert('fulfillment_writeback_failing', `fulfillment_writeback_failing:${writeback}:102`, writeback, 5),
    ];
    const legacyWriteback = await alert('job_dead', `job_dead:${WRITEBACK}:${writeback}`, writeback, 4);
    // A store already under the new key.
    await job(BILLING, current, 'dead');
    const newBilling = await alert('billing_failing', `billing_failing:${current}`, current, 6);
    await db().update(alerts).set({ count: 3 }).where(eq(alerts.id, newBilling));
    const currentLegacy = await alert('job_dead', `job_dead:${BILLING}:${current}`, current, 7);
    // Alerts the migration has no business with.
    const unrelated = [
      await alert('job_dead', `job_dead:netsuite.stock:${billing}`, billing, 1),
      await alert('job_dead', `job_dead:netsuite.fulfillment-billing-extra:${stale}`, stale, 1),
      await alert('orders_held', `orders_held:${writeback}`, writeback, 1),
      await alert('fulfillment_writeback_failing', `fulfillment_writeback_failing:${stale}`, stale, 1),
    ];
    const before = await Promise.all(unrelated.map(row));
    const newBefore = await row(newBilling);

    await db().execute(sql`delete from schema_migrations where tag = ${TAG}`);
    expect(await migrate(db())).toEqual([TAG]);

    for (const id of [staleBilling, staleWriteback, legacyWriteback, currentLegacy, perFulfillment[0] as string]) {
      expect((await row(id)).acknowledgedAt, id).not.toBeNull();
    }
    expect(await row(legacyBilling)).toMatchObject({
      kind: 'billing_failing',
      dedupeKey: `billing_failing:${billing}`,
      count: 2,
      message: `job_dead:${BILLING}:${billing} was raised`,
      connectionId: billing,
      acknowledgedAt: null,
    });
    expect(await row(legacyNone)).toMatchObject({
      kind: 'billing_failing',
      dedupeKey: 'billing_failing:none',
      count: 1,
      acknowledgedAt: null,
    });
    const writebackOpen = await open([
      `fulfillment_writeback_failing:${writeback}`,
      `fulfillment_writeback_failing:${writeback}:101`,
      `fulfillment_writeback_failing:${writeback}:102`,
      `job_dead:${WRITEBACK}:${writeback}`,
    ]);
    expect(writebackOpen).toHaveLength(1);
    expect(writebackOpen[0]).toMatchObject({
      id: perFulfillment[1],
      kind: 'fulfillment_writeback_failing',
      dedupeKey: `fulfillment_writeback_failing:${writeback}`,
      count: 1,
      message: `fulfillment_writeback_failing:${writeback}:102 was raised`,
    });
    expect(await row(newBilling)).toEqual(newBefore);
    expect(await Promise.all(unrelated.map(row))).toEqual(before);

    // The new keys are settled as job-alerts.ts settles them: by the last dead job of the store going.
    const audit = new AuditLog(new Redactor());
    await cancelJob(db(), audit, writebackJob, 'test');
    expect((await row(perFulfillment[1] as string)).acknowledgedAt).not.toBeNull();
    await cancelJob(db(), audit, billingJobs[0] as string, 'test');
    expect((await row(legacyBilling)).acknowledgedAt).toBeNull();
    await cancelJob(db(), audit, billingJobs[1] as string, 'test');
    expect((await row(legacyBilling)).acknowledgedAt).not.toBeNull();
  });
});
