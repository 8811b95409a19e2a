/**
 * WooCommerce refunds → NetSuite (netsuite-gl.md "Refunds"). Before billing: the sales order is cut to what the
 * shopper keeps and the refund is paid back out of the customer deposit. After billing: a credit memo from the invoice
 * (refunded lines as its lines, shipping as shipping, amounts on the refund-adjustment item) and a customer refund
 * paying its credit out; in cash-sale mode a cash refund from the cash sale. Every record's externalId derives from
 * the refund and NetSuite is the memory of what was booked, so a replay, a redelivery or the order.updated that
 * follows the refund action books nothing twice. Steps: read (REST) → look up (NetSuite) → plan (pure) → write.
 */
import { createHash } from 'node:crypto';
import { raiseAlert } from '../alerts/alerts.ts';
import { compare, equals, type Money, subtract, sum, ZERO } from '../canonical/money.ts';
import type { Order } from '../canonical/order.ts';
import type { Refund } from '../canonical/refund.ts';
import { calendarDateIn, type UtcTimestamp } from '../canonical/time.ts';
import type { ConnectionSettings } from '../connections/connection-settings.ts';
import type { Connection } from '../connections/connections.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { JobHeld, PermanentJobError } from '../jobs/job-errors.ts';
import {
  buildCashRefund,
  buildCreditMemo,
  buildCustomerRefund,
  type CashRefundTransform,
  type CreditMemoTransform,
} from '../netsuite/builders/index.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { toOrderRefundedAction } from '../platforms/woocommerce/action-payload.ts';
import { wooCommerceJobError } from '../platforms/woocommerce/job-error.ts';
import type { WooCommerceRestClient } from '../platforms/woocommerce/rest-client.ts';
import { toCanonicalOrder } from '../platforms/woocommerce/to-canonical-order.ts';
import { toCanonicalRefund } from '../platforms/woocommerce/to-canonical-refund.ts';
import type { JobServices } from '../sidecar.ts';
import { built, loadDelivery, parseDeliveryBody, requireConnection } from './flow-steps.ts';
import { postReclassification, type ReclassSource } from './gl-reclass.ts';
import { type GlTemplate, templatesByItem, templatesMoveRevenue } from './gl-templates.ts';
import { depositAccountFor } from './order-to-netsuite-bodies.ts';
import {
  type Bill,
  billsOf,
  type Deposit,
  isBooked,
  moneyOf,
  type RefundRecords,
  readDeposit,
  readSale,
  refundExternalIds,
  refundRecordsOf,
} from './refund-netsuite-state.ts';
import {
  bookingOf,
  type CreditContent,
  creditContentOf,
  type Planned,
  type RefundBooking,
  type RefundProblem,
  refundMemo,
  type Sale,
  salesOrderChangesOf,
} from './refund-to-netsuite-bodies.ts';

/** What booking an order's refunds needs; the order flow passes the same after writing an order that has refunds. */
export interface RefundFlow {
  services: JobServices;
  job: Job;
  context: JobContext;
  connection: Connection;
  client: NetSuiteClient;
  /** The storefront's order id. */
  orderId: string;
  /** The order as the caller already read it; read from the REST API when absent. */
  order?: Order;
}

type OrderReader = Pick<WooCommerceRestClient, 'getOrder' | 'listOrderRefunds'>;

/** One order's refunds being booked, with what NetSuite holds for it. */
interface Books {
  flow: RefundFlow;
  order: Order;
  salesOrder: Sale;
  records: Map<string, RefundRecords>;
  prefix: string;
  /** The order's GL templates by NetSuite item, read once when a reclassification needs them. */
  templates: () => Promise<ReadonlyMap<string, GlTemplate>>;
}

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

// ── checks ──────────────────────────────────────────────────────────────────────────────────────────────────────

const held = (problem: RefundProblem) => new JobHeld(problem.code, problem.message, problem.detail);

function plannedOrHeld<T>(result: Planned<T>): T {
  if (result.ok) return result.value;
  throw held(result.problem);
}

/** Refunds pay out of the account the payment method's deposits go to: without one NetSuite cannot pay anything. */
function requireRefundAccount(order: Order, settings: ConnectionSettings): string {
  const account = depositAccountFor(order, settings);
  if (account !== undefined) return account;
  const method = order.paymentMethod?.id ?? '(none)';
  throw new JobHeld(
    'REFUND_ACCOUNT_NOT_SET',
    `Order ${order.number} was paid by "${method}", which has no NetSuite account in the connection's paymentMethods: ` +
      'a customer refund must name the account the money leaves from. Map it and release the refund.',
    { order: order.number, paymentMethod: method },
  );
}

