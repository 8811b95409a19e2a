import { randomBytes } from 'node:crypto';
import type { SimClock } from './clock.ts';
import type {
  Address,
  ApiKey,
  Customer,
  KeyPermissions,
  Meta,
  Order,
  OrderNote,
  Product,
  ProductCategory,
  Refund,
  TaxRate,
} from './model.ts';
import type { WooSimSettings } from './settings.ts';

/** A WordPress action fired by a store change (`woocommerce_update_order`, 12): what webhooks hang on. */
export type HookListener = (hook: string, arg: number | string) => void;

/** A request the simulated store refuses, as WooCommerce's error body `{code, message, data: {status}}`. */
export class WooSimError extends Error {
  readonly status: number;
  readonly code: string;
  /** Merged into `data` beside `status`; a number replaces `data` whole (a WooCommerce quirk, see the refunds route). */
  readonly data: Record<string, unknown> | number;

  constructor(status: number, code: string, message: string, data: Record<string, unknown> | number = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.data = data;
  }
}

export const emptyAddress = (withEmail: boolean): Address => ({
  first_name: '',
  last_name: '',
  company: '',
  address_1: '',
  address_2: '',
  city: '',
  state: '',
  postcode: '',
  country: '',
  ...(withEmail ? { email: '' } : {}),
  phone: '',
});

export function addressOf(input: Partial<Address> | undefined, withEmail: boolean): Address {
  const address = emptyAddress(withEmail);
  for (const key of Object.keys(address) as (keyof Address)[]) {
    const value = input?.[key];
    if (typeof value === 'string') address[key] = value;
  }
  return address;
}

const slugOf = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export interface ProductInput {
  name: string;
  sku?: string;
  regular_price?: string;
  sale_price?: string;
  manage_stock?: boolean;
  stock_quantity?: number | null;
  type?: 'simple' | 'variable';
  virtual?: boolean;
  tax_status?: 'taxable' | 'shipping' | 'none';
  status?: Product['status'];
  /**
   * `product_cat` terms: `{ id }` of an existing one, as WooCommerce's REST API takes them, or (control API only) a
   * `{ name, slug? }` made on first use. None given: WooCommerce's default category, Uncategorized.
   */
  categories?: CategoryInput[];
  /** A variable product's variations: `{ sku, regular_price, attributes: { Size: 'M' } }`. */
  variations?: {
    sku?: string;
    regular_price?: string;
    manage_stock?: boolean;
    stock_quantity?: number | null;
    attributes?: Record<string, string>;
  }[];
}

export type CategoryInput = { id: number } | { name: string; slug?: string };

/** WooCommerce's default `product_cat` term, which a product saved without a category is put in. */
const UNCATEGORIZED: ProductCategory = { id: 15, name: 'Uncategorized', slug: 'uncategorized' };

export interface CustomerInput {
  email: string;
  first_name?: string;
  last_name?: string;
  username?: string;
  billing?: Partial<Address>;
  shipping?: Partial<Address>;
}

/**
 * Everything the simulated store holds. Ids follow WordPress: products, variations, orders and refunds share the
 * posts sequence; users, order items, item meta and comments (order notes) have their own.
 */
export class WooStore {
  readonly products = new Map<number, Product>();
  readonly customers = new Map<number, Customer>();
  readonly orders = new Map<number, Order>();
  readonly refunds = new Map<number, Refund>();
  readonly notes = new Map<number, OrderNote>();
  readonly taxRates = new Map<number, TaxRate>();
  readonly keys = new Map<string, ApiKey>();
  /** `product_cat` terms by id. */
  readonly categories = new Map<number, ProductCategory>();
  readonly clock: SimClock;
  #settings: () => WooSimSettings;
  #listener: HookListener = () => {};
  #postId = 0;
  #userId = 1;
  #itemId = 0;
  #metaId = 0;
  #commentId = 0;
  #taxRateId = 0;
  #keyId = 0;
  #termId = UNCATEGORIZED.id;

  constructor(clock: SimClock, settings: () => WooSimSettings) {
    this.clock = clock;
    this.#settings = settings;
    this.reset();
  }

