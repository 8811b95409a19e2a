/**
 * What the demo runs: the NetSuite simulator, the WooCommerce simulator and a real sidecar (production handlers and
 * schedules, PGlite in a temporary folder) on 127.0.0.1, then the merchant's setup: a NetSuite account with an M2M
 * integration, the store's products, a WooCommerce connection with its settings and the connector's webhooks.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { loadConfig } from '../../sidecar/src/config.ts';
import { productionHandlers } from '../../sidecar/src/flows/handlers.ts';
import { productionSchedules } from '../../sidecar/src/schedules/production.ts';
import { type Sidecar, startSidecar } from '../../sidecar/src/sidecar.ts';
import { CONNECTOR_TOPICS } from '../../sidecar/src/webhook-health/webhook-check.ts';
import { createNetSuiteSimulator, type NetSuiteSimulator } from '../../test/simulators/netsuite/simulator.ts';
import type { ServedApp } from '../../test/simulators/serve-app.ts';
import { createWooCommerceSimulator, type WooCommerceSimulator } from '../../test/simulators/woocommerce/simulator.ts';
import { WooSimControl } from '../../test/simulators/woocommerce/test-support.ts';
import { event } from './print.ts';

/** Fixed ports when free, so the URLs stay the same from one run to the next; any free port otherwise. */
export const DEFAULT_PORTS = { sidecar: 8787, netsuite: 8790, woocommerce: 8791 } as const;
const ACCOUNT_ID = 'TSTDRV5550001';
const INTEGRATION = { clientId: 'mlc-demo-client', certificateId: 'mlc-demo-cert' };
/** The simulator keeps no tax code list: any id is a valid reference. */
const TAX_CODE = '5';
/** The SKU the demo leaves unmapped, so its order is held: the recorded order's own line. */
export const UNMAPPED_SKU = 'HELDOUT-SKU-001';

export interface DemoWorld {
  dataDir: string;
  adminTokenFile: string;
  sidecarUrl: string;
  netsuiteUrl: string;
  wooUrl: string;
  netsuite: NetSuiteSimulator;
  woo: WooCommerceSimulator;
  control: WooSimControl;
  connectionId: string;
  /** NetSuite internal ids of what the account was seeded with. */
  ns: Record<'main' | 'west' | 'checking' | 'shirt' | 'mug' | 'widget' | 'shipping' | 'refunds', string>;
  taxRateId: number;
  /** Calls the admin API with the admin token; throws unless it answers one of `expected` (default 2xx). */
  api<T = Record<string, unknown>>(path: string, init?: RequestInit, expected?: number[]): Promise<T>;
  /** Calls NetSuite's REST API as the integration would (a bearer token the simulator issues). */
  netsuiteRest(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** `preferred` if nothing listens there on 127.0.0.1, else a free port the system picks. */
async function portFor(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(undefined));
      server.listen(port, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : undefined));
      });
    });
  const port = (await tryListen(preferred)) ?? (await tryListen(0));
  if (port === undefined) throw new Error('No free TCP port on 127.0.0.1');
  return port;
}

async function listenOn(app: { listen(port?: number): Promise<ServedApp> }, preferred: number): Promise<ServedApp> {
  try {
    return await app.listen(preferred);
  } catch {
    return app.listen(0);
  }
}

async function checked(response: Response, what: string, expected?: number[]): Promise<string> {
  const text = await response.text();
  const ok = expected ? expected.includes(response.status) : response.status >= 200 && response.status < 300;
  if (!ok) throw new Error(`${what}: ${response.status} ${text}`);
  return text;
}