/** Paid out of the deposit already: the customer refunds of this order's earlier refunds. */
function depositPaidOut(books: Books, refunds: readonly Refund[]): Money {
  return sum(refunds.flatMap((refund) => books.records.get(refund.id)?.depositRefund?.total ?? []));
}

function requireDepositHolds(books: Books, deposit: Deposit, refunds: readonly Refund[], pending: readonly Refund[]) {
  const holds = subtract(deposit.payment, depositPaidOut(books, refunds));
  const wanted = sum(pending.map((refund) => refund.amount));
  if (compare(wanted, holds) <= 0) return;
  const ids = pending.map((refund) => refund.id).join(', ');
  throw new JobHeld(
    'REFUND_EXCEEDS_DEPOSIT',
    `Refund ${ids} of order ${books.order.number} gives back ${wanted}, but its deposit holds ${holds} ` +
      `(${deposit.payment} paid, the rest refunded already). Correct the refund or the deposit, then release it.`,
    {
      order: books.order.number,
      refunds: ids,
      refundTotal: wanted,
      depositHolds: holds,
      depositPayment: deposit.payment,
    },
  );
}

/** The builder's sum of what it sends, before anything is written, against the storefront's refund. */
function requireExpectedTotal(books: Books, refund: Refund, computed: Money, expected: Money) {
  if (equals(computed, expected)) return;
  throw new JobHeld(
    'TOTALS_MISMATCH',
    `Refund ${refund.id} of order ${books.order.number}: its NetSuite lines add up to ${computed}, the storefront's refund is ${expected}.`,
    { refund: refund.id, computed, expected },
  );
}

/** NetSuite's own total of what was written, to the cent, against the storefront's refund. */
function requireWrittenTotal(books: Books, refund: Refund, written: { type: string; id: string; total: Money }) {
  if (equals(written.total, refund.amount)) return;
  throw new JobHeld(
    'TOTALS_MISMATCH',
    `Refund ${refund.id} of order ${books.order.number}: NetSuite's ${written.type} ${written.id} totals ${written.total}, ` +
      `the storefront's refund is ${refund.amount}. Correct it in NetSuite, then release the refund.`,
    { refund: refund.id, computed: written.total, expected: refund.amount, [`${written.type}Id`]: written.id },
  );
}

// ── write ───────────────────────────────────────────────────────────────────────────────────────────────────────

function header(books: Books, refund: Refund) {
  const { settings } = books.flow.connection;
  const when = refund.createdAtGmt ?? (new Date().toISOString() as UtcTimestamp);
  const currency = settings.currencyMap[books.order.currency];
  return {
    tranDate: calendarDateIn(when, settings.netsuiteTimeZone),
    memo: refundMemo(refund, books.order, books.flow.job.id),
    ...(currency ? { currency } : {}),
  };
}

/** A customer refund is made, not transformed: on OneWorld accounts it names its subsidiary itself. */
function subsidiary(books: Books) {
  const { subsidiaryId } = books.flow.connection.settings;
  return subsidiaryId === null ? {} : { subsidiary: subsidiaryId };
}

const note = (books: Books, message: string, externalId?: string) =>
  books.flow.context.note({ message, ...(externalId ? { externalId } : {}) });

/**
 * A credit memo or cash refund mirrors its bill's lines onto the items' income accounts, so what the bill's
 * reclassification journal moved to a template's revenue account is moved back for the lines given back
 * (`{prefix}RECLASS_REFUND_{id}`): the refund uses the templates of the order it refunds.
 */
async function reverseReclassification(
  flow: RefundFlow,
  templates: Books['templates'],
  refundId: string,
  source: ReclassSource,
) {
  const { connection, client, context, job } = flow;
  if (!templatesMoveRevenue(connection.settings.glTemplates)) return;
  const prefix = connection.settings.externalIdPrefix;
  const { record } = refundExternalIds(prefix, refundId);
  await postReclassification({
    client,
    context,
    jobId: job.id,
    externalId: `${prefix}RECLASS_REFUND_${refundId}`,
    source,
    sourceName: `${source.type === 'creditMemo' ? 'credit memo' : 'cash refund'} ${record}`,
    templates,
    prefix,
  });
}

/**
 * Before billing: the sales order is cut to what the shopper keeps (from every refund of the order at once, so it
 * is the same however often it runs), then each new refund is paid back out of the deposit.
 */
