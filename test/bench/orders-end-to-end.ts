import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../sidecar/src/db/client.ts';
import { capFromGovernance } from '../../sidecar/src/netsuite/concurrency/cap.ts';
import type { RequestLogEntry } from '../simulators/netsuite/governance.ts';
import type { RecordType } from '../simulators/netsuite/record-types.ts';
import { peakInFlight, requestLog, simControl } from '../simulators/netsuite/test-support.ts';
import { deliverSigned } from '../support/woocommerce-deliveries.ts';
import { registeredOrder } from '../support/woocommerce-payloads.ts';
import { type AdminApi, adminApi, countFromEnv } from './bench-admin.ts';
import { type BenchDatabase, onBenchDatabase } from './bench-database.ts';
import {
  BENCH_ACCOUNT,
  type BenchSimulator,
  CEILING_PER_SEC,
  governAtLimit,
  LATENCY_MS,
  LIMIT,
  startBenchSimulator,
} from './bench-simulator.ts';
import { percentile } from './percentile.ts';
import type { Benchmark, BenchmarkReport } from './run.ts';
import { startSidecarProcess } from './sidecar-process.ts';

const NAME = 'orders-end-to-end';
/** Enough to keep every slot busy for most of the run; `BENCH_ORDERS` overrides it (at most MAX_ORDERS). */
const DEFAULT_ORDERS = 150;
/** The simulator keeps its last 10 000 requests: enough for this many orders at well over a dozen requests each. */
const MAX_ORDERS = 500;
const SENDERS = 8;
/** Jobs the sidecar runs at once: well above the account's cap, so the cap and not the workers sets the pace. */
const WORKERS = 32;
const SETTLE_DEADLINE_MS = 150_000;
const POLL_MS = 100;
const WEBHOOK_SECRET = randomBytes(24).toString('base64url');
/** The simulator keeps no tax code list: any id is a valid reference. */
const TAX_CODE = '5';
const FIRST_ORDER_ID = 50_000;
/** A new paid order reaches the sidecar twice: WooCommerce has one webhook per topic, both fire on checkout. */
const WEBHOOKS = [
  { topic: 'order.created', webhookId: '1' },
  { topic: 'order.updated', webhookId: '2' },
] as const;
/** The cap the sidecar derives from the simulator's governanceLimits (accountLimit 15, shared pool). */
const SIDECAR_CAP =
  capFromGovernance({
    accountConcurrencyLimit: LIMIT,
    accountUnallocatedConcurrencyLimit: LIMIT,
    integrationLimitType: 'accountLimit',
  }) ?? LIMIT;

export const ordersEndToEnd: Benchmark = { name: NAME, run: runOrdersEndToEnd };

/**
 * New paid WooCommerce orders, each delivered as WooCommerce does (order.created, then order.updated in the same
 * second with the same body), through the sidecar in its own process with the production handlers, to a customer,
 * sales order and deposit in the simulator at NetSuite's default limit (15) and a 200 ms answer. Reported: orders
 * fully synced per second against the ceiling that limit and the requests per order allow, and the latency from an
 * order's first delivery to its sales order's creation in the simulator.
 */
async function runOrdersEndToEnd(): Promise<BenchmarkReport> {
  const orders = countFromEnv('BENCH_ORDERS', DEFAULT_ORDERS, 1, MAX_ORDERS);
  return onBenchDatabase({ name: NAME, poolSize: 2 }, (bench) => measure(bench, orders));
}

interface Run {
  orders: number;
  /** Order id → when its first delivery was sent (ms since the epoch). */
  firstDelivery: Map<number, number>;
  seconds: number;
  jobs: JobRow[];
  requests: RequestLogEntry[];
}

