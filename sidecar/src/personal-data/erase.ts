/**
 * Erasure of one person's data from what the sidecar stores: the delivery bodies that concern them (their customer
 * deliveries, their orders), and what the sidecar wrote down about those records (audit details, job payloads and
 * errors). NetSuite keeps its records: they are the accounting history.
 *
 * Rows are picked in bounded batches by a plain SQL filter (a LIKE on the email, a regular expression on
 * `customer_id`, the records' entity keys), which PGlite and PostgreSQL run alike; the rewrite itself is done here in
 * TypeScript, on parsed JSON, and only rows it changes are written back. Running it twice changes nothing the second
 * time.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AuditLog } from '../audit/audit-log.ts';
import { containsPattern } from '../audit/search.ts';
import { getConnection } from '../connections/connections.ts';
import type { Db } from '../db/client.ts';
import { auditEvents, inboundEvents, jobs } from '../db/schema.ts';
import { recordOf } from '../json-record.ts';
import { ERASED, eraseDeliveryBody, eraseRecorded, eraseText, type Subject } from './erase-values.ts';

export interface ErasureRequest {
  /** Every delivery, order and trail naming this email (case-insensitive). */
  email?: string | undefined;
  /** Limits the erasure to one store; required with `customerId` (a customer id means something only in its store). */
  connectionId?: string | undefined;
  /** The storefront's customer id: their customer deliveries and the orders they placed. */
  customerId?: string | undefined;
  /** Who asked, for the audit trail (`admin API`, `customer.deleted`). */
  requestedBy: string;
}

/** How many stored rows erasure changed. */
export interface ErasureCounts {
  deliveries: number;
  auditEvents: number;
  jobs: number;
}

export class ErasureRequestError extends Error {
  readonly code = 'ERASURE_INVALID';
}

/** Rows read per query. */
const BATCH = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

const idText = (value: unknown): string | undefined =>
  (typeof value === 'number' && Number.isInteger(value) && value > 0) ||
  (typeof value === 'string' && /^[1-9]\d*$/.test(value))
    ? String(value)
    : undefined;

const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** What erasure has learnt about the person so far: it grows as their records are read. */
class Person {
  /** connection id → storefront customer ids. */
  readonly customers = new Map<string, Set<string>>();
  readonly emails = new Set<string>();
  readonly names = new Set<string>();
  /** Entity keys of their customer and orders: every job and audit event under them concerns the person. */
  readonly entityKeys = new Set<string>();

  addCustomer(platform: string, connectionId: string, customerId: string): void {
    const ids = this.customers.get(connectionId) ?? new Set<string>();
    ids.add(customerId);
    this.customers.set(connectionId, ids);
    this.entityKeys.add(`${platform}:${connectionId}:customer:${customerId}`);
  }

  hasCustomer(connectionId: string, customerId: string | undefined): boolean {
    return customerId !== undefined && (this.customers.get(connectionId)?.has(customerId) ?? false);
  }

  addEmail(value: unknown): void {
    if (typeof value === 'string' && value.includes('@') && value !== ERASED) this.emails.add(normaliseEmail(value));
  }

  hasEmail(value: unknown): boolean {
    return typeof value === 'string' && this.emails.has(normaliseEmail(value));
  }

  /** First and last names of a record or address, alone and together. */
  addNames(record: Record<string, unknown>): void {
    const part = (value: unknown) => (typeof value === 'string' && value !== ERASED ? value.trim() : '');
    const first = part(record.first_name);
    const last = part(record.last_name);
    for (const name of [first, last, `${first} ${last}`.trim()]) if (name) this.names.add(name);
  }

  get subject(): Subject {
    return { emails: this.emails, names: this.names };
  }
}

