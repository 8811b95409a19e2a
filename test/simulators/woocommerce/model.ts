/** The simulated store's records, as WooCommerce keeps them (amounts in micros, times in epoch ms). */
import type { Micros } from './money.ts';

export interface Meta {
  id: number;
  key: string;
  value: unknown;
  /** How an item's meta is shown (`pa_color` → `Color`), when it differs from key and value. */
  display?: { key: string; value: string };
}

export interface Address {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}

export interface TaxRate {
  id: number;
  /** `US-CA-STATE TAX-1` */
  rateCode: string;
  label: string;
  /** Decimal text: `"10"`, `"8.875"`. */
  percent: string;
  compound: boolean;
  /** Applies to shipping too. */
  shipping: boolean;
}

/** One rate's share of an item's tax, unrounded. */
export interface TaxShare {
  rateId: number;
  total: Micros;
  subtotal: Micros;
}

export type ProductType = 'simple' | 'variable' | 'variation';

/** A `product_cat` term as the products controller renders it. */
export interface ProductCategory {
  id: number;
  name: string;
  slug: string;
}

export interface Product {
  id: number;
  type: ProductType;
  parentId: number;
  name: string;
  slug: string;
  sku: string;
  regularPrice: string;
  salePrice: string;
  status: 'publish' | 'draft' | 'private' | 'trash';
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: 'instock' | 'outofstock' | 'onbackorder';
  backorders: 'no' | 'notify' | 'yes';
  totalSales: number;
  virtual: boolean;
  taxStatus: 'taxable' | 'shipping' | 'none';
  /** A variation's `{ name: option }`, a variable product's `{ name: options[] }`. */
  attributes: { name: string; option?: string; options?: string[] }[];
  /** A variable product's variation ids. */
  variations: number[];
  /** `product_cat` terms; a variation has none of its own (WooCommerce renders `[]` for it). */
  categories: ProductCategory[];
  created: number;
  modified: number;
  meta: Meta[];
}

export interface Customer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  username: string;
  role: string;
  billing: Address;
  shipping: Address;
  isPayingCustomer: boolean;
  created: number;
  modified: number;
  meta: Meta[];
}

interface ItemBase {
  id: number;
  meta: Meta[];
  taxes: TaxShare[];
  total: Micros;
  totalTax: Micros;
}

export interface LineItem extends ItemBase {
  kind: 'line_item';
  name: string;
  productId: number;
  variationId: number;
  quantity: number;
  taxClass: string;
  subtotal: Micros;
  subtotalTax: Micros;
}

export interface ShippingLine extends ItemBase {
  kind: 'shipping';
  methodTitle: string;
  methodId: string;
  instanceId: string;
  taxStatus: 'taxable' | 'none';
}

export interface FeeLine extends ItemBase {
  kind: 'fee';
  name: string;
  taxClass: string;
  taxStatus: 'taxable' | 'none';
  amount: string;
}

export interface CouponLine {
  kind: 'coupon';
  id: number;
  code: string;
  discount: Micros;
  discountTax: Micros;
  discountType: string;
  nominalAmount: number;
  meta: Meta[];
}

export interface TaxLine {
  kind: 'tax';
  id: number;
  rateId: number;
  rateCode: string;
  label: string;
  compound: boolean;
  taxTotal: Micros;
  shippingTaxTotal: Micros;
  ratePercent: number;
  meta: Meta[];
}

export type RefundableItem = LineItem | ShippingLine | FeeLine;

export interface Order {
  id: number;
  status: string;
  /** The status to restore from trash. */
  statusBeforeTrash: string | undefined;
  currency: string;
  version: string;
  pricesIncludeTax: boolean;
  created: number;
  modified: number;
  completed: number | null;
  paid: number | null;
  customerId: number;
  orderKey: string;
  billing: Address;
  shipping: Address;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  customerIpAddress: string;
  customerUserAgent: string;
  createdVia: string;
  customerNote: string;
  cartHash: string;
  meta: Meta[];
  lineItems: LineItem[];
  shippingLines: ShippingLine[];
  feeLines: FeeLine[];
  couponLines: CouponLine[];
  taxLines: TaxLine[];
  /** Newest first, as `get_refunds()` lists them. */
  refundIds: number[];
  stockReduced: boolean;
}

export interface Refund {
  id: number;
  orderId: number;
  /** Positive. */
  amount: Micros;
  reason: string;
  refundedBy: number;
  refundedPayment: boolean;
  created: number;
  /** Copies of the order's items with negative quantities and amounts, `_refunded_item_id` in their meta. */
  lineItems: LineItem[];
  shippingLines: ShippingLine[];
  feeLines: FeeLine[];
  taxLines: TaxLine[];
  meta: Meta[];
}

export interface OrderNote {
  id: number;
  orderId: number;
  note: string;
  customerNote: boolean;
  /** `system` for WooCommerce's own notes. */
  author: string;
  created: number;
}

export type WebhookStatus = 'active' | 'paused' | 'disabled';

export interface Webhook {
  id: number;
  name: string;
  status: WebhookStatus;
  topic: string;
  deliveryUrl: string;
  secret: string;
  apiVersion: number;
  failureCount: number;
  pendingDelivery: boolean;
  userId: number;
  created: number;
  modified: number;
}

export type KeyPermissions = 'read' | 'write' | 'read_write';

export interface ApiKey {
  keyId: number;
  userId: number;
  description: string;
  permissions: KeyPermissions;
  consumerKey: string;
  consumerSecret: string;
  /** `timestamp → nonce`, as WooCommerce stores them: one nonce remembered per second. */
  nonces: Map<number, string>;
  lastAccess: number | null;
}
