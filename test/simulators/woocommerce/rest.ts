/**
 * The REST API v3 routes the connector uses, under `/wp-json/wc/v3/` (spec §1.7), behind `WC_REST_Authentication`
 * and WordPress's order of checks: authentication error → key permission → route → arguments → the route's own
 * permission check (anonymous requests fail here) → the handler.
 */
import { type Context, Hono, type Next } from 'hono';
import { type AuthOutcome, authenticate } from './auth.ts';
import type { Order, Product, WebhookStatus } from './model.ts';
import { ORDER_STATUSES, refundOrder, updateOrder } from './orders.ts';
import { boolParam, dateParam, enumParam, intParam, listParam, type Query } from './params.ts';
import { type PhpArray, parseStr } from './php.ts';
import { answer, answerError, asWooError } from './responses.ts';
import { registerShipmentTrackingRoutes } from './shipment-tracking.ts';
import type { WooCommerceSimulator } from './simulator.ts';
import { WooSimError } from './store.ts';

export type Env = { Variables: { auth: AuthOutcome; raw: string; query: Query } };

export interface RestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  auth: AuthOutcome['method'];
  keyId: number | null;
  status: number;
  at: string;
}

export type Permission = 'list' | 'view' | 'edit' | 'create' | 'batch' | 'delete';

const ANONYMOUS: Record<Permission, [string, string]> = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  view: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  batch: ['woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
};

/** The route's permission callback: an anonymous request gets `rest_authorization_required_code()`, 401. */
function allow(c: Context<Env>, permission: Permission): void {
  if (c.get('auth').key) return;
  const [code, message] = ANONYMOUS[permission];
  throw new WooSimError(401, code, message);
}

const BATCH_LIMIT = 100;
const OFFLINE_GATEWAYS = ['bacs', 'cheque', 'cod', ''];
const ID = '{[0-9]+}';

