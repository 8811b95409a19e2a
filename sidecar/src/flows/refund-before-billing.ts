/**
 * Refunds before billing (netsuite-gl.md "Refunds"): the sales order is cut to what the shopper keeps and each new
 * refund is paid back out of the customer deposit, as customer refund `{prefix}REFUND_{id}`.
 */
import { createHash } from 'node:crypto';
import { raiseAlert } from '../alerts/alerts.ts';
import { compare, type Money, subtract, sum } from '../canonical/money.ts';
import type { Refund } from '../canonical/refund.ts';
import { JobHeld, PermanentJobError } from '../jobs/job-errors.ts';
import { buildCustomerRefund } from '../netsuite/builders/index.ts';
import { built } from './flow-steps.ts';
import { type Books, header, note, plannedOrHeld, requireRefundAccount, subsidiary } from './refund-books.ts';
import { type Deposit, readDeposit, refundExternalIds } from './refund-netsuite-state.ts';
import { bookingOf, salesOrderChangesOf } from './refund-to-netsuite-bodies.ts';

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

/**
 * Before billing: the sales order is cut to what the shopper keeps (from every refund of the order at once, so it
 * is the same however often it runs), then each new refund is paid back out of the deposit.
 */
export async function bookBeforeBilling(books: Books, refunds: readonly Refund[], pending: readonly Refund[]) {
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
