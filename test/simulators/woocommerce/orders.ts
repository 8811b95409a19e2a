/**
 * Orders as WooCommerce changes them: placed with totals worked out like `calculate_totals`, paid
 * (`payment_complete`), moved between statuses (stock reduced and restored on the way), refunded (`wc_create_refund`),
 * trashed and restored, each change saved with a new `date_modified` and announced with the hooks webhooks listen to.
 */
import { randomBytes } from 'node:crypto';
import type {
  Address,
  CouponLine,
  FeeLine,
  LineItem,
  Order,
  Product,
  Refund,
  RefundableItem,
  ShippingLine,
  TaxLine,
  TaxRate,
  TaxShare,
} from './model.ts';
import { type Micros, micros, percentOf, round, shareOf, sum, trimmed, ZERO } from './money.ts';
import { addressOf, WooSimError, type WooStore } from './store.ts';

export const ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
];

const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending payment',
  processing: 'Processing',
  'on-hold': 'On hold',
  completed: 'Completed',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
  failed: 'Failed',
  'checkout-draft': 'Draft',
};

const PAID_STATUSES = ['processing', 'completed'];
/** `wc_maybe_reduce_stock_levels` runs on these. */
const STOCK_REDUCING_STATUSES = ['processing', 'completed', 'on-hold'];
/** `wc_maybe_increase_stock_levels` runs on these. */
const STOCK_RESTORING_STATUSES = ['cancelled', 'pending'];

export interface LineInput {
  product_id?: number;
  variation_id?: number;
  sku?: string;
  quantity: number;
  /** Unit price before discounts (default: the product's price). */
  price?: string;
  name?: string;
}

export interface OrderInput {
  status?: string;
  customer_id?: number;
  currency?: string;
  billing?: Partial<Address>;
  shipping?: Partial<Address>;
  payment_method?: string;
  payment_method_title?: string;
  transaction_id?: string;
  created_via?: string;
  customer_note?: string;
  customer_ip_address?: string;
  customer_user_agent?: string;
  meta_data?: { key: string; value: unknown }[];
  line_items: LineInput[];
  shipping_lines?: { method_id?: string; method_title?: string; instance_id?: string; total: string }[];
  fee_lines?: { name: string; total: string; tax_status?: 'taxable' | 'none' }[];
  /** Cart discounts: `{ code, discount }` (excluding tax), spread over the lines by their subtotals. */
  coupon_lines?: { code: string; discount: string; discount_type?: string }[];
  /** Tax rates (`POST /__sim/tax-rates`) applied to every taxable line, fee and (if the rate says so) shipping. */
  tax_rate_ids?: number[];
  /** Pay the order right away (`set_paid`): processing, stock reduced. */
  set_paid?: boolean;
}

export interface RefundInput {
  /** Default: the sum of the lines' `refund_total` and `refund_tax`. */
  amount?: string;
  reason?: string;
  /** Items of the order (products, shipping, fees) by their item id. */
  line_items?: {
    id: number;
    quantity?: number;
    refund_total?: string;
    refund_tax?: { id: number; refund_total: string }[];
  }[];
  /** Default true, as the REST API's `api_restock`. */
  restock?: boolean;
  /** Whether the gateway refunded the money (`api_refund`); default false. */
  refunded_payment?: boolean;
}

function taxShares(amount: Micros, subtotal: Micros, rates: TaxRate[]): TaxShare[] {
  return rates.map((rate) => ({
    rateId: rate.id,
    total: percentOf(amount, rate.percent),
    subtotal: percentOf(subtotal, rate.percent),
  }));
}

const saleOrRegular = (product: Product) => product.salePrice || product.regularPrice || '0';

