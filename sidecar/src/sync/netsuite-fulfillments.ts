/**
 * The fulfillment poll (spec §6.4–6.5): per NetSuite account, the item fulfillments created or changed since the
 * stored watermark, each linked through its `createdfrom` to a sales order the connector wrote (order_links), become
 * one durable job per version (fulfillment id, `lastmodifieddate`): polling the same version again, or replaying the
 * poll, adds nothing; and, for connections whose posting mode bills, one billing job per fulfillment (invoice and
 * deposit application, `flows/fulfillment-billing.ts`). The watermark moves on in the transaction that stores the
 * jobs, never before.
 *
 * Steps per account: read the watermark → query from an overlap before it → keep the versions of our orders → store
 * their jobs and the new watermark together.
 */
import { and, inArray } from 'drizzle-orm';
import { listConnections } from '../connections/connections.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import { orderLinks } from '../db/schema.ts';
import { enqueueJob } from '../jobs/enqueue.ts';
import { errorRecordOf } from '../jobs/job-errors.ts';
import type { SuiteQlRow } from '../netsuite/suiteql.ts';
import { type Schedule, type ScheduleResult, ScheduleRunError, type ScheduleServices } from '../schedules/schedule.ts';
import {
  type NetSuiteTimestamp,
  netsuiteTimestampMinus,
  netsuiteTimestampOf,
  readPollCursor,
  savePollCursor,
} from './netsuite-poll-cursors.ts';

export const NETSUITE_FULFILLMENTS = 'netsuite-fulfillments';
export const FULFILLMENT_JOB_KIND = 'netsuite.fulfillment';
/** Billing of what shipped (flows/fulfillment-billing.ts), once per fulfillment, for connections that bill. */
export const BILLING_JOB_KIND = 'netsuite.fulfillment-billing';

/**
 * Each poll reads from this long before the watermark (default 2 minutes, spec §6.5): NetSuite's timestamps are to
 * the second and their time zone is uncertain, and a fulfillment saved while the last poll read may carry an earlier
 * time than what it saw. Versions read again have jobs already and add nothing.
 */
export const FULFILLMENT_POLL_OVERLAP_MS = 2 * 60_000;

/** Rows read per account per poll (default 5000); a longer backlog continues from the watermark next poll. */
export const FULFILLMENT_POLL_MAX_ROWS = 5_000;

const FULFILLMENTS_SINCE = `SELECT f.id AS fulfillmentid, f.tranid, f.status AS shipstatus, fl.createdfrom AS salesorderid,
       TO_CHAR(f.lastmodifieddate,'YYYY-MM-DD HH24:MI:SS') AS lastmodified
FROM transaction f
JOIN transactionline fl ON fl.transaction = f.id AND fl.mainline = 'T'
WHERE f.type = 'ItemShip' AND f.lastmodifieddate >= TO_TIMESTAMP(?, 'YYYY-MM-DD HH24:MI:SS')
ORDER BY f.lastmodifieddate, f.id`;

/** What a fulfillment job is given; the job reads the rest (lines, packages, ship method) itself. */
export interface FulfillmentJobPayload {
  netsuiteAccountId: string;
  connectionId: string;
  orderId: string;
  salesOrderId: string;
  fulfillmentId: string;
  tranId: string | null;
  /** The version: NetSuite's `lastmodifieddate` text. */
  lastModified: NetSuiteTimestamp;
}

export interface AccountReport {
  netsuiteAccountId: string;
  accountId?: string;
  /** Fulfillment versions NetSuite listed since the overlap. */
  listed: number;
  /** Of those, of sales orders the connector wrote. */
  ours: number;
  /** Write-back jobs stored now (the rest had theirs from an earlier poll). */
  enqueued: number;
  /** Billing jobs stored now (connections whose posting mode is not `off`). */
  billingEnqueued: number;
  /** Picked or packed, not yet shipped: written back once NetSuite marks them shipped. */
  notShipped: number;
  /** Where the next poll reads from (before the overlap). */
  watermark: NetSuiteTimestamp | null;
  caughtUp: boolean;
  error?: { code: string; message: string };
}

