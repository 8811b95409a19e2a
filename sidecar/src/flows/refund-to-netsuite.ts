/**
 * WooCommerce refunds → NetSuite (netsuite-gl.md "Refunds"). Before billing: the sales order is cut to what the
 * shopper keeps and the refund is paid back out of the customer deposit (refund-before-billing.ts). After billing: a
 * credit memo from the invoice (refunded lines as its lines, shipping as shipping, amounts on the refund-adjustment
 * item) and a customer refund paying its credit out; in cash-sale mode a cash refund from the cash sale
 * (refund-after-billing.ts). Every record's externalId derives from the refund and NetSuite is the memory of what was
 * booked, so a replay, a redelivery or the order.updated that follows the refund action books nothing twice. Steps:
 * read (REST) → look up (NetSuite) → plan (pure) → write. A cancelled order's deposit is paid back here too.
 */
import { compare, subtract, sum, ZERO } from '../canonical/money.ts';
import type { Order } from '../canonical/order.ts';
import type { Refund } from '../canonical/refund.ts';
import { calendarDateIn } from '../canonical/time.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { PermanentJobError } from '../jobs/job-errors.ts';
import { buildCustomerRefund } from '../netsuite/builders/index.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { toOrderRefundedAction } from '../platforms/woocommerce/action-payload.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import { toCanonicalOrder } from '../platforms/woocommerce/to-canonical-order.ts';
import { toCanonicalRefund } from '../platforms/woocommerce/to-canonical-refund.ts';
import type { JobServices } from '../sidecar.ts';
import { built, loadDelivery, parseDeliveryBody, requireConnection } from './flow-steps.ts';
import { type GlTemplate, templatesByItem } from './gl-templates.ts';
import { bookAfterBilling, reverseReclassification } from './refund-after-billing.ts';
import { bookBeforeBilling } from './refund-before-billing.ts';
import { type Books, note, type RefundFlow, requireRefundAccount } from './refund-books.ts';
import { billsOf, isBooked, readDeposit, readSale, refundRecordsOf } from './refund-netsuite-state.ts';

type OrderReader = Pick<WooCommerceRestClient, 'getOrder' | 'listOrderRefunds'>;

// ── read ────────────────────────────────────────────────────────────────────────────────────────────────────────

/** A WooCommerce failure as the job ledger takes it (retry an unavailable store, stop on a refused key). */
async function fromStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw wooCommerceJobError(error);
  }
}

/** Every refund of the order, itemised, oldest first (the order they are booked in). */
async function readRefunds(store: OrderReader, orderId: string, signal: AbortSignal): Promise<Refund[]> {
  const payloads = await fromStore(() => store.listOrderRefunds(Number(orderId), { signal }));
  const refunds = payloads.map((payload) => {
    const result = toCanonicalRefund(payload, { orderId });
    if (result.ok) return result.value;
    throw new PermanentJobError(
      result.error.code,
      `A refund of order ${orderId} could not be read: ${result.error.message}`,
      { path: result.error.path },
    );
  });
  return refunds.sort((a, b) => Number(a.id) - Number(b.id));
}

async function readOrder(store: OrderReader, orderId: string, signal: AbortSignal): Promise<Order> {
  const payload = await fromStore(() => store.getOrder(Number(orderId), { signal }));
  const result = toCanonicalOrder(payload);
  if (result.ok) return result.value;
  throw new PermanentJobError(result.error.code, `Order ${orderId} could not be read: ${result.error.message}`, {
    path: result.error.path,
  });
}

// ── the flow ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Books every refund of the order that NetSuite does not have yet, oldest first. Reads the refunds (and, unless
 * given, the order) from the WooCommerce REST API, so it serves both the refund action, which names only the order,
 * and an order.updated whose `refunds` lists one not yet booked. Booked means NetSuite has the record that pays the
 * shopper back: the customer refund `{prefix}REFUND_{id}` (out of the deposit) or `{prefix}REFUND_{id}_PAY` (of the
 * credit memo `{prefix}REFUND_{id}`), or the cash refund `{prefix}REFUND_{id}`. Throws JobHeld when the merchant
 * must act (REFUND_ITEM_NOT_SET, REFUND_ACCOUNT_NOT_SET, REFUND_EXCEEDS_DEPOSIT, TOTALS_MISMATCH, …); NetSuite's own
 * errors pass through as NetSuiteErrors (wrap the call in `netSuiteJobError`), WooCommerce's as job errors.
 */