function resolveProduct(
  store: WooStore,
  line: LineInput,
): { product: Product | undefined; productId: number; variationId: number } {
  const product =
    line.sku !== undefined
      ? store.productBySku(line.sku)
      : store.product(line.variation_id ? line.variation_id : (line.product_id ?? 0));
  if (!product) {
    throw new WooSimError(
      400,
      'woocommerce_rest_invalid_product_id',
      `Product ID ${line.sku ?? line.variation_id ?? line.product_id} is invalid.`,
    );
  }
  if (product.type === 'variable') {
    throw new WooSimError(
      400,
      'woocommerce_rest_invalid_product_id',
      `Product ${product.id} is variable: order one of its variations.`,
    );
  }
  const variation = product.type === 'variation';
  return { product, productId: variation ? product.parentId : product.id, variationId: variation ? product.id : 0 };
}

/** The order as a checkout or `POST /wc/v3/orders` makes it; fires `woocommerce_new_order` then `woocommerce_update_order`. */
export function placeOrder(store: WooStore, input: OrderInput): Order {
  if (input.line_items.length === 0)
    throw new WooSimError(400, 'woocommerce_rest_required_line_items', 'An order needs at least one line item.');
  const status = input.status ?? 'pending';
  if (!ORDER_STATUSES.includes(status)) throw invalidStatus();
  const rates = (input.tax_rate_ids ?? []).map((id) => {
    const rate = store.taxRates.get(id);
    if (!rate) throw new WooSimError(400, 'woocommerce_rest_invalid_tax_rate', `No tax rate ${id}.`);
    return rate;
  });
  const customer = input.customer_id ? store.customers.get(input.customer_id) : undefined;
  if (input.customer_id && !customer)
    throw new WooSimError(400, 'woocommerce_rest_invalid_customer_id', 'Customer ID is invalid.');

  const lines: LineItem[] = input.line_items.map((line) => {
    const { product, productId, variationId } = resolveProduct(store, line);
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw new WooSimError(400, 'woocommerce_rest_invalid_quantity', 'Quantity must be a positive integer.');
    }
    const subtotal = round(micros(line.price ?? saleOrRegular(product as Product)) * BigInt(line.quantity), 2);
    const meta =
      product?.type === 'variation'
        ? product.attributes.map(({ name, option = '' }) =>
            store.meta(`pa_${name.toLowerCase()}`, option.toLowerCase(), { key: name, value: option }),
          )
        : [];
    return {
      kind: 'line_item',
      id: 0,
      name: line.name ?? product?.name ?? '',
      productId,
      variationId,
      quantity: line.quantity,
      taxClass: '',
      subtotal,
      subtotalTax: ZERO,
      total: subtotal,
      totalTax: ZERO,
      taxes: [],
      meta,
    };
  });

  // Cart discounts, spread like WC_Discounts: a share per line by subtotal, the leftover cents to the largest lines.
  const coupons = input.coupon_lines ?? [];
  const discount = sum(coupons.map((coupon) => micros(coupon.discount)));
  const lineSubtotal = sum(lines.map((line) => line.subtotal));
  if (discount > lineSubtotal)
    throw new WooSimError(400, 'woocommerce_rest_invalid_coupon', 'The discount is more than the items cost.');
  if (discount > ZERO) {
    const shares = lines.map((line) => shareOf(discount, line.subtotal, lineSubtotal));
    let left = discount - sum(shares);
    const byValue = lines
      .map((_, index) => index)
      .sort((a, b) => Number((lines[b]?.subtotal ?? 0n) - (lines[a]?.subtotal ?? 0n)));
    for (let i = 0; left > ZERO; i = (i + 1) % byValue.length) {
      const index = byValue[i] ?? 0;
      shares[index] = (shares[index] ?? ZERO) + 10_000n;
      left -= 10_000n;
    }
    lines.forEach((line, index) => {
      line.total = line.subtotal - (shares[index] ?? ZERO);
    });
  }
  for (const [index, line] of lines.entries()) {
    const product = resolveProduct(store, input.line_items[index] as LineInput).product;
    const taxable = product?.taxStatus === 'taxable';
    line.taxes = taxable ? taxShares(line.total, line.subtotal, rates) : [];
    line.totalTax = sum(line.taxes.map((share) => share.total));
    line.subtotalTax = sum(line.taxes.map((share) => share.subtotal));
  }

  const shippingLines: ShippingLine[] = (input.shipping_lines ?? []).map((line) => {
    const total = micros(line.total);
    const taxes = taxShares(
      total,
      total,
      rates.filter((rate) => rate.shipping),
    ).map((share) => ({ ...share, subtotal: ZERO }));
    return {
      kind: 'shipping',
      id: 0,
      methodTitle: line.method_title ?? 'Flat rate',
      methodId: line.method_id ?? 'flat_rate',
      instanceId: line.instance_id ?? '',
      taxStatus: 'taxable',
      total,
      totalTax: sum(taxes.map((share) => share.total)),
      taxes,
      meta: [],
    };
  });
  const feeLines: FeeLine[] = (input.fee_lines ?? []).map((line) => {
    const total = micros(line.total);
    const taxStatus = line.tax_status ?? 'taxable';
    const taxes =
      taxStatus === 'taxable' ? taxShares(total, total, rates).map((share) => ({ ...share, subtotal: ZERO })) : [];
    return {
      kind: 'fee',
      id: 0,
      name: line.name,
      taxClass: '',
      taxStatus,
      amount: trimmed(total),
      total,
      totalTax: sum(taxes.map((share) => share.total)),
      taxes,
      meta: [],
    };
  });
  const taxLines: TaxLine[] = rates.map((rate) => ({
    kind: 'tax',
    id: 0,
    rateId: rate.id,
    rateCode: rate.rateCode,
    label: rate.label,
    compound: rate.compound,
    taxTotal: round(sum([...lines, ...feeLines].map((item) => shareFor(item, rate.id)))),
    shippingTaxTotal: round(sum(shippingLines.map((item) => shareFor(item, rate.id)))),
    ratePercent: Number(rate.percent),
    meta: [],
  }));
  const discountTax = sum(lines.map((line) => line.subtotalTax - line.totalTax));
  const couponLines: CouponLine[] = coupons.map((coupon, index) => {
    const amount = micros(coupon.discount);
    const isLast = index === coupons.length - 1;
    const earlier = sum(
      coupons.slice(0, index).map((other) => round(shareOf(discountTax, micros(other.discount), discount))),
    );
    return {
      kind: 'coupon',
      id: 0,
      code: coupon.code,
      discount: amount,
      discountTax: isLast ? discountTax - earlier : round(shareOf(discountTax, amount, discount)),
      discountType: coupon.discount_type ?? 'fixed_cart',
      nominalAmount: Number(coupon.discount),
      meta: [],
    };
  });
  // Item ids in the order WooCommerce saves them: products, shipping, fees, coupons, taxes.
  for (const item of [...lines, ...shippingLines, ...feeLines, ...couponLines, ...taxLines])
    item.id = store.nextItemId();

  const now = store.clock.now();
  const billing = addressOf(input.billing ?? (customer ? customer.billing : undefined), true);
  const shipping = addressOf(input.shipping ?? (customer ? customer.shipping : undefined), false);
  const order: Order = {
    id: store.nextPostId(),
    status,
    statusBeforeTrash: undefined,
    currency: input.currency ?? store.settings.currency,
    version: store.settings.wcVersion,
    pricesIncludeTax: false,
    created: now,
    modified: now,
    completed: null,
    paid: null,
    customerId: customer?.id ?? 0,
    orderKey: `wc_order_${randomBytes(10).toString('base64url').replace(/[-_]/g, '').slice(0, 13)}`,
    billing,
    shipping,
    paymentMethod: input.payment_method ?? 'bacs',
    paymentMethodTitle: input.payment_method_title ?? 'Direct bank transfer',
    transactionId: input.transaction_id ?? '',
    customerIpAddress: input.customer_ip_address ?? '',
    customerUserAgent: input.customer_user_agent ?? '',
    createdVia: input.created_via ?? 'rest-api',
    customerNote: input.customer_note ?? '',
    cartHash: '',
    meta: (input.meta_data ?? []).map(({ key, value }) => store.meta(key, value)),
    lineItems: lines,
    shippingLines,
    feeLines,
    couponLines,
    taxLines,
    refundIds: [],
    stockReduced: false,
  };
  store.orders.set(order.id, order);
  store.fire('woocommerce_new_order', order.id);
  store.fire('woocommerce_update_order', order.id);
  if (PAID_STATUSES.includes(status)) order.paid = now;
  if (status === 'completed') order.completed = now;
  if (STOCK_REDUCING_STATUSES.includes(status)) reduceStock(store, order);
  if (input.set_paid) payOrder(store, order, input.transaction_id);
  return order;
}

