import { createHash, randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeWebhookSecrets } from '../../sidecar/src/connections/connection-secrets.ts';
import { auditEvents, connections, inboundEvents, jobs, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import { deliveryRetentionSchedule, purgeExpiredDeliveries } from '../../sidecar/src/personal-data/retention.ts';
import type { ScheduleServices } from '../../sidecar/src/schedules/schedule.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { deliverSigned } from '../support/woocommerce-deliveries.ts';
import { registeredOrder } from '../support/woocommerce-payloads.ts';

const DAY_MS = 86_400_000;

/** A customer record as customer.* deliveries carry it. */
const customer = (id: number, first: string, last: string, email: string) => ({
  id,
  date_created_gmt: '2026-11-20T10:00:00',
  date_modified_gmt: '2026-11-20T10:00:00',
  email,
  first_name: first,
  last_name: last,
  role: 'customer',
  username: first.toLowerCase(),
  billing: {
    first_name: first,
    last_name: last,
    company: '',
    address_1: '1 Analytical Way',
    address_2: '',
    city: 'London',
    postcode: 'W1',
    country: 'GB',
    state: '',
    email,
    phone: '+44 20 7946 0000',
  },
  shipping: { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', postcode: '' },
  meta_data: [{ id: 1, key: 'gift_message', value: `Love, ${first}` }],
});

/** A guest's order (no customer id), placed with `email` in another case than the one erasure is asked with. */
const guestOrder = (id: number, first: string, last: string, email: string) => {
  const order = registeredOrder();
  return {
    ...order,
    id,
    number: String(id),
    customer_id: 0,
    customer_ip_address: '198.51.100.7',
    customer_user_agent: 'Mozilla/5.0',
    billing: { ...order.billing, first_name: first, last_name: last, email, company: '' },
    shipping: { ...order.shipping, first_name: first, last_name: last },
  };
};

/**
 * The audit data of a NetSuite customer write for a person, `person`'s values in its personal fields: ids, country,
 * status and money are the same whoever it is.
 */
const customerWrite = (person: { first: string; last: string; email: string; name: string; street: string }) => ({
  request: {
    body: {
      firstName: person.first,
      lastName: person.last,
      email: person.email,
      addressBook: {
        items: [{ addressBookAddress: { addressee: person.name, addr1: person.street, country: 'US' } }],
      },
    },
  },
  response: { status: 204, body: { entity: { id: '412', refName: person.name }, total: 41.03 } },
});

describe.each(databaseKinds())('personal data [%s]', (kind) => {
  let harness: TestSidecar;
  let connectionId = '';
  const webhookSecret = randomBytes(24).toString('base64url');
  const db = () => harness.sidecar.database.db;

  async function deliver(topic: string, payload: unknown, deliveryId?: string) {
    const url = `${harness.sidecar.url}/webhooks/woocommerce/${connectionId}`;
    const body = JSON.stringify(payload);
    const answer = await deliverSigned(url, webhookSecret, {
      topic,
      body,
      webhookId: '7',
      ...(deliveryId ? { deliveryId } : {}),
    });
    return { ...answer, payload };
  }

  const bodyOf = async (eventId: string) => {
    const [event] = await db()
      .select({ body: inboundEvents.body })
      .from(inboundEvents)
      .where(eq(inboundEvents.id, eventId));
    return event?.body ?? null;
  };
  const receivedDaysAgo = (eventIds: string[], days: number) =>
    db()
      .update(inboundEvents)
      .set({ receivedAt: new Date(Date.now() - days * DAY_MS) })
      .where(inArray(inboundEvents.id, eventIds));
  const setJobState = (jobId: string | undefined, state: 'succeeded' | 'cancelled' | 'held' | 'dead') =>
    db()
      .update(jobs)
      .set({ state })
      .where(eq(jobs.id, jobId ?? ''));

  beforeAll(async () => {
    // No worker: jobs stay as the test sets them.
    harness = await startTestSidecar(kind, { env: { MLC_WORKER_CONCURRENCY: '0' } });
    const accountId = uuidv7();
    connectionId = uuidv7();
    await db().insert(netsuiteAccounts).values({ id: accountId, accountId: 'TSTDRV1112223', authType: 'm2m' });
    await db()
      .insert(connections)
      .values({
        id: connectionId,
        platform: 'woocommerce',
        name: 'Personal data shop',
        storeUrl: 'https://shop.example.com',
        netsuiteAccountId: accountId,
        settings: { masterLocationId: '1' },
      });
    await storeWebhookSecrets(harness.sidecar.vault, connectionId, { webhookSecret, byWebhookId: {} });
  });
  afterAll(() => harness.close());

  describe('retention', () => {
    it('clears old bodies of settled or job-less deliveries only, and still recognises their redelivery', async () => {
      const settled = await deliver('customer.created', customer(40, 'Old', 'Settled', 'old@example.test'));
      const cancelled = await deliver('customer.updated', customer(41, 'Old', 'Cancelled', 'oldc@example.test'));
      const jobless = await deliver('product.updated', { id: 500, name: 'Mug', sku: 'MUG-WHT' });
      const waiting = await deliver('order.created', guestOrder(900, 'Still', 'Queued', 'queued@example.test'));
      const held = await deliver('order.created', guestOrder(901, 'Still', 'Held', 'held@example.test'));
      const dead = await deliver('order.created', guestOrder(902, 'Still', 'Dead', 'dead@example.test'));
      const recent = await deliver('customer.updated', customer(42, 'New', 'Settled', 'new@example.test'));
      expect(jobless.jobId).toBeUndefined();
      await setJobState(settled.jobId, 'succeeded');
      await setJobState(cancelled.jobId, 'cancelled');
      await setJobState(held.jobId, 'held');
      await setJobState(dead.jobId, 'dead');
      await setJobState(recent.jobId, 'succeeded');
      const old = [settled, cancelled, jobless, waiting, held, dead].map((delivery) => delivery.eventId);
      await receivedDaysAgo(old, 31);
      await receivedDaysAgo([recent.eventId], 29);

      expect(await purgeExpiredDeliveries(db(), { now: new Date(), retentionDays: 30 })).toBe(3);
      for (const cleared of [settled, cancelled, jobless]) expect(await bodyOf(cleared.eventId)).toBeNull();
      for (const kept of [waiting, held, dead, recent]) expect(await bodyOf(kept.eventId)).not.toBeNull();
      expect(await purgeExpiredDeliveries(db(), { now: new Date(), retentionDays: 30 })).toBe(0);
      // Two days later the recent one is past 30 days too.
      expect(await purgeExpiredDeliveries(db(), { now: new Date(Date.now() + 2 * DAY_MS), retentionDays: 30 })).toBe(1);

      // The row, its hash and ids stay: WooCommerce redelivering the same bytes is a duplicate, not new work.
      const [row] = await db().select().from(inboundEvents).where(eq(inboundEvents.id, settled.eventId));
      expect(row?.bodySha256).toBe(createHash('sha256').update(JSON.stringify(settled.payload)).digest('hex'));
      const redelivered = await deliver('customer.created', settled.payload, settled.deliveryId);
      expect(redelivered).toMatchObject({ status: 'duplicate', eventId: settled.eventId });
      const [{ n } = { n: 0 }] = await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(jobs)
        .where(eq(jobs.entityKey, `woocommerce:${connectionId}:customer:40`));
      expect(n).toBe(1);
    });

    it('runs daily as the delivery-retention schedule, reporting what it cleared', async () => {
      const schedule = deliveryRetentionSchedule(30);
      expect({ name: schedule.name, cadence: schedule.cadence }).toEqual({ name: 'delivery-retention', cadence: '1d' });
      const result = await schedule.run({ db: db() } as ScheduleServices, new AbortController().signal);
      expect(result).toEqual({
        message: 'Cleared 0 delivery bodies received more than 30 days ago.',
        details: { purged: 0, retentionDays: 30 },
      });
    });
  });

  describe('POST /personal-data/erase', () => {
    const erase = (request: unknown) =>
      harness.call('/api/v1/personal-data/erase', { method: 'POST', body: JSON.stringify(request) });
    async function jobRow(jobId: string | undefined) {
      const [row] = await db()
        .select()
        .from(jobs)
        .where(eq(jobs.id, jobId ?? ''));
      return row;
    }

    it('erases a person by email from customer and order bodies, audit details and job errors; ids and money stay', async () => {
      const account = await deliver('customer.created', customer(7, 'Ada', 'Lovelace', 'ada@example.test'));
      const order = await deliver('order.created', guestOrder(727, 'Ada', 'Lovelace', 'Ada@Example.test'));
      const bob = await deliver('order.created', guestOrder(728, 'Bob', 'Babbage', 'bob@example.test'));
      const orderJob = await jobRow(order.jobId);
      await harness.sidecar.audit.record(db(), {
        type: 'outbound.call',
        message: 'POST customer',
        job: orderJob,
        externalId: 'WOO_GUEST_1',
        data: customerWrite({
          first: 'Ada',
          last: 'Lovelace',
          email: 'ada@example.test',
          name: 'Ada Lovelace',
          street: '969 Market',
        }),
      });
      await harness.sidecar.audit.record(db(), {
        type: 'job.note',
        message: 'Customer for Bob Babbage written.',
        data: { email: 'bob@example.test' },
      });
      await db()
        .update(jobs)
        .set({
          state: 'dead',
          lastError: {
            code: 'NETSUITE_USER_ERROR',
            message: 'Invalid email ada@example.test',
            detail: { total: '41.03' },
          },
        })
        .where(eq(jobs.id, order.jobId ?? ''));

      const erased = await erase({ email: 'ADA@example.test' });
      expect(erased.status).toBe(200);
      expect(erased.json()).toEqual({ deliveries: 2, auditEvents: 1, jobs: 1 });

      const customerBody = JSON.parse((await bodyOf(account.eventId)) ?? '{}');
      expect(customerBody).toMatchObject({
        id: 7,
        email: '[erased]',
        first_name: '[erased]',
        username: '[erased]',
        billing: { first_name: '[erased]', city: '[erased]', country: '[erased]', phone: '[erased]' },
        shipping: { first_name: '', address_1: '' },
        meta_data: [{ id: 1, key: 'gift_message', value: '[erased]' }],
      });
      const orderBody = JSON.parse((await bodyOf(order.eventId)) ?? '{}');
      expect(orderBody).toMatchObject({
        id: 727,
        total: '41.03',
        status: 'processing',
        customer_note: '[erased]',
        customer_ip_address: '[erased]',
        billing: { first_name: '[erased]', email: '[erased]', address_1: '[erased]', state: 'CA', country: 'US' },
        shipping: { last_name: '[erased]', city: '[erased]' },
      });
      expect(orderBody.line_items.map((line: { sku: string }) => line.sku)).toEqual(['TSHIRT-BLK-M', 'MUG-WHT']);
      expect(JSON.parse((await bodyOf(bob.eventId)) ?? '{}').billing).toMatchObject({
        first_name: 'Bob',
        email: 'bob@example.test',
      });

      const trail = await db().select().from(auditEvents).where(eq(auditEvents.externalId, 'WOO_GUEST_1'));
      const gone = '[erased]';
      expect(trail[0]?.data).toEqual(customerWrite({ first: gone, last: gone, email: gone, name: gone, street: gone }));
      const job = await jobRow(order.jobId);
      expect(job?.lastError).toEqual({
        code: 'NETSUITE_USER_ERROR',
        message: 'Invalid email [erased]',
        detail: { total: '41.03' },
      });
      const bobNote = await db().select().from(auditEvents).where(sql`${auditEvents.message} like '%Bob Babbage%'`);
      expect(bobNote).toHaveLength(1);

      // The erasure is on the trail, the email only as its hash.
      const [erasure] = await db().select().from(auditEvents).where(eq(auditEvents.type, 'personal_data.erased'));
      expect(erasure?.data).toMatchObject({
        requestedBy: 'admin API',
        emailSha256: createHash('sha256').update('ada@example.test').digest('hex'),
        deliveries: 2,
      });
      expect(JSON.stringify(erasure).toLowerCase()).not.toContain('ada@example.test');

      const again = await erase({ email: 'ada@example.test' });
      expect(again.json()).toEqual({ deliveries: 0, auditEvents: 0, jobs: 0 });
    });

    it('erases by customer id within a connection, including their orders by customer_id', async () => {
      const account = await deliver('customer.updated', customer(31, 'Charles', 'Darwin', 'charles@example.test'));
      const order = await deliver('order.created', {
        ...guestOrder(760, 'Charles', 'Darwin', 'beagle@example.test'),
        customer_id: 31,
      });
      const other = await deliver('order.created', {
        ...guestOrder(761, 'Emma', 'Darwin', 'emma@example.test'),
        customer_id: 310,
      });
      const erased = await erase({ connectionId, customerId: '31' });
      expect(erased.status).toBe(200);
      expect(erased.json()).toMatchObject({ deliveries: 2 });
      expect(JSON.parse((await bodyOf(account.eventId)) ?? '{}')).toMatchObject({ id: 31, email: '[erased]' });
      expect(JSON.parse((await bodyOf(order.eventId)) ?? '{}')).toMatchObject({
        customer_id: 31,
        billing: { email: '[erased]', last_name: '[erased]' },
      });
      expect(JSON.parse((await bodyOf(other.eventId)) ?? '{}').billing).toMatchObject({ first_name: 'Emma' });
    });

    it('refuses a request naming nobody, or a customer id without its connection', async () => {
      const nobody = await erase({});
      expect({ status: nobody.status, code: nobody.json().error.code }).toEqual({
        status: 400,
        code: 'ERASURE_INVALID',
      });
      const storeless = await erase({ customerId: '31' });
      expect({ status: storeless.status, code: storeless.json().error.code }).toEqual({
        status: 400,
        code: 'ERASURE_INVALID',
      });
      expect((await erase({ email: 'not an email' })).status).toBe(400);
      expect(
        (await harness.call('/api/v1/personal-data/erase', { method: 'POST', body: '{}', authorization: null })).status,
      ).toBe(401);
      const openapi = (await harness.call('/api/v1/openapi.json')).json();
      expect(openapi.paths['/personal-data/erase']?.post).toBeDefined();
    });
  });
});