export async function bookNewRefunds(flow: RefundFlow): Promise<void> {
  const { services, connection, client, context, orderId } = flow;
  const store = services.woocommerce.connect(
    await fromStore(() => wooCommerceStoreOf(services.db, services.vault, connection)),
  );
  const refunds = await readRefunds(store, orderId, context.signal);
  if (refunds.length === 0) {
    await context.note({ message: `Order ${orderId} has no refunds in WooCommerce: nothing to book.` });
    return;
  }
  const prefix = connection.settings.externalIdPrefix;
  const records = await refundRecordsOf(
    client,
    prefix,
    refunds.map((refund) => refund.id),
    context.signal,
  );
  const pending = refunds.filter((refund) => !isBooked(records.get(refund.id)));
  const listed = (some: readonly Refund[]) => some.map((refund) => refund.id).join(', ');
  let read: Promise<Order> | undefined;
  const readOnce = () => {
    read ??= flow.order ? Promise.resolve(flow.order) : readOrder(store, orderId, context.signal);
    return read;
  };
  let templates: Promise<ReadonlyMap<string, GlTemplate>> | undefined;
  const orderTemplates = () => {
    templates ??= readOnce().then((order) => templatesByItem(services, connection, client, order, context.signal));
    return templates;
  };
  // A cash refund is booked the moment it exists: a run that stopped before its journal leaves the journal to this.
  for (const [refundId, booked] of records) {
    if (booked.cashRefund)
      await reverseReclassification(flow, orderTemplates, refundId, { type: 'cashRefund', id: booked.cashRefund.id });
  }
  if (pending.length === 0) {
    await context.note({ message: `Refund ${listed(refunds)} of order ${orderId} is booked in NetSuite already.` });
    return;
  }
  const salesOrder = await readSale(client, 'salesOrder', { externalId: `${prefix}ORDER_${orderId}` }, context.signal);
  if (!salesOrder) {
    await context.note({
      message: `Order ${orderId} never reached NetSuite (it did not pass the status gate): refund ${listed(pending)} is not booked.`,
    });
    return;
  }
  const order = await readOnce();
  const books: Books = { flow, order, salesOrder, records, prefix, templates: orderTemplates };
  const payable = pending.filter((refund) => compare(refund.amount, ZERO) > 0);
  for (const refund of pending.filter((each) => !payable.includes(each))) {
    await context.note({ message: `Refund ${refund.id} of order ${order.number} gives back nothing: not booked.` });
  }
  const bills = await billsOf(client, salesOrder.id, context.signal);
  if (bills.length === 0) {
    if (await coveredByCancellation(books, payable)) return;
    await bookBeforeBilling(books, refunds, payable);
    return;
  }
  for (const refund of payable) await bookAfterBilling(books, refund, bills);
}

// ── cancellation ────────────────────────────────────────────────────────────────────────────────────────────────

/** The customer refund that paid a cancelled order's deposit back. */
export const cancellationRefundExternalId = (prefix: string, orderId: string) => `${prefix}CANCEL_${orderId}`;

/** Refunds WooCommerce records for an order whose cancellation already paid its deposit back add nothing. */
async function coveredByCancellation(books: Books, pending: readonly Refund[]): Promise<boolean> {
  const { order, prefix, flow } = books;
  if (order.status !== 'cancelled' || pending.length === 0) return false;
  const externalId = cancellationRefundExternalId(prefix, order.id);
  const payout = await flow.client.getByExternalId('customerRefund', externalId, {
    fields: ['total'],
    signal: flow.context.signal,
  });
  if (!payout) return false;
  await note(
    books,
    `Refund ${pending.map((refund) => refund.id).join(', ')} of cancelled order ${order.number}: its deposit was ` +
      `paid back on cancellation (customer refund ${externalId}, ${String(payout.total)}), nothing more to book.`,
    externalId,
  );
  return true;
}

