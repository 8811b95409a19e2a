/**
 * WooCommerce's webhooks: the records, the hooks they listen to, the per-request de-duplication and the Action
 * Scheduler queue (one pending delivery per webhook and resource), delivery exactly as `WC_Webhook::deliver()` does
 * it (payload built at delivery time, signed, seven `X-WC-Webhook-*` headers, no retries, failures counted and the
 * webhook disabled past `woocommerce_max_webhook_delivery_failures`), and the unsigned creation ping.
 */
import { createHmac, randomInt } from 'node:crypto';
import type { SimClock } from './clock.ts';
import { isSafeUrl, type SendResult, send } from './http-send.ts';
import type { Webhook, WebhookStatus } from './model.ts';
import { phpJsonEncode, specialCharsDecode } from './php.ts';
import { type Renderer, splitTopic } from './render.ts';
import type { WooSimSettings } from './settings.ts';
import { WooSimError, type WooStore } from './store.ts';
import { hooksOf, isValidTopic } from './topics.ts';

export interface DeliveryLogEntry {
  kind: 'delivery' | 'ping';
  webhookId: number;
  /** null for a ping. */
  topic: string | null;
  deliveryId: string | null;
  url: string;
  /** As sent, in order. */
  requestHeaders: [string, string][];
  body: string;
  /** The receiver's status; null when none came (timeout, refused, unsafe URL, injected network fault). */
  status: number | null;
  error: string | null;
  success: boolean;
  /** A fault from `POST /__sim/deliveries/fail`: nothing was sent. */
  injected: boolean;
  /** The webhook after the bookkeeping. */
  failureCount: number;
  webhookStatus: WebhookStatus;
  at: string;
}

export interface DeliveryFault {
  /** Default: any webhook. */
  webhookId?: number | undefined;
  /** How many deliveries fail (default 1). */
  times: number;
  /** Default 500; null makes it a network error (no answer). */
  status: number | null;
}

export interface PendingDelivery {
  webhookId: number;
  arg: number | string;
}

export interface WebhookInput {
  name?: string;
  topic: string;
  delivery_url: string;
  secret?: string;
  status?: WebhookStatus;
}

const STATUSES: WebhookStatus[] = ['active', 'paused', 'disabled'];
const MAX_FLUSH = 10_000;
const PASSWORD_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|';

/** `wp_generate_password( 50, true, true )`: WooCommerce's default webhook secret. */
export function generateSecret(): string {
  let secret = '';
  for (let i = 0; i < 50; i++) secret += PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)];
  return secret;
}

export class Webhooks {
  readonly records = new Map<number, Webhook>();
  readonly pending: PendingDelivery[] = [];
  readonly log: DeliveryLogEntry[] = [];
  readonly faults: DeliveryFault[] = [];
  readonly #store: WooStore;
  readonly #render: Renderer;
  readonly #settings: () => WooSimSettings;
  readonly #clock: SimClock;
  #nextId = 0;
  #scope: { processed: Map<number, Set<number | string>>; queued: PendingDelivery[] } | undefined;
  #flushing: Promise<unknown> = Promise.resolve();

