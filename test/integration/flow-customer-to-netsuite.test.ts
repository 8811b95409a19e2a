import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, inboundEvents } from '../../sidecar/src/db/schema.ts';
import { productionHandlers } from '../../sidecar/src/flows/handlers.ts';
import { create } from '../simulators/netsuite/records/test-helpers.ts';
import { requestLog, type ServedSimulator } from '../simulators/netsuite/test-support.ts';
import {
  connectStore,
  seedNetSuite,
  startNetSuiteAccount,
  type WooCommerceConnection,
} from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { settledJob } from '../support/settled-job.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';
import { deliverSigned } from '../support/woocommerce-deliveries.ts';
import { registeredOrder } from '../support/woocommerce-payloads.ts';

const ACCOUNT = 'TSTDRV5550002';
const integration = { clientId: 'mlc-customer-client', certificateId: 'mlc-customer-cert' };

/** The customer.created delivery recorded from WooCommerce 11.0.1: Grace Hopper, customer 2. */
const recorded = JSON.parse(
  readFileSync(new URL('../../../shared/fixtures/woocommerce/customer.created.json', import.meta.url), 'utf8'),
) as { body_raw: string };
const grace = () => JSON.parse(recorded.body_raw) as Record<string, unknown> & { billing: Record<string, string> };

/** Grace's customer record as a later customer.updated carries it: a new surname, phone and address. */
function graceUpdated(modified: string, lastName: string) {
  const body = grace();
  return {
    ...body,
    date_modified_gmt: modified,
    last_name: lastName,
    billing: {
      ...body.billing,
      last_name: lastName,
      address_1: '3 Nanosecond Ave',
      city: 'Arlington',
      state: 'VA',
      postcode: '22201',
      phone: '555-0199',
    },
  };
}

