/**
 * A storefront order that is cancelled or moved to the trash: its sales order stops committing stock. Lines nobody
 * has shipped are closed (a partly shipped line closes its remainder); what has shipped or been billed stays, and the
 * merchant is told what is left to settle by hand.
 */
import { raiseAlert } from '../alerts/alerts.ts';
import type { Order } from '../canonical/order.ts';
import type { Connection } from '../connections/connections.ts';
import type { JobContext } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { recordOf } from '../json-record.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { JobServices } from '../sidecar.ts';
import { findOrderLink, type OrderLink, recordOrderLink } from '../sync/order-links.ts';
import { parseDeliveryBody } from './flow-steps.ts';
import { refundDepositOfCancelledOrder } from './refund-to-netsuite.ts';
import { openLines, readSalesOrderProgress, type SalesOrderProgress } from './sales-order-progress.ts';

interface ClosingContext {
  services: JobServices;
  context: JobContext;
  connection: Connection;
  client: NetSuiteClient;
  link: OrderLink;
  /** The order's number as the merchant knows it ("#1042"), or its id when the delivery did not carry it. */
  orderLabel: string;
  /** Why: "cancelled in WooCommerce", "moved to the trash in WooCommerce". */
  because: string;
}

/** Closes every line with units left to ship; returns NetSuite's progress as it was found. */
async function closeUnshippedLines(closing: ClosingContext): Promise<SalesOrderProgress> {
  const { client, link, context } = closing;
  const progress = await readSalesOrderProgress(client, link.salesOrderId, context.signal);
  const open = openLines(progress);
  if (open.length > 0) {
    const items = open.map((line) => ({ line: line.line, isClosed: true }));
    await client.patch('salesOrder', link.salesOrderId, { item: { items } }, { signal: context.signal });
  }
  const shipped = progress.lines.some((line) => line.fulfilled > 0n || line.billed > 0n);
  await context.note({
    message:
      `Order ${closing.orderLabel} ${closing.because}: ${open.length} line(s) of sales order ${link.salesOrderId} closed` +
      (shipped ? '; lines already shipped or billed stay as they are.' : '.'),
  });
  if (shipped) {
    await raiseAlert(closing.services.db, {
      kind: 'order_closed_after_shipping',
      severity: 'warning',
      connectionId: closing.connection.id,
      dedupeKey: `order_closed_after_shipping:${closing.connection.id}:${link.orderId}`,
      message:
        `Order ${closing.orderLabel} was ${closing.because} after NetSuite had shipped or billed part of it. ` +
        `The unshipped lines of sales order ${link.salesOrderId} are closed; settle what shipped (return, credit memo) in NetSuite.`,
    });
  }
  return progress;
}

export interface LifecycleContext {
  services: JobServices;
  context: JobContext;
  connection: Connection;
  connect: () => Promise<NetSuiteClient>;
}

/** order.deleted (moved to the trash) names only the order id: its sales order's unshipped lines are closed. */
export async function closeTrashedOrder(lifecycle: LifecycleContext, body: string): Promise<void> {
  const { id } = recordOf(parseDeliveryBody(body));
  const orderId = typeof id === 'number' || typeof id === 'string' ? String(id) : '';
  const link = orderId ? await findOrderLink(lifecycle.services.db, lifecycle.connection.id, orderId) : undefined;
  if (!link) {
    await lifecycle.context.note({ message: `Order ${orderId} was moved to the trash; it never reached NetSuite.` });
    return;
  }
  await closeUnshippedLines({
    ...lifecycle,
    client: await lifecycle.connect(),
    link,
    orderLabel: orderId,
    because: 'moved to the trash in WooCommerce',
  });
  await recordOrderLink(lifecycle.services.db, { ...link, fingerprint: null });
}

/** Cancelled: the sales order's unshipped lines are closed and what the deposit still holds is refunded. */
export async function cancelOrder(
  lifecycle: LifecycleContext & { job: Job },
  order: Order,
  link: OrderLink | undefined,
): Promise<void> {
  if (!link) {
    await lifecycle.context.note({ message: `Order ${order.number} was cancelled before it reached NetSuite.` });
    return;
  }
  const client = await lifecycle.connect();
  await closeUnshippedLines({
    ...lifecycle,
    client,
    link,
    orderLabel: order.number,
    because: 'cancelled in WooCommerce',
  });
  await refundDepositOfCancelledOrder({ ...lifecycle, client, orderId: order.id, order });
  await recordOrderLink(lifecycle.services.db, { ...link, lastModifiedGmt: order.modifiedAtGmt, fingerprint: null });
}
