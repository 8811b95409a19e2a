import type { Config } from '../config.ts';
import { exceptionReportSchedule } from '../exception-report/schedule.ts';
import { deliveryRetentionSchedule } from '../personal-data/retention.ts';
import { netsuitePricesSchedule } from '../prices/netsuite-prices.ts';
import { netsuiteStockSchedule } from '../stock/netsuite-stock.ts';
import { netsuiteFulfillmentsSchedule } from '../sync/netsuite-fulfillments.ts';
import { wooCommerceBackfillSchedule } from '../sync/woocommerce-backfill.ts';
import { wooCommerceWebhookHealthSchedule } from '../webhook-health/woocommerce-webhook-health.ts';
import type { Schedule, ScheduleServices } from './schedule.ts';

/** The schedules a running connector registers; `main.ts` hands this to `startSidecar` with the loaded config. */
export function productionSchedules(
  _services: ScheduleServices,
  config: Pick<Config, 'deliveryRetentionDays'>,
): Schedule[] {
  return [
    deliveryRetentionSchedule(config.deliveryRetentionDays),
    wooCommerceBackfillSchedule,
    wooCommerceWebhookHealthSchedule,
    netsuiteFulfillmentsSchedule,
    netsuiteStockSchedule,
    netsuitePricesSchedule,
    exceptionReportSchedule,
  ];
}