describe.each(databaseKinds())('flow: WooCommerce customer → NetSuite customer [%s]', (kind) => {
  let harness: TestSidecar;
  let served: ServedSimulator;
  let store: WooCommerceConnection;

  const deliver = (topic: string, payload: unknown) =>
    deliverSigned(store.webhookUrl, store.webhookSecret, { topic, body: JSON.stringify(payload), webhookId: '3' });
  const settled = (jobId: string | undefined) => settledJob(harness, jobId);

  const notes = (job: { timeline: { type: string; message: string }[] }) =>
    job.timeline.filter((event) => event.type === 'job.note').map((event) => event.message);
  const netsuiteCustomer = (externalId: string) =>
    served.sim.store.all('customer').find((record) => record.externalId === externalId);
  const storedBody = async (eventId: string) => {
    const [event] = await harness.sidecar.database.db
      .select({ body: inboundEvents.body })
      .from(inboundEvents)
      .where(eq(inboundEvents.id, eventId));
    return JSON.parse(event?.body ?? 'null');
  };

  beforeAll(async () => {
    const netsuite = await startNetSuiteAccount(ACCOUNT, integration);
    served = netsuite.served;
    const { locations } = await seedNetSuite(served, { locations: [{ name: 'Main' }] });

    harness = await startTestSidecar(kind, { handlers: productionHandlers });
    store = await connectStore(harness, netsuite.account, {
      name: 'Customer shop',
      storeUrl: 'https://shop.example.com',
      // Orders placed before June stay in WooCommerce: the order below is stored but writes nothing.
      settings: { masterLocationId: locations[0], goLiveAt: '2026-06-01T00:00:00Z' },
    });
    // Grace ordered before: NetSuite knows her as WOO_CUST_2.
    await create(served, 'customer', {
      externalId: 'WOO_CUST_2',
      isPerson: true,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@example.test',
    });
  });
  afterAll(async () => {
    await harness?.close();
    await served?.close();
  });

  it('updates a customer NetSuite already has with the new name, phone and address book', async () => {
    const delivered = await deliver('customer.updated', graceUpdated('2026-11-24T09:00:00', 'Murray Hopper'));
    const job = await settled(delivered.jobId);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    expect(notes(job)).toEqual([expect.stringContaining('Customer WOO_CUST_2 updated')]);

    const record = netsuiteCustomer('WOO_CUST_2');
    expect(record?.fields).toMatchObject({
      firstName: 'Grace',
      lastName: 'Murray Hopper',
      email: 'grace@example.test',
      phone: '555-0199',
    });
    expect(JSON.stringify(record?.fields)).toContain('3 Nanosecond Ave');
    expect(served.sim.store.all('customer')).toHaveLength(1);
  });

  it('skips an update older than the version already handled', async () => {
    const before = JSON.stringify(netsuiteCustomer('WOO_CUST_2')?.fields);
    const delivered = await deliver('customer.updated', graceUpdated('2026-11-24T08:00:00', 'Stale'));
    const job = await settled(delivered.jobId);
    expect(job.state).toBe('succeeded');
    expect(notes(job)).toEqual([expect.stringMatching(/older than the version already handled.*skipped/)]);
    expect(JSON.stringify(netsuiteCustomer('WOO_CUST_2')?.fields)).toBe(before);
  });

  it('writes nothing for a customer NetSuite does not have: they are created with their first order', async () => {
    const requestsBefore = (await requestLog(served.url)).length;
    const stranger = {
      ...grace(),
      id: 99,
      email: 'new@example.test',
      first_name: 'Newly',
      last_name: 'Registered',
    };
    const delivered = await deliver('customer.created', stranger);
    const job = await settled(delivered.jobId);
    expect(job.state).toBe('succeeded');
    expect(notes(job)).toEqual([expect.stringContaining('WOO_CUST_99 will be created with their first order')]);
    expect(netsuiteCustomer('WOO_CUST_99')).toBeUndefined();
    const writes = (await requestLog(served.url))
      .slice(requestsBefore)
      .filter((entry) => entry.method !== 'GET' && entry.path.includes('/record/v1/customer'));
    expect(writes).toEqual([]);
  });

  it('customer.deleted keeps the NetSuite customer and erases the person from stored bodies and audit details', async () => {
    const order = {
      ...registeredOrder(),
      id: 812,
      number: '812',
      customer_id: 2,
      customer_ip_address: '203.0.113.10',
      customer_user_agent: 'Mozilla/5.0 (X11; Linux x86_64)',
      billing: { ...grace().billing, phone: '555-0199', email: 'grace@example.test' },
      shipping: { ...grace().billing, email: undefined, company: '' },
    };
    const placed = await deliver('order.created', order);
    expect((await settled(placed.jobId)).state).toBe('succeeded');
    const other = await deliver('customer.updated', {
      ...grace(),
      id: 3,
      email: 'ada@example.test',
      first_name: 'Ada',
      last_name: 'Lovelace',
      billing: { ...grace().billing, first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.test' },
    });
    await settled(other.jobId);
    const [customerEvent] = await harness.sidecar.database.db
      .select({ id: inboundEvents.id })
      .from(inboundEvents)
      .where(sql`${inboundEvents.topic} = 'customer.updated' and ${inboundEvents.body} like '%Murray Hopper%'`);
    const { db } = harness.sidecar.database;
    const mentions = async (text: string) =>
      (
        await db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(sql`${auditEvents.data}::text ilike ${`%${text}%`} or ${auditEvents.message} ilike ${`%${text}%`}`)
      ).length;
    expect(await mentions('grace@example.test')).toBeGreaterThan(0);

    const deleted = await deliver('customer.deleted', { id: 2 });
    const job = await settled(deleted.jobId);
    expect({ state: job.state, lastError: job.lastError }).toEqual({ state: 'succeeded', lastError: null });
    expect(notes(job)).toEqual([expect.stringContaining('NetSuite keeps its customer record')]);
    expect(netsuiteCustomer('WOO_CUST_2')).toBeDefined();

    const customer = await storedBody(customerEvent?.id ?? '');
    expect(customer).toMatchObject({
      id: 2,
      email: '[erased]',
      first_name: '[erased]',
      last_name: '[erased]',
      username: '[erased]',
      date_modified_gmt: '2026-11-24T09:00:00',
      role: 'customer',
      billing: {
        first_name: '[erased]',
        address_1: '[erased]',
        phone: '[erased]',
        email: '[erased]',
        country: '[erased]',
      },
    });
    const erasedOrder = await storedBody(placed.eventId);
    expect(erasedOrder).toMatchObject({
      id: 812,
      customer_id: 2,
      total: '41.03',
      status: 'processing',
      customer_note: '[erased]',
      customer_ip_address: '[erased]',
      customer_user_agent: '[erased]',
      billing: {
        first_name: '[erased]',
        last_name: '[erased]',
        address_1: '[erased]',
        city: '[erased]',
        email: '[erased]',
        phone: '[erased]',
        state: 'NY',
        country: 'US',
      },
      shipping: { first_name: '[erased]', address_1: '[erased]' },
    });
    expect(erasedOrder.line_items.map((line: { sku: string; total: string }) => [line.sku, line.total])).toEqual([
      ['TSHIRT-BLK-M', '21.60'],
      ['MUG-WHT', '7.20'],
    ]);
    expect(await mentions('grace@example.test')).toBe(0);
    expect(await mentions('Hopper')).toBe(0);
    expect(await mentions('Nanosecond')).toBe(0);
    // Ada is someone else.
    expect(await storedBody(other.eventId)).toMatchObject({ email: 'ada@example.test', first_name: 'Ada' });

    const [erasure] = await db.select().from(auditEvents).where(eq(auditEvents.type, 'personal_data.erased'));
    expect(erasure?.data).toMatchObject({
      requestedBy: 'customer.deleted',
      connectionId: store.connectionId,
      customerId: '2',
    });
    expect(erasure?.jobId).toBe(deleted.jobId);

    // Replaying the order's job now would send "[erased]" to NetSuite: it stops with a reason instead.
    const customerBefore = JSON.stringify(netsuiteCustomer('WOO_CUST_2')?.fields);
    expect((await harness.call(`/api/v1/jobs/${placed.jobId}/replay`, { method: 'POST' })).status).toBe(200);
    const replayed = await settled(placed.jobId);
    expect({ state: replayed.state, code: replayed.lastError?.code }).toEqual({
      state: 'dead',
      code: 'PERSONAL_DATA_ERASED',
    });
    expect(JSON.stringify(netsuiteCustomer('WOO_CUST_2')?.fields)).toBe(customerBefore);
  });
});
