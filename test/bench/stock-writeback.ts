import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { type Database, rowsOf } from '../../sidecar/src/db/client.ts';
import { jobs, skuMappings } from '../../sidecar/src/db/schema.ts';
import type { WooProductUpdate } from '../../sidecar/src/platforms/woocommerce/rest-client.ts';
import type { SimRecord } from '../simulators/netsuite/store.ts';
import { put, stock } from '../simulators/netsuite/suiteql/fixtures.ts';
import { requestLog, simControl } from '../simulators/netsuite/test-support.ts';
import { type StartedWooCommerceSimulator, startWooCommerceSimulator } from '../simulators/woocommerce/test-support.ts';
import { type AdminApi, adminApi, countFromEnv } from './bench-admin.ts';
import { type BenchDatabase, onBenchDatabase } from './bench-database.ts';
import {
  BENCH_ACCOUNT,
  type BenchSimulator,
  governAtLimit,
  LATENCY_MS,
  LIMIT,
  startBenchSimulator,
} from './bench-simulator.ts';
import { batchDirectly, readPagesDirectly, recordSuiteQl } from './direct-calls.ts';
import type { Benchmark, BenchmarkReport } from './run.ts';
import { type SidecarProcess, startSidecarProcess } from './sidecar-process.ts';

const NAME = 'stock-writeback';
/** `BENCH_PRODUCTS` overrides it (at most MAX_PRODUCTS). */
const DEFAULT_PRODUCTS = 2_000;
/** The most `BENCH_PRODUCTS` may ask for. */
const MAX_PRODUCTS = 5_000;
/** NetSuite's Base Price level, the one the store takes its prices from. */
const PRICE_LEVEL = '1';
const RUN_DEADLINE_MS = 120_000;
const POLL_MS = 20;
const KEEP_ALIVE_SETTLE_MS = 50;
const SETTLED = new Set(['succeeded', 'dead', 'held', 'cancelled']);

export const stockWriteback: Benchmark = { name: NAME, run: runStockWriteback };

/**
 * The stock write-back (job `netsuite.stock`) and the price write-back (`netsuite.prices`) through the sidecar in its
 * own process, with the production handlers and schedules, for one store of N simple products mapped to NetSuite items
 * stocked at both of its locations: the first run (every SKU looked up in the store and written), then runs where
 * every SKU changed, none did and 1% did, then the first price run and one where every price changed. Each run is set
 * against the same SuiteQL pages and the same batch calls sent straight to the simulators, so the ratio shows what the
 * connector adds.
 */
async function runStockWriteback(): Promise<BenchmarkReport> {
  const products = countFromEnv('BENCH_PRODUCTS', DEFAULT_PRODUCTS, 100, MAX_PRODUCTS);
  return onBenchDatabase({ name: NAME, poolSize: 2 }, (bench) => measure(bench, products));
}

/** One SKU of the store: its NetSuite item and its WooCommerce product. */
interface Sku {
  sku: string;
  item: SimRecord;
  productId: number;
}

interface World {
  db: Database['db'];
  simulator: BenchSimulator;
  woo: StartedWooCommerceSimulator;
  admin: AdminApi;
  connectionId: string;
  main: SimRecord;
  west: SimRecord;
  skus: Sku[];
}

/** What a run must write: SKU → the fields its product gets (as the connector sends them). */
type Writes = Map<string, Record<string, unknown>>;

interface Figures {
  key: string;
  label: string;
  seconds: number;
  suiteqlPages: number;
  netsuiteRequests: number;
  batchCalls: number;
  productReads: number;
  skusWritten: number;
  /** Seconds the sidecar waited on each system's answers, by its audit trail. */
  waitedOnNetSuite: number;
  waitedOnWooCommerce: number;
  baselineSeconds: number;
  problems: string[];
}