  get settings(): WooSimSettings {
    return this.#settings();
  }

  onHook(listener: HookListener): void {
    this.#listener = listener;
  }

  /** `do_action( $hook, $arg )`. */
  fire(hook: string, arg: number | string): void {
    this.#listener(hook, arg);
  }

  reset(): void {
    for (const map of [
      this.products,
      this.customers,
      this.orders,
      this.refunds,
      this.notes,
      this.taxRates,
      this.keys,
    ]) {
      map.clear();
    }
    this.#postId = this.#settings().firstPostId - 1;
    this.#userId = 1;
    this.#itemId = 0;
    this.#metaId = 0;
    this.#commentId = 0;
    this.#taxRateId = 0;
    this.#keyId = 0;
    this.categories.clear();
    this.categories.set(UNCATEGORIZED.id, { ...UNCATEGORIZED });
    this.#termId = UNCATEGORIZED.id;
  }

  /** The terms a product is saved with; an unknown id is WooCommerce's `woocommerce_rest_term_invalid`. */
  #categoriesOf(inputs: readonly CategoryInput[] | undefined): ProductCategory[] {
    if (!inputs || inputs.length === 0) return [{ ...UNCATEGORIZED }];
    return inputs.map((input) => {
      if ('id' in input) {
        const found = this.categories.get(input.id);
        if (!found) throw new WooSimError(400, 'woocommerce_rest_term_invalid', 'Resource does not exist.');
        return { ...found };
      }
      const slug = input.slug ?? slugOf(input.name);
      const existing = [...this.categories.values()].find((category) => category.slug === slug);
      if (existing) return { ...existing };
      const made = { id: ++this.#termId, name: input.name, slug };
      this.categories.set(made.id, made);
      return { ...made };
    });
  }

  nextPostId = () => ++this.#postId;
  nextItemId = () => ++this.#itemId;
  nextCommentId = () => ++this.#commentId;

