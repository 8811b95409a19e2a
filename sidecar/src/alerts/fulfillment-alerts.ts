/**
 * `fulfillment_writeback_failing`: a store's fulfillment write-back job is dead, so a shipment NetSuite made is not
 * on its WooCommerce order (no customer note with the tracking numbers, the order not completed). It takes the place
 * of `job_dead` for write-back jobs (job-alerts.ts keeps both in step with the ledger): one alert per store, its
 * count going up with each dead write-back job, resolved once none of them is dead (replayed to success or
 * cancelled).
 */
import type { Job } from '../jobs/job.ts';
import { recordOf } from '../json-record.ts';
import type { DeadJobAlert } from './job-alerts.ts';

export const FULFILLMENT_WRITEBACK_FAILING = 'fulfillment_writeback_failing';

export const fulfillmentWritebackFailingAlert: DeadJobAlert = {
  kind: FULFILLMENT_WRITEBACK_FAILING,
  key: (connectionId) => `${FULFILLMENT_WRITEBACK_FAILING}:${connectionId ?? 'none'}`,
  message: (job: Job, dead: number) => {
    const payload = recordOf(job.payload);
    const others =
      dead > 1 ? ` ${dead - 1} more of this store's shipments are not written back to WooCommerce either.` : '';
    return (
      `Shipment ${String(payload.tranId ?? payload.fulfillmentId)} of order ${String(payload.orderId)} could not be ` +
      `written back to WooCommerce (job ${job.id}): ${job.lastError?.code ?? 'ERROR'}: ` +
      `${job.lastError?.message ?? 'no detail'}${others}`
    );
  },
};
