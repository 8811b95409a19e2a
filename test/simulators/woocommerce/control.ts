/**
 * The test-only control API under `/__sim/`: shape the store (keys, tax rates, products, customers, orders and what
 * happens to them), manage webhooks as the admin screen would, inject delivery failures, run the delivery queue, move
 * the clock and read what happened. Everything a merchant or a shopper would do goes through here, so the hooks and
 * webhooks fire exactly as the REST routes make them fire.
 */
import { type Context, Hono } from 'hono';
import type { Webhook } from './model.ts';
import {
  type OrderInput,
  payOrder,
  placeOrder,
  type RefundInput,
  refundOrder,
  restoreOrder,
  setStatus,
  trashOrder,
  updateOrder,
} from './orders.ts';
import { answerError, asWooError } from './responses.ts';
import type { WooSimSettings } from './settings.ts';
import type { WooCommerceSimulator } from './simulator.ts';
import { type CustomerInput, type ProductInput, WooSimError } from './store.ts';
import type { DeliveryFault, WebhookInput } from './webhooks.ts';

async function bodyOf<T>(c: Context): Promise<T> {
  const text = await c.req.text();
  if (text.trim() === '') return {} as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WooSimError(400, 'sim_invalid_json', 'The control API takes JSON bodies.');
  }
}

/** A webhook as the database holds it, `failure_count` and `pending_delivery` included (REST never shows them). */
export function webhookState(webhook: Webhook) {
  return {
    id: webhook.id,
    name: webhook.name,
    status: webhook.status,
    topic: webhook.topic,
    delivery_url: webhook.deliveryUrl,
    secret: webhook.secret,
    api_version: webhook.apiVersion,
    failure_count: webhook.failureCount,
    pending_delivery: webhook.pendingDelivery,
  };
}

