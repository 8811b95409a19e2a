/** One order job's flow as its steps share it: the services, the job, the connection and the order. */
import type { Order } from '../canonical/order.ts';
import type { Connection } from '../connections/connections.ts';
import type { JobContext } from '../jobs/handler.ts';
import type { Job } from '../jobs/job.ts';
import { toCents } from '../netsuite/builders/index.ts';
import type { JobServices } from '../sidecar.ts';

export interface OrderFlow {
  services: JobServices;
  job: Job;
  context: JobContext;
  connection: Connection;
  order: Order;
}

/** What the review queue shows of a held order. */
export const heldOrderOf = (order: Order) => ({ number: order.number, total: order.totals.total });

/** A NetSuite total as it reads back (a JSON number or text) in cents; undefined when it is neither. */
export const netsuiteCents = (value: unknown): bigint | undefined =>
  typeof value === 'number' ? toCents(value.toFixed(2)) : typeof value === 'string' ? toCents(value) : undefined;
