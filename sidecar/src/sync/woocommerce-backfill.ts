/**
 * Missed-webhook backfill for WooCommerce. WooCommerce never retries a failed delivery (and disables a webhook after
 * repeated failures), so an order or customer changed while the sidecar was down, unreachable or refusing would never
 * arrive. Every poll, per WooCommerce connection, reads what the store modified since the stored cursor and stores each
 * version the connector has not seen as a synthetic delivery (source `backfill`, topic `order.updated` or
 * `customer.updated`, body = the REST JSON, which has the webhook body's shape), with its job, through the same
 * `storeDelivery` path a webhook takes. The flows cannot tell the difference.
 *
 * Steps per collection: read the cursor → list a page → find the versions not seen → store each with its job → move
 * the cursor past the page (only now: a crash re-reads the page, and what was stored is recognised).
 */
import { sql } from 'drizzle-orm';
import { v5 as uuidv5 } from 'uuid';
import type { Connection } from '../connections/connections.ts';
import { listConnections } from '../connections/connections.ts';
import { wooCommerceStoreOf } from '../connections/woocommerce-store.ts';
import { rowsOf } from '../db/client.ts';
import { errorRecordOf } from '../jobs/job-errors.ts';
import type { WooCommerceRestClient, WooPage } from '../platforms/woocommerce/rest-client.ts';
import { type Schedule, type ScheduleResult, ScheduleRunError, type ScheduleServices } from '../schedules/schedule.ts';
import { storeDelivery } from '../webhooks/store-delivery.ts';
import { routeDelivery } from '../webhooks/woocommerce/routing.ts';
import { type BackfillCursor, readBackfillCursor, saveBackfillCursor } from './backfill-cursors.ts';
import { latestSeenModified, wooGmtToIso } from './seen-versions.ts';

export const WOOCOMMERCE_BACKFILL = 'woocommerce-backfill';

/**
 * Each poll starts this long before the stored cursor (default 10 minutes), so a version saved while the previous poll
 * read (not yet visible to it) or stamped by a store clock somewhat behind ours is read again; whatever was already
 * stored is recognised and skipped.
 */
export const BACKFILL_OVERLAP_MS = 10 * 60_000;

/** Requests per collection per connection per poll (default 20, 2000 records); a longer backlog continues next poll. */
export const BACKFILL_MAX_PAGES = 20;

const PER_PAGE = 100;
const SECOND_MS = 1_000;

/** Namespace of backfilled events' ids: a version (connection, record, `date_modified_gmt`) always has the same id. */
const BACKFILL_EVENT_NAMESPACE = '6f1d9f0e-3f7a-4d55-9a0e-2c8b1b7e4a10';

type Resource = 'order' | 'customer';

export interface CollectionReport {
  /** Records the store listed. */
  listed: number;
  /** Versions stored and enqueued now: the webhooks that never came. */
  enqueued: number;
  /** Orders placed before the connection's go-live, left alone. */
  beforeGoLive: number;
  /** Records without a readable id or `date_modified_gmt`. */
  unreadable: number;
  requests: number;
  /** False when the page limit stopped the poll before the end: the next poll goes on from the cursor. */
  caughtUp: boolean;
  /** Where the next poll starts reading (before the overlap). */
  cursor: string;
}

export interface ConnectionReport {
  connectionId: string;
  name: string;
  orders?: CollectionReport;
  customers?: CollectionReport;
  error?: { code: string; message: string };
}

interface Poll {
  services: ScheduleServices;
  connection: Connection;
  client: WooCommerceRestClient;
  signal: AbortSignal;
}

/** The production schedule: every 15 minutes by default (`MLC_SCHEDULE_WOOCOMMERCE_BACKFILL_EVERY`). */
export const wooCommerceBackfillSchedule: Schedule = {
  name: WOOCOMMERCE_BACKFILL,
  cadence: '15m',
  run: (services, signal) => backfillWooCommerce(services, signal),
};

/**
 * Polls every WooCommerce connection. One store failing (unreachable, key revoked) does not stop the others; the run
 * then fails with every store's figures in its detail, so the schedule's last result names the store and the reason.
 */