const shareFor = (item: { taxes: TaxShare[] }, rateId: number) =>
  item.taxes.find((share) => share.rateId === rateId)?.total ?? ZERO;

/** The order's totals, worked out from its items as `calculate_totals` leaves them. */
export function orderTotals(order: Order) {
  const cartTax = sum(order.taxLines.map((line) => line.taxTotal));
  const shippingTax = sum(order.taxLines.map((line) => line.shippingTaxTotal));
  const shippingTotal = sum(order.shippingLines.map((line) => line.total));
  const items = sum(order.lineItems.map((line) => line.total));
  const fees = sum(order.feeLines.map((line) => line.total));
  return {
    discountTotal: sum(order.lineItems.map((line) => line.subtotal - line.total)),
    discountTax: sum(order.lineItems.map((line) => line.subtotalTax - line.totalTax)),
    shippingTotal,
    shippingTax,
    cartTax,
    total: round(items + fees + shippingTotal + cartTax + shippingTax),
    totalTax: cartTax + shippingTax,
  };
}

export function refundedTotal(store: WooStore, order: Order): Micros {
  return sum(order.refundIds.map((id) => store.refunds.get(id)?.amount ?? ZERO));
}

function save(store: WooStore, order: Order): void {
  order.modified = store.clock.now();
  store.fire('woocommerce_update_order', order.id);
}

