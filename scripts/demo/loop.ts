/**
 * The whole loop, step by step, against a started `DemoWorld`: orders in through signed deliveries, the held one
 * released by mapping its SKU, a partial refund, a fulfilment written back with billing, and the order's GL lines.
 * Each step prints what landed where and fails (throws) when something did not.
 */
import { JOHN_DOE, recordedGuestOrder, registeredOrder, returningGuestOrder } from './orders.ts';
import { cents, event, money, step, waitFor } from './print.ts';
import { type DemoWorld, UNMAPPED_SKU } from './world.ts';

interface JobView {
  id: string;
  kind: string;
  state: string;
  lastError: { code: string; message: string } | null;
}

interface SimRecordView {
  id: string;
  type: string;
  externalId?: string | null;
  fields: Record<string, unknown>;
}

interface LedgerLine {
  transactionId: string;
  transactionType: string;
  externalId: string | null;
  account: { id: string; number: string | null };
  debit: string;
  credit: string;
}

const TRACKING_NUMBER = '1Z999AA10123456784';
const SETTLED = new Set(['succeeded', 'held', 'dead', 'cancelled']);

/** Jobs of an order (or of its fulfilments), oldest first. */
async function jobsOf(world: DemoWorld, resource: 'order' | 'fulfillment', orderId: number): Promise<JobView[]> {
  const key = encodeURIComponent(`woocommerce:${world.connectionId}:${resource}:${orderId}`);
  const page = await world.api<{ items: JobView[] }>(`/api/v1/jobs?entityKey=${key}&limit=200`);
  return page.items.reverse();
}

/** Waits until every job of the order has settled (a queued job behind a held one waits for the merchant). */
async function settled(world: DemoWorld, resource: 'order' | 'fulfillment', orderId: number): Promise<JobView[]> {
  return waitFor(`the ${resource} jobs of WooCommerce order #${orderId} to settle`, async () => {
    const jobs = await jobsOf(world, resource, orderId);
    const held = jobs.some((job) => job.state === 'held' || job.state === 'dead');
    const busy = jobs.some((job) => !SETTLED.has(job.state) && !(held && job.state === 'queued'));
    return jobs.length > 0 && !busy ? jobs : undefined;
  });
}

function records(world: DemoWorld, type: string): SimRecordView[] {
  return world.netsuite.store.all(type as never) as unknown as SimRecordView[];
}

const byExternalId = (world: DemoWorld, type: string, externalId: string) =>
  records(world, type).find((record) => record.externalId === externalId);

function mustFind(world: DemoWorld, type: string, externalId: string): SimRecordView {
  const found = byExternalId(world, type, externalId);
  if (!found) throw new Error(`NetSuite holds no ${type} with externalId ${externalId}`);
  return found;
}

const refId = (value: unknown) => (value as { id?: string } | undefined)?.id;
/** `1000 Checking`: an account's number and name. */
function accountName(world: DemoWorld, id: string): string {
  const account = records(world, 'account').find((record) => record.id === id);
  return account ? `${account.fields.acctNumber} ${account.fields.acctName}` : `account ${id}`;
}

const label = (record: SimRecordView) => String(record.fields.tranId ?? record.fields.entityId ?? `#${record.id}`);

/** Sends what WooCommerce has queued (its Action Scheduler's turn), one line per signed delivery. */
async function deliver(world: DemoWorld): Promise<void> {
  for (const entry of await world.control.flush()) {
    const line = `${String(entry.topic ?? entry.kind).padEnd(34)} → ${entry.status ?? 'no answer'}${entry.error ? ` ${entry.error}` : ''}`;
    event('woocommerce', 'signed delivery', line);
    if (entry.status !== 200) throw new Error(`The sidecar refused a ${entry.topic} delivery: ${entry.status}`);
  }
}