export async function backfillWooCommerce(services: ScheduleServices, signal: AbortSignal): Promise<ScheduleResult> {
  const connections = (await listConnections(services.db)).filter((c) => c.platform === 'woocommerce');
  const reports: ConnectionReport[] = [];
  for (const connection of connections) {
    signal.throwIfAborted();
    const report: ConnectionReport = { connectionId: connection.id, name: connection.name };
    reports.push(report);
    try {
      const store = await wooCommerceStoreOf(services.db, services.vault, connection);
      const poll: Poll = { services, connection, client: services.woocommerce.connect(store), signal };
      report.orders = await backfillOrders(poll);
      report.customers = await backfillCustomers(poll);
    } catch (error) {
      if (signal.aborted) throw error;
      const { code, message } = errorRecordOf(error);
      report.error = { code: (error as { code?: string }).code ?? code, message };
      services.logger.warn({ connectionId: connection.id, err: error }, 'WooCommerce backfill failed for a store');
    }
  }
  const enqueued = sum(reports, (r) => (r.orders?.enqueued ?? 0) + (r.customers?.enqueued ?? 0));
  if (enqueued > 0) services.onJobsQueued();
  const message = summarise(reports);
  const failed = reports.filter((r) => r.error);
  if (failed.length > 0) throw new ScheduleRunError('BACKFILL_INCOMPLETE', message, { connections: reports });
  return { message, details: { connections: reports } };
}

/**
 * Orders, oldest modification first. Each page re-anchors the query one second before the newest version it held
 * (WooCommerce compares `modified_after` strictly, to the second) instead of asking for page N+1: an order modified
 * while we read jumps to the end of the list and would shift the rest one place, so plain page numbers could skip
 * one. Page numbers are used only while a whole page shares one second.
 */
async function backfillOrders(poll: Poll): Promise<CollectionReport> {
  const { services, connection, client, signal } = poll;
  const goLive = new Date(connection.settings.goLiveAt);
  const cursor = await readBackfillCursor(services.db, connection.id, 'orders');
  let after = startOf(cursor, goLive);
  let reachedUpTo = cursor?.modifiedAfter ?? goLive;
  const report = emptyReport();
  let page = 1;
  while (report.requests < BACKFILL_MAX_PAGES) {
    signal.throwIfAborted();
    const listed = await client.listOrders({
      modifiedAfterGmt: after,
      page,
      perPage: PER_PAGE,
      orderby: 'modified',
      order: 'asc',
      signal,
    });
    report.requests++;
    const newest = await storeMissing(poll, 'order', listed, report);
    if (newest && newest > reachedUpTo) {
      reachedUpTo = newest;
      await saveBackfillCursor(services.db, connection.id, 'orders', { modifiedAfter: newest });
    }
    if (isLastPage(listed, page)) {
      report.caughtUp = true;
      break;
    }
    const next = newest ? new Date(newest.getTime() - SECOND_MS) : after;
    if (next > after) {
      after = next;
      page = 1;
    } else {
      page++;
    }
  }
  if (!cursor) await saveBackfillCursor(services.db, connection.id, 'orders', { modifiedAfter: reachedUpTo });
  report.cursor = reachedUpTo.toISOString();
  return report;
}

/**
 * Customers. WooCommerce lists them only by id (a WordPress user query ignores `modified_after`; the client filters on
 * `date_modified_gmt`), so each sweep walks the whole collection, resumed across polls at the page it reached. A
 * customer changed after its page was read is not missed: once the sweep ends, the cursor moves only to the earlier of
 * when the sweep began and the newest modification it read, so the next sweep reads that change.
 */
async function backfillCustomers(poll: Poll): Promise<CollectionReport> {
  const { services, connection, client, signal } = poll;
  const goLive = new Date(connection.settings.goLiveAt);
  const cursor = await readBackfillCursor(services.db, connection.id, 'customers');
  const resumed = cursor?.sweepStartedAt && cursor.nextPage > 1 ? cursor : undefined;
  const sweepStartedAt = resumed?.sweepStartedAt ?? (await databaseNow(services));
  let newest = resumed?.sweepNewestModified ?? undefined;
  const modifiedAfter = startOf(cursor, goLive);
  const upTo = cursor?.modifiedAfter ?? goLive;
  const report = emptyReport();
  let page = resumed?.nextPage ?? 1;
  while (report.requests < BACKFILL_MAX_PAGES) {
    signal.throwIfAborted();
    const listed = await client.listCustomers({ modifiedAfterGmt: modifiedAfter, page, perPage: PER_PAGE, signal });
    report.requests++;
    const pageNewest = await storeMissing(poll, 'customer', listed, report);
    if (pageNewest && (!newest || pageNewest > newest)) newest = pageNewest;
    if (page >= listed.totalPages) {
      report.caughtUp = true;
      break;
    }
    page++;
  }
  const reached = newest && newest < sweepStartedAt ? newest : newest ? sweepStartedAt : upTo;
  await saveBackfillCursor(
    services.db,
    connection.id,
    'customers',
    report.caughtUp
      ? { modifiedAfter: reached, nextPage: 1, sweepStartedAt: null, sweepNewestModified: null }
      : { modifiedAfter: upTo, nextPage: page, sweepStartedAt, sweepNewestModified: newest ?? null },
  );
  report.cursor = (report.caughtUp && reached > upTo ? reached : upTo).toISOString();
  return report;
}

