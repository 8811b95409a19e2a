/**
 * The connector end to end: the WooCommerce simulator's own webhooks (signed with their secret, sent when the test
 * flushes WooCommerce's queue) → a real sidecar with the production handlers → the NetSuite simulator. One store,
 * one NetSuite account with its lists, items and accounts, one connection holding the store's REST key, and a
 * WooCommerce webhook per topic the connector listens to, pointed at the connection's webhook URL.
 */
import { v7 as uuidv7 } from 'uuid';
import { expect } from 'vitest';
import type { DatabaseKind } from '../../sidecar/src/db/client.ts';
import { skuMappings } from '../../sidecar/src/db/schema.ts';
import { productionHandlers } from '../../sidecar/src/flows/handlers.ts';
import type { SidecarOptions } from '../../sidecar/src/sidecar.ts';
import { CONNECTOR_TOPICS } from '../../sidecar/src/webhook-health/webhook-check.ts';
import type { ServedSimulator } from '../simulators/netsuite/test-support.ts';
import type { OrderInput } from '../simulators/woocommerce/orders.ts';
import {
  type Json,
  type StartedWooCommerceSimulator,
  startWooCommerceSimulator,
  type WebhookState,
} from '../simulators/woocommerce/test-support.ts';
import type { DeliveryLogEntry } from '../simulators/woocommerce/webhooks.ts';
import {
  connectStore,
  type NetSuiteAccount,
  seedNetSuite,
  startNetSuiteAccount,
  type WooCommerceConnection,
} from './connector-setup.ts';
import { SHOP_ACCOUNTS } from './netsuite-books.ts';
import { startTestSidecar, type TestSidecar } from './sidecar-harness.ts';

/** A NetSuite tax code id; the simulator keeps no tax code list, so any id is a valid reference. */
export const TAX_CODE = '5';
const ACCOUNT = 'TSTDRV5550003';
const INTEGRATION = { clientId: 'mlc-e2e-client', certificateId: 'mlc-e2e-cert' };

/** Jobs in these states still have work to do. */
const UNSETTLED = new Set(['queued', 'running', 'retrying']);
/** States that stop the later jobs of their entity until the merchant acts. */
const BLOCKING = new Set(['held', 'dead']);

export interface JobView {
  id: string;
  kind: string;
  entityKey: string;
  state: string;
  attempts: number;
  replays: number;
  lastError: { code: string; message: string; detail?: unknown } | null;
  payload: { inboundEventId: string; topic: string };
}

/** A shopper in California: the connection's location rule sends these orders to the West warehouse. */
export const CALIFORNIA = {
  first_name: 'Ada',
  last_name: 'Lovelace',
  address_1: '1 Analytical Way',
  city: 'San Francisco',
  state: 'CA',
  postcode: '94103',
  country: 'US',
};

export interface EndToEnd {
  netsuite: ServedSimulator;
  woo: StartedWooCommerceSimulator;
  sidecar: TestSidecar;
  connectionId: string;
  webhookUrl: string;
  webhookSecret: string;
  /** NetSuite internal ids of what the account was seeded with. */
  ns: Record<'main' | 'west' | 'checking' | 'shirt' | 'mug' | 'poster' | 'shipping' | 'refunds', string>;
  /** The store's 10 % tax rate (shipping taxed too). */
  taxRateId: number;
  /** The connector's webhooks in the store, by topic. */
  webhooks: Map<string, WebhookState>;
  close(): Promise<void>;
}

async function seedShop(served: ServedSimulator): Promise<EndToEnd['ns']> {
  const { locations, accounts, items } = await seedNetSuite(served, {
    locations: [{ name: 'Main' }, { name: 'West' }],
    accounts: SHOP_ACCOUNTS,
    items: [
      { itemId: 'NS-SHIRT-BLACK-M', type: 'inventoryItem', incomeAccount: '4010', cost: '5.00', stock: { West: 100 } },
      { itemId: 'NS-MUG-WHITE', type: 'inventoryItem', incomeAccount: '4010', cost: '3.00', stock: { West: 100 } },
      { itemId: 'NS-POSTER-A2', type: 'inventoryItem', incomeAccount: '4010', cost: '4.00', stock: { West: 100 } },
      { itemId: 'SHIPPING', type: 'otherChargeItem', incomeAccount: '4900' },
      { itemId: 'REFUND-ADJUSTMENT', type: 'otherChargeItem', incomeAccount: '4950' },
    ],
  });
  const id = (list: string[], index: number) => list[index] ?? '';
  return {
    main: id(locations, 0),
    west: id(locations, 1),
    checking: id(accounts, 0),
    shirt: id(items, 0),
    mug: id(items, 1),
    poster: id(items, 2),
    shipping: id(items, 3),
    refunds: id(items, 4),
  };
}

