/**
 * `billing_failing` through a real sidecar and the simulators: a shipment whose cash sale NetSuite refuses (the
 * payment method's account does not exist) leaves a dead billing job and one error alert for the store, counting
 * each dead billing job (and no `job_dead` besides); it stays open while one of them is dead, and is resolved once the last is cancelled or
 * replayed to success after the setting is corrected.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { netsuiteFulfillmentsSchedule } from '../../sidecar/src/sync/netsuite-fulfillments.ts';
import { databaseKinds } from '../support/databases.ts';
import {
  deliverQueued,
  type EndToEnd,
  type JobView,
  patchSettings,
  placePaidOrder,
  runSchedule,
  settledJobs,
  startEndToEnd,
} from '../support/e2e-harness.ts';
import { onlyRecord, shipInNetSuite } from '../support/netsuite-books.ts';

const BILLING = 'netsuite.fulfillment-billing';
const NO_SUCH_ACCOUNT = '999999';

interface AlertView {
  kind: string;
  severity: string;
  message: string;
  count: number;
  acknowledged: boolean;
}

describe.each(databaseKinds())('billing_failing alert [%s]', (kind) => {
  let world: EndToEnd;

  beforeAll(async () => {
    world = await startEndToEnd(
      kind,
      { MLC_JOB_MAX_ATTEMPTS: '2' },
      { schedules: () => [netsuiteFulfillmentsSchedule] },
    );
  });
  afterAll(async () => {
    await world?.close();
  });

  const alertsOf = async (kind: string): Promise<AlertView[]> => {
    const response = await world.sidecar.call('/api/v1/alerts?limit=100');
    return (response.json().items as AlertView[]).filter((alert) => alert.kind === kind);
  };
  const billingAlerts = () => alertsOf('billing_failing');
  const billingJob = async (orderId: number): Promise<JobView> => {
    const job = (await settledJobs(world, 'order', orderId)).find((each) => each.kind === BILLING);
    if (!job) throw new Error(`Order ${orderId} has no billing job`);
    return job;
  };
  const act = async (job: JobView, verb: 'replay' | 'cancel') => {
    const response = await world.sidecar.call(`/api/v1/jobs/${job.id}/${verb}`, { method: 'POST' });
    expect(response.status, response.text).toBe(200);
  };

  /** A paid order synced, shipped whole in NetSuite, and the fulfillment poll run. */
  async function shipped(): Promise<number> {
    const order = await placePaidOrder(world, [{ sku: 'MUG-WHT', quantity: 1 }]);
    const orderId = order.id as number;
    await deliverQueued(world);
    await settledJobs(world, 'order', orderId);
    await shipInNetSuite(world.netsuite, orderId);
    await runSchedule(world, 'netsuite-fulfillments');
    return orderId;
  }

  it('raises one alert per store for dead billing jobs and resolves it when the last is cancelled or succeeds', async () => {
    await patchSettings(world, {
      postingMode: 'cash_sale',
      paymentMethods: { stripe: { accountId: NO_SUCH_ACCOUNT } },
    });
    const first = await shipped();
    const firstJob = await billingJob(first);
    expect(firstJob.state).toBe('dead');
    const [raised] = await billingAlerts();
    expect(raised).toMatchObject({ severity: 'error', count: 1, acknowledged: false });
    expect(raised?.message).toContain(`of order ${first} could not be billed in NetSuite (job ${firstJob.id})`);
    // It takes the place of job_dead for billing jobs: one dead job, one alert (and one message sent).
    expect(await alertsOf('job_dead')).toEqual([]);

    const second = await shipped();
    const secondJob = await billingJob(second);
    expect(secondJob.state).toBe('dead');
    const [counted] = await billingAlerts();
    expect(counted).toMatchObject({ count: 2, acknowledged: false });
    expect(counted?.message).toContain(`of order ${second}`);
    expect(counted?.message).toContain('1 more of this store');

    // The merchant bills the first in NetSuite by hand and cancels its job: the second is still not billed.
    await act(firstJob, 'cancel');
    expect((await billingAlerts()).map((alert) => alert.acknowledged)).toEqual([false]);

    await patchSettings(world, { paymentMethods: { stripe: { accountId: world.ns.checking } } });
    await act(secondJob, 'replay');
    for (const deadline = Date.now() + 20_000; ; ) {
      if ((await billingJob(second)).state === 'succeeded') break;
      if (Date.now() > deadline) throw new Error('The replayed billing job did not succeed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(onlyRecord(world.netsuite, 'cashSale', `WOO_CS_${second}_1`)).toBeDefined();
    expect((await billingAlerts()).map((alert) => alert.acknowledged)).toEqual([true]);
  });
});