/** Customer, sales order (checked against WooCommerce's total) and deposit of a synced order. */
function printSynced(world: DemoWorld, order: { id: number; total: string }): void {
  const salesOrder = mustFind(world, 'salesOrder', `WOO_ORDER_${order.id}`);
  const customer = records(world, 'customer').find((record) => record.id === refId(salesOrder.fields.entity));
  if (customer) {
    const name = [customer.fields.firstName, customer.fields.lastName].filter(Boolean).join(' ');
    event('netsuite', 'customer', `${`#${customer.id}`.padEnd(10)} ${String(customer.externalId).padEnd(22)} ${name}`);
  }
  const total = money(salesOrder.fields.total);
  if (cents(total) !== cents(order.total)) {
    throw new Error(`Sales order WOO_ORDER_${order.id} totals ${total}, WooCommerce says ${order.total}`);
  }
  event(
    'netsuite',
    'sales order',
    `${label(salesOrder).padEnd(10)} ${`WOO_ORDER_${order.id}`.padEnd(22)} total ${total} = WooCommerce ${order.total}`,
  );
  const deposit = mustFind(world, 'customerDeposit', `WOO_DEP_${order.id}`);
  event(
    'netsuite',
    'customer deposit',
    `${label(deposit).padEnd(10)} ${`WOO_DEP_${order.id}`.padEnd(22)} ${money(deposit.fields.payment ?? deposit.fields.total)} into ${accountName(world, refId(deposit.fields.account) ?? '')}`,
  );
}

/** Steps 3 to 7; answers nothing, prints everything. */
export async function runLoop(world: DemoWorld): Promise<void> {
  step('3. Paid WooCommerce orders → NetSuite, through the store’s own signed webhook deliveries');
  const john = await world.control.createCustomer(JOHN_DOE);
  const placed = [
    await world.control.placeOrder(recordedGuestOrder()),
    await world.control.placeOrder(registeredOrder(john.id, world.taxRateId)),
    await world.control.placeOrder(returningGuestOrder(world.taxRateId)),
  ].map((order) => {
    const billing = order.billing as { first_name: string; last_name: string };
    const who = `${billing.first_name} ${billing.last_name}, ${String(order.payment_method_title)}`;
    return { id: order.id, total: String(order.total), status: String(order.status), who };
  });
  for (const order of placed) {
    event('woocommerce', 'order placed', `#${order.id}  ${order.who.padEnd(36)} ${order.status}  total ${order.total}`);
  }
  await deliver(world);
  const [held, shipped, returning] = placed as [
    (typeof placed)[number],
    (typeof placed)[number],
    (typeof placed)[number],
  ];
  for (const order of [shipped, returning]) {
    await settled(world, 'order', order.id);
    event('sidecar', 'order synced', `WooCommerce #${order.id}`);
    printSynced(world, order);
  }
  const heldJobs = await settled(world, 'order', held.id);
  const holding = heldJobs.find((job) => job.state === 'held');
  if (!holding) throw new Error(`Order #${held.id} was not held: ${heldJobs.map((job) => job.state).join(', ')}`);
  event('sidecar', 'order HELD', `WooCommerce #${held.id}  ${holding.lastError?.code}`);
  event('', '', `  “${holding.lastError?.message}”`);

  step(`4. The merchant maps ${UNMAPPED_SKU} (admin API); the held order is released by itself`);
  await world.api(`/api/v1/sku-mappings/${UNMAPPED_SKU}`, {
    method: 'PUT',
    body: JSON.stringify({ netsuiteItemId: world.ns.widget, connectionId: world.connectionId }),
  });
  event('sidecar', 'SKU mapped', `${UNMAPPED_SKU} → NetSuite item ${world.ns.widget} (PUT /api/v1/sku-mappings/…)`);
  const released = await waitFor(`order #${held.id} to be released and synced`, async () => {
    const jobs = await settled(world, 'order', held.id);
    return jobs.every((job) => job.state === 'succeeded') ? jobs : undefined;
  });
  event('sidecar', 'order released', `WooCommerce #${held.id}  ${released.length} job(s) succeeded`);
  printSynced(world, held);

  step('5. A partial refund in WooCommerce → NetSuite');
  const refund = await world.control.refund(held.id, { amount: '10.00', reason: 'heldout partial refund' });
  event('woocommerce', 'refund', `#${refund.id} on order #${held.id}  amount 10.00  “heldout partial refund”`);
  await deliver(world);
  await waitFor(`refund #${refund.id} to reach NetSuite`, async () => {
    await settled(world, 'order', held.id);
    return (byExternalId(world, 'customerRefund', `WOO_REFUND_${refund.id}`) ??
      byExternalId(world, 'creditMemo', `WOO_REFUND_${refund.id}`))
      ? true
      : undefined;
  });
  const creditMemo = byExternalId(world, 'creditMemo', `WOO_REFUND_${refund.id}`);
  if (creditMemo) {
    event(
      'netsuite',
      'credit memo',
      `${label(creditMemo).padEnd(10)} WOO_REFUND_${refund.id}  ${money(creditMemo.fields.total)}`,
    );
  }
  const customerRefund =
    byExternalId(world, 'customerRefund', `WOO_REFUND_${refund.id}`) ??
    byExternalId(world, 'customerRefund', `WOO_REFUND_${refund.id}_PAY`);
  if (customerRefund) {
    event(
      'netsuite',
      'customer refund',
      `${label(customerRefund).padEnd(10)} ${String(customerRefund.externalId).padEnd(22)} ${money(customerRefund.fields.total)} paid back out of WOO_DEP_${held.id} (not yet billed)`,
    );
  }
  const cut = mustFind(world, 'salesOrder', `WOO_ORDER_${held.id}`);
  event(
    'netsuite',
    'sales order now',
    `${label(cut).padEnd(10)} ${`WOO_ORDER_${held.id}`.padEnd(22)} total ${money(cut.fields.total)}`,
  );

  step(`6. NetSuite ships order #${shipped.id}; the netsuite-fulfillments schedule writes it back and bills it`);
  const salesOrder = mustFind(world, 'salesOrder', `WOO_ORDER_${shipped.id}`);
  const fulfilled = await world.netsuiteRest(`salesOrder/${salesOrder.id}/!transform/itemFulfillment`, {
    method: 'POST',
    json: {
      externalId: `DEMO_IF_${shipped.id}_1`,
      package: { items: [{ packageTrackingNumber: TRACKING_NUMBER, packageWeight: 1.2 }] },
    },
  });
  if (fulfilled.status !== 204)
    throw new Error(`NetSuite refused the fulfilment: ${fulfilled.status} ${await fulfilled.text()}`);
  const fulfilment = mustFind(world, 'itemFulfillment', `DEMO_IF_${shipped.id}_1`);
  event(
    'netsuite',
    'item fulfillment',
    `${label(fulfilment).padEnd(10)} ${`DEMO_IF_${shipped.id}_1`.padEnd(22)} shipped, tracking ${TRACKING_NUMBER}`,
  );
  const run = await world.api<{ lastOutcome: string }>('/api/v1/schedules/netsuite-fulfillments/run', {
    method: 'POST',
  });
  event('sidecar', 'schedule run', `netsuite-fulfillments → ${run.lastOutcome}`);
  if (run.lastOutcome !== 'succeeded') throw new Error(`The netsuite-fulfillments run ended ${run.lastOutcome}`);
  const writeback = await waitFor(`the fulfilment of order #${shipped.id} to be written back`, async () => {
    const jobs = await jobsOf(world, 'fulfillment', shipped.id);
    return jobs.length > 0 && jobs.every((job) => SETTLED.has(job.state)) ? jobs : undefined;
  });
  if (writeback.some((job) => job.state !== 'succeeded')) {
    throw new Error(`The write-back did not succeed: ${writeback.map((job) => `${job.state} ${job.lastError?.code}`)}`);
  }
  const storeOrder = world.woo.store.orders.get(shipped.id);
  const note = world.woo.store
    .notesOf(shipped.id)
    .find((entry) => entry.customerNote && entry.note.includes(TRACKING_NUMBER));
  if (storeOrder?.status !== 'completed' || !note) {
    throw new Error(`WooCommerce order #${shipped.id} is ${storeOrder?.status} with no tracking note`);
  }
  event('woocommerce', 'order completed', `#${shipped.id}  status ${storeOrder.status}`);
  event('woocommerce', 'customer note', `“${note.note.replace(/\s+/g, ' ')}”`);
  const invoice = await waitFor(`the invoice of order #${shipped.id}`, async () => {
    await settled(world, 'order', shipped.id);
    return byExternalId(world, 'invoice', `WOO_INV_${shipped.id}_1`);
  });
  event(
    'netsuite',
    'invoice',
    `${label(invoice).padEnd(10)} ${`WOO_INV_${shipped.id}_1`.padEnd(22)} total ${money(invoice.fields.total)}`,
  );
  const application = mustFind(world, 'depositApplication', `WOO_DEPAPP_${shipped.id}_${invoice.id}`);
  event(
    'netsuite',
    'deposit applied',
    `${label(application).padEnd(10)} ${String(application.externalId).padEnd(22)} WOO_DEP_${shipped.id} → invoice ${label(invoice)}`,
  );
  // Our own write-back comes back as order.updated; the sidecar recognises it and sends NetSuite nothing.
  await deliver(world);
  await settled(world, 'order', shipped.id);

  step(`7. NetSuite's general ledger for order #${shipped.id}`);
  const orderRecords = new Map(
    [byExternalId(world, 'customerDeposit', `WOO_DEP_${shipped.id}`), fulfilment, invoice, application].flatMap(
      (record) => (record ? [[record.id, record] as const] : []),
    ),
  );
  const response = await fetch(`${world.netsuiteUrl}/__sim/ledger`);
  const lines = ((await response.json()) as { items: LedgerLine[] }).items.filter((line) =>
    orderRecords.has(line.transactionId),
  );
  let debits = 0;
  let credits = 0;
  const net = new Map<string, number>();
  const amount = (value: string) => (cents(value) === 0 ? '' : money(value)).padStart(9);
  event(
    'ledger',
    'transaction',
    `${'externalId'.padEnd(22)} ${'account'.padEnd(26)} ${'debit'.padStart(9)} ${'credit'.padStart(9)}`,
  );
  for (const line of lines) {
    debits += cents(line.debit);
    credits += cents(line.credit);
    const account = accountName(world, line.account.id);
    net.set(account, (net.get(account) ?? 0) + cents(line.debit) - cents(line.credit));
    const record = orderRecords.get(line.transactionId);
    event(
      'ledger',
      line.transactionType,
      `${String(record?.externalId ?? line.transactionId).padEnd(22)} ${account.padEnd(26)} ${amount(line.debit)} ${amount(line.credit)}`,
    );
  }
  for (const [account, balance] of net) {
    const side = balance > 0 ? 'Dr' : balance < 0 ? 'Cr' : '  ';
    event('ledger', 'net by account', `${account.padEnd(26)} ${side} ${money(Math.abs(balance) / 100).padStart(9)}`);
  }
  const balanced = debits === credits;
  event(
    'ledger',
    balanced ? 'GL balanced' : 'GL NOT BALANCED',
    `${lines.length} lines  debits ${money(debits / 100)}  credits ${money(credits / 100)}`,
  );
  if (!balanced || lines.length === 0) throw new Error('The ledger of the shipped order does not balance');
}