  constructor(store: WooStore, render: Renderer, settings: () => WooSimSettings) {
    this.#store = store;
    this.#render = render;
    this.#settings = settings;
    this.#clock = store.clock;
    store.onHook((hook, arg) => this.#process(hook, arg));
  }

  reset(): void {
    this.records.clear();
    this.pending.length = 0;
    this.log.length = 0;
    this.faults.length = 0;
    this.#nextId = 0;
  }

  /**
   * Runs one "PHP request": hooks fired inside are de-duplicated per webhook and resource, then queued at its end
   * (as `wc_webhook_execute_queue` does on shutdown), skipping any already pending.
   */
  scoped<T>(operation: () => T): T {
    if (this.#scope) return operation();
    this.#scope = { processed: new Map(), queued: [] };
    try {
      return operation();
    } finally {
      const { queued } = this.#scope;
      this.#scope = undefined;
      this.#enqueue(queued);
    }
  }

  #process(hook: string, arg: number | string): void {
    if (!this.#scope) {
      this.scoped(() => this.#process(hook, arg));
      return;
    }
    const scope = this.#scope;
    for (const webhook of this.records.values()) {
      if (!webhook.deliveryUrl || !hooksOf(webhook.topic).includes(hook)) continue;
      if (webhook.status !== 'active' || !isValidTopic(webhook.topic) || !this.#validFor(webhook, hook, arg)) continue;
      const processed = scope.processed.get(webhook.id) ?? new Set();
      if (processed.has(arg)) continue;
      processed.add(arg);
      scope.processed.set(webhook.id, processed);
      scope.queued.push({ webhookId: webhook.id, arg });
    }
  }

  /** `is_valid_action` and `is_valid_resource`: the resource must be of the webhook's kind, orders not drafts. */
  #validFor(webhook: Webhook, hook: string, arg: number | string): boolean {
    const [resource] = splitTopic(webhook.topic);
    const id = Number(arg);
    if (hook === 'delete_user') return this.#store.customers.get(id)?.role === 'customer';
    if (resource === 'order') {
      const order = this.#store.orders.get(id);
      return order !== undefined && !['draft', 'auto-draft', 'new'].includes(order.status);
    }
    if (resource === 'product') return this.#store.products.has(id);
    return true;
  }

  #enqueue(items: PendingDelivery[]): void {
    let added = false;
    for (const item of items) {
      if (this.pending.some((other) => other.webhookId === item.webhookId && other.arg === item.arg)) continue;
      this.pending.push(item);
      added = true;
    }
    if (added && this.#settings().deliveryMode === 'auto') {
      this.flush().catch((error: unknown) => console.error('WooCommerce simulator: delivery run failed', error));
    }
  }

  /** Delivers every pending delivery, oldest first, one at a time; what each did is returned and logged. */
  flush(): Promise<DeliveryLogEntry[]> {
    const run = this.#flushing.then(async () => {
      const done: DeliveryLogEntry[] = [];
      for (let i = 0; i < MAX_FLUSH && this.pending.length > 0; i++) {
        const next = this.pending.shift() as PendingDelivery;
        const entry = await this.#deliver(next);
        if (entry) done.push(entry);
      }
      return done;
    });
    this.#flushing = run.catch(() => undefined);
    return run;
  }

  // Records ---------------------------------------------------------------------------------------------------------

  /**
   * A new webhook, `pending_delivery` set. `ping: true` sends the creation ping (the REST API always does, whatever
   * it answers; the admin screen does when the webhook is saved active).
   */
  async create(input: WebhookInput, options: { ping: boolean }): Promise<Webhook> {
    this.#validate(input);
    const now = this.#clock.now();
    const webhook: Webhook = {
      id: ++this.#nextId,
      name: input.name || `Webhook created on ${new Date(now).toUTCString().slice(5, 22)}`,
      status: input.status ?? 'active',
      topic: input.topic.toLowerCase(),
      deliveryUrl: input.delivery_url,
      secret: input.secret ?? generateSecret(),
      apiVersion: 3,
      failureCount: 0,
      pendingDelivery: true,
      userId: 1,
      created: now,
      modified: now,
    };
    this.records.set(webhook.id, webhook);
    if (options.ping && webhook.status === 'active') await this.ping(webhook);
    return webhook;
  }

  get(id: number): Webhook {
    const webhook = this.records.get(id);
    if (!webhook) throw new WooSimError(404, 'woocommerce_rest_webhook_invalid_id', 'Invalid ID.');
    return webhook;
  }

  /** The REST update: validated fields, then the data store's save, which pings when the URL changed or a ping is owed. */
  async update(webhook: Webhook, patch: Partial<WebhookInput> & { failure_count?: number }): Promise<Webhook> {
    this.#validate({ topic: webhook.topic, delivery_url: webhook.deliveryUrl, ...patch });
    const urlChanged = patch.delivery_url !== undefined && patch.delivery_url !== webhook.deliveryUrl;
    if (patch.name !== undefined) webhook.name = patch.name;
    if (patch.status !== undefined) webhook.status = patch.status;
    if (patch.topic !== undefined) webhook.topic = patch.topic.toLowerCase();
    if (patch.delivery_url !== undefined) webhook.deliveryUrl = patch.delivery_url;
    if (patch.secret !== undefined) webhook.secret = patch.secret;
    if (patch.failure_count !== undefined) webhook.failureCount = patch.failure_count;
    webhook.modified = this.#clock.now();
    await this.#saved(webhook, urlChanged);
    return webhook;
  }

  delete(webhook: Webhook): void {
    this.records.delete(webhook.id);
  }

  #validate(input: Partial<WebhookInput>): void {
    if (input.topic !== undefined && !isValidTopic(input.topic.toLowerCase())) {
      throw new WooSimError(400, 'woocommerce_rest_shop_webhook_invalid_topic', 'Webhook topic must be valid.');
    }
    if (input.status !== undefined && !STATUSES.includes(input.status)) {
      throw new WooSimError(400, 'woocommerce_rest_shop_webhook_invalid_status', 'Webhook status must be valid.');
    }
    if (input.delivery_url !== undefined && !/^https?:\/\/[^/]+/i.test(input.delivery_url)) {
      throw new WooSimError(
        400,
        'woocommerce_rest_shop_webhook_invalid_delivery_url',
        'Webhook delivery URL must be a valid URL starting with http:// or https://.',
      );
    }
  }

  /** `WC_Webhook_Data_Store::update()`: an active webhook pings when its URL changed or its ping never succeeded. */
  async #saved(webhook: Webhook, urlChanged: boolean): Promise<void> {
    if (webhook.status === 'active' && (urlChanged || webhook.pendingDelivery)) await this.ping(webhook);
  }

  // Sending ---------------------------------------------------------------------------------------------------------

  #userAgent(): string {
    const { wcVersion, wpVersion } = this.#settings();
    return `WooCommerce/${wcVersion} Hookshot (WordPress/${wpVersion})`;
  }

  /** `deliver_ping()`: form-encoded `webhook_id=N`, no signature, 5 s, up to 5 redirects; only 200 counts. */
  async ping(webhook: Webhook): Promise<DeliveryLogEntry> {
    const body = `webhook_id=${webhook.id}`;
    const headers: [string, string][] = [
      ['Host', hostOf(webhook.deliveryUrl)],
      ['User-Agent', this.#userAgent()],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'deflate, gzip, br, zstd'],
      ['Connection', 'close'],
      ['Content-Length', String(Buffer.byteLength(body))],
      ['Content-Type', 'application/x-www-form-urlencoded'],
    ];
    const result = await this.#send(webhook, headers, body, {
      timeoutMs: this.#settings().pingTimeoutMs,
      redirects: 5,
      faults: false,
    });
    const success = result.status === 200;
    if (success) webhook.pendingDelivery = false;
    return this.#logEntry('ping', webhook, null, null, headers, body, result, success);
  }

  async #deliver(item: PendingDelivery): Promise<DeliveryLogEntry | undefined> {
    const webhook = this.records.get(item.webhookId);
    if (!webhook) return undefined;
    const body = phpJsonEncode(this.#payload(webhook, item.arg)).trim();
    const [resource, event] = splitTopic(webhook.topic);
    const deliveryId = createHmac('md5', this.#settings().authSalt)
      .update(`${webhook.id}${this.#clock.seconds()}`)
      .digest('hex');
    const signature = createHmac('sha256', specialCharsDecode(webhook.secret)).update(body).digest('base64');
    const headers: [string, string][] = [
      ['Host', hostOf(webhook.deliveryUrl)],
      ['User-Agent', this.#userAgent()],
      ['Accept', '*/*'],
      ['Accept-Encoding', 'deflate, gzip, br, zstd'],
      ['Content-Type', 'application/json'],
      ['X-WC-Webhook-Source', `${this.#render.home}/`],
      ['X-WC-Webhook-Topic', webhook.topic],
      ['X-WC-Webhook-Resource', resource],
      ['X-WC-Webhook-Event', event],
      ['X-WC-Webhook-Signature', signature],
      ['X-WC-Webhook-ID', String(webhook.id)],
      ['X-WC-Webhook-Delivery-ID', deliveryId],
      ['Connection', 'close'],
      ['Content-Length', String(Buffer.byteLength(body))],
    ];
    const result = await this.#send(webhook, headers, body, {
      timeoutMs: this.#settings().deliveryTimeoutMs,
      redirects: 0,
      faults: true,
    });
    // log_delivery(): 2xx, 300, 301 and 302 are a success; anything else, or no answer, a failure.
    const code = result.status ?? 0;
    const success = code >= 200 && code < 303;
    if (success) {
      webhook.failureCount = 0;
    } else if (webhook.failureCount > this.#settings().maxDeliveryFailures) {
      webhook.status = 'disabled';
    } else {
      webhook.failureCount++;
    }
    const entry = this.#logEntry('delivery', webhook, webhook.topic, deliveryId, headers, body, result, success);
    await this.#saved(webhook, false);
    return entry;
  }

  /** `build_payload()`: `{id}` for a deletion, `{action, arg}` for an action, else the REST resource as it is now. */
  #payload(webhook: Webhook, arg: number | string): unknown {
    const [resource, event] = splitTopic(webhook.topic);
    if (event === 'deleted') return { id: arg };
    if (resource === 'action') return { action: hooksOf(webhook.topic)[0], arg };
    const id = Number(arg);
    const missing = (code: string, message = 'Invalid ID.') => ({ code, message, data: { status: 404 } });
    if (resource === 'order') {
      const order = this.#store.orders.get(id);
      return order ? this.#render.order(order) : missing('woocommerce_rest_shop_order_invalid_id');
    }
    if (resource === 'product') {
      const product = this.#store.products.get(id);
      return product ? this.#render.product(product) : missing('woocommerce_rest_product_invalid_id');
    }
    if (resource === 'customer') {
      const customer = this.#store.customers.get(id);
      return customer
        ? this.#render.customer(customer)
        : missing('woocommerce_rest_invalid_id', 'Invalid resource ID.');
    }
    return missing(`woocommerce_rest_shop_${resource}_invalid_id`);
  }

  async #send(
    webhook: Webhook,
    headers: [string, string][],
    body: string,
    options: { timeoutMs: number; redirects: number; faults: boolean },
  ): Promise<SendResult & { injected: boolean }> {
    const fault = options.faults
      ? this.faults.find((candidate) => candidate.webhookId === undefined || candidate.webhookId === webhook.id)
      : undefined;
    if (fault) {
      fault.times--;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      return fault.status === null
        ? { status: undefined, error: 'cURL error 7: Failed to connect (injected fault)', body: '', injected: true }
        : { status: fault.status, error: undefined, body: '', injected: true };
    }
    if (this.#settings().enforceSafeUrls && !isSafeUrl(webhook.deliveryUrl, this.#render.home)) {
      return { status: undefined, error: 'A valid URL was not provided.', body: '', injected: false };
    }
    return { ...(await send(webhook.deliveryUrl, headers, body, options)), injected: false };
  }

  #logEntry(
    kind: DeliveryLogEntry['kind'],
    webhook: Webhook,
    topic: string | null,
    deliveryId: string | null,
    headers: [string, string][],
    body: string,
    result: SendResult & { injected: boolean },
    success: boolean,
  ): DeliveryLogEntry {
    const entry: DeliveryLogEntry = {
      kind,
      webhookId: webhook.id,
      topic,
      deliveryId,
      url: webhook.deliveryUrl,
      requestHeaders: headers,
      body,
      status: result.status ?? null,
      error: result.error ?? null,
      success,
      injected: result.injected,
      failureCount: webhook.failureCount,
      webhookStatus: webhook.status,
      at: new Date(this.#clock.now()).toISOString(),
    };
    this.log.push(entry);
    return entry;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
