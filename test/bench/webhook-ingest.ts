import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { storeWebhookSecrets } from '../../sidecar/src/connections/connection-secrets.ts';
import type { Database } from '../../sidecar/src/db/client.ts';
import { connections, netsuiteAccounts } from '../../sidecar/src/db/schema.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { masterKeyFromBase64 } from '../../sidecar/src/vault/master-key.ts';
import { Vault } from '../../sidecar/src/vault/vault.ts';
import { deliverSigned } from '../support/woocommerce-deliveries.ts';
import { type BenchDatabase, measuredSeconds, onBenchDatabase } from './bench-database.ts';
import { percentile } from './percentile.ts';
import type { Benchmark, BenchmarkReport } from './run.ts';
import { startSidecarProcess } from './sidecar-process.ts';

const NAME = 'webhook-ingest';
const SENDERS = 32;
const DEFAULT_SECONDS = 5;
const WEBHOOK_SECRET = randomBytes(24).toString('base64url');

interface Figures {
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  count: number;
}

export const webhookIngest: Benchmark = { name: NAME, run: runWebhookIngest };

/**
 * Signed WooCommerce deliveries ingested per second through the real sidecar on PostgreSQL (verify, store, enqueue,
 * 200) by 32 concurrent senders, beside the raw baseline of two single-row INSERTs per transaction over the same
 * pool, measured in the same run.
 */
async function runWebhookIngest(): Promise<BenchmarkReport> {
  const seconds = measuredSeconds(DEFAULT_SECONDS);
  return onBenchDatabase({ name: NAME, poolSize: SENDERS }, (bench) => measure(bench, seconds));
}

async function measure(bench: BenchDatabase, seconds: number): Promise<BenchmarkReport> {
  const masterKey = randomBytes(32).toString('base64');
  const sidecar = await startSidecarProcess({
    DATABASE_URL: bench.url,
    MLC_MASTER_KEY: masterKey,
    MLC_ADMIN_TOKEN: randomBytes(32).toString('hex'),
    MLC_DB_POOL_SIZE: String(SENDERS),
    MLC_WORKER_CONCURRENCY: '0',
  });
  try {
    const vault = new Vault(bench.database.db, masterKeyFromBase64(masterKey, 'bench key'), new Redactor());
    const connectionId = await createConnection(bench.database.db, vault);
    const url = `${sidecar.url}/webhooks/woocommerce/${connectionId}`;
    await runFor(1, () => deliverOnce(url));
    const baseline = await runFor(seconds, () => twoInserts(bench.database.db));
    const ingest = await runFor(seconds, () => deliverOnce(url));
    const ratio = ingest.perSec / baseline.perSec;
    return {
      status: 'measured',
      table: [
        `webhook ingest (${SENDERS} senders, sidecar in its own process, PostgreSQL ${bench.version}, ${seconds} s each)`,
        `  raw baseline: 2 INSERTs/tx           ${line(baseline)}`,
        `  signed delivery → stored + enqueued  ${line(ingest)}`,
        `  ratio ingest/baseline                ${ratio.toFixed(2)}`,
      ],
      result: {
        name: NAME,
        senders: SENDERS,
        seconds,
        baselinePerSec: round(baseline.perSec),
        ingestPerSec: round(ingest.perSec),
        ratio: Number(ratio.toFixed(3)),
        ingestP50Ms: round(ingest.p50Ms),
        ingestP99Ms: round(ingest.p99Ms),
        postgres: bench.version,
      },
      problems: ingest.count === 0 ? ['no delivery was accepted'] : [],
    };
  } finally {
    await sidecar.stop();
  }
}

async function createConnection(db: Database['db'], vault: Vault) {
  const accountId = uuidv7();
  const connectionId = uuidv7();
  await db.insert(netsuiteAccounts).values({ id: accountId, accountId: 'TSTDRV1234567', authType: 'm2m' });
  await db.insert(connections).values({
    id: connectionId,
    platform: 'woocommerce',
    name: 'Bench shop',
    storeUrl: 'http://127.0.0.1:8080/',
    netsuiteAccountId: accountId,
    settings: {},
  });
  await storeWebhookSecrets(vault, connectionId, { webhookSecret: WEBHOOK_SECRET });
  await db.execute(sql`create table bench_a(id uuid primary key, payload jsonb)`);
  await db.execute(sql`create table bench_b(id uuid primary key, a_id uuid, note text)`);
  return connectionId;
}

let orderId = 1000;

/** A realistic order.updated delivery (~2 KB, as the recorded ones), each for a new order and delivery id. */
async function deliverOnce(url: string): Promise<void> {
  const id = orderId++;
  const body = JSON.stringify({
    id,
    status: 'processing',
    currency: 'USD',
    date_modified_gmt: new Date().toISOString().slice(0, 19),
    total: '49.99',
    billing: { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', address_1: '1 Main St' },
    line_items: [{ id: 1, sku: 'SKU-RED-M', quantity: 2, price: 19.99, total: '39.98' }],
    shipping_lines: [{ method_id: 'flat_rate', total: '5.00' }],
    meta_data: Array.from({ length: 12 }, (_, i) => ({ id: i, key: `_meta_${i}`, value: 'x'.repeat(80) })),
  });
  await deliverSigned(url, WEBHOOK_SECRET, {
    topic: 'order.updated',
    webhookId: '1',
    deliveryId: randomBytes(16).toString('hex'),
    body,
  });
}

async function twoInserts(db: Database['db']): Promise<void> {
  await db.transaction(async (tx) => {
    const id = uuidv7();
    await tx.execute(sql`insert into bench_a values (${id}, ${JSON.stringify({ order: orderId++ })}::jsonb)`);
    await tx.execute(sql`insert into bench_b values (${uuidv7()}, ${id}, 'delivery')`);
  });
}

async function runFor(seconds: number, unit: () => Promise<void>): Promise<Figures> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (performance.now() < deadline) {
        const begun = performance.now();
        await unit();
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSec: latencies.length / elapsed,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    count: latencies.length,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
const line = (figures: Figures) =>
  `${figures.perSec.toFixed(0).padStart(6)} /s   p50 ${figures.p50Ms.toFixed(1).padStart(5)} ms   p99 ${figures.p99Ms.toFixed(1).padStart(6)} ms`;
