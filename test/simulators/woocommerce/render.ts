/**
 * The REST v3 shapes, key for key in WooCommerce 11's order (taken from the recorded deliveries in
 * `shared/fixtures/woocommerce/`): money as text with 2 decimals, per-rate tax shares unrounded, line prices as JSON
 * numbers, local dates and their `_gmt` twins, `_links` with WordPress's `targetHints`.
 */
import { createHash } from 'node:crypto';
import { wcDate } from './clock.ts';
import type {
  Customer,
  LineItem,
  Meta,
  Order,
  OrderNote,
  Product,
  Refund,
  RefundableItem,
  TaxLine,
  TaxShare,
  Webhook,
} from './model.ts';
import { type Micros, micros, money, trimmed } from './money.ts';
import { orderTotals } from './orders.ts';
import type { WooStore } from './store.ts';
import { hooksOf } from './topics.ts';

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export class Renderer {
  readonly #store: WooStore;
  readonly #home: () => string;

  constructor(store: WooStore, home: () => string) {
    this.#store = store;
    this.#home = home;
  }

  get home(): string {
    return this.#home();
  }

  rest(path: string): string {
    return `${this.home}/wp-json/wc/v3${path}`;
  }

  #local(ms: number | null): string | null {
    return ms === null ? null : wcDate(ms, this.#store.settings.utcOffsetMinutes);
  }

  #gmt(ms: number | null): string | null {
    return ms === null ? null : wcDate(ms);
  }

  #self(path: string, allow = ALL_METHODS) {
    return [{ href: this.rest(path), targetHints: { allow } }];
  }

  order(order: Order): Record<string, unknown> {
    const totals = orderTotals(order);
    const home = this.home;
    return {
      id: order.id,
      parent_id: 0,
      status: order.status,
      currency: order.currency,
      version: order.version,
      prices_include_tax: order.pricesIncludeTax,
      date_created: this.#local(order.created),
      date_modified: this.#local(order.modified),
      discount_total: money(totals.discountTotal),
      discount_tax: money(totals.discountTax),
      shipping_total: money(totals.shippingTotal),
      shipping_tax: money(totals.shippingTax),
      cart_tax: money(totals.cartTax),
      total: money(totals.total),
      total_tax: money(totals.totalTax),
      customer_id: order.customerId,
      order_key: order.orderKey,
      billing: { ...order.billing },
      shipping: { ...order.shipping },
      payment_method: order.paymentMethod,
      payment_method_title: order.paymentMethodTitle,
      transaction_id: order.transactionId,
      customer_ip_address: order.customerIpAddress,
      customer_user_agent: order.customerUserAgent,
      created_via: order.createdVia,
      customer_note: order.customerNote,
      date_completed: this.#local(order.completed),
      date_paid: this.#local(order.paid),
      cart_hash: order.cartHash,
      number: String(order.id),
      meta_data: order.meta.filter((meta) => !meta.key.startsWith('_')).map(plainMeta),
      line_items: order.lineItems.map((line) => this.lineItem(line)),
      tax_lines: order.taxLines.map(taxLine),
      shipping_lines: order.shippingLines.map((line) => itemOf(line)),
      fee_lines: order.feeLines.map((line) => itemOf(line)),
      coupon_lines: order.couponLines.map((line) => ({
        id: line.id,
        code: line.code,
        discount: money(line.discount),
        discount_tax: money(line.discountTax),
        meta_data: line.meta.map(itemMeta),
        discount_type: line.discountType,
        nominal_amount: line.nominalAmount,
        free_shipping: false,
      })),
      refunds: order.refundIds.flatMap((id) => {
        const refund = this.#store.refunds.get(id);
        if (!refund) return [];
        const tax = [...refund.lineItems, ...refund.shippingLines, ...refund.feeLines].reduce(
          (acc, item) => acc + item.totalTax,
          0n,
        );
        return [{ id: refund.id, reason: refund.reason, total: `-${money(refund.amount)}`, total_tax: money(tax) }];
      }),
      payment_url: `${home}/checkout/order-pay/${order.id}/?pay_for_order=true&key=${order.orderKey}`,
      is_editable: ['pending', 'on-hold', 'auto-draft', 'checkout-draft'].includes(order.status),
      needs_payment: ['pending', 'failed'].includes(order.status) && totals.total > 0n,
      needs_processing: order.lineItems.some(
        (line) => !this.#store.products.get(line.variationId || line.productId)?.virtual,
      ),
      date_created_gmt: this.#gmt(order.created),
      date_modified_gmt: this.#gmt(order.modified),
      date_completed_gmt: this.#gmt(order.completed),
      date_paid_gmt: this.#gmt(order.paid),
      currency_symbol: currencySymbol(order.currency),
      _links: {
        self: this.#self(`/orders/${order.id}`),
        collection: [{ href: this.rest('/orders') }],
        ...(order.customerId ? { customer: [{ href: this.rest(`/customers/${order.customerId}`) }] } : {}),
        email_templates: [{ embeddable: true, href: this.rest(`/orders/${order.id}/actions/email_templates`) }],
      },
    };
  }

  /** `get_order_item_data`: the product's current SKU and image, `price` as PHP divides (a JSON number). */
  lineItem(line: LineItem): Record<string, unknown> {
    const product = this.#store.products.get(line.variationId || line.productId);
    return {
      id: line.id,
      name: line.name,
      product_id: line.productId,
      variation_id: line.variationId,
      quantity: line.quantity,
      tax_class: line.taxClass,
      subtotal: money(line.subtotal),
      subtotal_tax: money(line.subtotalTax),
      total: money(line.total),
      total_tax: money(line.totalTax),
      taxes: line.taxes.map(taxShare),
      meta_data: line.meta.map(itemMeta),
      sku: product ? product.sku : null,
      global_unique_id: product ? '' : null,
      price: phpPrice(line.total, line.quantity),
      image: { id: '', src: '' },
      parent_name: product?.type === 'variation' ? (this.#store.products.get(product.parentId)?.name ?? null) : null,
    };
  }

  refund(refund: Refund): Record<string, unknown> {
    return {
      id: refund.id,
      date_created: this.#local(refund.created),
      date_created_gmt: this.#gmt(refund.created),
      amount: money(refund.amount),
      reason: refund.reason,
      refunded_by: refund.refundedBy,
      refunded_payment: refund.refundedPayment,
      meta_data: refund.meta.map(plainMeta),
      line_items: refund.lineItems.map((line) => this.lineItem(line)),
      shipping_lines: refund.shippingLines.map((line) => itemOf(line)),
      tax_lines: refund.taxLines.map(taxLine),
      fee_lines: refund.feeLines.map((line) => itemOf(line)),
      _links: {
        self: this.#self(`/orders/${refund.orderId}/refunds/${refund.id}`, ['GET', 'DELETE']),
        collection: [{ href: this.rest(`/orders/${refund.orderId}/refunds`) }],
        up: [{ href: this.rest(`/orders/${refund.orderId}`) }],
      },
    };
  }

  note(note: OrderNote): Record<string, unknown> {
    return {
      id: note.id,
      author: note.author,
      date_created: this.#local(note.created),
      date_created_gmt: this.#gmt(note.created),
      note: note.note,
      customer_note: note.customerNote,
      _links: {
        self: this.#self(`/orders/${note.orderId}/notes/${note.id}`, ['GET', 'DELETE']),
        collection: [{ href: this.rest(`/orders/${note.orderId}/notes`) }],
        up: [{ href: this.rest(`/orders/${note.orderId}`) }],
      },
    };
  }

  /** `GET /products/{id}`: a simple or variable product, or a variation asked for by its own id. */
  product(product: Product): Record<string, unknown> {
    const parent = product.type === 'variation' ? this.#store.products.get(product.parentId) : undefined;
    const price = product.salePrice || product.regularPrice;
    const variationPrices = product.variations
      .map((id) => this.#store.products.get(id)?.regularPrice ?? '')
      .filter(Boolean);
    const slug = parent?.slug ?? product.slug;
    return {
      id: product.id,
      name: product.name,
      slug: product.slug,
      permalink: `${this.home}/product/${slug}/${variationQuery(product)}`,
      date_created: this.#local(product.created),
      date_created_gmt: this.#gmt(product.created),
      date_modified: this.#local(product.modified),
      date_modified_gmt: this.#gmt(product.modified),
      type: product.type,
      status: product.status,
      featured: false,
      catalog_visibility: 'visible',
      description: '',
      short_description: '',
      sku: product.sku,
      price: product.type === 'variable' ? (variationPrices.sort(byAmount)[0] ?? '') : price,
      regular_price: product.regularPrice,
      sale_price: product.salePrice,
      date_on_sale_from: null,
      date_on_sale_from_gmt: null,
      date_on_sale_to: null,
      date_on_sale_to_gmt: null,
      on_sale: product.salePrice !== '',
      purchasable: product.type === 'variable' ? variationPrices.length > 0 : price !== '',
      total_sales: product.totalSales,
      virtual: product.virtual,
      downloadable: false,
      downloads: [],
      download_limit: -1,
      download_expiry: -1,
      external_url: '',
      button_text: '',
      tax_status: product.taxStatus,
      tax_class: '',
      manage_stock: product.manageStock || (parent?.manageStock ? 'parent' : false),
      stock_quantity: product.stockQuantity,
      backorders: product.backorders,
      backorders_allowed: product.backorders !== 'no',
      backordered: false,
      low_stock_amount: null,
      sold_individually: false,
      weight: '',
      dimensions: { length: '', width: '', height: '' },
      shipping_required: !product.virtual,
      shipping_taxable: product.taxStatus === 'taxable',
      shipping_class: '',
      shipping_class_id: 0,
      reviews_allowed: product.type !== 'variation',
      average_rating: '0.00',
      rating_count: 0,
      upsell_ids: [],
      cross_sell_ids: [],
      parent_id: product.parentId,
      purchase_note: '',
      categories: product.categories.map((category) => ({ ...category })),
      brands: [],
      tags: [],
      images: [],
      attributes: this.#attributes(product),
      default_attributes: [],
      variations: product.variations,
      grouped_products: [],
      menu_order: 0,
      price_html: priceHtml(product.type === 'variable' ? variationPrices.sort(byAmount) : price ? [price] : []),
      related_ids: [],
      meta_data: product.meta.map(plainMeta),
      stock_status: product.stockStatus,
      has_options: product.type === 'variable',
      post_password: '',
      global_unique_id: '',
      _links: {
        self: this.#self(`/products/${product.id}`),
        collection: [{ href: this.rest('/products') }],
        ...(parent ? { up: [{ href: this.rest(`/products/${parent.id}`) }] } : {}),
      },
    };
  }

  /** `GET /products/{parent}/variations/{id}`: the variations controller's shorter shape. */
  variation(variation: Product): Record<string, unknown> {
    const parent = this.#store.products.get(variation.parentId);
    const price = variation.salePrice || variation.regularPrice;
    return {
      id: variation.id,
      date_created: this.#local(variation.created),
      date_created_gmt: this.#gmt(variation.created),
      date_modified: this.#local(variation.modified),
      date_modified_gmt: this.#gmt(variation.modified),
      description: '',
      permalink: `${this.home}/product/${parent?.slug ?? ''}/${variationQuery(variation)}`,
      sku: variation.sku,
      global_unique_id: '',
      price,
      regular_price: variation.regularPrice,
      sale_price: variation.salePrice,
      date_on_sale_from: null,
      date_on_sale_from_gmt: null,
      date_on_sale_to: null,
      date_on_sale_to_gmt: null,
      on_sale: variation.salePrice !== '',
      status: variation.status,
      purchasable: price !== '',
      virtual: variation.virtual,
      downloadable: false,
      downloads: [],
      download_limit: -1,
      download_expiry: -1,
      tax_status: variation.taxStatus,
      tax_class: '',
      manage_stock: variation.manageStock || (parent?.manageStock ? 'parent' : false),
      stock_quantity: variation.stockQuantity,
      stock_status: variation.stockStatus,
      backorders: variation.backorders,
      backorders_allowed: variation.backorders !== 'no',
      backordered: false,
      low_stock_amount: null,
      weight: '',
      dimensions: { length: '', width: '', height: '' },
      shipping_class: '',
      shipping_class_id: 0,
      image: null,
      attributes: this.#attributes(variation),
      menu_order: 0,
      meta_data: variation.meta.map(plainMeta),
      name: variation.name,
      parent_id: variation.parentId,
      _links: {
        self: this.#self(`/products/${variation.parentId}/variations/${variation.id}`),
        collection: [{ href: this.rest(`/products/${variation.parentId}/variations`) }],
        up: [{ href: this.rest(`/products/${variation.parentId}`) }],
      },
    };
  }

  #attributes(product: Product) {
    return product.attributes.map((attribute) =>
      attribute.option !== undefined
        ? { id: 0, name: attribute.name, slug: attribute.name.toLowerCase(), option: attribute.option }
        : {
            id: 0,
            name: attribute.name,
            slug: attribute.name.toLowerCase(),
            position: 0,
            visible: true,
            variation: true,
            options: attribute.options ?? [],
          },
    );
  }

  customer(customer: Customer): Record<string, unknown> {
    const { billing, shipping } = customer;
    const hash = createHash('sha256').update(customer.email.trim().toLowerCase()).digest('hex');
    return {
      id: customer.id,
      date_created: this.#local(customer.created),
      date_created_gmt: this.#gmt(customer.created),
      date_modified: this.#local(customer.modified),
      date_modified_gmt: this.#gmt(customer.modified),
      email: customer.email,
      first_name: customer.firstName,
      last_name: customer.lastName,
      role: customer.role,
      username: customer.username,
      billing: {
        first_name: billing.first_name,
        last_name: billing.last_name,
        company: billing.company,
        address_1: billing.address_1,
        address_2: billing.address_2,
        city: billing.city,
        postcode: billing.postcode,
        country: billing.country,
        state: billing.state,
        email: billing.email ?? '',
        phone: billing.phone,
      },
      shipping: {
        first_name: shipping.first_name,
        last_name: shipping.last_name,
        company: shipping.company,
        address_1: shipping.address_1,
        address_2: shipping.address_2,
        city: shipping.city,
        postcode: shipping.postcode,
        country: shipping.country,
        state: shipping.state,
        phone: shipping.phone,
      },
      is_paying_customer: customer.isPayingCustomer,
      avatar_url: `https://secure.gravatar.com/avatar/${hash}?s=96&d=mm&r=g`,
      meta_data: customer.meta.map(plainMeta),
      _links: {
        self: this.#self(`/customers/${customer.id}`),
        collection: [{ href: this.rest('/customers') }],
      },
    };
  }

  /** The v2/v3 webhook; `secret` only in the `edit` context (answers to writes). */
  webhook(webhook: Webhook, context: 'view' | 'edit'): Record<string, unknown> {
    const [resource = '', event = ''] = splitTopic(webhook.topic);
    return {
      id: webhook.id,
      name: webhook.name,
      status: webhook.status,
      topic: webhook.topic,
      resource,
      event,
      hooks: hooksOf(webhook.topic),
      delivery_url: webhook.deliveryUrl,
      ...(context === 'edit' ? { secret: webhook.secret } : {}),
      date_created: this.#local(webhook.created),
      date_created_gmt: this.#gmt(webhook.created),
      date_modified: this.#local(webhook.modified),
      date_modified_gmt: this.#gmt(webhook.modified),
      _links: {
        self: this.#self(`/webhooks/${webhook.id}`),
        collection: [{ href: this.rest('/webhooks') }],
      },
    };
  }
}