export function registerRestRoutes(app: Hono, sim: WooCommerceSimulator): void {
  const rest = new Hono<Env>();
  rest.use(async (c, next) => track(c, next, sim));
  rest.onError((error, c) => answerError(c, asWooError(error)));
  // A mounted app's own notFound is not consulted: the site's answers every unknown path (WordPress: `rest_no_route`).
  app.notFound((c) =>
    c.req.path.startsWith('/wp-json/')
      ? answer(c, 404, {
          code: 'rest_no_route',
          message: 'No route was found matching the URL and request method.',
          data: { status: 404 },
        })
      : c.text('Not Found', 404),
  );

  const { store, render, webhooks } = sim;
  const orderOf = (
    id: string | undefined,
    code = 'woocommerce_rest_shop_order_invalid_id',
    message = 'Invalid ID.',
  ) => {
    const order = store.orders.get(Number(id));
    if (!order) throw new WooSimError(404, code, message);
    return order;
  };

  // Orders -------------------------------------------------------------------------------------------------------
  rest.get('/wc/v3/orders', (c) => {
    const query = c.get('query');
    const { page, perPage, order, orderby } = collection(query, ['date', 'id', 'include', 'title', 'slug', 'modified']);
    const gmt = boolParam(query, 'dates_are_gmt', false);
    const offset = gmt ? 0 : sim.settings.utcOffsetMinutes;
    const bounds = {
      after: dateParam(query, 'after', offset),
      before: dateParam(query, 'before', offset),
      modifiedAfter: dateParam(query, 'modified_after', offset),
      modifiedBefore: dateParam(query, 'modified_before', offset),
    };
    const statuses = listParam(query, 'status') ?? ['any'];
    for (const status of statuses) {
      if (!['any', 'trash', ...ORDER_STATUSES].includes(status)) {
        throw new WooSimError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
          params: { status: `status[0] is not one of any, trash, ${ORDER_STATUSES.join(', ')}.` },
        });
      }
    }
    const customer = query.customer ? Number(query.customer) : undefined;
    const include = listParam(query, 'include')?.map(Number);
    allow(c, 'list');
    const seconds = (ms: number) => Math.floor(ms / 1000);
    const matches = [...store.orders.values()].filter(
      (candidate) =>
        (statuses.includes('any')
          ? !['trash', 'checkout-draft'].includes(candidate.status)
          : statuses.includes(candidate.status)) &&
        (customer === undefined || candidate.customerId === customer) &&
        (include === undefined || include.includes(candidate.id)) &&
        (bounds.after === undefined || seconds(candidate.created) > bounds.after) &&
        (bounds.before === undefined || seconds(candidate.created) < bounds.before) &&
        (bounds.modifiedAfter === undefined || seconds(candidate.modified) > bounds.modifiedAfter) &&
        (bounds.modifiedBefore === undefined || seconds(candidate.modified) < bounds.modifiedBefore),
    );
    const key = (candidate: Order) =>
      orderby === 'modified' ? seconds(candidate.modified) : orderby === 'id' ? 0 : seconds(candidate.created);
    sortBy(matches, order, key, (candidate) => candidate.id);
    return paged(c, sim, '/orders', matches, page, perPage, (item) => render.order(item));
  });

  rest.get(`/wc/v3/orders/:id${ID}`, (c) => {
    allow(c, 'view');
    return answer(c, 200, render.order(orderOf(c.req.param('id'))));
  });

  for (const method of ['put', 'post', 'patch'] as const) {
    rest[method](`/wc/v3/orders/:id${ID}`, async (c) => {
      const body = bodyOf(c);
      if (typeof body.status === 'string' && !ORDER_STATUSES.includes(body.status)) {
        throw new WooSimError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
          params: { status: `status is not one of ${ORDER_STATUSES.join(', ')}.` },
        });
      }
      allow(c, 'edit');
      const order = orderOf(c.req.param('id'));
      webhooks.scoped(() => updateOrder(store, order, body));
      return answer(c, 200, render.order(order));
    });
  }

  // Refunds --------------------------------------------------------------------------------------------------------
  rest.get(`/wc/v3/orders/:id${ID}/refunds`, (c) => {
    const { page, perPage, order } = collection(c.get('query'), ['date', 'id', 'include', 'title', 'slug', 'modified']);
    allow(c, 'list');
    const refunds = [...store.refunds.values()].filter((refund) => refund.orderId === Number(c.req.param('id')));
    sortBy(
      refunds,
      order,
      (refund) => Math.floor(refund.created / 1000),
      (refund) => refund.id,
    );
    return paged(c, sim, `/orders/${c.req.param('id')}/refunds`, refunds, page, perPage, (refund) =>
      render.refund(refund),
    );
  });

  rest.get(`/wc/v3/orders/:id${ID}/refunds/:refundId${ID}`, (c) => {
    allow(c, 'view');
    const refund = store.refunds.get(Number(c.req.param('refundId')));
    if (!refund) throw new WooSimError(404, 'woocommerce_rest_shop_order_refund_invalid_id', 'Invalid ID.');
    // WooCommerce builds these two errors with a bare 404 as their data, which WordPress answers as a 500.
    if (!store.orders.has(Number(c.req.param('id')))) {
      throw new WooSimError(500, 'woocommerce_rest_invalid_order_id', 'Invalid order ID.', 404);
    }
    if (refund.orderId !== Number(c.req.param('id'))) {
      throw new WooSimError(500, 'woocommerce_rest_invalid_order_refund_id', 'Invalid order refund ID.', 404);
    }
    return answer(c, 200, render.refund(refund));
  });

  rest.post(`/wc/v3/orders/:id${ID}/refunds`, (c) => {
    const body = bodyOf(c);
    allow(c, 'create');
    const order = orderOf(c.req.param('id'), 'woocommerce_rest_invalid_order_id', 'Invalid order ID.');
    if (typeof body.amount === 'string' && body.amount.startsWith('-')) {
      throw new WooSimError(400, 'woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.');
    }
    // `api_refund` (default true) asks the gateway to pay the money back; the offline gateways cannot.
    const viaGateway = body.api_refund !== false;
    if (viaGateway && OFFLINE_GATEWAYS.includes(order.paymentMethod)) {
      throw new WooSimError(
        500,
        'woocommerce_rest_cannot_create_order_refund',
        'The payment gateway for this order does not support automatic refunds.',
      );
    }
    const refund = webhooks.scoped(() =>
      refundOrder(store, order, {
        ...(typeof body.amount === 'string' ? { amount: body.amount } : {}),
        ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
        ...(Array.isArray(body.line_items) ? { line_items: body.line_items as never } : {}),
        restock: body.api_restock !== false,
        refunded_payment: viaGateway,
      }),
    );
    return answer(c, 201, render.refund(refund), { Location: render.rest(`/orders/${order.id}/refunds/${refund.id}`) });
  });

  // Order notes ----------------------------------------------------------------------------------------------------
  rest.get(`/wc/v3/orders/:id${ID}/notes`, (c) => {
    const type = enumParam(c.get('query'), 'type', ['any', 'customer', 'internal'] as const, 'any');
    allow(c, 'list');
    const order = orderOf(c.req.param('id'), 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
    const notes = store
      .notesOf(order.id)
      .filter((note) => type === 'any' || (type === 'customer') === note.customerNote)
      .map((note) => render.note(note));
    return answer(c, 200, notes);
  });

  rest.post(`/wc/v3/orders/:id${ID}/notes`, (c) => {
    const body = bodyOf(c);
    if (typeof body.note !== 'string' || body.note === '') {
      throw new WooSimError(400, 'rest_missing_callback_param', 'Missing parameter(s): note', {
        params: ['note'],
      });
    }
    allow(c, 'create');
    const order = orderOf(c.req.param('id'), 'woocommerce_rest_order_invalid_id', 'Invalid order ID.');
    const customerNote = body.customer_note === true || body.customer_note === 'true';
    const author = body.added_by_user === true ? 'admin' : 'system';
    const note = store.addNote(order, body.note, customerNote, author);
    return answer(c, 201, render.note(note), { Location: render.rest(`/orders/${order.id}/notes/${note.id}`) });
  });

  // Products -------------------------------------------------------------------------------------------------------
  rest.get('/wc/v3/products', (c) => {
    const query = c.get('query');
    const { page, perPage, order, orderby } = collection(query, ['date', 'id', 'include', 'title', 'slug', 'modified']);
    allow(c, 'list');
    const sku = query.sku;
    // `sku` splits on commas and also tries the whole string; with it, variations are searched too.
    const skus = sku ? new Set([...sku.split(','), ...(sku.includes(',') ? [sku] : [])]) : undefined;
    const type = query.type;
    const status = query.status ?? 'any';
    const include = listParam(query, 'include')?.map(Number);
    const parent = listParam(query, 'parent')?.map(Number);
    const matches = [...store.products.values()].filter(
      (product) =>
        (skus ? skus.has(product.sku) : product.type !== 'variation') &&
        (type === undefined || product.type === type) &&
        (status === 'any' ? product.status !== 'trash' : product.status === status) &&
        (include === undefined || include.includes(product.id)) &&
        (parent === undefined || parent.includes(product.parentId)),
    );
    const key = (product: Product) =>
      orderby === 'modified'
        ? Math.floor(product.modified / 1000)
        : orderby === 'id'
          ? 0
          : Math.floor(product.created / 1000);
    sortBy(matches, order, key, (product) => product.id);
    return paged(c, sim, '/products', matches, page, perPage, (product) => render.product(product));
  });

  rest.get(`/wc/v3/products/:id${ID}`, (c) => {
    allow(c, 'view');
    const product = store.products.get(Number(c.req.param('id')));
    if (!product) throw new WooSimError(404, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
    return answer(c, 200, render.product(product));
  });

  for (const method of ['put', 'post', 'patch'] as const) {
    rest[method](`/wc/v3/products/:id${ID}`, (c) => {
      const body = bodyOf(c);
      allow(c, 'edit');
      const product = store.products.get(Number(c.req.param('id')));
      if (!product) throw new WooSimError(400, 'woocommerce_rest_product_invalid_id', 'Invalid ID.');
      webhooks.scoped(() => store.updateProduct(product, body));
      return answer(c, 200, render.product(product));
    });
  }

  rest.post('/wc/v3/products/batch', (c) => {
    const body = batchBody(c);
    allow(c, 'batch');
    const update = webhooks.scoped(() =>
      body.update.map((fields) =>
        updateInBatch(
          fields,
          'woocommerce_rest_product_invalid_id',
          (id) => store.products.get(id),
          (product) => {
            store.updateProduct(product, fields);
            return render.product(product);
          },
        ),
      ),
    );
    return answer(c, 200, batchResult(body, update));
  });

  rest.post(`/wc/v3/products/:id${ID}/variations/batch`, (c) => {
    const body = batchBody(c);
    allow(c, 'batch');
    const parentId = Number(c.req.param('id'));
    const update = webhooks.scoped(() =>
      body.update.map((fields) =>
        updateInBatch(
          fields,
          'woocommerce_rest_product_variation_invalid_id',
          (id) => {
            const variation = store.products.get(id);
            return variation?.type === 'variation' && variation.parentId === parentId ? variation : undefined;
          },
          (variation) => {
            store.updateProduct(variation, fields);
            return render.variation(variation);
          },
        ),
      ),
    );
    return answer(c, 200, batchResult(body, update));
  });

  // Customers ------------------------------------------------------------------------------------------------------
  rest.get('/wc/v3/customers', (c) => {
    const query = c.get('query');
    const page = intParam(query, 'page', { fallback: 1, min: 1 });
    const perPage = intParam(query, 'per_page', { fallback: 10, min: 1, max: 100 });
    const order = enumParam(query, 'order', ['asc', 'desc'] as const, 'asc');
    const orderby = enumParam(query, 'orderby', ['id', 'include', 'name', 'registered_date'] as const, 'name');
    const role = query.role ?? 'customer';
    const email = query.email;
    allow(c, 'list');
    // A WordPress user query: `modified_after` is no argument of this collection and is ignored, as WooCommerce does.
    const matches = [...store.customers.values()].filter(
      (customer) => (role === 'all' || customer.role === role) && (email === undefined || customer.email === email),
    );
    sortBy(
      matches,
      order,
      (customer) =>
        orderby === 'name'
          ? `${customer.firstName} ${customer.lastName}`.trim() || customer.username
          : orderby === 'registered_date'
            ? customer.created
            : 0,
      (customer) => customer.id,
    );
    return paged(c, sim, '/customers', matches, page, perPage, (customer) => render.customer(customer));
  });

  rest.get(`/wc/v3/customers/:id${ID}`, (c) => {
    allow(c, 'view');
    const customer = store.customers.get(Number(c.req.param('id')));
    if (!customer) throw new WooSimError(404, 'woocommerce_rest_invalid_id', 'Invalid resource ID.');
    return answer(c, 200, render.customer(customer));
  });

  // Webhooks -------------------------------------------------------------------------------------------------------
  rest.get('/wc/v3/webhooks', (c) => {
    const query = c.get('query');
    const { page, perPage, order } = collection(query, ['date', 'id', 'title']);
    const status = enumParam(query, 'status', ['all', 'active', 'paused', 'disabled'] as const, 'all');
    allow(c, 'list');
    const matches = [...webhooks.records.values()].filter((webhook) => status === 'all' || webhook.status === status);
    sortBy(
      matches,
      order,
      (webhook) => Math.floor(webhook.created / 1000),
      (webhook) => webhook.id,
    );
    return paged(c, sim, '/webhooks', matches, page, perPage, (webhook) => render.webhook(webhook, 'view'));
  });

  rest.post('/wc/v3/webhooks', async (c) => {
    const body = bodyOf(c);
    const missing = ['topic', 'delivery_url'].filter((name) => typeof body[name] !== 'string' || body[name] === '');
    if (missing.length > 0) {
      throw new WooSimError(400, 'rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, {
        params: missing,
      });
    }
    allow(c, 'create');
    const webhook = await webhooks.create(
      {
        topic: String(body.topic),
        delivery_url: String(body.delivery_url),
        ...(typeof body.name === 'string' ? { name: body.name } : {}),
        ...(typeof body.secret === 'string' ? { secret: body.secret } : {}),
      },
      { ping: true },
    );
    return answer(c, 201, render.webhook(webhook, 'edit'), { Location: render.rest(`/webhooks/${webhook.id}`) });
  });

  rest.get(`/wc/v3/webhooks/:id${ID}`, (c) => {
    allow(c, 'view');
    return answer(c, 200, render.webhook(webhooks.get(Number(c.req.param('id'))), 'view'));
  });

  for (const method of ['put', 'post', 'patch'] as const) {
    rest[method](`/wc/v3/webhooks/:id${ID}`, async (c) => {
      const body = bodyOf(c);
      allow(c, 'edit');
      const webhook = webhooks.get(Number(c.req.param('id')));
      const patch = Object.fromEntries(
        ['name', 'status', 'topic', 'delivery_url', 'secret']
          .filter((field) => typeof body[field] === 'string' && (field === 'name' || body[field] !== ''))
          .map((field) => [field, body[field] as string]),
      ) as { status?: WebhookStatus };
      await webhooks.update(webhook, patch);
      return answer(c, 200, render.webhook(webhook, 'edit'));
    });
  }

  rest.delete(`/wc/v3/webhooks/:id${ID}`, (c) => {
    allow(c, 'delete');
    const webhook = webhooks.get(Number(c.req.param('id')));
    if (!boolParam(c.get('query'), 'force', false)) {
      throw new WooSimError(501, 'woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.');
    }
    const rendered = render.webhook(webhook, 'edit');
    webhooks.delete(webhook);
    return answer(c, 200, rendered);
  });

  registerShipmentTrackingRoutes(rest, sim, (c, permission) => allow(c as Context<Env>, permission));
  app.route('/wp-json', rest);
}

