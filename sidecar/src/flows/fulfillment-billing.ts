/**
 * Billing on fulfillment (netsuite-gl.md "Billing"): once NetSuite has shipped lines of a sales order the connector
 * wrote, what is fulfilled and not yet billed becomes an invoice made from the sales order (`WOO_INV_{order}_{n}`),
 * and the order's customer deposit is applied to it, so receivables close. `postingMode: cash_sale` makes a cash sale
 * instead (the order flow then records no deposit; the payment method's account takes the money); `off` leaves
 * billing to the merchant in NetSuite.
 *
 * Steps: the connection's posting mode → the sales order's progress → invoice what is billable (by transform, looked
 * up by externalId before any retry whose outcome is unknown) → apply the deposit to each open invoice of the order.
 * A run after a crash finds nothing left to bill and goes on to the deposit, so nothing is billed or applied twice.
 * Last, each bill this job made gets the reclassification journal its lines' GL templates call for (gl-reclass.ts),
 * looked up first, so a re-run posts none twice and a crash before it is made up for. A bill is this job's when its
 * memo names the job (every bill's memo does, whichever run made it): bills from before the templates were set are
 * left as they were posted, never reclassified into a period that may be closed.
 */
import type { Connection } from '../connections/connections.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { PermanentJobError } from '../jobs/job-errors.ts';
import { recordOf } from '../json-record.ts';
import { buildCashSale, buildDepositApplication, buildInvoice } from '../netsuite/builders/index.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import { toCanonicalOrder } from '../platforms/woocommerce/to-canonical-order.ts';
import type { JobServices } from '../sidecar.ts';
import type { FulfillmentJobPayload } from '../sync/netsuite-fulfillments.ts';
import { built, requireConnection } from './flow-steps.ts';
import { postReclassification, reclassExternalId } from './gl-reclass.ts';
import { type GlTemplate, templatesByItem, templatesMoveRevenue } from './gl-templates.ts';
import { netsuiteCents } from './order-flow.ts';
import { billsOf, readDeposit } from './refund-netsuite-state.ts';
import { readSalesOrderProgress } from './sales-order-progress.ts';

/** NetSuite statuses: invoice `B` Paid In Full; customer deposit `C` Fully Applied. */
const INVOICE_PAID = 'B';
const DEPOSIT_FULLY_APPLIED = 'C';

/** What a bill's memo says of the job that made it; billing finds its own bills by it after a crash. */
const jobMemo = (job: Job) => `(ml-connector job ${job.id})`;

function payloadOf(job: Job): FulfillmentJobPayload {
  const payload = recordOf(job.payload);
  if (
    !['connectionId', 'orderId', 'salesOrderId', 'fulfillmentId'].every((name) => typeof payload[name] === 'string')
  ) {
    throw new PermanentJobError('PAYLOAD_INVALID', 'This billing job lacks its connection, order or fulfillment.');
  }
  return payload as unknown as FulfillmentJobPayload;
}

interface Billing {
  client: NetSuiteClient;
  context: JobContext;
  job: Job;
  payload: FulfillmentJobPayload;
  prefix: string;
}

/** Invoices what NetSuite has fulfilled and not billed; the invoice's id, or undefined when nothing is left to bill. */
async function invoiceFulfilled(billing: Billing, invoicesSoFar: number): Promise<string | undefined> {
  const { client, context, payload } = billing;
  const progress = await readSalesOrderProgress(client, payload.salesOrderId, context.signal);
  if (!progress.lines.some((line) => line.fulfilled > line.billed)) {
    await context.note({
      message: `Sales order ${payload.salesOrderId} has nothing fulfilled and not yet billed: no invoice to make.`,
    });
    return undefined;
  }
  const externalId = `${billing.prefix}INV_${payload.orderId}_${invoicesSoFar + 1}`;
  const invoice = built(
    buildInvoice({
      externalId,
      salesOrder: payload.salesOrderId,
      memo: `Shipment ${payload.tranId ?? payload.fulfillmentId} ${jobMemo(billing.job)}`,
    }),
    'invoice',
  );
  const { id, alreadyDone } = await client.transform(invoice.fromType, invoice.fromId, invoice.type, invoice.body, {
    ...invoice.options,
    signal: context.signal,
  });
  await context.note({
    message: `Invoice ${externalId} ${alreadyDone ? 'already made' : 'made'} from sales order ${payload.salesOrderId} (NetSuite ${id}).`,
    externalId,
  });
  return id;
}