async function bookBeforeBilling(books: Books, refunds: readonly Refund[], pending: readonly Refund[]) {
  const { flow, order, salesOrder, prefix } = books;
  const { client, context, connection } = flow;
  const changes = plannedOrHeld(
    salesOrderChangesOf(
      order,
      refunds.map((refund) => bookingOf(refund, order)),
      salesOrder,
      connection.settings.refundItemId,
    ),
  );
  const depositExternalId = `${prefix}DEP_${order.id}`;
  const deposit = await readDeposit(client, depositExternalId, context.signal);
  const account = deposit ? requireRefundAccount(books.order, books.flow.connection.settings) : undefined;
  if (deposit) requireDepositHolds(books, deposit, refunds, pending);

  const salesOrderExternalId = `${prefix}ORDER_${order.id}`;
  if (changes && Object.keys(changes.body).length > 0) {
    await client.patch('salesOrder', salesOrder.id, changes.body, { replace: changes.replace, signal: context.signal });
    await note(
      books,
      `Sales order ${salesOrderExternalId} cut to what order ${order.number} keeps after its refunds (NetSuite ${salesOrder.id}).`,
      salesOrderExternalId,
    );
  }
  for (const message of changes?.notes ?? []) {
    await note(books, message, salesOrderExternalId);
    await raiseAlert(flow.services.db, {
      kind: 'refund_needs_attention',
      severity: 'warning',
      connectionId: connection.id,
      dedupeKey: `refund_needs_attention:${connection.id}:${order.id}:${createHash('sha256').update(message).digest('hex').slice(0, 16)}`,
      message,
    });
  }
  if (!(deposit && account)) {
    await note(
      books,
      `Order ${order.number} has no deposit in NetSuite (not paid, or billed as a cash sale): refund ` +
        `${pending.map((refund) => refund.id).join(', ')} changes only its sales order.`,
    );
    return;
  }
  for (const refund of pending) await refundDeposit(books, refund, deposit, account);
}

async function refundDeposit(books: Books, refund: Refund, deposit: Deposit, account: string) {
  const { client, context } = books.flow;
  const externalId = refundExternalIds(books.prefix, refund.id).record;
  const customer = deposit.customerId ?? books.salesOrder.customerId;
  if (customer === undefined) {
    throw new PermanentJobError('DEPOSIT_WITHOUT_CUSTOMER', `Deposit ${deposit.id} names no customer to refund.`);
  }
  const request = built(
    buildCustomerRefund({
      ...header(books, refund),
      ...subsidiary(books),
      externalId,
      customer,
      from: { kind: 'deposit', id: deposit.id },
      amount: refund.amount,
      account,
    }),
    'customer refund',
  );
  const { id, alreadyDone } = await client.create(request.type, request.body, { signal: context.signal });
  await note(
    books,
    `Refund ${refund.id}: ${refund.amount} ${alreadyDone ? 'was already paid' : 'paid'} back out of deposit ` +
      `${books.prefix}DEP_${books.order.id} as customer refund ${externalId} (NetSuite ${id}).`,
    externalId,
  );
}

/** The first bill holding everything the refund gives back; held when none does, with each bill's reason. */
async function chooseBill(books: Books, booking: RefundBooking, bills: readonly Bill[]) {
  const { client, context, connection } = books.flow;
  const problems: RefundProblem[] = [];
  for (const bill of bills) {
    const sale = await readSale(client, bill.type, { id: bill.id }, context.signal);
    if (!sale) continue;
    const credit = creditContentOf(booking, books.salesOrder, sale, connection.settings);
    if (credit.ok) return { sale, credit: credit.value };
    if (credit.problem.code === 'REFUND_ITEM_NOT_SET' || bills.length === 1) throw held(credit.problem);
    problems.push(credit.problem);
  }
  throw new JobHeld(
    'REFUND_NOT_ON_ONE_BILL',
    `Refund ${booking.refund.id} of order ${books.order.number} gives back what no single bill of its sales order ` +
      `holds (${problems.map((each) => each.message).join(' ')}). Book it in NetSuite by hand, then cancel this job.`,
    { refund: booking.refund.id, bills: bills.map((bill) => bill.id), problems },
  );
}

async function explainAsAmount(books: Books, booking: RefundBooking) {
  if (!booking.asAmountBecause) return;
  await note(books, `Refund ${booking.refund.id} is booked as an amount: ${booking.asAmountBecause}.`);
}

