import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NetSuiteClient } from '../../sidecar/src/netsuite/client.ts';
import type { SimRecord } from '../simulators/netsuite/store.ts';
import { peakInFlight, requestLog, type ServedSimulator } from '../simulators/netsuite/test-support.ts';
import { createPostgresDatabase, postgresServerUrl } from '../support/databases.ts';
import { type ClientHarness, SIM_ACCOUNT, startClientHarness } from '../support/netsuite-client-harness.ts';

const callerScript = new URL('../support/netsuite-caller.ts', import.meta.url).pathname;

describe('NetSuite client against the simulator, at scale', () => {
  let harness: ClientHarness;
  let served: ServedSimulator;
  const folder = mkdtempSync(join(tmpdir(), 'mlc-netsuite-scale-'));

  const control = (method: string, path: string, body?: unknown) => harness.control(method, path, body);
  const loggedRequests = () => requestLog(served.url);

  beforeAll(async () => {
    harness = await startClientHarness();
    served = harness.served;
  });
  afterAll(async () => {
    await harness?.close();
    rmSync(folder, { recursive: true, force: true });
  });
  beforeEach(() => harness.resetAccount());

  it.skipIf(!postgresServerUrl())(
    '[postgresql] 40 callers in two processes, cap 3 = limit 3: all succeed, never more than 3 in flight',
    async () => {
      const database = await createPostgresDatabase();
      try {
        await control('PUT', '/__sim/governance', { concurrencyLimit: 3, latencyMs: 40 });
        const keyFile = join(folder, 'private-key.pem');
        writeFileSync(keyFile, harness.privateKey, { mode: 0o600 });
        const run = (prefix: string) =>
          promisify(execFile)(process.execPath, [callerScript], {
            timeout: 60_000,
            env: {
              ...process.env,
              DATABASE_URL: database.url,
              SIM_URL: served.url,
              NS_ACCOUNT: SIM_ACCOUNT,
              NS_CLIENT_ID: harness.integration.clientId,
              NS_CERTIFICATE_ID: harness.integration.certificateId,
              NS_PRIVATE_KEY_FILE: keyFile,
              NS_CAP: '3',
              CALLS: '20',
              CALLER_PREFIX: prefix,
            },
          });
        const results = await Promise.all([run('A'), run('B')]);
        for (const { stdout } of results) expect(JSON.parse(stdout)).toEqual({ succeeded: 20, failures: [] });
        const requests = (await loggedRequests()).filter((request) => request.path.includes('/record/v1/'));
        expect(requests.filter((request) => request.admitted)).toHaveLength(40);
        expect(requests.filter((request) => request.status === 429)).toEqual([]);
        expect(peakInFlight(requests)).toBeLessThanOrEqual(3);
        expect(peakInFlight(requests)).toBeGreaterThanOrEqual(2);
        expect(served.sim.store.all('customer')).toHaveLength(40);
      } finally {
        await database.close();
      }
    },
    90_000,
  );

  describe('in one process', () => {
    let client: NetSuiteClient;

    beforeAll(() => {
      client = harness.connect();
    });

    it('leaves exactly one record per externalId when a third of creates and transforms lose their answer', async () => {
      const seeded = (await (
        await control('POST', '/__sim/seed', {
          locations: [{ name: 'Main' }],
          items: [{ itemId: 'SKU-RED-M', type: 'inventoryItem', basePrice: '19.99', stock: { Main: 1000 } }],
        })
      ).json()) as { locations: { id: string }[]; items: { id: string }[] };
      const location = { id: seeded.locations[0]?.id ?? '' };
      const item = { id: seeded.items[0]?.id ?? '' };
      const customer = await client.create('customer', { companyName: 'Acme', externalId: 'WOO_CUST_1' });
      await control('PUT', '/__sim/governance', {
        faults: [{ kind: 503, rate: 0.34, phase: 'after', path: '/record/v1/salesOrder($|/[0-9]+/!transform)' }],
      });

      const orders = 24;
      for (let n = 1; n <= orders; n++) {
        const order = await client.create('salesOrder', {
          externalId: `WOO_ORDER_${n}`,
          entity: { id: customer.id },
          location,
          item: { items: [{ item, quantity: 1, rate: 19.99, location }] },
        });
        await client.transform('salesOrder', order.id, 'itemFulfillment', { externalId: `WOO_SHIP_${n}` });
      }

      const faulted = (await loggedRequests()).filter((request) => request.status === 503 && request.handled);
      expect(faulted.length).toBeGreaterThanOrEqual(4);
      const externalIds = (type: SimRecord['type']) =>
        served.sim.store
          .all(type)
          .map((record) => record.externalId)
          .sort();
      const expected = (prefix: string) => Array.from({ length: orders }, (_, i) => `${prefix}_${i + 1}`).sort();
      expect(externalIds('salesOrder')).toEqual(expected('WOO_ORDER'));
      expect(externalIds('itemFulfillment')).toEqual(expected('WOO_SHIP'));
    });

    it('pages SuiteQL over 2,500 rows, 1000 at a time', async () => {
      const { store } = served.sim;
      const now = served.sim.clock.now();
      for (let i = 0; i < 2_500; i++) {
        store.put({
          type: 'customer',
          id: store.nextId(),
          externalId: `WOO_CUST_${i}`,
          fields: { companyName: `Customer ${i}`, email: `c${i}@example.com`, isPerson: false, isInactive: false },
          createdAt: now,
          lastModified: now,
        });
      }
      const rows = [];
      for await (const row of client.suiteql('SELECT id, email FROM customer WHERE email LIKE ? ORDER BY id', ['c%']))
        rows.push(row);
      expect(rows).toHaveLength(2_500);
      expect(new Set(rows.map((row) => row.id)).size).toBe(2_500);
      expect(rows[0]).toEqual({ id: expect.any(String), email: 'c0@example.com' });
      // The reset before this test revoked the client's token: one 401 and a renewal may come first.
      const pages = (await loggedRequests()).filter(
        (request) => request.path.endsWith('/query/v1/suiteql') && request.status === 200,
      );
      expect(pages).toHaveLength(3);
    });
  });
});
