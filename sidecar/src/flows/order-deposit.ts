/** The order's payment as a NetSuite customer deposit (netsuite-gl.md "Payment"), a step of the order flow. */
import { buildCustomerDeposit, toCents } from '../netsuite/builders/index.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { built } from './flow-steps.ts';
import { netsuiteCents, type OrderFlow } from './order-flow.ts';
import { customerDepositInputOf } from './order-to-netsuite-bodies.ts';

/**
 * Records the payment once (not in `cash_sale` mode: there the cash sale made on fulfillment takes the payment). When an update changed a paid order's total before NetSuite billed it, the deposit is
 * corrected to the new total; once applied to an invoice it is left for the refund flow.
 */
export async function writeDeposit(
  flow: OrderFlow,
  client: NetSuiteClient,
  ids: { customerId: string; salesOrderId: string },
  totalMayHaveChanged: boolean,
) {
  const { order, connection, context, job } = flow;
  if (order.paidAtGmt === undefined || toCents(order.totals.total) <= 0n) return;
  if (connection.settings.postingMode === 'cash_sale') {
    await context.note({
      message: `Posting mode "cash_sale": order ${order.number}'s payment is recorded by the cash sale made when it ships, not as a deposit.`,
    });
    return;
  }
  const externalId = `${connection.settings.externalIdPrefix}DEP_${order.id}`;
  const deposit = built(
    buildCustomerDeposit(customerDepositInputOf(order, { ...ids, externalId, jobId: job.id }, connection.settings)),
    'customer deposit',
  );
  const { id, alreadyDone } = await client.create(deposit.type, deposit.body, { signal: context.signal });
  if (alreadyDone && totalMayHaveChanged) {
    await correctDepositAmount(flow, client, { id, externalId, payment: deposit.body.payment });
    return;
  }
  const how = alreadyDone ? 'already recorded' : 'recorded';
  await context.note({
    message: `Deposit ${externalId} of ${order.totals.total} ${how} (NetSuite ${id}).`,
    externalId,
  });
}

/** NetSuite deposit status C: fully applied (to an invoice or refunded). */
const FULLY_APPLIED = 'C';

async function correctDepositAmount(
  flow: OrderFlow,
  client: NetSuiteClient,
  deposit: { id: string; externalId: string; payment: number },
) {
  const { order, context } = flow;
  const current = await client.get('customerDeposit', deposit.id, {
    fields: ['payment', 'status'],
    signal: context.signal,
  });
  if (netsuiteCents(current.payment) === toCents(order.totals.total)) {
    await context.note({
      message: `Deposit ${deposit.externalId} already holds ${order.totals.total}.`,
      externalId: deposit.externalId,
    });
    return;
  }
  const status = (current.status as { id?: unknown } | undefined)?.id;
  if (status === FULLY_APPLIED) {
    await context.note({
      message: `Deposit ${deposit.externalId} is already applied: its amount stays ${String(current.payment)}.`,
      externalId: deposit.externalId,
    });
    return;
  }
  await client.patch('customerDeposit', deposit.id, { payment: deposit.payment }, { signal: context.signal });
  await context.note({
    message: `Deposit ${deposit.externalId} corrected from ${String(current.payment)} to ${order.totals.total}.`,
    externalId: deposit.externalId,
  });
}
