/**
 * The order's customer, as a step of the order flow: registered shoppers upserted on their storefront id with their
 * address book, guests found by email or created once.
 */
import { createHash } from 'node:crypto';
import { JobHeld } from '../jobs/job-errors.ts';
import { buildCustomer } from '../netsuite/builders/index.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import { built } from './flow-steps.ts';
import { heldOrderOf, type OrderFlow } from './order-flow.ts';
import { customerInputOf } from './order-to-netsuite-bodies.ts';

const guestExternalId = (prefix: string, email: string) =>
  `${prefix}GUEST_${createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32)}`;

async function findCustomerByEmail(client: NetSuiteClient, email: string, signal: AbortSignal) {
  const query = "SELECT id FROM customer WHERE LOWER(email) = ? AND isinactive = 'F' ORDER BY id";
  for await (const row of client.suiteql(query, [email.trim().toLowerCase()], { signal })) {
    if (row.id) return row.id;
  }
  return undefined;
}

/** Registered shoppers are upserted on their storefront id; guests are found by email, or created once. */
export async function writeCustomer(flow: OrderFlow, client: NetSuiteClient): Promise<string> {
  const { order, connection, context } = flow;
  const { ref } = order.customer;
  const prefix = connection.settings.externalIdPrefix;
  if (ref.kind === 'registered') {
    const externalId = `${prefix}CUST_${ref.id}`;
    const customer = built(buildCustomer(customerInputOf(order.customer, externalId, connection.settings)), 'customer');
    const { id } = await client.upsert(customer.type, externalId, customer.body, {
      ...customer.options,
      signal: context.signal,
    });
    await context.note({ message: `Customer ${externalId} written (NetSuite ${id}).`, externalId });
    return id;
  }
  const email = ref.email ?? order.customer.email;
  if (!email) {
    throw new JobHeld(
      'GUEST_WITHOUT_EMAIL',
      `Order ${order.number} is a guest order without an email: NetSuite has no way to find its customer. Add the billing email in WooCommerce.`,
      { order: heldOrderOf(order) },
    );
  }
  const existing = await findCustomerByEmail(client, email, context.signal);
  if (existing) {
    await context.note({ message: `Guest customer found by email (NetSuite ${existing}).` });
    return existing;
  }
  const externalId = guestExternalId(prefix, email);
  const customer = built(buildCustomer(customerInputOf(order.customer, externalId, connection.settings)), 'customer');
  const { id } = await client.create(customer.type, { ...customer.body, externalId }, { signal: context.signal });
  await context.note({ message: `Guest customer ${externalId} created (NetSuite ${id}).`, externalId });
  return id;
}
