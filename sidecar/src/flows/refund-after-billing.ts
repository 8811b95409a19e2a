/**
 * Refunds after billing (netsuite-gl.md "Refunds"): a credit memo from the invoice that holds what the refund gives
 * back, then a customer refund paying its credit out; in cash-sale mode a cash refund from the cash sale. Either is
 * followed by the reversal of what the bill's reclassification journal moved, for the lines given back.
 */
import { compare, ZERO } from '../canonical/money.ts';
import type { Refund } from '../canonical/refund.ts';
import { JobHeld, PermanentJobError } from '../jobs/job-errors.ts';
import {
  buildCashRefund,
  buildCreditMemo,
  buildCustomerRefund,
  type CashRefundTransform,
  type CreditMemoTransform,
} from '../netsuite/builders/index.ts';
import { built } from './flow-steps.ts';
import { postReclassification, type ReclassSource } from './gl-reclass.ts';
import { templatesMoveRevenue } from './gl-templates.ts';
import { depositAccountFor } from './order-to-netsuite-bodies.ts';
import {
  type Books,
  header,
  held,
  note,
  type RefundFlow,
  requireExpectedTotal,
  requireRefundAccount,
  requireWrittenTotal,
  subsidiary,
} from './refund-books.ts';
import { type Bill, moneyOf, readSale, refundExternalIds } from './refund-netsuite-state.ts';
import {
  bookingOf,
  type CreditContent,
  creditContentOf,
  type RefundBooking,
  type RefundProblem,
  type Sale,
} from './refund-to-netsuite-bodies.ts';

/**
 * A credit memo or cash refund mirrors its bill's lines onto the items' income accounts, so what the bill's
 * reclassification journal moved to a template's revenue account is moved back for the lines given back
 * (`{prefix}RECLASS_REFUND_{id}`): the refund uses the templates of the order it refunds.
 */
export async function reverseReclassification(
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

export async function bookAfterBilling(books: Books, refund: Refund, bills: readonly Bill[]) {
  const booking = bookingOf(refund, books.order);
  const cashSales = bills.filter((bill) => bill.type === 'cashSale');
  const invoices = bills.filter((bill) => bill.type === 'invoice');
  if (invoices.length === 0) await cashRefund(books, booking, cashSales);
  else await creditAndPayOut(books, booking, invoices);
}