/** Applies the order's deposit to each of its invoices still open, until the deposit is used up. */
async function applyDeposit(billing: Billing, invoiceIds: readonly string[]): Promise<void> {
  const { client, context, payload, prefix } = billing;
  const { signal } = context;
  const deposit = await readDeposit(client, `${prefix}DEP_${payload.orderId}`, signal);
  if (!deposit) {
    await context.note({
      message: `Order ${payload.orderId} has no deposit (not paid in the store): nothing to apply.`,
    });
    return;
  }
  for (const invoiceId of invoiceIds) {
    const current = await client.get('customerDeposit', deposit.id, { fields: ['status'], signal });
    if (recordOf(current.status).id === DEPOSIT_FULLY_APPLIED) return;
    const invoice = await client.get('invoice', invoiceId, { fields: ['amountRemaining', 'status'], signal });
    const due = netsuiteCents(invoice.amountRemaining);
    if (recordOf(invoice.status).id === INVOICE_PAID || (due !== undefined && due <= 0n)) continue;
    const externalId = `${prefix}DEPAPP_${payload.orderId}_${invoiceId}`;
    const application = built(
      buildDepositApplication({ externalId, deposit: deposit.id, invoice: invoiceId }),
      'deposit application',
    );
    const { id, alreadyDone } = await client.transform(
      application.fromType,
      application.fromId,
      application.type,
      application.body,
      { ...application.options, signal },
    );
    await context.note({
      message: `Deposit ${prefix}DEP_${payload.orderId} ${alreadyDone ? 'was already applied' : 'applied'} to invoice ${invoiceId} (NetSuite ${id}).`,
      externalId,
    });
  }
}

/** `cash_sale` mode: what shipped and is not billed becomes a cash sale, paid into the payment method's account. */
async function sellForCash(services: JobServices, connection: Connection, billing: Billing, billsSoFar: number) {
  const { client, context, payload, prefix } = billing;
  const progress = await readSalesOrderProgress(client, payload.salesOrderId, context.signal);
  if (!progress.lines.some((line) => line.fulfilled > line.billed)) {
    await context.note({ message: `Sales order ${payload.salesOrderId} has nothing shipped and not yet billed.` });
    return;
  }
  const { paymentMethods } = connection.settings;
  const woo = services.woocommerce.connect(await wooCommerceStoreOf(services.db, services.vault, connection));
  const order = recordOf(await woo.getOrder(Number(payload.orderId), { signal: context.signal }));
  const method = typeof order.payment_method === 'string' ? order.payment_method : '';
  const account = (paymentMethods[method] ?? paymentMethods['*'])?.accountId;
  const externalId = `${prefix}CS_${payload.orderId}_${billsSoFar + 1}`;
  const sale = built(
    buildCashSale({
      externalId,
      salesOrder: payload.salesOrderId,
      memo: `Shipment ${payload.tranId ?? payload.fulfillmentId} ${jobMemo(billing.job)}`,
      ...(account ? { account } : {}),
    }),
    'cash sale',
  );
  const { id, alreadyDone } = await client.transform(sale.fromType, sale.fromId, sale.type, sale.body, {
    ...sale.options,
    signal: context.signal,
  });
  await context.note({
    message: `Cash sale ${externalId} ${alreadyDone ? 'already made' : 'made'} from sales order ${payload.salesOrderId} (NetSuite ${id}), paid into ${account ? `account ${account}` : 'Undeposited Funds'}.`,
    externalId,
  });
}