async function measure(bench: BenchDatabase, products: number): Promise<BenchmarkReport> {
  const simulator = await startBenchSimulator();
  try {
    const woo = await startWooCommerceSimulator();
    try {
      await governAtLimit(simulator.url, 0);
      const adminToken = randomBytes(32).toString('hex');
      const sidecar = await startSidecarProcess({
        DATABASE_URL: bench.url,
        MLC_MASTER_KEY: randomBytes(32).toString('base64'),
        MLC_ADMIN_TOKEN: adminToken,
      });
      try {
        const world = await buildWorld(bench, simulator, woo, sidecar, adminToken, products);
        await governAtLimit(simulator.url, LATENCY_MS);
        return report(bench, products, await runAll(world));
      } finally {
        await sidecar.stop();
      }
    } finally {
      await woo.stop();
    }
  } finally {
    await simulator.close();
  }
}

const skuOf = (n: number) => `BENCH-${String(n).padStart(5, '0')}`;
const firstPrice = (n: number) => `${10 + (n % 90)}.99`;
const nextPrice = (n: number) => `${10 + (n % 90)}.49`;
const priceField = (price: string) => ({
  items: [{ priceLevel: { id: PRICE_LEVEL }, currencyPage: { id: '1' }, price }],
});

/**
 * NetSuite: two locations and one inventory item per SKU, stocked at both and priced at the level; WooCommerce: one
 * simple product per SKU; the sidecar: the account, the store (master location Main, a rule for West, the price
 * level) and the SKU mappings, written to its database as a merchant's import would (the admin API maps one a call).
 */
async function buildWorld(
  bench: BenchDatabase,
  simulator: BenchSimulator,
  woo: StartedWooCommerceSimulator,
  sidecar: SidecarProcess,
  adminToken: string,
  products: number,
): Promise<World> {
  const seeded = await simControl(simulator.url, 'POST', '/__sim/seed', {
    locations: [{ name: 'Main' }, { name: 'West' }],
  });
  const { locations } = (await seeded.json()) as { locations: { id: string }[] };
  const ns = simulator.sim.store;
  const locationOf = (index: number) => {
    const location = ns.get('location', locations[index]?.id ?? '');
    if (!location) throw new Error(`The simulator did not seed location ${index}.`);
    return location;
  };
  const [main, west] = [locationOf(0), locationOf(1)];
  const skus: Sku[] = [];
  for (let n = 0; n < products; n++) {
    const sku = skuOf(n);
    const item = put(ns, 'inventoryItem', {
      itemId: `NS-${sku}`,
      displayName: sku,
      isInactive: false,
      price: priceField(firstPrice(n)),
    });
    stock(ns, item, main, { onHand: '10' });
    stock(ns, item, west, { onHand: '5' });
    const product = woo.sim.store.createProduct({
      name: sku,
      sku,
      regular_price: '1.00',
      manage_stock: true,
      stock_quantity: 0,
    });
    skus.push({ sku, item, productId: product.id });
  }

  const admin = adminApi(sidecar.url, adminToken);
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
    storeUrl: woo.url,
    netsuiteAccountId: account.id,
    webhookSecret: randomBytes(24).toString('base64url'),
    credentials: woo.credentials,
    settings: {
      masterLocationId: main.id,
      locationRules: [{ country: 'US', state: 'CA', locationId: west.id }],
      priceLevelId: PRICE_LEVEL,
      goLiveAt: '2026-01-01T00:00:00Z',
    },
  });
  const connectionId = String(connection.id);
  for (let start = 0; start < skus.length; start += 1_000) {
    await bench.database.db.insert(skuMappings).values(
      skus.slice(start, start + 1_000).map(({ sku, item }) => ({
        id: uuidv7(),
        sku,
        netsuiteItemId: item.id,
        connectionId,
        source: 'merchant' as const,
      })),
    );
  }
  return { db: bench.database.db, simulator, woo, admin, connectionId, main, west, skus };
}