/**
 * A cancelled order gives back what its deposit still holds (what was paid less what refunds paid out already), as
 * one customer refund. A billed order keeps its deposit: it is applied to the invoice, and only a credit can undo that.
 */
export async function refundDepositOfCancelledOrder(flow: RefundFlow & { order: Order }): Promise<void> {
  const { client, context, order } = flow;
  const prefix = flow.connection.settings.externalIdPrefix;
  const deposit = await readDeposit(client, `${prefix}DEP_${order.id}`, context.signal);
  if (!deposit) {
    await context.note({ message: `Cancelled order ${order.number} has no deposit in NetSuite: nothing to pay back.` });
    return;
  }
  const salesOrder = await readSale(client, 'salesOrder', { externalId: `${prefix}ORDER_${order.id}` }, context.signal);
  if (salesOrder && (await billsOf(client, salesOrder.id, context.signal)).length > 0) {
    await context.note({
      message: `Cancelled order ${order.number} is billed in NetSuite: its deposit is applied to the invoice and stays; credit it in NetSuite.`,
    });
    return;
  }
  const refundIds = order.refunds.map((refund) => refund.id);
  const records = await refundRecordsOf(client, prefix, refundIds, context.signal);
  const paidOut = sum(refundIds.flatMap((id) => records.get(id)?.depositRefund?.total ?? []));
  const holds = subtract(deposit.payment, paidOut);
  if (compare(holds, ZERO) <= 0) {
    await context.note({ message: `The deposit of cancelled order ${order.number} is paid back already.` });
    return;
  }
  const customer = deposit.customerId ?? salesOrder?.customerId;
  if (customer === undefined) {
    throw new PermanentJobError('DEPOSIT_WITHOUT_CUSTOMER', `Deposit ${deposit.id} names no customer to refund.`);
  }
  const externalId = cancellationRefundExternalId(prefix, order.id);
  const { settings } = flow.connection;
  const currency = settings.currencyMap[order.currency];
  const request = built(
    buildCustomerRefund({
      tranDate: calendarDateIn(order.modifiedAtGmt, settings.netsuiteTimeZone),
      memo: `Cancellation of order ${order.number} [job ${flow.job.id}]`,
      ...(currency ? { currency } : {}),
      ...(settings.subsidiaryId === null ? {} : { subsidiary: settings.subsidiaryId }),
      externalId,
      customer,
      from: { kind: 'deposit', id: deposit.id },
      amount: holds,
      account: requireRefundAccount(order, settings),
    }),
    'customer refund',
  );
  const { id, alreadyDone } = await client.create(request.type, request.body, { signal: context.signal });
  await context.note({
    message: `Cancelled order ${order.number}: ${holds} ${alreadyDone ? 'was already paid' : 'paid'} back out of its deposit as customer refund ${externalId} (NetSuite ${id}).`,
    externalId,
  });
}

async function runRefundFlow(services: JobServices, job: Job, context: JobContext): Promise<void> {
  const { db, vault } = services;
  const delivery = await loadDelivery(db, job);
  const connection = await requireConnection(db, delivery.connectionId);
  const action = toOrderRefundedAction(parseDeliveryBody(delivery.body));
  if (!action.ok) throw new PermanentJobError(action.error.code, action.error.message, { path: action.error.path });
  const client = services.netsuite.connect(await netsuiteConnectionOf(db, vault, connection.netsuiteAccountId));
  await bookNewRefunds({ services, job, context, connection, client, orderId: action.value.orderId });
}

/** `woocommerce.order-refunded`: the refund action names only the order; its refunds are read and booked. */
export function refundToNetSuiteHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    try {
      await runRefundFlow(services, job, context);
    } catch (error) {
      throw wooCommerceJobError(netSuiteJobError(error));
    }
  };
}
