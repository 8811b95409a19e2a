import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_DELIVERY_JOB_KIND } from '../../sidecar/src/alerts/enqueue-deliveries.ts';
import { alerts, connections, jobs, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import type { Job } from '../../sidecar/src/jobs/job.ts';
import { JobHeld, PermanentJobError } from '../../sidecar/src/jobs/job-errors.ts';
import { type ServedSimulator, simControl, startSimulator } from '../simulators/netsuite/test-support.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { until } from '../support/until.ts';

const secret = () => randomBytes(24).toString('base64url');

describe.each(databaseKinds())('alerts raised where jobs settle [%s]', (kind) => {
  let harness: TestSidecar;
  let connectionId = '';
  /** Entities whose `test.breaks` job succeeds from now on. */
  const healed = new Set<string>();
  const db = () => harness.sidecar.database.db;

  const openAlerts = (alertKind: string) =>
    db()
      .select()
      .from(alerts)
      .where(and(eq(alerts.kind, alertKind), isNull(alerts.acknowledgedAt)));
  const stateOf = async (id: string) => (await db().select().from(jobs).where(eq(jobs.id, id)))[0]?.state;
  const enqueue = async (jobKind: string, entityKey: string, payload: unknown) => {
    const { job } = await enqueueJob(
      db(),
      harness.sidecar.audit,
      { kind: jobKind, entityKey, idempotencyKey: `${entityKey}:${uuidv7()}`, payload, maxAttempts: 1 },
      1,
    );
    harness.sidecar.worker.nudge();
    return job.id;
  };

  beforeAll(async () => {
    harness = await startTestSidecar(kind, {
      handlers: () =>
        new Map([
          [
            'test.breaks',
            async (job: Job) => {
              if (!healed.has(job.entityKey)) throw new PermanentJobError('TEST_BROKEN', 'It broke.');
            },
          ],
          [
            'woocommerce.order',
            async () => {
              throw new JobHeld('UNMAPPED_SKU', 'Order 1042 is waiting: SKU "TS-RED-M" matches no NetSuite item.', {
                skus: ['TS-RED-M'],
                order: { number: '1042', total: '25.00' },
              });
            },
          ],
          [
            ALERT_DELIVERY_JOB_KIND,
            async () => {
              throw new PermanentJobError('ALERT_SMTP_REJECTED', 'The relay rejected it.');
            },
          ],
        ]),
    });
    const accountId = uuidv7();
    connectionId = uuidv7();
    await db().insert(netsuiteAccounts).values({ id: accountId, accountId: 'TSTDRV7770001', authType: 'm2m' });
    await db().insert(connections).values({
      id: connectionId,
      platform: 'woocommerce',
      name: 'Alert shop',
      storeUrl: 'https://shop.example.com',
      netsuiteAccountId: accountId,
      settings: {},
    });
  });
  afterAll(() => harness?.close());

  it('dead jobs of one kind and store raise one job_dead alert with a count, resolved when replays succeed', async () => {
    const ids = [];
    for (const n of [1, 2, 3])
      ids.push(await enqueue('test.breaks', `test:${connectionId}:thing:${n}`, { connectionId }));
    for (const id of ids) await until(async () => (await stateOf(id)) === 'dead', 'the jobs to die');
    const [alert, ...others] = await openAlerts('job_dead');
    expect(others).toEqual([]);
    expect(alert).toMatchObject({ severity: 'error', connectionId, count: 3 });
    expect(alert?.dedupeKey).toBe(`job_dead:test.breaks:${connectionId}`);
    expect(alert?.message).toContain('3 test.breaks jobs are dead');
    expect(alert?.message).toContain('TEST_BROKEN');

    for (const n of [1, 2, 3]) healed.add(`test:${connectionId}:thing:${n}`);
    for (const [index, id] of ids.entries()) {
      const replay =
        index < 2
          ? await harness.call(`/api/v1/jobs/${id}/replay`, { method: 'POST' })
          : await harness.call(`/api/v1/jobs/${id}/cancel`, { method: 'POST' });
      expect(replay.status).toBe(200);
      await until(async () => ['succeeded', 'cancelled'].includes((await stateOf(id)) ?? ''), 'replay or cancel');
      // Open while any dead job of the kind is left.
      expect(await openAlerts('job_dead')).toHaveLength(index < 2 ? 1 : 0);
    }
  });

  it('a dying alert delivery raises nothing', async () => {
    const id = await enqueue(ALERT_DELIVERY_JOB_KIND, `alert:${uuidv7()}:email`, {
      alertId: uuidv7(),
      channel: 'email',
    });
    await until(async () => (await stateOf(id)) === 'dead', 'the delivery to die');
    expect(await openAlerts('job_dead')).toEqual([]);
  });

  it('an order going held raises orders_held for its store, resolved when no held order is left', async () => {
    const id = await enqueue('woocommerce.order', `woocommerce:${connectionId}:order:1042`, { connectionId });
    await until(async () => (await stateOf(id)) === 'held', 'the order to be held');
    const held = await openAlerts('orders_held');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ severity: 'warning', connectionId, dedupeKey: `orders_held:${connectionId}` });
    expect(held[0]?.message).toContain('TS-RED-M');
    expect((await harness.call(`/api/v1/jobs/${id}/cancel`, { method: 'POST' })).status).toBe(200);
    expect(await openAlerts('orders_held')).toEqual([]);
  });

  describe('NetSuite refusing the credentials', () => {
    let served: ServedSimulator;
    const tba = { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };

    beforeAll(async () => {
      served = await startSimulator();
      await simControl(served.url, 'POST', '/__sim/reset', { accountId: '7654321_SB1' });
    });
    afterAll(() => served?.close());

    it('raises netsuite_credentials_failing; the next call NetSuite answers resolves it', async () => {
      const created = await harness.call('/api/v1/netsuite-accounts', {
        method: 'POST',
        body: JSON.stringify({ accountId: '7654321_SB1', baseUrl: served.url, auth: { type: 'tba', ...tba } }),
      });
      expect(created.status).toBe(201);
      const id = created.json().id;
      const test = () => harness.call(`/api/v1/netsuite-accounts/${id}/test`, { method: 'POST' });
      // The simulator knows other credentials: NetSuite answers 401 INVALID_LOGIN.
      await simControl(served.url, 'POST', '/__sim/tba', { ...tba, tokenSecret: secret() });
      expect((await test()).json().ok).toBe(false);
      await until(async () => (await openAlerts('netsuite_credentials_failing')).length === 1, 'the alert');
      const [alert] = await openAlerts('netsuite_credentials_failing');
      expect(alert).toMatchObject({
        severity: 'error',
        dedupeKey: expect.stringMatching(/^netsuite_credentials_failing:/),
      });
      expect(alert?.message).toContain('refused');
      expect(alert?.message).not.toContain(tba.tokenSecret);

      await simControl(served.url, 'POST', '/__sim/tba', tba);
      expect((await test()).json().ok).toBe(true);
      await until(async () => (await openAlerts('netsuite_credentials_failing')).length === 0, 'the alert to resolve');
    });
  });
});