/** The runs, in order, each after the NetSuite change it is about. */
async function runAll(world: World): Promise<Figures[]> {
  const ns = world.simulator.sim.store;
  const { skus } = world;
  const stockWrites = (chosen: readonly Sku[], quantity: number): Writes =>
    new Map(chosen.map(({ sku }) => [sku, { manage_stock: true, stock_quantity: quantity }]));
  const priceWrites = (price: (n: number) => string): Writes =>
    new Map(skus.map(({ sku }, n) => [sku, { regular_price: price(n) }]));
  const figures: Figures[] = [];

  // Main 10 + West 5 available, never written: every SKU is looked up in the store, then written.
  figures.push(await measureRun(world, 'stock-first', 'stock, first run (SKUs looked up)', stockWrites(skus, 15)));

  // Main: 12 on hand, 1 committed → 11 available, + West 5.
  for (const { item } of skus) stock(ns, item, world.main, { onHand: '12', committed: '1' });
  figures.push(await measureRun(world, 'stock-all-changed', 'stock, every SKU changed', stockWrites(skus, 16)));

  figures.push(await measureRun(world, 'stock-none-changed', 'stock, nothing changed', new Map()));

  const onePercent = skus.filter((_, n) => n % 100 === 0);
  for (const { item } of onePercent) stock(ns, item, world.west, { onHand: '2' });
  figures.push(await measureRun(world, 'stock-1pct-changed', 'stock, 1% changed', stockWrites(onePercent, 13)));

  figures.push(await measureRun(world, 'prices-first', 'prices, first run (SKUs looked up)', priceWrites(firstPrice)));

  for (const [n, { item }] of skus.entries()) {
    const current = ns.get('inventoryItem', item.id) ?? item;
    ns.put({ ...current, fields: { ...current.fields, price: priceField(nextPrice(n)) }, lastModified: Date.now() });
  }
  figures.push(await measureRun(world, 'prices-all-changed', 'prices, every price changed', priceWrites(nextPrice)));
  return figures;
}

const isSuiteQlPage = (entry: { method: string; path: string }) =>
  entry.method === 'POST' && entry.path.endsWith('/query/v1/suiteql');

/**
 * Runs the stock or price schedule now (it queues the store's run), waits for the job, checks what the store holds
 * and what the run says it did, then sends the same SuiteQL queries and batch calls straight to the simulators.
 */
async function measureRun(world: World, key: string, label: string, writes: Writes): Promise<Figures> {
  const { simulator, woo } = world;
  const prices = key.startsWith('prices');
  // Whoever queries first after a NetSuite change reloads the simulator's SuiteQL tables: not the run's cost. That
  // holds this process's event loop; the pause lets the simulators' servers close the keep-alive sockets that timed
  // out meanwhile before a client reuses one (ECONNRESET).
  await simulator.sim.suiteql.execute('SELECT id FROM location', [], Date.now());
  await sleep(KEEP_ALIVE_SETTLE_MS);
  await simControl(simulator.url, 'DELETE', '/__sim/requests');
  const wooBefore = woo.sim.requests.length;
  const recorder = recordSuiteQl(simulator.sim);
  let job: Record<string, unknown>;
  try {
    const ran = await world.admin('POST', `/schedules/${prices ? 'netsuite-prices' : 'netsuite-stock'}/run`);
    const runs = ((ran.lastResult as { details?: { runs?: { jobId: string }[] } } | null)?.details?.runs ?? []).map(
      (run) => run.jobId,
    );
    if (runs.length !== 1) throw new Error(`${label}: the schedule queued ${runs.length} runs, not 1.`);
    job = await settledJob(world, runs[0] ?? '');
  } finally {
    recorder.stop();
  }
  const seconds = (Date.parse(String(job.finishedAt)) - Date.parse(String(job.createdAt))) / 1000;
  const waited = await waitedOn(world.db, String(job.createdAt), String(job.finishedAt));
  const nsRequests = (await requestLog(simulator.url)).filter((entry) => entry.admitted);
  const wooRequests = woo.sim.requests.slice(wooBefore);
  const batchCalls = wooRequests.filter((r) => r.method === 'POST' && r.path.endsWith('/batch')).length;
  const productReads = wooRequests.filter((r) => r.method === 'GET' && r.path.endsWith('/products')).length;
  const suiteqlPages = nsRequests.filter(isSuiteQlPage).length;
  const expectedBatches = Math.ceil(writes.size / 100);
  const problems = [
    ...(job.state === 'succeeded' ? [] : [`${label}: the job is ${job.state}: ${JSON.stringify(job.lastError)}`]),
    ...(prices ? priceRunProblems(job, writes.size) : await stockRunProblems(world, writes.size)),
    ...storeProblems(world, writes),
    ...(batchCalls === expectedBatches ? [] : [`${batchCalls} batch calls for ${writes.size} SKUs`]),
  ].map((problem) => (problem.startsWith(label) ? problem : `${label}: ${problem}`));

  // The baseline: the same pages and the same items in the same batches of 100, one call after another.
  const bySku = new Map(world.skus.map((s) => [s.sku, s.productId]));
  const updates: WooProductUpdate[] = [...writes].map(([sku, fields]) => ({ ...fields, id: bySku.get(sku) ?? 0 }));
  const token = simulator.sim.auth.issueAccessToken();
  const started = performance.now();
  const pages = await readPagesDirectly(simulator.url, token, recorder.queries);
  const calls = await batchDirectly(woo, updates);
  const baselineSeconds = (performance.now() - started) / 1000;
  if (pages !== suiteqlPages) problems.push(`${label}: the baseline read ${pages} pages, the run ${suiteqlPages}`);
  if (calls !== batchCalls) problems.push(`${label}: the baseline made ${calls} batch calls, the run ${batchCalls}`);
  return {
    key,
    label,
    seconds,
    suiteqlPages,
    netsuiteRequests: nsRequests.length,
    batchCalls,
    productReads,
    skusWritten: writes.size,
    waitedOnNetSuite: waited.netsuite ?? 0,
    waitedOnWooCommerce: waited.woocommerce ?? 0,
    baselineSeconds,
    problems,
  };
}