/**
 * Stores, with its job, every listed version newer than what the connector has for that record. Returns the newest
 * `date_modified_gmt` on the page.
 */
async function storeMissing(
  poll: Poll,
  resource: Resource,
  listed: WooPage,
  report: CollectionReport,
): Promise<Date | undefined> {
  const { services, connection } = poll;
  const goLive = connection.settings.goLiveAt;
  const versions: { id: string; modified: string; item: unknown }[] = [];
  let newest: string | undefined;
  for (const item of listed.items) {
    report.listed++;
    const version = versionOf(item);
    if (!version) {
      report.unreadable++;
      continue;
    }
    if (!newest || version.modified > newest) newest = version.modified;
    if (resource === 'order' && version.created !== undefined && Date.parse(version.created) < Date.parse(goLive)) {
      report.beforeGoLive++;
      continue;
    }
    versions.push({ id: version.id, modified: version.modified, item });
  }

  const seen = await latestSeenModified(
    services.db,
    connection.id,
    resource,
    versions.map((v) => v.id),
  );
  const topic = `${resource}.updated`;
  for (const { id, modified, item } of versions) {
    const known = seen.get(id);
    if (known && known >= modified) continue;
    const work = routeDelivery(connection.id, topic, item);
    if (work && 'code' in work) {
      report.unreadable++;
      continue;
    }
    const version = `${resource}:${id}@${modified}`;
    const stored = await storeDelivery(
      services.db,
      services.audit,
      {
        connectionId: connection.id,
        platform: 'woocommerce',
        topic,
        webhookId: 'backfill',
        deliveryId: version,
        eventId: uuidv5(`${connection.id}:${version}`, BACKFILL_EVENT_NAMESPACE),
        source: 'backfill',
        body: JSON.stringify(item),
        headers: { 'x-mlc-source': 'backfill' },
        work,
      },
      services.jobMaxAttempts,
    );
    if (stored.status === 'accepted') report.enqueued++;
    seen.set(id, modified);
  }
  return newest ? new Date(newest) : undefined;
}

function versionOf(item: unknown): { id: string; modified: string; created: string | undefined } | undefined {
  if (item === null || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const id = record.id;
  if (!(typeof id === 'number' && Number.isSafeInteger(id) && id > 0)) return undefined;
  const modified = typeof record.date_modified_gmt === 'string' ? wooGmtToIso(record.date_modified_gmt) : undefined;
  if (!modified) return undefined;
  const created = typeof record.date_created_gmt === 'string' ? wooGmtToIso(record.date_created_gmt) : undefined;
  return { id: String(id), modified, created };
}

/** The overlap before the cursor, never before the connection went live. */
function startOf(cursor: BackfillCursor | undefined, goLive: Date): Date {
  if (!cursor) return goLive;
  const start = new Date(cursor.modifiedAfter.getTime() - BACKFILL_OVERLAP_MS);
  return start > goLive ? start : goLive;
}

const isLastPage = (listed: WooPage, page: number) => listed.items.length === 0 || page >= listed.totalPages;

/** Sweeps are timed by the database's clock, which every process shares. */
async function databaseNow(services: ScheduleServices): Promise<Date> {
  const [row] = rowsOf<{ now: string | Date }>(await services.db.execute(sql`select now() as now`));
  return new Date(row?.now ?? Date.now());
}

const emptyReport = (): CollectionReport => ({
  listed: 0,
  enqueued: 0,
  beforeGoLive: 0,
  unreadable: 0,
  requests: 0,
  caughtUp: false,
  cursor: '',
});

const sum = <T>(items: readonly T[], of: (item: T) => number) => items.reduce((total, item) => total + of(item), 0);

function summarise(reports: readonly ConnectionReport[]): string {
  if (reports.length === 0) return 'No WooCommerce store is connected: nothing to poll.';
  const orders = sum(reports, (r) => r.orders?.enqueued ?? 0);
  const customers = sum(reports, (r) => r.customers?.enqueued ?? 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let text =
    `Polled ${plural(reports.length, 'WooCommerce store')}: ${plural(orders, 'order')} and ` +
    `${plural(customers, 'customer')} whose webhooks never came enqueued.`;
  const behind = reports.filter((r) => (r.orders && !r.orders.caughtUp) || (r.customers && !r.customers.caughtUp));
  if (behind.length > 0) text += ` ${plural(behind.length, 'store')} had more to read: the next poll goes on.`;
  for (const failed of reports.filter((r) => r.error)) {
    text += ` Store "${failed.name}" could not be polled: ${failed.error?.message}`;
  }
  return text;
}
