/**
 * A WooCommerce customer delivery → the NetSuite customer, when NetSuite already has it. A customer is created in
 * NetSuite with their first order (the order flow's first step), so registrations that never order do not clutter
 * NetSuite; customer.created / customer.updated only keep an existing one's name, email, phone and address book
 * current. customer.deleted leaves NetSuite alone (the customer carries the accounting history) and erases the
 * person's data from what the sidecar stores.
 */
import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Customer } from '../canonical/customer.ts';
import { compareTimestamps, type UtcTimestamp } from '../canonical/time.ts';
import { netsuiteConnectionOf } from '../connections/netsuite-accounts.ts';
import type { Queryable } from '../db/client.ts';
import { inboundEvents, jobs } from '../db/schema.ts';
import type { JobContext, JobHandler } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { PermanentJobError } from '../jobs/job-errors.ts';
import { recordOf } from '../json-record.ts';
import { buildCustomer } from '../netsuite/builders/index.ts';
import { netSuiteJobError } from '../netsuite/job-error.ts';
import { erasePersonalData } from '../personal-data/erase.ts';
import { isStaleUpdate } from '../platforms/woocommerce/stale.ts';
import { toCanonicalCustomer } from '../platforms/woocommerce/to-canonical-customer.ts';
import { WooGmtDate } from '../platforms/woocommerce/wire.ts';
import type { JobServices } from '../sidecar.ts';
import { built, loadDelivery, parseDeliveryBody, requireConnection } from './flow-steps.ts';
import { customerInputOf } from './order-to-netsuite-bodies.ts';

const CONTENT_TOPICS = new Set(['customer.created', 'customer.updated']);

/** Earlier deliveries read for the stale check: the newest ones, which carry the newest modification times. */
const STALE_LOOKBACK = 20;

function canonicalCustomerOf(body: string): Customer {
  const result = toCanonicalCustomer(parseDeliveryBody(body));
  if (!result.ok) throw new PermanentJobError(result.error.code, result.error.message, { path: result.error.path });
  return result.value;
}

/**
 * The newest `date_modified_gmt` among this customer's other deliveries whose jobs succeeded: the version of the
 * customer the connector last acted on. No customer link is stored, and NetSuite's own `lastModifiedDate` is
 * NetSuite's clock, not WooCommerce's; the deliveries already handled are the record of what was applied. A body
 * cleared by retention is no longer compared (after 30 days an older version arriving is not a concern).
 */
async function lastHandledModifiedGmt(db: Queryable, job: Job): Promise<UtcTimestamp | undefined> {
  const rows = await db
    .select({ body: inboundEvents.body })
    .from(jobs)
    .innerJoin(inboundEvents, sql`${jobs.idempotencyKey} = 'inbound:' || ${inboundEvents.id}::text`)
    .where(
      and(
        eq(jobs.entityKey, job.entityKey),
        eq(jobs.state, 'succeeded'),
        ne(jobs.id, job.id),
        sql`${inboundEvents.body} is not null`,
      ),
    )
    .orderBy(desc(jobs.seq))
    .limit(STALE_LOOKBACK);
  let newest: UtcTimestamp | undefined;
  for (const { body } of rows) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body ?? '');
    } catch {
      continue;
    }
    const modified = WooGmtDate.safeParse(recordOf(parsed).date_modified_gmt);
    if (modified.success && (newest === undefined || compareTimestamps(modified.data, newest) > 0)) {
      newest = modified.data;
    }
  }
  return newest;
}

/** customer.deleted: NetSuite keeps the customer; the person's data in our store is erased. */
async function eraseDeletedCustomer(services: JobServices, connectionId: string, body: string, context: JobContext) {
  const { id } = recordOf(parseDeliveryBody(body));
  const customerId = typeof id === 'number' || typeof id === 'string' ? String(id) : '';
  if (!/^[1-9]\d*$/.test(customerId)) {
    throw new PermanentJobError('PAYLOAD_INVALID', 'The customer.deleted delivery names no customer id.');
  }
  const counts = await erasePersonalData(services.db, services.audit, {
    connectionId,
    customerId,
    requestedBy: 'customer.deleted',
  });
  await context.note({
    message:
      `Customer ${customerId} was deleted in WooCommerce. NetSuite keeps its customer record (it holds the ` +
      `accounting history); their personal data stored here was erased (${counts.deliveries} deliveries, ` +
      `${counts.auditEvents} audit events, ${counts.jobs} jobs).`,
    data: counts,
  });
}

async function runCustomerFlow(services: JobServices, job: Job, context: JobContext): Promise<void> {
  const { db, vault } = services;
  const delivery = await loadDelivery(db, job);
  const connection = await requireConnection(db, delivery.connectionId);
  if (delivery.topic === 'customer.deleted') {
    await eraseDeletedCustomer(services, connection.id, delivery.body, context);
    return;
  }
  if (!CONTENT_TOPICS.has(delivery.topic)) {
    await context.note({ message: `${delivery.topic} deliveries change nothing in NetSuite.` });
    return;
  }
  const customer = canonicalCustomerOf(delivery.body);
  const customerId = customer.ref.kind === 'registered' ? customer.ref.id : '';
  const label = `Customer ${customerId}`;
  const handled = await lastHandledModifiedGmt(db, job);
  if (customer.modifiedAtGmt && isStaleUpdate(customer.modifiedAtGmt, handled)) {
    await context.note({
      message: `${label} as modified at ${customer.modifiedAtGmt} is older than the version already handled (${handled}): skipped.`,
    });
    return;
  }

  const externalId = `${connection.settings.externalIdPrefix}CUST_${customerId}`;
  const client = await services.netsuite.connect(await netsuiteConnectionOf(db, vault, connection.netsuiteAccountId));
  const existing = await client.getByExternalId('customer', externalId, { fields: ['id'], signal: context.signal });
  if (!existing) {
    await context.note({
      message: `${label} is not in NetSuite yet: ${externalId} will be created with their first order (registrations without orders stay out of NetSuite).`,
      externalId,
    });
    return;
  }
  const body = built(buildCustomer(customerInputOf(customer, externalId, connection.settings)), 'customer');
  const { id } = await client.upsert(body.type, externalId, body.body, { ...body.options, signal: context.signal });
  await context.note({ message: `Customer ${externalId} updated (NetSuite ${id}).`, externalId });
}

export function customerToNetSuiteHandler(services: JobServices): JobHandler {
  return async (job, context) => {
    try {
      await runCustomerFlow(services, job, context);
    } catch (error) {
      throw netSuiteJobError(error);
    }
  };
}
