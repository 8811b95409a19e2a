/**
 * A storefront order that is cancelled or moved to the trash: its sales order stops committing stock. Lines nobody
 * has shipped are closed (a partly shipped line closes its remainder); what has shipped or been billed stays, and the
 * merchant is told what is left to settle by hand.
 */
import { raiseAlert } from '../alerts/alerts.ts';
import type { Connection } from '../connections/connections.ts';
import type { JobContext } from '../jobs/handler.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { JobServices } from '../sidecar.ts';
import type { OrderLink } from '../sync/order-links.ts';
import { openLines, readSalesOrderProgress, type SalesOrderProgress } from './sales-order-progress.ts';

export interface ClosingContext {
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
export async function closeUnshippedLines(closing: ClosingContext): Promise<SalesOrderProgress> {
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