/** `explode('.', $topic)`: an action topic keeps the whole hook name as its event. */
export function splitTopic(topic: string): [string, string] {
  const dot = topic.indexOf('.');
  return dot < 0 ? [topic, ''] : [topic.slice(0, dot), topic.slice(dot + 1)];
}

const plainMeta = (meta: Meta) => ({ id: meta.id, key: meta.key, value: meta.value });

const itemMeta = (meta: Meta) => ({
  id: meta.id,
  key: meta.key,
  value: meta.value,
  display_key: meta.display?.key ?? meta.key,
  display_value: meta.display?.value ?? meta.value,
});

const taxShare = (share: TaxShare) => ({
  id: share.rateId,
  total: trimmed(share.total),
  subtotal: share.subtotal === 0n && share.total !== 0n ? '' : trimmed(share.subtotal),
});

/** A shipping or fee line (and their refund copies). */
function itemOf(item: Exclude<RefundableItem, LineItem>): Record<string, unknown> {
  if (item.kind === 'shipping') {
    return {
      id: item.id,
      method_title: item.methodTitle,
      method_id: item.methodId,
      instance_id: item.instanceId,
      total: money(item.total),
      total_tax: money(item.totalTax),
      taxes: item.taxes.map(taxShare),
      tax_status: item.taxStatus,
      meta_data: item.meta.map(itemMeta),
    };
  }
  return {
    id: item.id,
    name: item.name,
    tax_class: item.taxClass,
    tax_status: item.taxStatus,
    amount: item.amount,
    total: money(item.total),
    total_tax: money(item.totalTax),
    taxes: item.taxes.map(taxShare),
    meta_data: item.meta.map(itemMeta),
  };
}

