import { sql } from 'drizzle-orm';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from './db/client.ts';
import { rowsOf } from './db/client.ts';
import { jobState } from './db/schema.ts';

export interface Metrics {
  registry: Registry;
  jobDuration: Histogram<'kind' | 'outcome'>;
  jobQueueWait: Histogram<'kind'>;
  webhookDeliveries: Counter<'platform' | 'outcome'>;
  outboundRequests: Counter<'target' | 'status'>;
  outboundDuration: Histogram<'target'>;
}

/**
 * Prometheus metrics of one process. Jobs by state are read from the ledger at scrape time, so every replica
 * reports the same account-wide figure; counters and histograms are this process's own, as Prometheus expects.
 */
export function createMetrics(db: Db): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mlc_' });
  new Gauge({
    name: 'mlc_jobs',
    help: 'Jobs in the ledger by state (all processes).',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      const rows = rowsOf<{ state: string; count: string | number }>(
        await db.execute(sql`select state, count(*) as count from jobs group by state`),
      );
      const counts = new Map(rows.map((row) => [row.state, Number(row.count)]));
      for (const state of jobState.enumValues) this.set({ state }, counts.get(state) ?? 0);
    },
  });
  return {
    registry,
    jobDuration: new Histogram({
      name: 'mlc_job_duration_seconds',
      help: 'Time one attempt of a job took, by kind and how it ended.',
      labelNames: ['kind', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    }),
    jobQueueWait: new Histogram({
      name: 'mlc_job_queue_wait_seconds',
      help: 'Time from a job being due to a worker starting it.',
      labelNames: ['kind'],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 900],
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'mlc_webhook_deliveries_total',
      help: 'Webhook deliveries received, by platform and outcome (accepted, replay, bad_signature, malformed, …).',
      labelNames: ['platform', 'outcome'],
      registers: [registry],
    }),
    outboundRequests: new Counter({
      name: 'mlc_outbound_requests_total',
      help: 'Calls to NetSuite and the storefronts, by target and HTTP status ("error" when no response came back).',
      labelNames: ['target', 'status'],
      registers: [registry],
    }),
    outboundDuration: new Histogram({
      name: 'mlc_outbound_request_duration_seconds',
      help: 'Duration of calls to NetSuite and the storefronts.',
      labelNames: ['target'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
  };
}