/**
 * Seconds spent waiting on each system's answers between `from` and `to`: the sidecar audits every outbound call with
 * its duration (the calls of one run follow one another, so the sums do not overlap).
 */
async function waitedOn(db: Database['db'], from: string, to: string): Promise<Record<string, number>> {
  const rows = rowsOf<{ target: string; ms: number }>(
    await db.execute(sql`
      select data->>'target' as target, sum((data->>'durationMs')::int)::float8 as ms
      from audit_events
      where type = 'outbound.call' and at between ${from} and ${to}
      group by 1`),
  );
  return Object.fromEntries(rows.map((row) => [row.target, row.ms / 1000]));
}

/**
 * The job once it has settled (succeeded, dead, held or cancelled), with its timeline. The state is polled from the
 * database and the job asked of the sidecar once: `GET /jobs/{id}` serves the timeline with a preview of every call's
 * bodies (about 0.5 MB by the end of a run), and asking it every POLL_MS kept the sidecar and this process (the
 * WooCommerce simulator's) busy serializing and parsing it, which the run then counted as its own time and as waiting
 * on Woo.
 */
async function settledJob(world: World, jobId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + RUN_DEADLINE_MS;
  for (;;) {
    const [row] = await world.db.select({ state: jobs.state }).from(jobs).where(eq(jobs.id, jobId));
    if (SETTLED.has(String(row?.state))) return world.admin('GET', `/jobs/${jobId}`);
    if (Date.now() > deadline) throw new Error(`Job ${jobId} did not settle within ${RUN_DEADLINE_MS / 1000} s.`);
    await sleep(POLL_MS);
  }
}

/** What the stock run says it did (the progress `GET …/stock-sync` serves) against what it had to do. */
async function stockRunProblems(world: World, changed: number): Promise<string[]> {
  const state = await world.admin('GET', `/connections/${world.connectionId}/stock-sync`);
  const expected = {
    state: 'succeeded',
    skusChecked: world.skus.length,
    skusChanged: changed,
    batchesSent: Math.ceil(changed / 100),
    drifting: 0,
    skusNotInStore: 0,
    error: null,
  };
  const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, state[name]]));
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [`the run reports ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

/** What the price run's note counts against what it had to do. */
function priceRunProblems(job: Record<string, unknown>, changed: number): string[] {
  const timeline = (job.timeline ?? []) as { message: string; data?: { counts?: Record<string, number> } }[];
  const counts = timeline.find((event) => event.message.startsWith('Prices'))?.data?.counts;
  const expected = { changed, written: changed, refused: 0, notInStore: 0, batches: Math.ceil(changed / 100) };
  const actual = Object.fromEntries(Object.keys(expected).map((name) => [name, counts?.[name]]));
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? []
    : [`the run's note counts ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`];
}