/** Starts everything; what is started is stopped again when a later step fails. */
export async function startDemoWorld(): Promise<DemoWorld> {
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups.length = 0;
  };
  try {
    const dataDir = mkdtempSync(join(tmpdir(), 'mlc-demo-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const netsuite = createNetSuiteSimulator();
    const nsServed = await listenOn(netsuite, DEFAULT_PORTS.netsuite);
    cleanups.push(() => nsServed.close());
    event('netsuite', 'simulator listening', nsServed.url);

    const woo = createWooCommerceSimulator();
    const wooServed = await listenOn(woo, DEFAULT_PORTS.woocommerce);
    cleanups.push(() => wooServed.close());
    event('woocommerce', 'simulator listening', wooServed.url);

    const port = await portFor(DEFAULT_PORTS.sidecar);
    const config = loadConfig({
      PORT: String(port),
      HOST: '127.0.0.1',
      MLC_DATA_DIR: dataDir,
      MLC_LOG_LEVEL: 'info',
      // Quick turns for a demo: idle workers look every 100 ms, a retried job waits at most 2 s.
      MLC_JOB_POLL_MS: '100',
      MLC_JOB_BACKOFF_BASE_MS: '200',
      MLC_JOB_BACKOFF_CAP_MS: '2000',
      MLC_SHUTDOWN_GRACE_MS: '2000',
    });
    const logFile = join(dataDir, 'sidecar.log');
    const log = createWriteStream(logFile, { flags: 'a' });
    cleanups.push(() => new Promise<void>((resolve) => log.end(resolve)));
    const sidecar: Sidecar = await startSidecar(config, {
      handlers: productionHandlers,
      schedules: (services) => productionSchedules(services, config),
      logDestination: { write: (line: string) => void log.write(line) },
    });
    cleanups.push(() => sidecar.stop());
    event('sidecar', 'listening (PGlite)', `${sidecar.url}  data ${dataDir}  log ${logFile}`);

    const adminTokenFile = join(dataDir, 'admin-token');
    const adminToken = readFileSync(adminTokenFile, 'utf8').trim();
    const api = async <T>(path: string, init: RequestInit = {}, expected?: number[]): Promise<T> => {
      const headers = new Headers(init.headers);
      headers.set('authorization', `Bearer ${adminToken}`);
      if (init.body && !headers.has('content-type')) headers.set('content-type', 'application/json');
      const text = await checked(
        await fetch(`${sidecar.url}${path}`, { ...init, headers }),
        `${init.method ?? 'GET'} ${path}`,
        expected,
      );
      return (text ? JSON.parse(text) : undefined) as T;
    };
    const netsuiteRest = (path: string, init: RequestInit & { json?: unknown } = {}) => {
      const { json, ...rest } = init;
      const headers = new Headers(rest.headers);
      headers.set('authorization', `Bearer ${netsuite.auth.issueAccessToken()}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(`${nsServed.url}/services/rest/record/v1/${path}`, {
        ...rest,
        headers,
        ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
      });
    };
    const control = new WooSimControl(wooServed.url);
    const setup = await setUpMerchant({ api, nsUrl: nsServed.url, control, woo, wooUrl: wooServed.url });
    await warmSuiteQl(nsServed.url, netsuite);
    return {
      dataDir,
      adminTokenFile,
      sidecarUrl: sidecar.url,
      netsuiteUrl: nsServed.url,
      wooUrl: wooServed.url,
      netsuite,
      woo,
      control,
      ...setup,
      api,
      netsuiteRest,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The simulator answers SuiteQL from an embedded PostgreSQL (PGlite) that starts on the first query: seconds of
 * WebAssembly start-up that, in this one process, stall the sidecar too. Unwarmed, the first orders that query
 * NetSuite (a guest found by e-mail, an unmapped SKU looked up) waited for it, so a returning guest's order took 6–10 s
 * to reach its sales order while the jobs and the ledger showed nothing waiting: no lock, no retry, no backoff.
 * Real NetSuite has no such start, so it is paid here, during set-up, and said.
 */
async function warmSuiteQl(nsUrl: string, netsuite: NetSuiteSimulator): Promise<void> {
  const started = Date.now();
  const response = await fetch(`${nsUrl}/services/rest/query/v1/suiteql`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${netsuite.auth.issueAccessToken()}`,
      'content-type': 'application/json',
      prefer: 'transient',
    },
    body: JSON.stringify({ q: 'SELECT id FROM item' }),
  });
  await checked(response, 'POST /services/rest/query/v1/suiteql (warm-up)');
  event(
    'netsuite',
    'SuiteQL warmed up',
    `in ${((Date.now() - started) / 1000).toFixed(1)}s: the simulator's SuiteQL engine (embedded PostgreSQL) starts ` +
      'on its first query; NetSuite has no such wait, so it is not left to the first orders',
  );
}

async function simControl(url: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await checked(response, `POST ${path}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/** What a merchant sets up: NetSuite's lists, the integration, the store's catalogue, the connection, the webhooks. */
async function setUpMerchant(input: {
  api: DemoWorld['api'];
  nsUrl: string;
  control: WooSimControl;
  woo: WooCommerceSimulator;
  wooUrl: string;
}): Promise<Pick<DemoWorld, 'connectionId' | 'ns' | 'taxRateId'>> {
  const { api, nsUrl, control, woo, wooUrl } = input;
  // M2M credentials made now: the certificate (3072-bit RSA, the smallest NetSuite takes) goes to the simulator, its
  // private key to the sidecar's vault.
  const keys = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
  await simControl(nsUrl, '/__sim/reset', { accountId: ACCOUNT_ID });
  await simControl(nsUrl, '/__sim/integrations', { ...INTEGRATION, publicKeyPem: await exportSPKI(keys.publicKey) });
  const seeded = (await simControl(nsUrl, '/__sim/seed', {
    locations: [{ name: 'Main' }, { name: 'West' }],
    accounts: [
      { number: '1000', name: 'Checking', type: 'Bank' },
      { number: '4010', name: 'Merchandise Sales', type: 'Income' },
      { number: '4900', name: 'Shipping Income', type: 'Income' },
      { number: '4950', name: 'Refunds and Allowances', type: 'Income' },
    ],
    items: [
      { itemId: 'NS-SHIRT-BLACK-M', type: 'inventoryItem', incomeAccount: '4010', cost: '5.00', stock: { West: 100 } },
      { itemId: 'NS-MUG-WHITE', type: 'inventoryItem', incomeAccount: '4010', cost: '3.00', stock: { West: 100 } },
      { itemId: 'NS-WIDGET', type: 'inventoryItem', incomeAccount: '4010', cost: '7.00', stock: { West: 100 } },
      { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900' },
      { itemId: 'REFUND-ADJUSTMENT', type: 'otherChargeItem', incomeAccount: '4950' },
    ],
  })) as Record<'locations' | 'accounts' | 'items', { id: string }[]>;
  const id = (list: { id: string }[], index: number) => list[index]?.id ?? '';
  const ns = {
    main: id(seeded.locations, 0),
    west: id(seeded.locations, 1),
    checking: id(seeded.accounts, 0),
    shirt: id(seeded.items, 0),
    mug: id(seeded.items, 1),
    widget: id(seeded.items, 2),
    shipping: id(seeded.items, 3),
    refunds: id(seeded.items, 4),
  };
  event('netsuite', 'account seeded', `${ACCOUNT_ID}: 2 locations, 4 accounts, 5 items, M2M integration`);

  const key = woo.store.createKey({ description: 'ml-connector demo' });
  const taxRate = await control.createTaxRate({ percent: '10', label: 'State Tax', rate_code: 'US-CA-STATE' });
  for (const [name, sku, price] of [
    ['Cotton T-Shirt - Black, M', 'TSHIRT-BLK-M', '12.00'],
    ['Ceramic Mug', 'MUG-WHT', '8.00'],
    // The product of the order recorded from a real WooCommerce 11.0.1 (/work/shared/fixtures).
    ['Heldout Widget', UNMAPPED_SKU, '19.99'],
  ] as const) {
    await control.createProduct({ name, sku, regular_price: price, manage_stock: true, stock_quantity: 500 });
  }
  event('woocommerce', 'store set up', '3 products, a 10 % tax rate, a read_write REST key');

  const account = await api<{ id: string }>('/api/v1/netsuite-accounts', {
    method: 'POST',
    body: JSON.stringify({
      accountId: ACCOUNT_ID,
      baseUrl: nsUrl,
      auth: { type: 'm2m', ...INTEGRATION, privateKeyPem: await exportPKCS8(keys.privateKey) },
    }),
  });
  const webhookSecret = randomBytes(24).toString('base64url');
  const connection = await api<{ id: string; webhookUrl: string }>('/api/v1/connections', {
    method: 'POST',
    body: JSON.stringify({
      platform: 'woocommerce',
      name: 'Demo shop',
      storeUrl: wooUrl,
      netsuiteAccountId: account.id,
      webhookSecret,
      credentials: { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret },
      settings: {
        masterLocationId: ns.main,
        locationRules: [{ country: 'US', state: 'CA', locationId: ns.west }],
        shippingItems: { flat_rate: ns.shipping },
        paymentMethods: { stripe: { accountId: ns.checking }, bacs: { accountId: ns.checking } },
        taxCodes: { [String(taxRate.id)]: TAX_CODE },
        refundItemId: ns.refunds,
        goLiveAt: '2020-01-01T00:00:00Z',
      },
    }),
  });
  event('sidecar', 'connection created', `${connection.id}  webhooks → ${connection.webhookUrl}`);
  for (const [sku, item] of [
    ['TSHIRT-BLK-M', ns.shirt],
    ['MUG-WHT', ns.mug],
  ] as const) {
    await api(`/api/v1/sku-mappings/${sku}`, {
      method: 'PUT',
      body: JSON.stringify({ netsuiteItemId: item, connectionId: connection.id }),
    });
    event('sidecar', 'SKU mapped', `${sku} → NetSuite item ${item}`);
  }
  event('sidecar', 'SKU left unmapped', `${UNMAPPED_SKU} (on purpose: its order will be held)`);
  for (const topic of CONNECTOR_TOPICS) {
    const webhook = await control.createWebhook({
      name: `ml-connector ${topic}`,
      topic,
      delivery_url: connection.webhookUrl,
      secret: webhookSecret,
    });
    if (webhook.pending_delivery) throw new Error(`The sidecar did not answer the ${topic} webhook's ping`);
  }
  event('woocommerce', 'webhooks saved', '8 topics, signed with the connection secret, pinged OK');
  return { connectionId: connection.id, ns, taxRateId: taxRate.id };
}