/** Parses the request once, authenticates it, answers an authentication error, and logs what was answered. */
async function track(c: Context<Env>, next: Next, sim: WooCommerceSimulator): Promise<Response | undefined> {
  const url = c.req.url;
  const queryStart = url.indexOf('?');
  const rawQuery = queryStart < 0 ? '' : (url.slice(queryStart + 1).split('#')[0] ?? '');
  const rawPath = new URL(url).pathname;
  const raw = ['GET', 'HEAD'].includes(c.req.method) ? '' : await c.req.text();
  const form: PhpArray = (c.req.header('content-type') ?? '').startsWith('application/x-www-form-urlencoded')
    ? parseStr(raw)
    : {};
  const auth = authenticate(
    { method: c.req.method, rawPath, rawQuery, authorization: c.req.header('authorization'), form },
    sim.store,
    sim.settings,
    sim.home(),
  );
  c.set('auth', auth);
  c.set('raw', raw);
  c.set('query', flatten(parseStr(rawQuery)));
  let response: Response | undefined;
  if (auth.error) {
    response = answerError(c, auth.error);
  } else {
    if (auth.key) auth.key.lastAccess = sim.clock.now();
    await next();
    response = c.res;
  }
  const query = Object.fromEntries(
    Object.entries(c.get('query')).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  sim.requests.push({
    method: c.req.method,
    path: rawPath,
    query,
    auth: auth.method,
    keyId: auth.key?.keyId ?? null,
    status: response.status,
    at: new Date(sim.clock.now()).toISOString(),
  });
  return auth.error ? response : undefined;
}

function flatten(values: PhpArray): Query {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : Object.values(value).join(','),
    ]),
  );
}

