import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { AuditLog } from '../../sidecar/src/audit/audit-log.ts';
import { OutboundCalls } from '../../sidecar/src/audit/outbound-call.ts';
import { type Database, openDatabase } from '../../sidecar/src/db/client.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';
import { createMetrics } from '../../sidecar/src/metrics.ts';
import {
  type NetSuiteClient,
  NetSuiteClients,
  type NetSuiteClientsOptions,
  type NetSuiteConnection,
} from '../../sidecar/src/netsuite/client.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { type ServedSimulator, simControl, startSimulator } from '../simulators/netsuite/test-support.ts';

export const SIM_ACCOUNT = 'TSTDRV1234567';
const integration = { clientId: 'mlc-client', certificateId: 'mlc-cert' };

/**
 * The production NetSuite client wired to a served NetSuite simulator, as a sidecar would be: an M2M integration with
 * a 3072-bit key (the smallest NetSuite accepts), an in-memory database for the audit trail and the cap.
 */
export async function startClientHarness() {
  const served: ServedSimulator = await startSimulator();
  const keys = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
  const privateKey = await exportPKCS8(keys.privateKey);
  const publicKeyPem = await exportSPKI(keys.publicKey);
  const database: Database = await openDatabase({});
  await migrate(database.db);
  const redactor = new Redactor();
  const outbound = new OutboundCalls(database.db, new AuditLog(redactor), createMetrics(database.db));

  return {
    served,
    database,
    outbound,
    redactor,
    privateKey,
    integration,
    control: (method: string, path: string, body?: unknown) => simControl(served.url, method, path, body),

    /** A fresh account with the integration registered (tokens issued before are gone with the reset). */
    async resetAccount(): Promise<void> {
      await simControl(served.url, 'POST', '/__sim/reset', { accountId: SIM_ACCOUNT });
      await simControl(served.url, 'POST', '/__sim/integrations', { ...integration, publicKeyPem });
    },

    /** Backoff sleeps are skipped unless the caller passes its own `sleep` (or `undefined` for real ones). */
    connect(
      overrides: Partial<NetSuiteConnection> = {},
      clientsOptions: Partial<Omit<NetSuiteClientsOptions, 'database' | 'outbound' | 'secrets'>> = {
        sleep: async () => {},
      },
    ): NetSuiteClient {
      return new NetSuiteClients({ database, outbound, secrets: redactor, ...clientsOptions }).connect({
        accountId: SIM_ACCOUNT,
        origin: served.url,
        auth: { kind: 'm2m', ...integration, privateKey },
        concurrency: { cap: 4 },
        ...overrides,
      });
    },

    async close(): Promise<void> {
      await served.close();
      await database.close();
    },
  };
}

export type ClientHarness = Awaited<ReturnType<typeof startClientHarness>>;