/** The email as LIKE patterns in each spelling a stored JSON text may hold it in (PHP escapes `/` and non-ASCII). */
function emailPatterns(emails: Iterable<string>): string[] {
  const forms = new Set<string>();
  for (const email of emails) {
    const json = JSON.stringify(email).slice(1, -1);
    const php = json
      .replace(/\//g, '\\/')
      .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    for (const form of [email, json, php]) forms.add(containsPattern(form));
  }
  return [...forms];
}

const anyOf = (conditions: SQL[]): SQL | undefined => (conditions.length > 0 ? or(...conditions) : undefined);

async function forEachBatch<T extends { id: string }>(
  select: (after: string) => Promise<T[]>,
  visit: (row: T) => Promise<void>,
): Promise<void> {
  for (let after = FIRST_ID; ; ) {
    const rows = await select(after);
    for (const row of rows) await visit(row);
    const last = rows.at(-1);
    if (rows.length < BATCH || !last) return;
    after = last.id;
  }
}

type DeliveryRow = { id: string; connectionId: string; platform: string; topic: string; body: string | null };

function selectDeliveries(db: Db, topicPrefix: string, scope: string | undefined, match: SQL) {
  return (after: string): Promise<DeliveryRow[]> =>
    db
      .select({
        id: inboundEvents.id,
        connectionId: inboundEvents.connectionId,
        platform: inboundEvents.platform,
        topic: inboundEvents.topic,
        body: inboundEvents.body,
      })
      .from(inboundEvents)
      .where(
        and(
          gt(inboundEvents.id, after),
          sql`${inboundEvents.body} is not null`,
          sql`${inboundEvents.topic} like ${`${topicPrefix}%`}`,
          scope ? eq(inboundEvents.connectionId, scope) : undefined,
          match,
        ),
      )
      .orderBy(asc(inboundEvents.id))
      .limit(BATCH);
}

const parsedBody = (row: DeliveryRow): Record<string, unknown> => {
  try {
    return recordOf(JSON.parse(row.body ?? ''));
  } catch {
    return {};
  }
};

/** Customer deliveries of the person's customer ids (through their jobs' entity keys) or with their email. */
function customerMatch(person: Person): SQL | undefined {
  const keys = [...person.entityKeys].filter((key) => key.includes(':customer:'));
  return anyOf([
    ...(keys.length > 0
      ? [
          sql`'inbound:' || ${inboundEvents.id}::text in (
            select ${jobs.idempotencyKey} from ${jobs} where ${inArray(jobs.entityKey, keys)})`,
        ]
      : []),
    ...emailPatterns(person.emails).map((pattern) => sql`${inboundEvents.body} ilike ${pattern}`),
  ]);
}

const isPersonsCustomerBody = (person: Person, row: DeliveryRow, body: Record<string, unknown>) =>
  person.hasCustomer(row.connectionId, idText(body.id)) ||
  person.hasEmail(body.email) ||
  person.hasEmail(recordOf(body.billing).email);

function learnFromCustomerBody(person: Person, row: DeliveryRow, body: Record<string, unknown>): void {
  const id = idText(body.id);
  if (id) person.addCustomer(row.platform, row.connectionId, id);
  person.addEmail(body.email);
  person.addEmail(recordOf(body.billing).email);
  person.addNames(body);
  person.addNames(recordOf(body.billing));
  person.addNames(recordOf(body.shipping));
}

/** Orders whose `customer_id` is one of the person's (a regular expression on the raw text), or with their email. */
function orderMatch(person: Person): SQL | undefined {
  const byCustomer = [...person.customers].map(([connectionId, ids]) => {
    const pattern = `"customer_id"\\s*:\\s*"?(${[...ids].join('|')})([^0-9]|$)`;
    return sql`(${inboundEvents.connectionId} = ${connectionId} and ${inboundEvents.body} ~ ${pattern})`;
  });
  return anyOf([
    ...byCustomer,
    ...emailPatterns(person.emails).map((pattern) => sql`${inboundEvents.body} ilike ${pattern}`),
  ]);
}

async function eraseDeliveries(
  db: Db,
  person: Person,
  topicPrefix: 'customer.' | 'order.',
  scope: string | undefined,
  learn: (row: DeliveryRow, body: Record<string, unknown>) => boolean,
): Promise<number> {
  const match = topicPrefix === 'customer.' ? customerMatch(person) : orderMatch(person);
  if (!match) return 0;
  let changed = 0;
  await forEachBatch(selectDeliveries(db, topicPrefix, scope, match), async (row) => {
    if (row.body === null || !learn(row, parsedBody(row))) return;
    const erased = eraseDeliveryBody(row.topic, row.body, person.subject);
    if (erased === undefined) return;
    await db.update(inboundEvents).set({ body: erased }).where(eq(inboundEvents.id, row.id));
    changed += 1;
  });
  return changed;
}

/** Reads the person's customer deliveries first, so their names are known before anything is rewritten. */
async function learnCustomers(db: Db, person: Person, scope: string | undefined): Promise<void> {
  const match = customerMatch(person);
  if (!match) return;
  await forEachBatch(selectDeliveries(db, 'customer.', scope, match), async (row) => {
    const body = parsedBody(row);
    if (isPersonsCustomerBody(person, row, body)) learnFromCustomerBody(person, row, body);
  });
}

async function eraseAuditEvents(db: Db, person: Person, externalIds: string[]): Promise<number> {
  const patterns = emailPatterns(person.emails);
  const match = anyOf([
    ...(person.entityKeys.size > 0 ? [inArray(auditEvents.entityKey, [...person.entityKeys])] : []),
    ...(externalIds.length > 0 ? [inArray(auditEvents.externalId, externalIds)] : []),
    ...patterns.map(
      (pattern) => sql`(${auditEvents.data}::text ilike ${pattern} or ${auditEvents.message} ilike ${pattern})`,
    ),
  ]);
  if (!match) return 0;
  let changed = 0;
  const select = (after: string) =>
    db
      .select({ id: auditEvents.id, message: auditEvents.message, data: auditEvents.data })
      .from(auditEvents)
      .where(and(gt(auditEvents.id, after), match))
      .orderBy(asc(auditEvents.id))
      .limit(BATCH);
  await forEachBatch(select, async (event) => {
    const data = eraseRecorded(event.data, person.subject);
    const message = eraseText(event.message, person.subject);
    if (data === undefined && message === undefined) return;
    await db
      .update(auditEvents)
      .set({ ...(data !== undefined ? { data } : {}), ...(message !== undefined ? { message } : {}) })
      .where(eq(auditEvents.id, event.id));
    changed += 1;
  });
  return changed;
}

async function eraseJobs(db: Db, person: Person): Promise<number> {
  const patterns = emailPatterns(person.emails);
  const match = anyOf([
    ...(person.entityKeys.size > 0 ? [inArray(jobs.entityKey, [...person.entityKeys])] : []),
    ...patterns.map(
      (pattern) => sql`(${jobs.payload}::text ilike ${pattern} or ${jobs.lastError}::text ilike ${pattern})`,
    ),
  ]);
  if (!match) return 0;
  let changed = 0;
  const select = (after: string) =>
    db
      .select({ id: jobs.id, payload: jobs.payload, lastError: jobs.lastError })
      .from(jobs)
      .where(and(gt(jobs.id, after), match))
      .orderBy(asc(jobs.id))
      .limit(BATCH);
  await forEachBatch(select, async (job) => {
    const payload = eraseRecorded(job.payload, person.subject);
    const lastError = eraseRecorded(job.lastError, person.subject);
    if (payload === undefined && lastError === undefined) return;
    await db
      .update(jobs)
      .set({ ...(payload !== undefined ? { payload } : {}), ...(lastError !== undefined ? { lastError } : {}) })
      .where(eq(jobs.id, job.id));
    changed += 1;
  });
  return changed;
}

/** The NetSuite externalIds of the person's customer records (`WOO_CUST_25`), which audit events are filed under. */
async function customerExternalIds(db: Db, person: Person): Promise<string[]> {
  const externalIds: string[] = [];
  for (const [connectionId, ids] of person.customers) {
    const connection = await getConnection(db, connectionId);
    if (!connection) continue;
    for (const id of ids) externalIds.push(`${connection.settings.externalIdPrefix}CUST_${id}`);
  }
  return externalIds;
}

/** The email as the audit trail may show it: a hash, never the address. */
export const emailDigest = (email: string): string => createHash('sha256').update(normaliseEmail(email)).digest('hex');

/**
 * Erases one person's data from what the sidecar stores (see the module comment) and records that it did, with the
 * email only as a SHA-256 hash. Throws ErasureRequestError when the request names nobody.
 */
export async function erasePersonalData(db: Db, audit: AuditLog, request: ErasureRequest): Promise<ErasureCounts> {
  const email = request.email?.trim();
  const customerId = request.customerId?.trim();
  if (!(email || customerId)) throw new ErasureRequestError('Name the person: an email, a customer id, or both.');
  if (customerId && !request.connectionId) {
    throw new ErasureRequestError('A customer id needs its connectionId: customer ids are per store.');
  }
  if (customerId && !idText(customerId)) {
    throw new ErasureRequestError(`"${customerId}" is not a storefront customer id (a positive whole number).`);
  }
  const scope = request.connectionId;
  const person = new Person();
  if (email) person.emails.add(normaliseEmail(email));
  if (customerId && scope) {
    const connection = await getConnection(db, scope);
    person.addCustomer(connection?.platform ?? 'woocommerce', scope, customerId);
  }

  await learnCustomers(db, person, scope);
  const customers = await eraseDeliveries(db, person, 'customer.', scope, (row, body) => {
    if (!isPersonsCustomerBody(person, row, body)) return false;
    learnFromCustomerBody(person, row, body);
    return true;
  });
  const orders = await eraseDeliveries(db, person, 'order.', scope, (row, body) => {
    const billing = recordOf(body.billing);
    if (!(person.hasCustomer(row.connectionId, idText(body.customer_id)) || person.hasEmail(billing.email))) {
      return false;
    }
    const orderId = idText(body.id);
    if (orderId) person.entityKeys.add(`${row.platform}:${row.connectionId}:order:${orderId}`);
    person.addEmail(billing.email);
    person.addNames(billing);
    person.addNames(recordOf(body.shipping));
    return true;
  });
  const counts: ErasureCounts = {
    deliveries: customers + orders,
    auditEvents: await eraseAuditEvents(db, person, await customerExternalIds(db, person)),
    jobs: await eraseJobs(db, person),
  };
  await audit.record(db, {
    type: 'personal_data.erased',
    message:
      `Personal data erased (${request.requestedBy}): ${counts.deliveries} deliveries, ` +
      `${counts.auditEvents} audit events, ${counts.jobs} jobs rewritten.`,
    data: {
      requestedBy: request.requestedBy,
      ...(email ? { emailSha256: emailDigest(email) } : {}),
      ...(scope ? { connectionId: scope } : {}),
      ...(customerId ? { customerId } : {}),
      ...counts,
    },
  });
  return counts;
}