/** Each product written holds what it was to get; lists the first few that do not. */
function storeProblems(world: World, writes: Writes): string[] {
  const wrong: string[] = [];
  for (const { sku, productId } of world.skus) {
    const fields = writes.get(sku);
    if (!fields) continue;
    const product = world.woo.sim.store.products.get(productId);
    const holds =
      'regular_price' in fields
        ? product?.regularPrice === fields.regular_price
        : product?.stockQuantity === fields.stock_quantity;
    if (!holds) wrong.push(sku);
  }
  return wrong.length === 0
    ? []
    : [`${wrong.length} products do not hold what was written (${wrong.slice(0, 5).join(', ')})`];
}

function report(bench: BenchDatabase, products: number, runs: Figures[]): BenchmarkReport {
  const perSec = (run: Figures) => run.skusWritten / run.seconds;
  const ratio = (run: Figures) => run.baselineSeconds / run.seconds;
  const columns: [title: string, width: number, value: (run: Figures) => string][] = [
    ['seconds', 7, (run) => run.seconds.toFixed(2)],
    ['on NetSuite', 11, (run) => run.waitedOnNetSuite.toFixed(2)],
    ['on Woo', 6, (run) => run.waitedOnWooCommerce.toFixed(2)],
    ['SuiteQL pages', 13, (run) => String(run.suiteqlPages)],
    ['batch calls', 11, (run) => String(run.batchCalls)],
    ['product reads', 13, (run) => String(run.productReads)],
    ['SKUs written', 12, (run) => String(run.skusWritten)],
    ['written/s', 9, (run) => perSec(run).toFixed(0)],
    ['baseline s', 10, (run) => run.baselineSeconds.toFixed(2)],
    ['ratio', 5, (run) => ratio(run).toFixed(2)],
  ];
  const header = `  ${'run'.padEnd(36)} ${columns.map(([title, width]) => title.padStart(width)).join(' ')}`;
  const line = (run: Figures) =>
    `  ${run.label.padEnd(36)} ${columns.map(([, width, value]) => value(run).padStart(width)).join(' ')}`;
  const otherRequests = runs.filter((run) => run.netsuiteRequests !== run.suiteqlPages);
  return {
    status: 'measured',
    table: [
      `stock and price write-back (${products} simple products, each stocked at the store's 2 locations, sidecar ` +
        `in its own process on PostgreSQL ${bench.version}, NetSuite simulator limit ${LIMIT}, ${LATENCY_MS} ms per ` +
        'request; the WooCommerce simulator answers at once)',
      header,
      ...runs.map(line),
      ...otherRequests.map(
        (run) => `  ${run.label}: ${run.netsuiteRequests - run.suiteqlPages} NetSuite requests besides SuiteQL`,
      ),
      '  seconds: the job, queued → finished (ledger times), of which waiting on NetSuite and on WooCommerce (audit ' +
        'trail); product reads: GET /products?sku= (look-up, read-back)',
      '  baseline: the same SuiteQL pages and batch calls of ≤ 100 sent straight to the simulators one after ' +
        'another; ratio = baseline s ÷ seconds',
    ],
    result: {
      name: NAME,
      products,
      locations: 2,
      limit: LIMIT,
      latencyMs: LATENCY_MS,
      runs: runs.map((run) => ({
        run: run.key,
        seconds: Number(run.seconds.toFixed(3)),
        waitedOnNetSuiteSeconds: Number(run.waitedOnNetSuite.toFixed(3)),
        waitedOnWooCommerceSeconds: Number(run.waitedOnWooCommerce.toFixed(3)),
        suiteqlPages: run.suiteqlPages,
        netsuiteRequests: run.netsuiteRequests,
        batchCalls: run.batchCalls,
        productReads: run.productReads,
        skusWritten: run.skusWritten,
        skusWrittenPerSec: Number(perSec(run).toFixed(1)),
        baselineSeconds: Number(run.baselineSeconds.toFixed(3)),
        ratio: Number(ratio(run).toFixed(3)),
      })),
      postgres: bench.version,
    },
    problems: runs.flatMap((run) => run.problems),
  };
}