/** The connector's own bills of the order: `{prefix}INV_{order}_{n}` and `{prefix}CS_{order}_{n}`. */
const isOurBill = (externalId: unknown, prefix: string, orderId: string): externalId is string =>
  typeof externalId === 'string' &&
  [`${prefix}INV_${orderId}_`, `${prefix}CS_${orderId}_`].some((start) => externalId.startsWith(start));

/** The order's GL templates by NetSuite item, from the order as WooCommerce has it now. */
async function orderTemplates(services: JobServices, connection: Connection, billing: Billing) {
  const { client, context, payload } = billing;
  const woo = services.woocommerce.connect(await wooCommerceStoreOf(services.db, services.vault, connection));
  const result = toCanonicalOrder(await woo.getOrder(Number(payload.orderId), { signal: context.signal }));
  if (!result.ok) {
    throw new PermanentJobError(
      result.error.code,
      `Order ${payload.orderId} could not be read: ${result.error.message}`,
    );
  }
  return templatesByItem(services, connection, client, result.value, context.signal);
}

/** Posts the reclassification journal of each bill this job made that lacks one. */
async function reclassifyBills(services: JobServices, connection: Connection, billing: Billing): Promise<void> {
  if (!templatesMoveRevenue(connection.settings.glTemplates)) return;
  const { client, context, payload, prefix, job } = billing;
  let templates: Promise<ReadonlyMap<string, GlTemplate>> | undefined;
  const once = () => {
    templates ??= orderTemplates(services, connection, billing);
    return templates;
  };
  for (const bill of await billsOf(client, payload.salesOrderId, context.signal)) {
    const { externalId, memo } = await client.get(bill.type, bill.id, {
      fields: ['externalId', 'memo'],
      signal: context.signal,
    });
    const journal = isOurBill(externalId, prefix, payload.orderId) ? reclassExternalId(prefix, externalId) : undefined;
    if (!(journal && String(memo).includes(jobMemo(job)))) continue;
    await postReclassification({
      client,
      context,
      jobId: job.id,
      prefix,
      externalId: journal,
      source: bill,
      sourceName: `${bill.type === 'invoice' ? 'invoice' : 'cash sale'} ${externalId}`,
      templates: once,
    });
  }
}

async function runBilling(services: JobServices, job: Job, context: JobContext): Promise<void> {
  const { db, vault } = services;
  const payload = payloadOf(job);
  const connection = await requireConnection(db, payload.connectionId);
  const { postingMode, externalIdPrefix } = connection.settings;
  if (postingMode === 'off') {
    await context.note({ message: 'Posting mode is "off": billing is left to NetSuite.' });
    return;
  }
  const client = services.netsuite.connect(await netsuiteConnectionOf(db, vault, connection.netsuiteAccountId));
  const billing: Billing = { client, context, job, payload, prefix: externalIdPrefix };
  const bills = await billsOf(client, payload.salesOrderId, context.signal);
  if (postingMode === 'cash_sale') {
    // An order paid by deposit before the mode changed is invoiced as before: a cash sale would take it twice.
    const deposit = await readDeposit(client, `${externalIdPrefix}DEP_${payload.orderId}`, context.signal);
    if (!deposit) {
      await sellForCash(services, connection, billing, bills.length);
      await reclassifyBills(services, connection, billing);
      return;
    }
    await context.note({
      message: `Order ${payload.orderId} was paid by deposit: invoiced, with the deposit applied.`,
    });
  }
  const made = await invoiceFulfilled(billing, bills.length);
  const invoices = bills.filter((bill) => bill.type === 'invoice').map((bill) => bill.id);
  if (made && !invoices.includes(made)) invoices.push(made);
  await applyDeposit(billing, invoices);
  await reclassifyBills(services, connection, billing);
}

export function fulfillmentBillingHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    try {
      await runBilling(services, job, context);
    } catch (error) {
      throw wooCommerceJobError(netSuiteJobError(error));
    }
  };
}
