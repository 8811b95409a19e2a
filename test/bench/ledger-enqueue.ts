import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { type Db, rowsOf } from '../../sidecar/src/db/client.ts';
import { enqueueJob } from '../../sidecar/src/jobs/enqueue.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { measuredSeconds, onBenchDatabase } from './bench-database.ts';
import type { Benchmark, BenchmarkReport } from './run.ts';

const NAME = 'ledger-enqueue';
const WRITERS = 16;
const WARM_UP_SECONDS = 1;
const DEFAULT_SECONDS = 5;
/** Keeps a long BENCH_SECONDS on a fast server from holding millions of latencies in memory. */
const MAX_TRANSACTIONS_PER_RUN = 500_000;
const JOB_KIND = 'bench.noop';

type Variant = 'baseline' | 'ledger';
/** Baseline and ledger alternate so that drift on a shared machine shows as a spread instead of a bias. */
const MEASURED_ORDER: Variant[] = ['baseline', 'ledger', 'baseline', 'ledger'];

/** One transaction: `writer` and `index` make every unit's keys unique within a run. */
type Unit = (writer: number, index: number) => Promise<void>;

interface RunFigures {
  committed: number;
  seconds: number;
  txPerSec: number;
  latenciesMs: number[];
}

interface VariantSummary {
  runsTxPerSec: number[];
  txPerSec: number;
  p50Ms: number;
  p99Ms: number;
}

export const ledgerEnqueue: Benchmark = { name: NAME, run: runLedgerEnqueue };

async function runLedgerEnqueue(): Promise<BenchmarkReport> {
  const seconds = measuredSeconds(DEFAULT_SECONDS);
  return onBenchDatabase({ name: NAME, poolSize: WRITERS }, async ({ database, version }) => {
    await createBaselineTables(database.db);
    return measure(database.db, seconds, version);
  });
}

async function createBaselineTables(db: Db): Promise<void> {
  await db.execute(sql`create table bench_a (id uuid primary key, payload jsonb not null)`);
  await db.execute(sql`create table bench_b (id uuid primary key, a_id uuid not null, note text not null)`);
}

async function measure(db: Db, seconds: number, version: string): Promise<BenchmarkReport> {
  const units = { baseline: baselineUnit(db), ledger: ledgerUnit(db) };
  const ledgerCommitted = { count: 0 };
  const countingLedger: Unit = async (writer, index) => {
    await units.ledger(writer, index);
    ledgerCommitted.count++;
  };
  const unitOf = (variant: Variant): Unit => (variant === 'ledger' ? countingLedger : units.baseline);

  // Warm-up fills the pool, the plan caches and the JIT; its figures are discarded (its rows are still counted).
  await runWriters(unitOf('baseline'), 'warm-baseline', WARM_UP_SECONDS);
  await runWriters(unitOf('ledger'), 'warm-ledger', WARM_UP_SECONDS);

  const runs: Record<Variant, RunFigures[]> = { baseline: [], ledger: [] };
  for (const [round, variant] of MEASURED_ORDER.entries()) {
    runs[variant].push(await runWriters(unitOf(variant), `run${round}-${variant}`, seconds));
  }

  const baseline = summarise(runs.baseline);
  const ledger = summarise(runs.ledger);
  const ratio = ledger.txPerSec / baseline.txPerSec;
  return {
    status: 'measured',
    table: table(seconds, version, baseline, ledger, ratio),
    result: {
      name: NAME,
      writers: WRITERS,
      seconds,
      runsPerVariant: runs.ledger.length,
      baselineTxPerSec: round(baseline.txPerSec, 1),
      ledgerTxPerSec: round(ledger.txPerSec, 1),
      ratio: round(ratio, 3),
      baselineRunsTxPerSec: baseline.runsTxPerSec.map((value) => round(value, 1)),
      ledgerRunsTxPerSec: ledger.runsTxPerSec.map((value) => round(value, 1)),
      baselineP50Ms: round(baseline.p50Ms, 2),
      baselineP99Ms: round(baseline.p99Ms, 2),
      ledgerP50Ms: round(ledger.p50Ms, 2),
      ledgerP99Ms: round(ledger.p99Ms, 2),
      postgres: version,
    },
    problems: await ledgerRowsMismatch(db, ledgerCommitted.count),
  };
}