/** After billing on invoices: a credit memo from the invoice, then a customer refund paying its credit out. */
async function creditAndPayOut(books: Books, booking: RefundBooking, invoices: readonly Bill[]) {
  const { client, context } = books.flow;
  const { refund } = booking;
  const ids = refundExternalIds(books.prefix, refund.id);
  const account = requireRefundAccount(books.order, books.flow.connection.settings);
  let memoId = books.records.get(refund.id)?.creditMemo?.id;
  if (memoId === undefined) {
    const { sale, credit } = await chooseBill(books, booking, invoices);
    memoId = await writeCreditMemo(books, booking, sale, credit);
  } else {
    await note(
      books,
      `Credit memo ${ids.record} of refund ${refund.id} exists already (NetSuite ${memoId}).`,
      ids.record,
    );
  }
  await reverseReclassification(books.flow, books.templates, refund.id, { type: 'creditMemo', id: memoId });
  const memo = await client.get('creditMemo', memoId, { signal: context.signal });
  requireWrittenTotal(books, refund, { type: 'creditMemo', id: memoId, total: moneyOf(memo.total) });
  const unapplied = moneyOf(memo.unapplied);
  if (compare(unapplied, ZERO) <= 0) {
    await note(
      books,
      `Credit memo ${ids.record} went against what was still open on the invoice: nothing is left to pay out.`,
      ids.record,
    );
    return;
  }
  const customer = (memo.entity as { id?: string } | undefined)?.id ?? books.salesOrder.customerId;
  if (customer === undefined) {
    throw new PermanentJobError('CREDIT_MEMO_WITHOUT_CUSTOMER', `Credit memo ${memoId} names no customer to refund.`);
  }
  const payout = built(
    buildCustomerRefund({
      ...header(books, refund),
      ...subsidiary(books),
      externalId: ids.payout,
      customer,
      from: { kind: 'creditMemo', id: memoId },
      amount: unapplied,
      account,
    }),
    'customer refund',
  );
  const { id, alreadyDone } = await client.create(payout.type, payout.body, { signal: context.signal });
  await note(
    books,
    `Refund ${refund.id}: ${unapplied} ${alreadyDone ? 'was already paid' : 'paid'} out of credit memo ${ids.record} ` +
      `as customer refund ${ids.payout} (NetSuite ${id}).`,
    ids.payout,
  );
}

async function writeCreditMemo(books: Books, booking: RefundBooking, sale: Sale, credit: CreditContent) {
  const { refund } = booking;
  const externalId = refundExternalIds(books.prefix, refund.id).record;
  const request = built(
    buildCreditMemo({ ...header(books, refund), ...credit.content, externalId, invoice: sale.id }),
    'credit memo',
  );
  return transformFromBill(books, booking, request, credit, { record: 'Credit memo', bill: `invoice ${sale.id}` });
}

/**
 * Writes a credit memo or cash refund transformed from its bill, once the builder's total matches the storefront's
 * refund, and notes it; answers its NetSuite id.
 */
async function transformFromBill(
  books: Books,
  booking: RefundBooking,
  request: CreditMemoTransform | CashRefundTransform,
  credit: CreditContent,
  named: { record: string; bill: string },
): Promise<string> {
  const { client, context } = books.flow;
  const { refund } = booking;
  const { body } = request;
  requireExpectedTotal(books, refund, moneyOf(request.total), credit.expectedTotal);
  await explainAsAmount(books, booking);
  const { id, alreadyDone } = await client.transform(request.fromType, request.fromId, request.type, body, {
    ...request.options,
    signal: context.signal,
  });
  await note(
    books,
    `${named.record} ${body.externalId} of ${request.total} ${alreadyDone ? 'already made' : 'made'} from ${named.bill} ` +
      `for refund ${refund.id} (NetSuite ${id}).`,
    body.externalId,
  );
  return id;
}

/** Cash-sale mode: a cash refund from the cash sale, paid from the payment method's account. */
async function cashRefund(books: Books, booking: RefundBooking, cashSales: readonly Bill[]) {
  const { client, context, connection } = books.flow;
  const { refund } = booking;
  const externalId = refundExternalIds(books.prefix, refund.id).record;
  const { sale, credit } = await chooseBill(books, booking, cashSales);
  const account = depositAccountFor(books.order, connection.settings);
  const request = built(
    buildCashRefund({
      ...header(books, refund),
      ...credit.content,
      externalId,
      cashSale: sale.id,
      ...(account ? { account } : {}),
    }),
    'cash refund',
  );
  const id = await transformFromBill(books, booking, request, credit, {
    record: 'Cash refund',
    bill: `cash sale ${sale.id}`,
  });
  const written = await client.get('cashRefund', id, { fields: ['total'], signal: context.signal });
  requireWrittenTotal(books, refund, { type: 'cashRefund', id, total: moneyOf(written.total) });
  await reverseReclassification(books.flow, books.templates, refund.id, { type: 'cashRefund', id });
}

async function bookAfterBilling(books: Books, refund: Refund, bills: readonly Bill[]) {
  const booking = bookingOf(refund, books.order);
  const cashSales = bills.filter((bill) => bill.type === 'cashSale');
  const invoices = bills.filter((bill) => bill.type === 'invoice');
  if (invoices.length === 0) await cashRefund(books, booking, cashSales);
  else await creditAndPayOut(books, booking, invoices);
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