function bodyOf(c: Context<Env>): Record<string, unknown> {
  const raw = c.get('raw');
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded')) return { ...parseStr(raw) };
  if (raw.trim() === '') return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    throw new WooSimError(400, 'rest_invalid_json', 'Invalid JSON body passed.', {
      json_error_code: 4,
      json_error_message: 'Syntax error',
    });
  }
}

function collection(query: Query, orderbys: readonly string[]) {
  return {
    page: intParam(query, 'page', { fallback: 1, min: 1 }),
    perPage: intParam(query, 'per_page', { fallback: 10, min: 1, max: 100 }),
    order: enumParam(query, 'order', ['asc', 'desc'] as const, 'desc'),
    orderby: enumParam(query, 'orderby', orderbys, 'date'),
  };
}

/** By `key`, then by id in the same direction (WooCommerce adds ` ID` to date orderings for stable pages). */
function sortBy<T>(
  items: T[],
  order: 'asc' | 'desc',
  key: (item: T) => number | string,
  id: (item: T) => number,
): void {
  const sign = order === 'asc' ? 1 : -1;
  items.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    const byKey = x < y ? -1 : x > y ? 1 : 0;
    return sign * (byKey || id(a) - id(b));
  });
}

/** A page of a collection with `X-WP-Total`, `X-WP-TotalPages` and the `Link` to the previous and next pages. */
function paged<T>(
  c: Context<Env>,
  sim: WooCommerceSimulator,
  path: string,
  items: T[],
  page: number,
  perPage: number,
  render: (item: T) => unknown,
): Response {
  const total = items.length;
  const totalPages = Math.ceil(total / perPage);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const base = new URL(sim.render.rest(path));
  for (const [name, value] of Object.entries(c.get('query')))
    if (value !== undefined) base.searchParams.set(name, value);
  const link = (target: number) => {
    const url = new URL(base);
    url.searchParams.set('page', String(target));
    return url.toString();
  };
  const links = [
    ...(page > 1 ? [`<${link(Math.min(page - 1, Math.max(totalPages, 1)))}>; rel="prev"`] : []),
    ...(totalPages > page ? [`<${link(page + 1)}>; rel="next"`] : []),
  ];
  return answer(c, 200, slice.map(render), {
    'X-WP-Total': String(total),
    'X-WP-TotalPages': String(totalPages),
    ...(links.length > 0 ? { Link: links.join(', ') } : {}),
  });
}

