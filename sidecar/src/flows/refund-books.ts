/**
 * What booking one order's refunds shares before and after billing: the order and what NetSuite holds for it, the
 * checks that hold a refund for the merchant (with a code and the fix in words), and the header every record carries.
 */
import { equals, type Money } from '../canonical/money.ts';
import type { Order } from '../canonical/order.ts';
import type { Refund } from '../canonical/refund.ts';
import { calendarDateIn, type UtcTimestamp } from '../canonical/time.ts';
import type { ConnectionSettings } from '../connections/connection-settings.ts';
import type { Connection } from '../connections/connections.ts';
import type { JobContext } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { JobHeld } from '../jobs/job-errors.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { JobServices } from '../sidecar.ts';
import type { GlTemplate } from './gl-templates.ts';
import { depositAccountFor } from './order-to-netsuite-bodies.ts';
import type { RefundRecords } from './refund-netsuite-state.ts';
import { type Planned, type RefundProblem, refundMemo, type Sale } from './refund-to-netsuite-bodies.ts';

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

/** One order's refunds being booked, with what NetSuite holds for it. */
export interface Books {
  flow: RefundFlow;
  order: Order;
  salesOrder: Sale;
  records: Map<string, RefundRecords>;
  prefix: string;
  /** The order's GL templates by NetSuite item, read once when a reclassification needs them. */
  templates: () => Promise<ReadonlyMap<string, GlTemplate>>;
}

// ── checks ──────────────────────────────────────────────────────────────────────────────────────────────────────

export const held = (problem: RefundProblem) => new JobHeld(problem.code, problem.message, problem.detail);

export function plannedOrHeld<T>(result: Planned<T>): T {
  if (result.ok) return result.value;
  throw held(result.problem);
}

/** Refunds pay out of the account the payment method's deposits go to: without one NetSuite cannot pay anything. */
export function requireRefundAccount(order: Order, settings: ConnectionSettings): string {
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

/** The builder's sum of what it sends, before anything is written, against the storefront's refund. */
export function requireExpectedTotal(books: Books, refund: Refund, computed: Money, expected: Money) {
  if (equals(computed, expected)) return;
  throw new JobHeld(
    'TOTALS_MISMATCH',
    `Refund ${refund.id} of order ${books.order.number}: its NetSuite lines add up to ${computed}, the storefront's refund is ${expected}.`,
    { refund: refund.id, computed, expected },
  );
}

/** NetSuite's own total of what was written, to the cent, against the storefront's refund. */
export function requireWrittenTotal(books: Books, refund: Refund, written: { type: string; id: string; total: Money }) {
  if (equals(written.total, refund.amount)) return;
  throw new JobHeld(
    'TOTALS_MISMATCH',
    `Refund ${refund.id} of order ${books.order.number}: NetSuite's ${written.type} ${written.id} totals ${written.total}, ` +
      `the storefront's refund is ${refund.amount}. Correct it in NetSuite, then release the refund.`,
    { refund: refund.id, computed: written.total, expected: refund.amount, [`${written.type}Id`]: written.id },
  );
}

// ── write ───────────────────────────────────────────────────────────────────────────────────────────────────────

export function header(books: Books, refund: Refund) {
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
export function subsidiary(books: Books) {
  const { subsidiaryId } = books.flow.connection.settings;
  return subsidiaryId === null ? {} : { subsidiary: subsidiaryId };
}

export const note = (books: Books, message: string, externalId?: string) =>
  books.flow.context.note({ message, ...(externalId ? { externalId } : {}) });