async function measure(bench: BenchDatabase, orders: number): Promise<BenchmarkReport> {
  const simulator = await startBenchSimulator();
  try {
    await governAtLimit(simulator.url, 0);
    const adminToken = randomBytes(32).toString('hex');
    const sidecar = await startSidecarProcess({
      DATABASE_URL: bench.url,
      MLC_MASTER_KEY: randomBytes(32).toString('base64'),
      MLC_ADMIN_TOKEN: adminToken,
      MLC_WORKER_CONCURRENCY: String(WORKERS),
      // Every worker, the permit claims beside them and the webhook route each want a connection.
      MLC_DB_POOL_SIZE: String(WORKERS + 16),
    });
    try {
      const admin = adminApi(sidecar.url, adminToken);
      const connectionId = await registerShop(admin, simulator);
      await governAtLimit(simulator.url, LATENCY_MS);
      await simControl(simulator.url, 'DELETE', '/__sim/requests');
      const started = Date.now();
      const firstDelivery = await deliverOrders(`${sidecar.url}/webhooks/woocommerce/${connectionId}`, orders);
      const jobs = await settledJobs(bench.database.db, orders * 2);
      const seconds = (Date.now() - started) / 1000;
      const requests = await requestLog(simulator.url);
      return report(bench, simulator, { orders, firstDelivery, seconds, jobs, requests });
    } finally {
      await sidecar.stop();
    }
  } finally {
    await simulator.close();
  }
}

/**
 * Seeds what registeredOrder() needs in NetSuite, registers the account and the store through the admin API, and maps
 * both SKUs (a look-up by item name would add a SuiteQL query to the first orders only). Returns the connection id.
 */
async function registerShop(admin: AdminApi, simulator: BenchSimulator): Promise<string> {
  const seeded = await simControl(simulator.url, 'POST', '/__sim/seed', {
    locations: [{ name: 'Main' }],
    accounts: [
      { number: '1000', name: 'Checking', type: 'Bank' },
      { number: '4010', name: 'Merchandise Sales', type: 'Income' },
    ],
    items: [
      { itemId: 'NS-SHIRT-BLACK-M', type: 'inventoryItem', incomeAccount: '4010', stock: { Main: 1_000_000 } },
      { itemId: 'NS-MUG-WHITE', type: 'inventoryItem', incomeAccount: '4010', stock: { Main: 1_000_000 } },
      { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4010' },
      { itemId: 'DISCOUNT', type: 'otherChargeItem', incomeAccount: '4010' },
      { itemId: 'GIFT-WRAP', type: 'otherChargeItem', incomeAccount: '4010' },
    ],
  });
  const { locations, accounts, items } = (await seeded.json()) as Record<string, { id: string }[]>;
  const id = (list: { id: string }[] | undefined, index: number) => list?.[index]?.id ?? '';
  const account = await admin('POST', '/netsuite-accounts', {
    accountId: BENCH_ACCOUNT,
    baseUrl: simulator.url,
    auth: {
      type: 'm2m',
      clientId: simulator.integration.clientId,
      certificateId: simulator.integration.certificateId,
      privateKeyPem: simulator.integration.privateKey,
    },
  });
  const connection = await admin('POST', '/connections', {
    platform: 'woocommerce',
    name: 'Bench shop',
    storeUrl: 'https://shop.example.com',
    netsuiteAccountId: account.id,
    webhookSecret: WEBHOOK_SECRET,
    credentials: {
      consumerKey: `ck_${randomBytes(16).toString('hex')}`,
      consumerSecret: randomBytes(16).toString('hex'),
    },
    settings: {
      masterLocationId: id(locations, 0),
      shippingItems: { flat_rate: id(items, 2), local_pickup: id(items, 2) },
      discountItemId: id(items, 3),
      feeItemId: id(items, 4),
      paymentMethods: { stripe: { accountId: id(accounts, 0) } },
      taxCodes: { '1': TAX_CODE },
      goLiveAt: '2026-01-01T00:00:00Z',
    },
  });
  for (const [sku, index] of [
    ['TSHIRT-BLK-M', 0],
    ['MUG-WHT', 1],
  ] as const) {
    await admin('PUT', `/sku-mappings/${sku}`, { netsuiteItemId: id(items, index), connectionId: connection.id });
  }
  return String(connection.id);
}

/** A new paid order of its own registered shopper: two SKUs, a coupon, a fee, tax and two shipping methods. */
function orderBody(id: number): string {
  const order = registeredOrder();
  return JSON.stringify({
    ...order,
    id,
    number: String(id),
    order_key: `wc_order_${id}`,
    customer_id: id,
    transaction_id: `ch_${id}`,
    billing: { ...order.billing, email: `shopper-${id}@example.test` },
    refunds: [],
    _links: { self: [{ href: `https://shop.example.com/wp-json/wc/v3/orders/${id}` }] },
  });
}

/** WooCommerce derives a delivery id from its webhook and the current second, so it repeats within one second. */
const deliveryIdOf = (webhookId: string) =>
  createHash('sha256')
    .update(`${webhookId}${Math.floor(Date.now() / 1000)}`)
    .digest('hex')
    .slice(0, 32);

/** Each order's order.created then order.updated (two webhooks, one body), from SENDERS senders at once. */
async function deliverOrders(url: string, orders: number): Promise<Map<number, number>> {
  const firstDelivery = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let index = next++; index < orders; index = next++) {
        const id = FIRST_ORDER_ID + index;
        const body = orderBody(id);
        firstDelivery.set(id, Date.now());
        for (const { topic, webhookId } of WEBHOOKS) {
          const answer = await deliverSigned(url, WEBHOOK_SECRET, {
            topic,
            webhookId,
            deliveryId: deliveryIdOf(webhookId),
            body,
          });
          if (!answer.jobId) throw new Error(`${topic} of order ${id} started no job (${answer.status}).`);
        }
      }
    }),
  );
  return firstDelivery;
}