/** The connection the merchant would set up: the store's URL and REST key, NetSuite's ids in its settings. */
function connect(
  sidecar: TestSidecar,
  account: NetSuiteAccount,
  ns: EndToEnd['ns'],
  woo: StartedWooCommerceSimulator,
  taxRateId: number,
): Promise<WooCommerceConnection> {
  return connectStore(sidecar, account, {
    name: 'End-to-end shop',
    storeUrl: woo.url,
    credentials: woo.credentials,
    settings: {
      masterLocationId: ns.main,
      locationRules: [{ country: 'US', state: 'CA', locationId: ns.west }],
      shippingItems: { flat_rate: ns.shipping },
      paymentMethods: { stripe: { accountId: ns.checking } },
      taxCodes: { [String(taxRateId)]: TAX_CODE },
      refundItemId: ns.refunds,
      goLiveAt: '2020-01-01T00:00:00Z',
    },
  });
}

/**
 * Everything started and wired; `env` goes to the sidecar (jobs are polled every 20 ms and retried after at most
 * 50 ms, doubling to 400 ms, unless it says otherwise); `options.schedules` are the schedules it runs (none unless
 * given).
 */
export async function startEndToEnd(
  kind: DatabaseKind,
  env: Record<string, string> = {},
  options: { schedules?: SidecarOptions['schedules'] } = {},
): Promise<EndToEnd> {
  const { served, account } = await startNetSuiteAccount(ACCOUNT, INTEGRATION);
  const woo = await startWooCommerceSimulator();
  const sidecar = await startTestSidecar(kind, {
    handlers: productionHandlers,
    ...(options.schedules ? { schedules: options.schedules } : {}),
    env: { MLC_JOB_BACKOFF_BASE_MS: '50', MLC_JOB_BACKOFF_CAP_MS: '400', ...env },
  });
  const close = async () => {
    await sidecar.close();
    await woo.stop();
    await served.close();
  };
  try {
    const ns = await seedShop(served);
    const taxRate = await woo.control.createTaxRate({ percent: '10', label: 'State Tax', rate_code: 'US-CA-STATE' });
    for (const [name, sku, price] of [
      ['Cotton T-Shirt - Black, M', 'TSHIRT-BLK-M', '12.00'],
      ['Ceramic Mug', 'MUG-WHT', '8.00'],
      ['Poster A2', 'POSTER-A2', '15.00'],
    ] as const) {
      await woo.control.createProduct({ name, sku, regular_price: price, manage_stock: true, stock_quantity: 500 });
    }
    const wiring = await connect(sidecar, account, ns, woo, taxRate.id);
    for (const [sku, item] of [
      ['TSHIRT-BLK-M', ns.shirt],
      ['MUG-WHT', ns.mug],
    ] as const) {
      const mapped = await sidecar.call(`/api/v1/sku-mappings/${sku}`, {
        method: 'PUT',
        body: JSON.stringify({ netsuiteItemId: item, connectionId: wiring.connectionId }),
      });
      expect(mapped.status, mapped.text).toBe(200);
    }
    const webhooks = new Map<string, WebhookState>();
    for (const topic of CONNECTOR_TOPICS) {
      const webhook = await woo.control.createWebhook({
        name: `ml-connector ${topic}`,
        topic,
        delivery_url: wiring.webhookUrl,
        secret: wiring.webhookSecret,
      });
      // Saved active, it was pinged; the sidecar answers a ping 200, which clears its pending delivery.
      expect(webhook.pending_delivery, `${topic} webhook ping`).toBe(false);
      webhooks.set(topic, webhook);
    }
    return { netsuite: served, woo, sidecar, ...wiring, ns, taxRateId: taxRate.id, webhooks, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Sends what WooCommerce has queued; every delivery must have been accepted. */
export async function deliverQueued(world: EndToEnd): Promise<DeliveryLogEntry[]> {
  const sent = await world.woo.control.flush();
  for (const entry of sent) {
    expect({ topic: entry.topic, status: entry.status, error: entry.error }).toEqual({
      topic: entry.topic,
      status: 200,
      error: null,
    });
  }
  return sent;
}

/** A paid order from a Californian shopper, paid by Stripe, shipped at a flat rate of 5.00, taxed at 10 %. */
export function placePaidOrder(
  world: EndToEnd,
  lines: OrderInput['line_items'],
  extra: Partial<OrderInput> = {},
): Promise<Json> {
  return world.woo.control.placeOrder({
    billing: { ...CALIFORNIA, email: 'ada@example.test', phone: '555-0100' },
    shipping: CALIFORNIA,
    payment_method: 'stripe',
    payment_method_title: 'Credit Card (Stripe)',
    line_items: lines,
    shipping_lines: [{ method_id: 'flat_rate', method_title: 'Flat rate', total: '5.00' }],
    tax_rate_ids: [world.taxRateId],
    set_paid: true,
    ...extra,
  });
}

const entityKey = (world: EndToEnd, resource: 'order' | 'customer', id: number) =>
  `woocommerce:${world.connectionId}:${resource}:${id}`;

/** The jobs of one order or customer, oldest first. */
export async function jobsOf(world: EndToEnd, resource: 'order' | 'customer', id: number): Promise<JobView[]> {
  const key = encodeURIComponent(entityKey(world, resource, id));
  const response = await world.sidecar.call(`/api/v1/jobs?entityKey=${key}&limit=200`);
  expect(response.status, response.text).toBe(200);
  return (response.json().items as JobView[]).reverse();
}

/**
 * Waits until the order's (or customer's) jobs are done: none queued, running or retrying, unless queued behind a
 * held or dead one, which waits for the merchant. Returns them, oldest first.
 */
export async function settledJobs(
  world: EndToEnd,
  resource: 'order' | 'customer',
  id: number,
  withinMs = 25_000,
): Promise<JobView[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const jobs = await jobsOf(world, resource, id);
    const blocked = jobs.some((job) => BLOCKING.has(job.state));
    const busy = jobs.some((job) => UNSETTLED.has(job.state) && !(blocked && job.state === 'queued'));
    if (jobs.length > 0 && !busy) return jobs;
    if (Date.now() > deadline) {
      throw new Error(`The jobs of ${resource} ${id} did not settle: ${jobs.map((job) => job.state).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What a job's timeline says, in order. */
export async function timelineOf(world: EndToEnd, jobId: string): Promise<string[]> {
  const response = await world.sidecar.call(`/api/v1/jobs/${jobId}`);
  return (response.json().timeline as { message: string }[]).map((event) => event.message);
}

/** What the transport sets, not the sender: left to fetch. */
const TRANSPORT_HEADERS = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

/** Sends a logged WooCommerce delivery to the sidecar again, byte for byte, with the headers WooCommerce sent. */
export function resend(world: EndToEnd, entry: DeliveryLogEntry): Promise<Response> {
  return fetch(world.webhookUrl, {
    method: 'POST',
    headers: entry.requestHeaders.filter(([name]) => !TRANSPORT_HEADERS.has(name.toLowerCase())),
    body: entry.body,
  });
}

/** Changes the store's settings through the admin API, as the Mappings screen does; they must be accepted. */
export async function patchSettings(world: EndToEnd, settings: Record<string, unknown>): Promise<void> {
  const response = await world.sidecar.call(`/api/v1/connections/${world.connectionId}`, {
    method: 'PATCH',
    body: JSON.stringify({ settings }),
  });
  expect(response.status, response.text).toBe(200);
}

/** Runs a schedule now through the admin API (it must answer 200); answers the schedule as it then stands. */
export async function runSchedule(world: EndToEnd, name: string) {
  const response = await world.sidecar.call(`/api/v1/schedules/${name}/run`, { method: 'POST' });
  expect(response.status, response.text).toBe(200);
  return response.json();
}

/**
 * Maps SKUs to NetSuite items as the merchant's own mappings, written straight to the sidecar's database: quicker
 * than the admin API for a thousand, and releases no held order.
 */
export async function mapSkus(world: EndToEnd, mappings: readonly { sku: string; netsuiteItemId: string }[]) {
  await world.sidecar.sidecar.database.db.insert(skuMappings).values(
    mappings.map((mapping) => ({
      id: uuidv7(),
      ...mapping,
      connectionId: world.connectionId,
      source: 'merchant' as const,
    })),
  );
}

/** The product batch calls (`POST …/batch`, a product's variations' too) the store has received so far. */
export const batchCalls = (world: EndToEnd) =>
  world.woo.sim.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/batch'));

/** The store's product or variation with this SKU. */
export const storeProduct = (world: EndToEnd, sku: string) =>
  [...world.woo.sim.store.products.values()].find((product) => product.sku === sku);
