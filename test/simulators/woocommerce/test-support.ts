/**
 * Starting the WooCommerce simulator in a test, its control API as typed calls, and a webhook receiver to point its
 * webhooks at. Everything listens on 127.0.0.1.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KEEP_ALIVE_SERVER_OPTIONS } from '../../../sidecar/src/http/keep-alive.ts';
import type { KeyPermissions } from './model.ts';
import type { OrderInput, RefundInput } from './orders.ts';
import type { RestLogEntry } from './rest.ts';
import type { WooSimSettings } from './settings.ts';
import { createWooCommerceSimulator, type WooCommerceSimulator } from './simulator.ts';
import type { CustomerInput, ProductInput } from './store.ts';
import type { DeliveryLogEntry, PendingDelivery, WebhookInput } from './webhooks.ts';

/** JSON objects as the simulator renders them (REST shapes). */
export type Json = Record<string, unknown> & { id: number };

export interface WebhookState {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'disabled';
  topic: string;
  delivery_url: string;
  secret: string;
  api_version: number;
  failure_count: number;
  pending_delivery: boolean;
}

export interface ApiKeyInfo {
  key_id: number;
  permissions: KeyPermissions;
  consumer_key: string;
  consumer_secret: string;
}

/** The control API (`/__sim/…`) of a simulator at `url`; every call throws unless it answers 2xx. */
export class WooSimControl {
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__sim${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} /__sim${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  reset(settings: Partial<WooSimSettings> = {}): Promise<void> {
    return this.call('POST', '/reset', settings);
  }

  createApiKey(input: { permissions?: KeyPermissions; consumer_key?: string; consumer_secret?: string } = {}) {
    return this.call<ApiKeyInfo>('POST', '/keys', input);
  }

  createTaxRate(input: { percent: string; label?: string; rate_code?: string; shipping?: boolean }) {
    return this.call<{ id: number }>('POST', '/tax-rates', input);
  }

  createProduct(input: ProductInput) {
    return this.call<Json>('POST', '/products', input);
  }

  updateProduct(id: number, fields: Record<string, unknown>) {
    return this.call<Json>('PATCH', `/products/${id}`, fields);
  }

  createCustomer(input: CustomerInput) {
    return this.call<Json>('POST', '/customers', input);
  }

  updateCustomer(id: number, input: Partial<CustomerInput>) {
    return this.call<Json>('PATCH', `/customers/${id}`, input);
  }

  deleteCustomer(id: number) {
    return this.call<void>('DELETE', `/customers/${id}`);
  }

  /** A shopper's order; `set_paid: true` pays it at once. Fires `order.created` and `order.updated`. */
  placeOrder(input: OrderInput) {
    return this.call<Json>('POST', '/orders', input);
  }

  updateOrder(id: number, body: Record<string, unknown>) {
    return this.call<Json>('PATCH', `/orders/${id}`, body);
  }

  setOrderStatus(id: number, status: string) {
    return this.call<Json>('POST', `/orders/${id}/status`, { status });
  }

  markPaid(id: number, transactionId?: string) {
    return this.call<Json>('POST', `/orders/${id}/pay`, transactionId ? { transaction_id: transactionId } : {});
  }

  /** By lines (`line_items: [{ id, quantity, refund_total, refund_tax }]`, shipping and fee lines too) or amount only. */
  refund(orderId: number, input: RefundInput) {
    return this.call<Json>('POST', `/orders/${orderId}/refunds`, input);
  }

  trashOrder(id: number) {
    return this.call<Json>('POST', `/orders/${id}/trash`);
  }

  restoreOrder(id: number) {
    return this.call<Json>('POST', `/orders/${id}/restore`);
  }

  /** A webhook as the admin screen saves it: active ones are pinged (unsigned `webhook_id=N`). */
  createWebhook(input: WebhookInput) {
    return this.call<WebhookState>('POST', '/webhooks', input);
  }

  /** Delivery target, secret, status, name, topic or `failure_count`; pings as WooCommerce's data store does. */
  updateWebhook(id: number, patch: Partial<WebhookInput> & { failure_count?: number }) {
    return this.call<WebhookState>('PATCH', `/webhooks/${id}`, patch);
  }

  webhook(id: number) {
    return this.call<WebhookState>('GET', `/webhooks/${id}`);
  }

  fireAction(hook: string, arg: number | string) {
    return this.call<void>('POST', '/actions', { hook, arg });
  }

  /** The next `times` deliveries (of one webhook, or any) fail without being sent: `status` or, with null, no answer. */
  failDeliveries(fault: { webhook_id?: number; times?: number; status?: number | null } = {}) {
    return this.call<unknown>('POST', '/deliveries/fail', fault);
  }

  clearFaults() {
    return this.call<void>('DELETE', '/deliveries/fail');
  }

  /** Delivers everything queued, oldest first, and answers what each delivery did. */
  async flush(): Promise<DeliveryLogEntry[]> {
    return (await this.call<{ items: DeliveryLogEntry[] }>('POST', '/deliveries/flush')).items;
  }

  async pending(): Promise<PendingDelivery[]> {
    return (await this.call<{ items: PendingDelivery[] }>('GET', '/deliveries/pending')).items;
  }

  async deliveries(filter: { webhook_id?: number; kind?: 'delivery' | 'ping' } = {}): Promise<DeliveryLogEntry[]> {
    const query = new URLSearchParams(
      Object.entries(filter).map(([name, value]): [string, string] => [name, String(value)]),
    );
    return (await this.call<{ items: DeliveryLogEntry[] }>('GET', `/deliveries?${query}`)).items;
  }

  clock(change: { advance_ms?: number; freeze?: boolean; freeze_at?: string | number; unfreeze?: boolean }) {
    return this.call<{ now: string }>('POST', '/clock', change);
  }

  async requests(): Promise<RestLogEntry[]> {
    return (await this.call<{ items: RestLogEntry[] }>('GET', '/requests')).items;
  }
}

export interface StartedWooCommerceSimulator {
  /** `http://127.0.0.1:<port>`: the store's home URL, REST under `/wp-json/wc/v3`. */
  url: string;
  /** The simulator object itself, for what the control API does not cover. */
  sim: WooCommerceSimulator;
  /** A `read_write` REST API key, kept across `control.reset()`. */
  credentials: { consumerKey: string; consumerSecret: string };
  control: WooSimControl;
  stop(): Promise<void>;
}

/** A WooCommerce simulator served on 127.0.0.1 with `settings`, and a REST API key for the client under test. */
export async function startWooCommerceSimulator(
  settings: Partial<WooSimSettings> = {},
): Promise<StartedWooCommerceSimulator> {
  const sim = createWooCommerceSimulator(settings);
  const { url, close } = await sim.listen(0);
  const key = sim.store.createKey({ description: 'test' });
  const credentials = { consumerKey: key.consumerKey, consumerSecret: key.consumerSecret };
  const control = new WooSimControl(url);
  const reset = control.reset.bind(control);
  control.reset = async (next = {}) => {
    await reset(next);
    await control.createApiKey({ consumer_key: credentials.consumerKey, consumer_secret: credentials.consumerSecret });
  };
  return { url, sim, credentials, control, stop: close };
}

export interface ReceivedRequest {
  method: string;
  /** Header pairs as they arrived, names as sent. */
  rawHeaders: [string, string][];
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /** The status answered from now on (default 200). */
  respondWith(status: number): void;
  stop(): Promise<void>;
}

/** A listener on 127.0.0.1 that records every request and answers `respondWith`'s status. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  let status = 200;
  const server = createServer(KEEP_ALIVE_SERVER_OPTIONS, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const rawHeaders: [string, string][] = [];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        rawHeaders.push([request.rawHeaders[i] ?? '', request.rawHeaders[i + 1] ?? '']);
      }
      received.push({
        method: request.method ?? '',
        rawHeaders,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
    respondWith: (next) => {
      status = next;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