export function registerControlRoutes(app: Hono, sim: WooCommerceSimulator): void {
  const { store, render, webhooks } = sim;
  // Its own app, mounted below: an error handler set on `app.basePath(…)` would never run, leaving a refusal a 500.
  const control = new Hono().basePath('/__sim');
  control.onError((error, c) => answerError(c, asWooError(error)));
  const orderOf = (c: Context) => {
    const order = store.orders.get(Number(c.req.param('id')));
    if (!order) throw new WooSimError(404, 'woocommerce_rest_shop_order_invalid_id', 'Invalid ID.');
    return order;
  };

  control.post('/reset', async (c) => {
    sim.reset(await bodyOf<Partial<WooSimSettings>>(c));
    return c.body(null, 204);
  });
  control.get('/settings', (c) => c.json({ ...sim.settings, homeUrl: sim.home() }));

  control.post('/keys', async (c) => {
    const body = await bodyOf<{
      description?: string;
      permissions?: 'read' | 'write' | 'read_write';
      consumer_key?: string;
      consumer_secret?: string;
    }>(c);
    const key = store.createKey({
      ...(body.description ? { description: body.description } : {}),
      ...(body.permissions ? { permissions: body.permissions } : {}),
      ...(body.consumer_key ? { consumerKey: body.consumer_key } : {}),
      ...(body.consumer_secret ? { consumerSecret: body.consumer_secret } : {}),
    });
    return c.json(
      {
        key_id: key.keyId,
        permissions: key.permissions,
        consumer_key: key.consumerKey,
        consumer_secret: key.consumerSecret,
      },
      201,
    );
  });

  control.post('/tax-rates', async (c) => {
    const rate = store.createTaxRate(await bodyOf(c));
    return c.json(
      { id: rate.id, rate_code: rate.rateCode, label: rate.label, percent: rate.percent, shipping: rate.shipping },
      201,
    );
  });

  control.post('/products', async (c) => {
    const input = await bodyOf<ProductInput>(c);
    const product = webhooks.scoped(() => store.createProduct(input));
    return c.json(render.product(product), 201);
  });
  control.patch('/products/:id', async (c) => {
    const product = store.products.get(Number(c.req.param('id')));
    if (!product) throw new WooSimError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    const fields = await bodyOf<Record<string, unknown>>(c);
    webhooks.scoped(() => store.updateProduct(product, fields));
    return c.json(render.product(product));
  });

  control.post('/customers', async (c) => {
    const input = await bodyOf<CustomerInput>(c);
    const customer = webhooks.scoped(() => store.createCustomer(input));
    return c.json(render.customer(customer), 201);
  });
  control.patch('/customers/:id', async (c) => {
    const customer = store.customers.get(Number(c.req.param('id')));
    if (!customer) throw new WooSimError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
    const input = await bodyOf<Partial<CustomerInput>>(c);
    webhooks.scoped(() => store.updateCustomer(customer, input));
    return c.json(render.customer(customer));
  });
  control.delete('/customers/:id', (c) => {
    const customer = store.customers.get(Number(c.req.param('id')));
    if (!customer) throw new WooSimError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
    webhooks.scoped(() => store.deleteCustomer(customer));
    return c.body(null, 204);
  });

  control.post('/orders', async (c) => {
    const input = await bodyOf<OrderInput>(c);
    const order = webhooks.scoped(() => placeOrder(store, input));
    return c.json(render.order(order), 201);
  });
  control.patch('/orders/:id', async (c) => {
    const order = orderOf(c);
    const body = await bodyOf<Record<string, unknown>>(c);
    webhooks.scoped(() => updateOrder(store, order, body));
    return c.json(render.order(order));
  });
  control.post('/orders/:id/status', async (c) => {
    const order = orderOf(c);
    const { status, note } = await bodyOf<{ status: string; note?: string }>(c);
    webhooks.scoped(() => setStatus(store, order, status, note));
    return c.json(render.order(order));
  });
  control.post('/orders/:id/pay', async (c) => {
    const order = orderOf(c);
    const { transaction_id } = await bodyOf<{ transaction_id?: string }>(c);
    webhooks.scoped(() => payOrder(store, order, transaction_id));
    return c.json(render.order(order));
  });
  control.post('/orders/:id/refunds', async (c) => {
    const order = orderOf(c);
    const input = await bodyOf<RefundInput>(c);
    const refund = webhooks.scoped(() => refundOrder(store, order, input));
    return c.json(render.refund(refund), 201);
  });
  control.post('/orders/:id/trash', (c) => {
    const order = orderOf(c);
    webhooks.scoped(() => trashOrder(store, order));
    return c.json(render.order(order));
  });
  control.post('/orders/:id/restore', (c) => {
    const order = orderOf(c);
    webhooks.scoped(() => restoreOrder(store, order));
    return c.json(render.order(order));
  });
  control.post('/orders/:id/notes', async (c) => {
    const order = orderOf(c);
    const { note, customer_note } = await bodyOf<{ note: string; customer_note?: boolean }>(c);
    return c.json(render.note(store.addNote(order, note, customer_note ?? false)), 201);
  });

  control.get('/webhooks', (c) => c.json({ items: [...webhooks.records.values()].map(webhookState) }));
  control.post('/webhooks', async (c) => {
    const input = await bodyOf<WebhookInput>(c);
    const webhook = await webhooks.create(input, { ping: true });
    return c.json(webhookState(webhook), 201);
  });
  control.get('/webhooks/:id', (c) => c.json(webhookState(webhooks.get(Number(c.req.param('id'))))));
  control.patch('/webhooks/:id', async (c) => {
    const webhook = webhooks.get(Number(c.req.param('id')));
    await webhooks.update(webhook, await bodyOf(c));
    return c.json(webhookState(webhook));
  });
  control.delete('/webhooks/:id', (c) => {
    webhooks.delete(webhooks.get(Number(c.req.param('id'))));
    return c.body(null, 204);
  });
  control.post('/webhooks/:id/ping', async (c) => c.json(await webhooks.ping(webhooks.get(Number(c.req.param('id'))))));

  /** `do_action( $hook, $arg )` for `action.*` webhooks (`woocommerce_low_stock`, …). */
  control.post('/actions', async (c) => {
    const { hook, arg } = await bodyOf<{ hook: string; arg: number | string }>(c);
    webhooks.scoped(() => store.fire(hook, arg));
    return c.body(null, 204);
  });

  control.post('/deliveries/fail', async (c) => {
    const body = await bodyOf<{ webhook_id?: number; times?: number; status?: number | null }>(c);
    const fault: DeliveryFault = {
      webhookId: body.webhook_id,
      times: body.times ?? 1,
      status: body.status === undefined ? 500 : body.status,
    };
    webhooks.faults.push(fault);
    return c.json(fault, 201);
  });
  control.delete('/deliveries/fail', (c) => {
    webhooks.faults.length = 0;
    return c.body(null, 204);
  });
  control.post('/deliveries/flush', async (c) => c.json({ items: await webhooks.flush() }));
  control.get('/deliveries/pending', (c) => c.json({ items: webhooks.pending }));
  control.get('/deliveries', (c) => {
    const webhookId = c.req.query('webhook_id');
    const kind = c.req.query('kind');
    const items = webhooks.log.filter(
      (entry) =>
        (webhookId === undefined || entry.webhookId === Number(webhookId)) &&
        (kind === undefined || entry.kind === kind),
    );
    return c.json({ items });
  });
  control.delete('/deliveries', (c) => {
    webhooks.log.length = 0;
    return c.body(null, 204);
  });

  control.post('/clock', async (c) => {
    const body = await bodyOf<{
      advance_ms?: number;
      freeze?: boolean;
      freeze_at?: string | number;
      unfreeze?: boolean;
    }>(c);
    if (body.unfreeze) sim.clock.unfreeze();
    if (body.freeze_at !== undefined)
      sim.clock.freeze(typeof body.freeze_at === 'number' ? body.freeze_at : Date.parse(body.freeze_at));
    else if (body.freeze) sim.clock.freeze();
    if (body.advance_ms) sim.clock.advance(body.advance_ms);
    return c.json({ now: new Date(sim.clock.now()).toISOString() });
  });

  control.get('/requests', (c) => c.json({ items: sim.requests }));
  control.delete('/requests', (c) => {
    sim.requests.length = 0;
    return c.body(null, 204);
  });
  app.route('/', control);
}