/** The production schedule: every 5 minutes by default (`MLC_SCHEDULE_NETSUITE_FULFILLMENTS_EVERY`). */
export const netsuiteFulfillmentsSchedule: Schedule = {
  name: NETSUITE_FULFILLMENTS,
  cadence: '5m',
  run: (services, signal) => pollFulfillments(services, signal),
};

/** Polls every NetSuite account a storefront is connected to; one failing account does not stop the others. */
export async function pollFulfillments(services: ScheduleServices, signal: AbortSignal): Promise<ScheduleResult> {
  const byAccount = new Map<string, AccountPoll>();
  for (const connection of await listConnections(services.db)) {
    const goLive = new Date(connection.settings.goLiveAt);
    const poll = byAccount.get(connection.netsuiteAccountId) ?? {
      netsuiteAccountId: connection.netsuiteAccountId,
      connectionIds: [],
      billing: new Set<string>(),
      since: goLive,
    };
    byAccount.set(connection.netsuiteAccountId, poll);
    poll.connectionIds.push(connection.id);
    if (connection.settings.postingMode !== 'off') poll.billing.add(connection.id);
    if (goLive < poll.since) poll.since = goLive;
  }
  const reports: AccountReport[] = [];
  for (const [netsuiteAccountId, poll] of byAccount) {
    signal.throwIfAborted();
    const report: AccountReport = emptyReport(netsuiteAccountId);
    reports.push(report);
    try {
      await pollAccount(services, signal, poll, report);
    } catch (error) {
      if (signal.aborted) throw error;
      const { code, message } = errorRecordOf(error);
      report.error = { code: (error as { code?: string }).code ?? code, message };
      services.logger.warn({ netsuiteAccountId, err: error }, 'The fulfillment poll failed for a NetSuite account');
    }
  }
  const enqueued = reports.reduce((total, r) => total + r.enqueued + r.billingEnqueued, 0);
  if (enqueued > 0) services.onJobsQueued();
  const message = summarise(reports);
  if (reports.some((r) => r.error))
    throw new ScheduleRunError('FULFILLMENT_POLL_INCOMPLETE', message, { accounts: reports });
  return { message, details: { accounts: reports } };
}

interface AccountPoll {
  netsuiteAccountId: string;
  connectionIds: string[];
  /** Connections whose posting mode bills on fulfillment (not `off`). */
  billing: Set<string>;
  /** The earliest go-live of its connections: where the first poll starts. */
  since: Date;
}