interface JobRow {
  id: string;
  state: string;
  topic: string;
  lastError: { code?: string; message?: string } | null;
}

const UNSETTLED = new Set(['queued', 'running', 'retrying']);

/** The jobs once none is left to run (held and dead count as settled, and are reported), or at the deadline. */
async function settledJobs(db: Database['db'], expected: number): Promise<JobRow[]> {
  const deadline = Date.now() + SETTLE_DEADLINE_MS;
  for (;;) {
    const jobs = rowsOf<JobRow>(
      await db.execute(sql`
        select j.id, j.state, e.topic, j.last_error as "lastError"
        from jobs j left join inbound_events e on j.idempotency_key = 'inbound:' || e.id`),
    );
    const done = jobs.length >= expected && jobs.every((job) => !UNSETTLED.has(job.state));
    if (done || Date.now() > deadline) return jobs;
    await sleep(POLL_MS);
  }
}

interface Synced {
  /** Order id → when its sales order was created in the simulator (ms since the epoch). */
  salesOrderAt: Map<number, number>;
  problems: string[];
}

/** Each order's customer, sales order and deposit, exactly one of each, tied to one another. */
function checkRecords(simulator: BenchSimulator, orders: number): Synced {
  const { store } = simulator.sim;
  const problems: string[] = [];
  const salesOrderAt = new Map<number, number>();
  const missing: string[] = [];
  for (let index = 0; index < orders; index++) {
    const id = FIRST_ORDER_ID + index;
    const customer = store.getByExternalId('customer', `WOO_CUST_${id}`);
    const salesOrder = store.getByExternalId('salesOrder', `WOO_ORDER_${id}`);
    const deposit = store.getByExternalId('customerDeposit', `WOO_DEP_${id}`);
    if (!(customer && salesOrder && deposit)) {
      missing.push(String(id));
      continue;
    }
    const refersTo = (value: unknown, target: string) => (value as { id?: string } | undefined)?.id === target;
    if (!(refersTo(salesOrder.fields.entity, customer.id) && refersTo(deposit.fields.salesOrder, salesOrder.id))) {
      problems.push(`order ${id}: its sales order or deposit does not refer to its customer or sales order`);
      continue;
    }
    salesOrderAt.set(id, salesOrder.createdAt);
  }
  if (missing.length > 0) {
    problems.push(
      `${missing.length} orders lack a customer, sales order or deposit (${missing.slice(0, 10).join(', ')}…)`,
    );
  }
  for (const type of ['customer', 'salesOrder', 'customerDeposit'] satisfies RecordType[]) {
    const count = store.all(type).length;
    if (count !== orders) problems.push(`${count} ${type} records for ${orders} orders: expected exactly one each`);
  }
  return { salesOrderAt, problems };
}

/** `PUT /services/rest/record/v1/salesOrder/eid:WOO_ORDER_7` answered 204 → `PUT /record/v1/salesOrder/eid:{externalId} → 204`. */
const requestPattern = (entry: RequestLogEntry) =>
  `${entry.method} ${entry.path
    .replace(/^\/services\/rest/, '')
    .replace(/\/eid:[^/]+/g, '/eid:{externalId}')
    .replace(/\/\d+(?=\/|$)/g, '/{id}')} → ${entry.status ?? 'no answer'}`;