interface BatchBody {
  create: unknown[];
  update: Record<string, unknown>[];
  delete: unknown[];
}

/** `check_batch_limit()`: create + update + delete over 100 is a 413. */
function batchBody(c: Context<Env>): BatchBody {
  const body = bodyOf(c);
  const part = (name: string) => (Array.isArray(body[name]) ? (body[name] as unknown[]) : []);
  const batch = { create: part('create'), update: part('update') as Record<string, unknown>[], delete: part('delete') };
  if (batch.create.length + batch.update.length + batch.delete.length > BATCH_LIMIT) {
    throw new WooSimError(
      413,
      'woocommerce_rest_request_entity_too_large',
      `Unable to accept more than ${BATCH_LIMIT} items for this request.`,
    );
  }
  return batch;
}

function updateInBatch<T>(
  fields: Record<string, unknown>,
  invalidCode: string,
  find: (id: number) => T | undefined,
  apply: (item: T) => unknown,
): unknown {
  const id = Number(fields.id);
  const item = Number.isInteger(id) && id > 0 ? find(id) : undefined;
  if (!item)
    return {
      id: Number.isNaN(id) ? 0 : id,
      error: { code: invalidCode, message: 'Invalid ID.', data: { status: 400 } },
    };
  try {
    return apply(item);
  } catch (error) {
    const woo = asWooError(error);
    const data = typeof woo.data === 'number' ? woo.data : { status: woo.status, ...woo.data };
    return { id, error: { code: woo.code, message: woo.message, data } };
  }
}

/** Only the operations asked for come back; creating and deleting through a batch is not simulated. */
function batchResult(body: BatchBody, update: unknown[]): Record<string, unknown> {
  const unsupported = (items: unknown[]) =>
    items.map(() => ({
      id: 0,
      error: { code: 'simulator_not_supported', message: 'Not simulated.', data: { status: 501 } },
    }));
  return {
    ...(body.create.length > 0 ? { create: unsupported(body.create) } : {}),
    ...(body.update.length > 0 ? { update } : {}),
    ...(body.delete.length > 0 ? { delete: unsupported(body.delete) } : {}),
  };
}