async function pollAccount(
  services: ScheduleServices,
  signal: AbortSignal,
  poll: AccountPoll,
  report: AccountReport,
): Promise<void> {
  const { db } = services;
  const netsuite = await netsuiteConnectionOf(db, services.vault, poll.netsuiteAccountId);
  report.accountId = netsuite.accountId;
  const client = services.netsuite.connect(netsuite);
  const watermark = await readPollCursor(db, poll.netsuiteAccountId, 'itemFulfillment');
  const from = watermark
    ? netsuiteTimestampMinus(watermark, FULFILLMENT_POLL_OVERLAP_MS)
    : netsuiteTimestampOf(poll.since);

  const rows: SuiteQlRow[] = [];
  report.caughtUp = true;
  for await (const row of client.suiteql(FULFILLMENTS_SINCE, [from], { signal })) {
    if (rows.length >= FULFILLMENT_POLL_MAX_ROWS) {
      report.caughtUp = false;
      break;
    }
    rows.push(row);
  }
  report.listed = rows.length;
  const links = await linkedOrders(services, poll.connectionIds, rows);
  const newest = rows.reduce<NetSuiteTimestamp | undefined>(
    (max, row) => (row.lastmodified && (!max || row.lastmodified > max) ? row.lastmodified : max),
    watermark,
  );

  await db.transaction(async (tx) => {
    for (const row of rows) {
      const link = row.salesorderid ? links.get(row.salesorderid) : undefined;
      if (!(link && row.fulfillmentid && row.lastmodified)) continue;
      report.ours++;
      // Picked or packed (Advanced Shipping) is not shipped yet; shipping it later changes lastmodifieddate.
      if (row.shipstatus && row.shipstatus !== 'C') {
        report.notShipped++;
        continue;
      }
      const payload: FulfillmentJobPayload = {
        netsuiteAccountId: poll.netsuiteAccountId,
        connectionId: link.connectionId,
        orderId: link.orderId,
        salesOrderId: row.salesorderid ?? '',
        fulfillmentId: row.fulfillmentid,
        tranId: row.tranid ?? null,
        lastModified: row.lastmodified,
      };
      const { created } = await enqueueJob(
        tx,
        services.audit,
        {
          kind: FULFILLMENT_JOB_KIND,
          // One order's write-backs in turn (they read and extend its meta), apart from its own order jobs.
          entityKey: `woocommerce:${link.connectionId}:fulfillment:${link.orderId}`,
          idempotencyKey: `netsuite-fulfillment:${poll.netsuiteAccountId}:${row.fulfillmentid}@${row.lastmodified}`,
          payload,
        },
        services.jobMaxAttempts,
      );
      if (created) report.enqueued++;
      if (!poll.billing.has(link.connectionId)) continue;
      const billing = await enqueueJob(
        tx,
        services.audit,
        {
          kind: BILLING_JOB_KIND,
          // In turn with the order's own jobs: a refund and an invoice of one order never cross.
          entityKey: `woocommerce:${link.connectionId}:order:${link.orderId}`,
          // Once per fulfillment: a change to it later bills nothing new (NetSuite bills what shipped, once).
          idempotencyKey: `netsuite-billing:${poll.netsuiteAccountId}:${row.fulfillmentid}`,
          payload,
        },
        services.jobMaxAttempts,
      );
      if (billing.created) report.billingEnqueued++;
    }
    if (newest) await savePollCursor(tx, poll.netsuiteAccountId, 'itemFulfillment', newest);
  });
  report.watermark = newest ?? null;
}

/** Sales order id → the storefront order it was written for, among this account's connections. */
async function linkedOrders(
  services: ScheduleServices,
  connectionIds: readonly string[],
  rows: readonly SuiteQlRow[],
): Promise<Map<string, { connectionId: string; orderId: string }>> {
  const ids = [...new Set(rows.flatMap((row) => (row.salesorderid ? [row.salesorderid] : [])))];
  const found = new Map<string, { connectionId: string; orderId: string }>();
  for (let start = 0; start < ids.length; start += 500) {
    const linked = await services.db
      .select({
        salesOrderId: orderLinks.salesOrderId,
        connectionId: orderLinks.connectionId,
        orderId: orderLinks.orderId,
      })
      .from(orderLinks)
      .where(
        and(
          inArray(orderLinks.connectionId, [...connectionIds]),
          inArray(orderLinks.salesOrderId, ids.slice(start, start + 500)),
        ),
      );
    for (const row of linked) found.set(row.salesOrderId, { connectionId: row.connectionId, orderId: row.orderId });
  }
  return found;
}

const emptyReport = (netsuiteAccountId: string): AccountReport => ({
  netsuiteAccountId,
  listed: 0,
  ours: 0,
  enqueued: 0,
  billingEnqueued: 0,
  notShipped: 0,
  watermark: null,
  caughtUp: false,
});

function summarise(reports: readonly AccountReport[]): string {
  if (reports.length === 0) return 'No storefront is connected to NetSuite: nothing to poll.';
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const enqueued = reports.reduce((total, r) => total + r.enqueued, 0);
  let text = `Polled ${plural(reports.length, 'NetSuite account')}: ${plural(enqueued, 'new fulfillment')} to write back.`;
  if (reports.some((r) => !r.error && !r.caughtUp)) text += ' More to read: the next poll goes on.';
  for (const failed of reports.filter((r) => r.error)) {
    text += ` NetSuite account ${failed.accountId ?? failed.netsuiteAccountId} could not be polled: ${failed.error?.message}`;
  }
  return text;
}
