import { alertDeliveryHandler } from '../alerts/delivery-job.ts';
import { ALERT_DELIVERY_JOB_KIND } from '../alerts/enqueue-deliveries.ts';
import { EXCEPTION_REPORT_DELIVERY_JOB_KIND, reportDeliveryHandler } from '../exception-report/delivery-job.ts';
import type { JobHandlers } from '../jobs/handler.ts';
import { PRICE_JOB_KIND, priceSyncHandler } from '../prices/price-sync-job.ts';
import type { JobServices } from '../sidecar.ts';
import { STOCK_JOB_KIND, stockSyncHandler } from '../stock/stock-sync-job.ts';
import { BILLING_JOB_KIND, FULFILLMENT_JOB_KIND } from '../sync/netsuite-fulfillments.ts';
import { WOOCOMMERCE_JOB_KIND } from '../webhooks/woocommerce/routing.ts';
import { customerToNetSuiteHandler } from './customer-to-netsuite.ts';
import { fulfillmentBillingHandler } from './fulfillment-billing.ts';
import { fulfillmentToWooCommerceHandler } from './fulfillment-to-woocommerce.ts';
import { orderToSalesOrderHandler } from './order-to-sales-order.ts';
import { refundToNetSuiteHandler } from './refund-to-netsuite.ts';

/** The job handlers a running connector registers, by job kind. */
export function productionHandlers(services: JobServices): JobHandlers {
  return new Map([
    [WOOCOMMERCE_JOB_KIND.order, orderToSalesOrderHandler(services)],
    [WOOCOMMERCE_JOB_KIND.orderRefunded, refundToNetSuiteHandler(services)],
    [WOOCOMMERCE_JOB_KIND.customer, customerToNetSuiteHandler(services)],
    [FULFILLMENT_JOB_KIND, fulfillmentToWooCommerceHandler(services)],
    [BILLING_JOB_KIND, fulfillmentBillingHandler(services)],
    [ALERT_DELIVERY_JOB_KIND, alertDeliveryHandler(services)],
    [EXCEPTION_REPORT_DELIVERY_JOB_KIND, reportDeliveryHandler(services)],
    [STOCK_JOB_KIND, stockSyncHandler(services)],
    [PRICE_JOB_KIND, priceSyncHandler(services)],
  ]);
}