const invalidStatus = () =>
  new WooSimError(400, 'rest_invalid_param', 'Invalid parameter(s): status', {
    params: { status: `status is not one of ${ORDER_STATUSES.join(', ')}.` },
  });

/** `$order->update_status()`: the status note, paid and completed dates, stock, one save. */
export function setStatus(store: WooStore, order: Order, status: string, note = ''): Order {
  if (!ORDER_STATUSES.includes(status)) throw invalidStatus();
  const from = order.status;
  if (from === status) return order;
  order.status = status;
  const now = store.clock.now();
  if (PAID_STATUSES.includes(status) && order.paid === null) order.paid = now;
  if (status === 'completed' && order.completed === null) order.completed = now;
  store.addNote(
    order,
    `${note ? `${note} ` : ''}Order status changed from ${STATUS_LABELS[from] ?? from} to ${STATUS_LABELS[status] ?? status}.`,
  );
  save(store, order);
  if (STOCK_REDUCING_STATUSES.includes(status)) reduceStock(store, order);
  if (STOCK_RESTORING_STATUSES.includes(status)) restoreStock(store, order);
  return order;
}

/** `$order->payment_complete()`: from pending, on-hold, failed or cancelled to processing (completed if all virtual). */
export function payOrder(store: WooStore, order: Order, transactionId?: string): Order {
  if (!['pending', 'on-hold', 'failed', 'cancelled'].includes(order.status)) return order;
  if (transactionId) order.transactionId = transactionId;
  if (order.paid === null) order.paid = store.clock.now();
  const allVirtual = order.lineItems.every((line) => store.products.get(line.variationId || line.productId)?.virtual);
  return setStatus(store, order, allVirtual ? 'completed' : 'processing');
}

