import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { OutboundCalls } from '../../sidecar/src/audit/outbound-call.ts';
import { type Database, openDatabase } from '../../sidecar/src/db/client.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';
import { createMetrics } from '../../sidecar/src/metrics.ts';
import { NetSuiteClients } from '../../sidecar/src/netsuite/client.ts';
import type { CapSettings } from '../../sidecar/src/netsuite/concurrency/cap.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { requestLog, simControl } from '../simulators/netsuite/test-support.ts';
import {
  benchAdmin,
  benchServerUrl,
  measuredSeconds,
  whyUnreachable,
  withThrowawayDatabase,
} from './bench-database.ts';
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

const NAME = 'netsuite-upserts';
/** More callers than slots, as a busy sidecar has: the cap, not the callers, sets the pace. */
const CALLERS = 40;
const DEFAULT_SECONDS = 5;

interface Variant {
  label: string;
  permits: 'memory' | 'postgresql';
  concurrency: CapSettings;
}

const VARIANTS: Variant[] = [
  { label: 'cap from governanceLimits (15 − 20%)', permits: 'memory', concurrency: {} },
  { label: 'cap = account limit (15)', permits: 'memory', concurrency: { cap: LIMIT } },
  { label: 'cap = 15, permits in PostgreSQL', permits: 'postgresql', concurrency: { cap: LIMIT } },
];

interface Figures {
  upserts: number;
  perSec: number;
  ratio: number;
  tooManyRequests: number;
  p50Ms: number;
  p99Ms: number;
}

export const netsuiteUpserts: Benchmark = { name: NAME, run: runNetSuiteUpserts };

/**
 * Sales-order upserts per second through the production client against the simulator at NetSuite's default
 * account limit (15) and a 200 ms answer, beside the ceiling of 15 / 0.2 s = 75 requests/s, and the 429s it caused.
 */
async function runNetSuiteUpserts(): Promise<BenchmarkReport> {
  const seconds = measuredSeconds(DEFAULT_SECONDS);
  const simulator = await startBenchSimulator();
  const admin = benchAdmin(benchServerUrl());
  try {
    const postgresMissing = await whyUnreachable(admin);
    const results: [Variant, Figures][] = [];
    const skipped: string[] = [];
    for (const variant of VARIANTS) {
      const measureOn = (database: Database) =>
        measure(simulator.url, database, variant, seconds, simulator.integration);
      if (variant.permits === 'memory') {
        const database = await openDatabase({});
        try {
          await migrate(database.db);
          results.push([variant, await measureOn(database)]);
        } finally {
          await database.close();
        }
      } else if (postgresMissing) {
        skipped.push(`${variant.label}: skipped, no PostgreSQL (${postgresMissing})`);
      } else {
        results.push([
          variant,
          await withThrowawayDatabase(admin, benchServerUrl(), { name: NAME, poolSize: 8 }, measureOn),
        ]);
      }
    }
    return report(results, skipped, seconds);
  } finally {
    await admin.end();
    await simulator.close();
  }
}

async function measure(
  url: string,
  database: Database,
  variant: Variant,
  seconds: number,
  credentials: BenchSimulator['integration'],
): Promise<Figures> {
  await governAtLimit(url, 0);
  const seed = await simControl(url, 'POST', '/__sim/seed', {
    locations: [{ name: 'Main' }],
    items: [{ itemId: 'BENCH-SKU', type: 'inventoryItem', basePrice: '19.99', stock: { Main: 1_000_000 } }],
  });
  const seeded = (await seed.json()) as { locations: { id: string }[]; items: { id: string }[] };
  const location = { id: seeded.locations[0]?.id ?? '' };
  const item = { id: seeded.items[0]?.id ?? '' };

  const redactor = new Redactor();
  const outbound = new OutboundCalls(database.db, new AuditLog(redactor), createMetrics(database.db));
  const client = new NetSuiteClients({ database, outbound, secrets: redactor }).connect({
    accountId: BENCH_ACCOUNT,
    origin: url,
    auth: { kind: 'm2m', ...credentials },
    concurrency: variant.concurrency,
  });
  const customer = await client.upsert('customer', `BENCH_CUST_${variant.permits}`, { companyName: 'Bench' });
  await governAtLimit(url, LATENCY_MS);
  await simControl(url, 'DELETE', '/__sim/requests');

  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: CALLERS }, async () => {
      while (performance.now() < deadline) {
        const n = next++;
        const begun = performance.now();
        await client.upsert('salesOrder', `BENCH_${variant.permits}_${Date.now()}_${n}`, {
          entity: { id: customer.id },
          location,
          item: { items: [{ item, quantity: 1, rate: 19.99, location }] },
        });
        latencies.push(performance.now() - begun);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const requests = await requestLog(url);
  latencies.sort((a, b) => a - b);
  const perSec = latencies.length / elapsed;
  return {
    upserts: latencies.length,
    perSec,
    ratio: perSec / CEILING_PER_SEC,
    tooManyRequests: requests.filter((request) => request.status === 429).length,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

function report(results: [Variant, Figures][], skipped: string[], seconds: number): BenchmarkReport {
  const line = ([variant, figures]: [Variant, Figures]) =>
    `  ${variant.label.padEnd(40)} ${figures.perSec.toFixed(1).padStart(6)} upserts/s   ratio ${figures.ratio.toFixed(2)}` +
    `   429s ${String(figures.tooManyRequests).padStart(3)}   p50 ${figures.p50Ms.toFixed(0)} ms   p99 ${figures.p99Ms.toFixed(0)} ms`;
  return {
    status: 'measured',
    table: [
      `NetSuite sales-order upserts (simulator limit ${LIMIT}, ${LATENCY_MS} ms per request, ${CALLERS} callers, ${seconds} s each)`,
      `  ceiling ${LIMIT} / ${LATENCY_MS / 1000} s = ${CEILING_PER_SEC} requests/s`,
      ...results.map(line),
      ...skipped.map((text) => `  ${text}`),
    ],
    result: {
      name: NAME,
      limit: LIMIT,
      latencyMs: LATENCY_MS,
      ceilingPerSec: CEILING_PER_SEC,
      variants: results.map(([variant, figures]) => ({
        label: variant.label,
        permits: variant.permits,
        upsertsPerSec: Number(figures.perSec.toFixed(1)),
        ratio: Number(figures.ratio.toFixed(3)),
        tooManyRequests: figures.tooManyRequests,
        p50Ms: Math.round(figures.p50Ms),
        p99Ms: Math.round(figures.p99Ms),
      })),
    },
    problems: results.flatMap(([variant, figures]) =>
      figures.upserts === 0 ? [`${variant.label}: no upsert completed`] : [],
    ),
  };
}
