import { ledgerEnqueue } from './ledger-enqueue.ts';
import { netsuiteUpserts } from './netsuite-upserts.ts';
import { ordersEndToEnd } from './orders-end-to-end.ts';
import { stockWriteback } from './stock-writeback.ts';
import { webhookIngest } from './webhook-ingest.ts';

/** What one benchmark hands back: the figures to print, or why it could not run here. */
export type BenchmarkReport =
  | {
      status: 'measured';
      /** Human-readable table, one line each. */
      table: string[];
      /** Printed as one `BENCH_RESULT ` JSON line for tooling to collect. */
      result: Record<string, unknown>;
      /** Checks the run failed (its figures are not to be trusted); empty when all held. */
      problems: string[];
    }
  | { status: 'skipped'; reason: string };

export interface Benchmark {
  name: string;
  run(): Promise<BenchmarkReport>;
}

const benchmarks: Benchmark[] = [ledgerEnqueue, webhookIngest, netsuiteUpserts, ordersEndToEnd, stockWriteback];

async function runBenchmark(benchmark: Benchmark): Promise<boolean> {
  let report: BenchmarkReport;
  try {
    report = await benchmark.run();
  } catch (error) {
    // Whole error object, so its cause (the driver's own error) is printed too.
    console.error(`ERROR ${benchmark.name}:`, error);
    return false;
  }
  if (report.status === 'skipped') {
    console.log(`${benchmark.name}: skipped: ${report.reason}`);
    return true;
  }
  console.log(report.table.join('\n'));
  for (const problem of report.problems) console.error(`ERROR ${benchmark.name}: ${problem}`);
  // Figures from a run that failed its own checks must not reach the tooling that collects results.
  if (report.problems.length > 0) return false;
  console.log(`BENCH_RESULT ${JSON.stringify(report.result)}`);
  return true;
}

let allPassed = true;
for (const benchmark of benchmarks) {
  if (!(await runBenchmark(benchmark))) allPassed = false;
}
process.exitCode = allPassed ? 0 : 1;