function taxLine(line: TaxLine): Record<string, unknown> {
  return {
    id: line.id,
    rate_code: line.rateCode,
    rate_id: line.rateId,
    label: line.label,
    compound: line.compound,
    tax_total: money(line.taxTotal),
    shipping_tax_total: money(line.shippingTaxTotal),
    rate_percent: line.ratePercent,
    meta_data: line.meta.map(itemMeta),
  };
}

/**
 * `$item->get_total() / $item->get_quantity()` in PHP: the stored total is a float's text ("39.98", "24"); two
 * integers that divide evenly give an integer, anything else a float, 0 when the quantity is 0.
 */
export function phpPrice(total: Micros, quantity: number): number {
  if (quantity === 0) return 0;
  return Number(trimmed(total)) / quantity;
}

function currencySymbol(currency: string): string {
  return { USD: '$', EUR: '€', GBP: '£', CAD: '$', AUD: '$', JPY: '¥' }[currency] ?? currency;
}

const CURRENCY_ENTITY: Record<string, string> = { USD: '&#36;', EUR: '&euro;', GBP: '&pound;' };

function priceHtml(prices: string[]): string {
  const one = (price: string) =>
    `<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol" translate="no">${CURRENCY_ENTITY.USD}</span>${money(micros(price))}</bdi></span>`;
  const [low, high] = [prices[0], prices[prices.length - 1]];
  if (low === undefined || high === undefined) return '';
  return low === high ? one(low) : `${one(low)} &ndash; ${one(high)}`;
}

const byAmount = (a: string, b: string) => Number(a) - Number(b);

function variationQuery(product: Product): string {
  if (product.type !== 'variation') return '';
  const query = product.attributes.map(
    ({ name, option = '' }) => `attribute_pa_${name.toLowerCase()}=${option.toLowerCase()}`,
  );
  return query.length > 0 ? `?${query.join('&')}` : '';
}