  meta(key: string, value: unknown, display?: Meta['display']): Meta {
    return { id: ++this.#metaId, key, value, ...(display ? { display } : {}) };
  }

  /** A REST API key as WooCommerce → Settings → Advanced → REST API makes one. */
  createKey(input: {
    description?: string;
    permissions?: KeyPermissions;
    consumerKey?: string;
    consumerSecret?: string;
  }) {
    const key: ApiKey = {
      keyId: ++this.#keyId,
      userId: 1,
      description: input.description ?? 'ml-connector',
      permissions: input.permissions ?? 'read_write',
      consumerKey: input.consumerKey ?? `ck_${randomBytes(20).toString('hex')}`,
      consumerSecret: input.consumerSecret ?? `cs_${randomBytes(20).toString('hex')}`,
      nonces: new Map(),
      lastAccess: null,
    };
    this.keys.set(key.consumerKey, key);
    return key;
  }

  createTaxRate(input: {
    rate_code?: string;
    label?: string;
    percent: string;
    compound?: boolean;
    shipping?: boolean;
  }) {
    const id = ++this.#taxRateId;
    const label = input.label ?? 'Tax';
    const rate: TaxRate = {
      id,
      rateCode: input.rate_code ?? `${label.toUpperCase()}-${id}`,
      label,
      percent: input.percent,
      compound: input.compound ?? false,
      shipping: input.shipping ?? true,
    };
    this.taxRates.set(id, rate);
    return rate;
  }

  // Products ------------------------------------------------------------------------------------------------------

  createProduct(input: ProductInput): Product {
    if (input.sku) this.#assertSkuFree(input.sku);
    const now = this.clock.now();
    const variable = input.type === 'variable';
    const product: Product = {
      id: this.nextPostId(),
      type: variable ? 'variable' : 'simple',
      parentId: 0,
      name: input.name,
      slug: slugOf(input.name),
      sku: input.sku ?? '',
      regularPrice: variable ? '' : (input.regular_price ?? ''),
      salePrice: input.sale_price ?? '',
      status: input.status ?? 'publish',
      manageStock: input.manage_stock ?? false,
      stockQuantity: input.manage_stock ? (input.stock_quantity ?? 0) : null,
      stockStatus: 'instock',
      backorders: 'no',
      totalSales: 0,
      virtual: input.virtual ?? false,
      taxStatus: input.tax_status ?? 'taxable',
      attributes: [],
      variations: [],
      categories: this.#categoriesOf(input.categories),
      created: now,
      modified: now,
      meta: [],
    };
    this.#syncStockStatus(product);
    this.products.set(product.id, product);
    this.fire('woocommerce_new_product', product.id);
    for (const variationInput of input.variations ?? []) {
      if (variationInput.sku) this.#assertSkuFree(variationInput.sku);
      const attributes = Object.entries(variationInput.attributes ?? {}).map(([name, option]) => ({ name, option }));
      const variation: Product = {
        ...product,
        id: this.nextPostId(),
        type: 'variation',
        parentId: product.id,
        name: `${product.name} - ${attributes.map((attribute) => attribute.option).join(', ')}`,
        sku: variationInput.sku ?? '',
        regularPrice: variationInput.regular_price ?? '',
        salePrice: '',
        manageStock: variationInput.manage_stock ?? false,
        stockQuantity: variationInput.manage_stock ? (variationInput.stock_quantity ?? 0) : null,
        attributes,
        variations: [],
        categories: [],
        meta: [],
      };
      this.#syncStockStatus(variation);
      this.products.set(variation.id, variation);
      product.variations.push(variation.id);
      for (const { name, option } of attributes) {
        const existing = product.attributes.find((attribute) => attribute.name === name);
        if (!existing) product.attributes.push({ name, options: [option] });
        else if (!existing.options?.includes(option)) existing.options?.push(option);
      }
      this.fire('woocommerce_new_product_variation', variation.id);
    }
    return product;
  }

  product(id: number): Product | undefined {
    const product = this.products.get(id);
    return product && product.status !== 'trash' ? product : undefined;
  }

  productBySku(sku: string): Product | undefined {
    return [...this.products.values()].find((product) => product.sku === sku && product.status !== 'trash');
  }

  /** `$product->save()` after a change: modified now, `woocommerce_update_product(_variation)` fired. */
  saveProduct(product: Product): void {
    product.modified = this.clock.now();
    this.#syncStockStatus(product);
    this.fire(
      product.type === 'variation' ? 'woocommerce_update_product_variation' : 'woocommerce_update_product',
      product.id,
    );
  }

  /**
   * Applies a REST update's fields (`stock_quantity`, `manage_stock`, `regular_price`, `sale_price`, `sku`, `name`,
   * `status`, `stock_status`) and saves; WooCommerce's validation errors as `WooSimError`.
   */
  updateProduct(product: Product, fields: Record<string, unknown>): Product {
    if (typeof fields.sku === 'string' && fields.sku !== product.sku) {
      if (fields.sku !== '') this.#assertSkuFree(fields.sku, product.id);
      product.sku = fields.sku;
    }
    if (typeof fields.name === 'string') product.name = fields.name;
    for (const [field, key] of [
      ['regular_price', 'regularPrice'],
      ['sale_price', 'salePrice'],
    ] as const) {
      const value = fields[field];
      if (value === undefined) continue;
      if (typeof value !== 'string' || (value !== '' && !/^\d+(\.\d+)?$/.test(value))) {
        throw new WooSimError(400, 'rest_invalid_param', `Invalid parameter(s): ${field}`, {
          params: { [field]: `${field} is not of type string.` },
        });
      }
      product[key] = value;
    }
    if (fields.manage_stock !== undefined)
      product.manageStock = fields.manage_stock === true || fields.manage_stock === 'true';
    if (fields.stock_quantity !== undefined) {
      const quantity = Number(fields.stock_quantity);
      if (fields.stock_quantity !== null && !Number.isInteger(quantity)) {
        throw new WooSimError(400, 'rest_invalid_param', 'Invalid parameter(s): stock_quantity', {
          params: { stock_quantity: 'stock_quantity is not of type integer.' },
        });
      }
      if (product.manageStock) product.stockQuantity = fields.stock_quantity === null ? null : quantity;
    }
    if (!product.manageStock) product.stockQuantity = null;
    if (typeof fields.stock_status === 'string' && !product.manageStock) {
      product.stockStatus = fields.stock_status as Product['stockStatus'];
    }
    if (typeof fields.status === 'string') product.status = fields.status as Product['status'];
    if (Array.isArray(fields.categories) && product.type !== 'variation') {
      product.categories = this.#categoriesOf(fields.categories as CategoryInput[]);
    }
    this.saveProduct(product);
    return product;
  }

  /** `wc_update_product_stock($product, $change, 'decrease'|'increase')`; the product is saved. */
  changeStock(product: Product, change: number): { from: number; to: number } | undefined {
    if (!product.manageStock || product.stockQuantity === null) return undefined;
    const from = product.stockQuantity;
    product.stockQuantity = from + change;
    this.saveProduct(product);
    return { from, to: product.stockQuantity };
  }

  #syncStockStatus(product: Product): void {
    if (product.manageStock && product.stockQuantity !== null) {
      product.stockStatus = product.stockQuantity > 0 || product.backorders !== 'no' ? 'instock' : 'outofstock';
    }
  }