/** `wc_reduce_stock_levels`: once per order; each product saved (→ `product.updated`), `_reduced_stock` on the line. */
export function reduceStock(store: WooStore, order: Order): void {
  if (order.stockReduced) return;
  order.stockReduced = true;
  const changes: string[] = [];
  for (const line of order.lineItems) {
    const product = store.products.get(line.variationId || line.productId);
    if (!product) continue;
    const changed = store.changeStock(product, -line.quantity);
    if (!changed) continue;
    line.meta.push(store.meta('_reduced_stock', String(line.quantity)));
    changes.push(`${product.name} (${product.sku || `#${product.id}`}) ${changed.from}&rarr;${changed.to}`);
  }
  if (changes.length > 0) {
    store.addNote(order, `Stock levels reduced: ${changes.join(', ')}`);
    save(store, order);
  }
}

/** `wc_increase_stock_levels`: gives back what `_reduced_stock` took. */
export function restoreStock(store: WooStore, order: Order): void {
  if (!order.stockReduced) return;
  order.stockReduced = false;
  for (const line of order.lineItems) {
    const reduced = line.meta.find((meta) => meta.key === '_reduced_stock');
    const product = store.products.get(line.variationId || line.productId);
    if (!reduced || !product) continue;
    store.changeStock(product, Number(reduced.value));
    line.meta = line.meta.filter((meta) => meta !== reduced);
  }
  save(store, order);
}

/** `REST PUT /orders/{id}`: the simple fields, `meta_data`, then `status` (applied last), then `set_paid`. */
export function updateOrder(store: WooStore, order: Order, body: Record<string, unknown>): Order {
  let changed = false;
  for (const [field, key] of [
    ['customer_note', 'customerNote'],
    ['transaction_id', 'transactionId'],
    ['payment_method', 'paymentMethod'],
    ['payment_method_title', 'paymentMethodTitle'],
  ] as const) {
    if (typeof body[field] === 'string') {
      order[key] = body[field] as string;
      changed = true;
    }
  }
  for (const field of ['billing', 'shipping'] as const) {
    const value = body[field];
    if (value && typeof value === 'object') {
      order[field] = addressOf({ ...order[field], ...(value as Partial<Address>) }, field === 'billing');
      changed = true;
    }
  }
  if (Array.isArray(body.meta_data)) {
    for (const entry of body.meta_data as { id?: number; key?: string; value?: unknown }[]) {
      const existing = order.meta.find((meta) => (entry.id ? meta.id === entry.id : meta.key === entry.key));
      if (existing) existing.value = entry.value;
      else if (typeof entry.key === 'string') order.meta.push(store.meta(entry.key, entry.value));
      changed = true;
    }
  }
  if (changed) save(store, order);
  if (typeof body.status === 'string' && body.status !== order.status) setStatus(store, order, body.status);
  if (body.set_paid === true) payOrder(store, order);
  if (!changed && body.status === undefined && body.set_paid === undefined) save(store, order);
  return order;
}

/** `wc_create_refund`: items copied negative, restocked, the parent refunded in full or in part. */
export function refundOrder(store: WooStore, order: Order, input: RefundInput): Refund {
  const items: RefundableItem[] = [...order.lineItems, ...order.shippingLines, ...order.feeLines];
  const copies: RefundableItem[] = [];
  let itemsTotal = ZERO;
  let restockable: { line: LineItem; quantity: number }[] = [];
  for (const request of input.line_items ?? []) {
    const item = items.find((candidate) => candidate.id === request.id);
    if (!item) continue;
    const quantity = request.quantity ?? 0;
    const total = micros(request.refund_total ?? '0');
    const taxes: TaxShare[] = (request.refund_tax ?? []).map((tax) => ({
      rateId: tax.id,
      total: -micros(tax.refund_total),
      subtotal: -micros(tax.refund_total),
    }));
    if (quantity === 0 && total === ZERO && taxes.length === 0) continue;
    const totalTax = sum(taxes.map((share) => share.total));
    itemsTotal += total - totalTax;
    const meta = [store.meta('_refunded_item_id', String(item.id))];
    const copy =
      item.kind === 'line_item'
        ? { ...item, quantity: -quantity, subtotal: -total, subtotalTax: totalTax }
        : { ...item, ...(item.kind === 'fee' ? { amount: trimmed(-total) } : {}) };
    copies.push({ ...copy, id: store.nextItemId(), total: -total, totalTax, taxes, meta } as RefundableItem);
    if (item.kind === 'line_item' && quantity > 0) restockable.push({ line: item, quantity });
  }
  const amount = input.amount !== undefined ? micros(input.amount) : itemsTotal;
  const remaining = orderTotals(order).total - refundedTotal(store, order);
  if (amount < ZERO || amount > remaining) {
    throw new WooSimError(500, 'woocommerce_rest_cannot_create_order_refund', 'Invalid refund amount.');
  }
  const lineItems = copies.filter((item): item is LineItem => item.kind === 'line_item');
  const shippingLines = copies.filter((item): item is ShippingLine => item.kind === 'shipping');
  const feeLines = copies.filter((item): item is FeeLine => item.kind === 'fee');
  const taxLines: TaxLine[] = order.taxLines
    .map((line) => ({
      ...line,
      id: 0,
      taxTotal: sum([...lineItems, ...feeLines].map((item) => shareFor(item, line.rateId))),
      shippingTaxTotal: sum(shippingLines.map((item) => shareFor(item, line.rateId))),
      meta: [],
    }))
    .filter((line) => line.taxTotal !== ZERO || line.shippingTaxTotal !== ZERO);
  for (const line of taxLines) line.id = store.nextItemId();
  const refund: Refund = {
    id: store.nextPostId(),
    orderId: order.id,
    amount,
    reason: input.reason ?? '',
    refundedBy: 1,
    refundedPayment: input.refunded_payment ?? false,
    created: store.clock.now(),
    lineItems,
    shippingLines,
    feeLines,
    taxLines,
    meta: [],
  };
  store.refunds.set(refund.id, refund);
  order.refundIds.unshift(refund.id);
  if (input.restock === false) restockable = [];
  for (const { line, quantity } of restockable) {
    const product = store.products.get(line.variationId || line.productId);
    const changed = product ? store.changeStock(product, quantity) : undefined;
    if (!changed) continue;
    const previous = line.meta.find((meta) => meta.key === '_restock_refunded_items');
    if (previous) previous.value = String(Number(previous.value) + quantity);
    else line.meta.push(store.meta('_restock_refunded_items', String(quantity)));
    store.addNote(order, `Item #${product?.id} stock increased from ${changed.from} to ${changed.to}.`);
  }
  save(store, order);
  if (remaining - amount <= ZERO) setStatus(store, order, 'refunded');
  store.fire('woocommerce_order_refunded', order.id);
  return refund;
}

/** Moved to the trash (`order.deleted` carries only the id); `restoreOrder` puts it back in its former status. */
export function trashOrder(store: WooStore, order: Order): Order {
  if (order.status === 'trash')
    throw new WooSimError(410, 'woocommerce_rest_already_trashed', 'The shop_order has already been deleted.');
  order.statusBeforeTrash = order.status;
  order.status = 'trash';
  order.modified = store.clock.now();
  store.fire('woocommerce_trash_order', order.id);
  return order;
}

export function restoreOrder(store: WooStore, order: Order): Order {
  if (order.status !== 'trash') return order;
  order.status = order.statusBeforeTrash ?? 'pending';
  order.statusBeforeTrash = undefined;
  order.modified = store.clock.now();
  store.fire('woocommerce_untrash_order', order.id);
  return order;
}