/** Two single-row INSERTs in one transaction: what any transactional write costs before the ledger adds to it. */
function baselineUnit(db: Db): Unit {
  return async (writer, index) => {
    const aId = uuidv7();
    const payload = JSON.stringify(webhookReference(writer, index));
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into bench_a (id, payload) values (${aId}, ${payload}::jsonb)`);
      await tx.execute(
        sql`insert into bench_b (id, a_id, note) values (${uuidv7()}, ${aId}, ${`Queued ${JOB_KIND}.`})`,
      );
    });
  };
}

function ledgerUnit(db: Db): Unit {
  const audit = new AuditLog(new Redactor());
  // Unique across the whole benchmark, warm-up included, so no enqueue ever hits an existing key.
  let sequence = 0;
  return async (writer, index) => {
    const idempotencyKey = `bench:${++sequence}:${writer}:${index}`;
    const spec = {
      kind: JOB_KIND,
      entityKey: `bench:${writer}:${index}`,
      idempotencyKey,
      payload: webhookReference(writer, index),
    };
    const { created } = await db.transaction(async (tx) => enqueueJob(tx, audit, spec, 10));
    if (!created) throw new Error(`Enqueue of ${idempotencyKey} found the key already taken.`);
  };
}

/** About 300 bytes of JSON, the size of what a webhook job carries: where the stored delivery is, not its body. */
function webhookReference(writer: number, index: number) {
  const deliveryId = randomUUID();
  return {
    connectionId: `woocommerce:${writer + 1}`,
    topic: 'order.updated',
    deliveryId,
    resource: { type: 'order', id: String(100_000 + index) },
    receivedAt: new Date().toISOString(),
    bodySha256: createHash('sha256').update(deliveryId).digest('hex'),
    bodyBytes: 2_048,
    attempt: 1,
  };
}

/** WRITERS loops share the one pool, each committing units back to back until the time or the count runs out. */
async function runWriters(unit: Unit, label: string, seconds: number): Promise<RunFigures> {
  const latenciesMs: number[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let stopped = false;
  const writer = async (id: number) => {
    for (let index = 0; !stopped && performance.now() < deadline; index++) {
      if (latenciesMs.length >= MAX_TRANSACTIONS_PER_RUN) return;
      const begun = performance.now();
      try {
        await unit(id, index);
      } catch (error) {
        stopped = true;
        throw new Error(`${label}: writer ${id} failed`, { cause: error });
      }
      latenciesMs.push(performance.now() - begun);
    }
  };
  // allSettled, so every writer has stopped before the caller drops the database under them.
  const outcomes = await Promise.allSettled(Array.from({ length: WRITERS }, (_, id) => writer(id)));
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) throw failure.reason;
  // Until the last writer is done: transactions begun just before the deadline count, and so does their time.
  const elapsed = (performance.now() - started) / 1000;
  return { committed: latenciesMs.length, seconds: elapsed, txPerSec: latenciesMs.length / elapsed, latenciesMs };
}

function summarise(runs: RunFigures[]): VariantSummary {
  const latencies = runs.flatMap((run) => run.latenciesMs).sort((a, b) => a - b);
  const runsTxPerSec = runs.map((run) => run.txPerSec);
  return {
    runsTxPerSec,
    txPerSec: median(runsTxPerSec),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length % 2 === 1) return sorted[middle] ?? Number.NaN;
  return ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
}

/** Nearest rank on an ascending list. */
function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)] ?? Number.NaN;
}

/** A ledger that commits fewer or more rows than it reported would make its throughput figure meaningless. */
async function ledgerRowsMismatch(db: Db, committed: number): Promise<string[]> {
  const [counts] = rowsOf<{ jobs: number; audit: number }>(
    await db.execute(sql`select
      (select count(*)::int from jobs where kind = ${JOB_KIND}) as jobs,
      (select count(*)::int from audit_events where type = 'job.enqueued') as audit`),
  );
  const problems: string[] = [];
  if (counts?.jobs !== committed) problems.push(`ledger counted ${committed} enqueues but jobs holds ${counts?.jobs}`);
  if (counts?.audit !== committed) {
    problems.push(`ledger counted ${committed} enqueues but audit_events holds ${counts?.audit} job.enqueued rows`);
  }
  return problems;
}

function table(
  seconds: number,
  version: string,
  baseline: VariantSummary,
  ledger: VariantSummary,
  ratio: number,
): string[] {
  const runs = baseline.runsTxPerSec.length;
  return [
    `ledger enqueue (${WRITERS} writers, PostgreSQL ${version}, ${seconds} s per run, ${runs} runs each, median shown)`,
    variantLine('raw baseline: 2 INSERTs/tx', baseline),
    variantLine('ledger enqueue (job + audit)', ledger),
    `  ${'ratio ledger/baseline'.padEnd(30)} ${ratio.toFixed(2).padStart(7)}`,
  ];
}

function variantLine(label: string, summary: VariantSummary): string {
  const runs = summary.runsTxPerSec.map((value) => value.toFixed(0)).join(', ');
  return [
    `  ${label.padEnd(30)}`,
    `${summary.txPerSec.toFixed(0).padStart(7)} tx/s`,
    `  p50 ${summary.p50Ms.toFixed(1).padStart(6)} ms`,
    `  p99 ${summary.p99Ms.toFixed(1).padStart(6)} ms`,
    `  (runs: ${runs} tx/s)`,
  ].join(' ');
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
