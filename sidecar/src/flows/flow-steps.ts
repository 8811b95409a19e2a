/**
 * Steps every storefront flow starts with: the delivery that started the job, its connection, and turning a NetSuite
 * builder's refusal into a job error a merchant can read.
 */
import { eq } from 'drizzle-orm';
import type { Connection } from '../connections/connections.ts';
import { getConnection } from '../connections/connections.ts';
import type { Queryable } from '../db/client.ts';
import { inboundEvents } from '../db/schema.ts';
import type { Job } from '../jobs/job.ts';
import { PermanentJobError } from '../jobs/job-errors.ts';
import { recordOf } from '../json-record.ts';
import type { BuildError, Built } from '../netsuite/builders/index.ts';
import { ERASED } from '../personal-data/erase-values.ts';

export interface Delivery {
  inboundEventId: string;
  connectionId: string;
  topic: string;
  body: string;
}

/** The stored delivery a job was enqueued for; gone (erased or past retention) is permanent. */
export async function loadDelivery(db: Queryable, job: Job): Promise<Delivery> {
  const { inboundEventId } = recordOf(job.payload);
  const [event] =
    typeof inboundEventId === 'string'
      ? await db.select().from(inboundEvents).where(eq(inboundEvents.id, inboundEventId))
      : [];
  if (!event || event.body === null) {
    throw new PermanentJobError(
      'DELIVERY_NOT_FOUND',
      'The delivery this job was started by is no longer stored (deleted or past retention): replay it from WooCommerce.',
      { inboundEventId },
    );
  }
  if (event.body.includes(JSON.stringify(ERASED))) {
    throw new PermanentJobError(
      'PERSONAL_DATA_ERASED',
      "The shopper's personal data in this delivery was erased on request: it can no longer be sent to NetSuite.",
      { inboundEventId },
    );
  }
  return { inboundEventId: event.id, connectionId: event.connectionId, topic: event.topic, body: event.body };
}

export async function requireConnection(db: Queryable, id: string): Promise<Connection> {
  const connection = await getConnection(db, id);
  if (!connection) throw new PermanentJobError('CONNECTION_NOT_FOUND', `Connection ${id} no longer exists.`);
  return connection;
}

/** A delivery body as JSON; one that is not is permanent (a redelivery would carry the same bytes). */
export function parseDeliveryBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new PermanentJobError('PAYLOAD_INVALID', 'The delivery body is not JSON.');
  }
}

/** A builder's result, or a permanent job error naming what could not be built and why. */
export function built<T>(result: Built<T>, what: string): T {
  if (result.ok) return result.value;
  throw invalidBody(result.error, what);
}

const invalidBody = (error: BuildError, what: string) =>
  new PermanentJobError(`NETSUITE_${error.code}`, `The ${what} could not be built: ${error.message}`);