function breakdown(requests: RequestLogEntry[], orders: number): [pattern: string, perOrder: number][] {
  const counts = new Map<string, number>();
  for (const entry of requests) counts.set(requestPattern(entry), (counts.get(requestPattern(entry)) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([pattern, count]) => [pattern, count / orders]);
}

function jobProblems(jobs: JobRow[], expected: number): string[] {
  const problems = jobs
    .filter((job) => job.state !== 'succeeded')
    .slice(0, 10)
    .map(
      (job) =>
        `job ${job.id} (${job.topic}) is ${job.state}: ${job.lastError?.code ?? ''} ${job.lastError?.message ?? ''}`,
    );
  const unsucceeded = jobs.filter((job) => job.state !== 'succeeded').length;
  if (unsucceeded > problems.length) problems.push(`…and ${unsucceeded - problems.length} more jobs not succeeded`);
  if (jobs.length !== expected) problems.push(`${jobs.length} jobs for ${expected} deliveries`);
  return problems;
}

function report(bench: BenchDatabase, simulator: BenchSimulator, run: Run): BenchmarkReport {
  const { orders, seconds, requests } = run;
  const synced = checkRecords(simulator, orders);
  const problems = [...jobProblems(run.jobs, orders * 2), ...synced.problems];
  if (Math.abs(simulator.sim.clock.now() - Date.now()) > 1000) {
    problems.push('the simulator clock was moved: its creation times are not comparable to delivery times');
  }
  if (requests.length >= 10_000) problems.push('the simulator request log is full: requests were left out');
  const admitted = requests.filter((entry) => entry.admitted);
  const tooMany = requests.filter((entry) => entry.status === 429).length;
  const perOrder = admitted.length / orders;
  const ceiling = CEILING_PER_SEC / perOrder;
  const perSec = synced.salesOrderAt.size / seconds;
  const ratio = perSec / ceiling;
  const latencies = [...synced.salesOrderAt].map(([id, at]) => at - (run.firstDelivery.get(id) ?? at));
  latencies.sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  const peak = peakInFlight(requests);
  const meanInFlight = (admitted.length * LATENCY_MS) / 1000 / seconds;
  const rows = breakdown(admitted, orders);
  return {
    status: 'measured',
    table: [
      `orders end to end (${orders} paid orders, order.created + order.updated each, ${SENDERS} senders, sidecar with ` +
        `${WORKERS} workers on PostgreSQL ${bench.version}, simulator limit ${LIMIT}, ${LATENCY_MS} ms per request)`,
      `  NetSuite requests per order  ${perOrder.toFixed(2).padStart(6)}   (token requests excluded: the simulator does not govern or log them)`,
      ...rows.map(([pattern, share]) => `    ${pattern.padEnd(56)} ${share.toFixed(2).padStart(6)}`),
      `  ceiling ${CEILING_PER_SEC} requests/s ÷ ${perOrder.toFixed(2)} = ${ceiling.toFixed(2)} orders/s`,
      `  fully synced                 ${perSec.toFixed(2).padStart(6)} orders/s   ratio ${ratio.toFixed(2)}   (${synced.salesOrderAt.size} orders in ${seconds.toFixed(1)} s)`,
      `  sidecar's cap ${SIDECAR_CAP} of ${LIMIT} (governance less 20% headroom): in flight peak ${peak}, mean ${meanInFlight.toFixed(1)}   429s ${tooMany}`,
      `  first delivery → sales order  p50 ${p50.toFixed(0)} ms   p95 ${p95.toFixed(0)} ms   (all orders sent at once: includes queueing)`,
    ],
    result: {
      name: NAME,
      orders,
      senders: SENDERS,
      workers: WORKERS,
      limit: LIMIT,
      latencyMs: LATENCY_MS,
      sidecarCap: SIDECAR_CAP,
      seconds: Number(seconds.toFixed(1)),
      requestsPerOrder: Number(perOrder.toFixed(2)),
      requestsPerOrderByPattern: Object.fromEntries(
        rows.map(([pattern, share]) => [pattern, Number(share.toFixed(2))]),
      ),
      tokenRequests: 'excluded',
      ceilingOrdersPerSec: Number(ceiling.toFixed(2)),
      ordersPerSec: Number(perSec.toFixed(2)),
      ratio: Number(ratio.toFixed(3)),
      webhookToSalesOrderP50Ms: Math.round(p50),
      webhookToSalesOrderP95Ms: Math.round(p95),
      tooManyRequests: tooMany,
      peakInFlight: peak,
      meanInFlight: Number(meanInFlight.toFixed(1)),
      postgres: bench.version,
    },
    problems,
  };
}
