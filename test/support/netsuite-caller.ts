/**
 * A sidecar-like process for the NetSuite cap tests: it connects to the shared PostgreSQL (where the account-wide
 * permits live) and to the simulator, upserts `CALLS` customers at once, and prints what happened as JSON.
 */
import { readFileSync } from 'node:fs';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { OutboundCalls } from '../../sidecar/src/audit/outbound-call.ts';
import { openDatabase } from '../../sidecar/src/db/client.ts';
import { createMetrics } from '../../sidecar/src/metrics.ts';
import { NetSuiteClients } from '../../sidecar/src/netsuite/client.ts';
import { Redactor } from '../../sidecar/src/redact.ts';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
};

const database = await openDatabase({ databaseUrl: env('DATABASE_URL'), poolSize: 4 });
const redactor = new Redactor();
const outbound = new OutboundCalls(database.db, new AuditLog(redactor), createMetrics(database.db));
const client = new NetSuiteClients({ database, outbound, secrets: redactor }).connect({
  accountId: env('NS_ACCOUNT'),
  origin: env('SIM_URL'),
  auth: {
    kind: 'm2m',
    clientId: env('NS_CLIENT_ID'),
    certificateId: env('NS_CERTIFICATE_ID'),
    privateKey: readFileSync(env('NS_PRIVATE_KEY_FILE'), 'utf8'),
  },
  concurrency: { cap: Number(env('NS_CAP')) },
});

const prefix = env('CALLER_PREFIX');
const outcomes = await Promise.allSettled(
  Array.from({ length: Number(env('CALLS')) }, (_, i) =>
    client.upsert('customer', `WOO_CUST_${prefix}_${i}`, { companyName: `Customer ${prefix} ${i}` }),
  ),
);
const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
console.log(JSON.stringify({ succeeded: outcomes.length - failures.length, failures }));
await database.close();