  #assertSkuFree(sku: string, except?: number): void {
    const taken = [...this.products.values()].find((product) => product.sku === sku && product.id !== except);
    if (taken) {
      throw new WooSimError(400, 'product_invalid_sku', 'Invalid or duplicated SKU.', {
        resource_id: taken.id,
        unique_sku: sku,
      });
    }
  }

  // Customers -----------------------------------------------------------------------------------------------------

  createCustomer(input: CustomerInput): Customer {
    const email = input.email.trim().toLowerCase();
    if ([...this.customers.values()].some((customer) => customer.email === email)) {
      throw new WooSimError(
        400,
        'registration-error-email-exists',
        'An account is already registered with your email address.',
      );
    }
    const now = this.clock.now();
    const customer: Customer = {
      id: ++this.#userId,
      email,
      firstName: input.first_name ?? '',
      lastName: input.last_name ?? '',
      username: input.username ?? email.split('@')[0] ?? email,
      role: 'customer',
      billing: addressOf(input.billing, true),
      shipping: addressOf(input.shipping, false),
      isPayingCustomer: false,
      created: now,
      modified: now,
      meta: [],
    };
    this.customers.set(customer.id, customer);
    this.fire('user_register', customer.id);
    this.fire('woocommerce_created_customer', customer.id);
    this.fire('woocommerce_new_customer', customer.id);
    return customer;
  }

  updateCustomer(customer: Customer, input: Partial<CustomerInput>): Customer {
    if (input.email !== undefined) customer.email = input.email.trim().toLowerCase();
    if (input.first_name !== undefined) customer.firstName = input.first_name;
    if (input.last_name !== undefined) customer.lastName = input.last_name;
    if (input.billing) customer.billing = addressOf({ ...customer.billing, ...input.billing }, true);
    if (input.shipping) customer.shipping = addressOf({ ...customer.shipping, ...input.shipping }, false);
    customer.modified = this.clock.now();
    this.fire('profile_update', customer.id);
    this.fire('woocommerce_update_customer', customer.id);
    return customer;
  }

  deleteCustomer(customer: Customer): void {
    this.fire('delete_user', customer.id);
    this.customers.delete(customer.id);
  }

  // Order notes ---------------------------------------------------------------------------------------------------

  addNote(order: Order, note: string, customerNote = false, author = 'system'): OrderNote {
    const entry: OrderNote = {
      id: this.nextCommentId(),
      orderId: order.id,
      note,
      customerNote,
      author,
      created: this.clock.now(),
    };
    this.notes.set(entry.id, entry);
    return entry;
  }

  notesOf(orderId: number): OrderNote[] {
    return [...this.notes.values()]
      .filter((note) => note.orderId === orderId)
      .sort((a, b) => b.created - a.created || b.id - a.id);
  }
}
