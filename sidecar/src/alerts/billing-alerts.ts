/**
 * `billing_failing`: a store's billing job (invoice or cash sale, deposit applied, reclassification journal) is dead,
 * so an order that shipped is not billed in NetSuite and its deposit sits unapplied. It takes the place of `job_dead`
 * for billing jobs (job-alerts.ts keeps both in step with the ledger): one alert per store, its count going up with
 * each dead billing job, resolved once none of them is dead (replayed to success or cancelled).
 */
import type { Job } from '../jobs/job.ts';
import { recordOf } from '../json-record.ts';
import type { DeadJobAlert } from './job-alerts.ts';

export const BILLING_FAILING = 'billing_failing';

export const billingFailingAlert: DeadJobAlert = {
  kind: BILLING_FAILING,
  key: (connectionId) => `${BILLING_FAILING}:${connectionId ?? 'none'}`,
  message: (job: Job, dead: number) => {
    const payload = recordOf(job.payload);
    const others = dead > 1 ? ` ${dead - 1} more of this store's shipments are not billed either.` : '';
    return (
      `Shipment ${String(payload.tranId ?? payload.fulfillmentId)} of order ${String(payload.orderId)} could not be ` +
      `billed in NetSuite (job ${job.id}): ${job.lastError?.code ?? 'ERROR'}: ${job.lastError?.message ?? 'no detail'}${others}`
    );
  },
};
