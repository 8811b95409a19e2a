/**
 * A storefront order, platform-neutral. Money is exact two-decimal text (see money.ts); amounts are before tax unless
 * the name says tax; instants are UTC (see time.ts). Ids are text so every platform's ids fit.
 */
import type { Address } from './address.ts';
import type { Customer } from './customer.ts';
import type { Money } from './money.ts';
import type { UtcTimestamp } from './time.ts';

/** One tax rate's share of a line. Left as the storefront's unrounded decimal text ("2.4", "0.454545"). */
export interface LineTaxShare {
  rateId: string;
  total: string;
}

export interface OrderLine {
  lineId: string;
  /** Undefined when the product has no SKU: such a line cannot be mapped to a NetSuite item. */
  sku?: string;
  productId: string;
  /** Set for a variation; its SKU is the variation's own. */
  variationId?: string;
  name: string;
  quantity: number;
  /**
   * For display only: the storefront's unit price after discounts, rounded half-up to cents when it had more
   * decimals (then `unitPriceRounded` is true). Amounts sent anywhere come from `subtotal` and `total`.
   */
  unitPrice: Money;
  unitPriceRounded: boolean;
  /** Quantity × price before coupons. */
  subtotal: Money;
  subtotalTax: Money;
  /** After coupons. */
  total: Money;
  totalTax: Money;
  taxes: LineTaxShare[];
}

export interface ShippingLine {
  lineId: string;
  /** The storefront's method id ("flat_rate", "free_shipping"): what the shipping-item mapping is keyed on. */
  methodId: string;
  /** The configured instance of the method, when the storefront says ("3"); empty instance ids are dropped. */
  instanceId?: string;
  title: string;
  total: Money;
  totalTax: Money;
  taxes: LineTaxShare[];
}

export interface FeeLine {
  lineId: string;
  name: string;
  /** Can be negative: some stores give discounts as negative fees. */
  total: Money;
  totalTax: Money;
  taxes: LineTaxShare[];
}

export interface Discount {
  lineId: string;
  couponCode: string;
  /** What the coupon took off, before tax, as a positive amount. */
  amount: Money;
  amountTax: Money;
}

export interface TaxLine {
  lineId: string;
  rateId: string;
  rateCode: string;
  label: string;
  compound: boolean;
  /** Tax on items and fees at this rate. */
  taxTotal: Money;
  shippingTaxTotal: Money;
  /** As the storefront sends it (10, 8.875); absent on older versions. */
  ratePercent?: number;
}

/** A refund as listed on its order: enough to notice a new refund, not to book one (read the refund for that). */
export interface RefundSummary {
  id: string;
  reason: string;
  /** Positive: what was given back, tax included. */
  amount: Money;
  /** Positive; undefined when the storefront's summary does not carry it. */
  tax?: Money;
}

/** The storefront's own header figures, kept to check ours against. */
export interface OrderTotals {
  discountTotal: Money;
  discountTax: Money;
  shippingTotal: Money;
  shippingTax: Money;
  /** Tax on items and fees. */
  cartTax: Money;
  totalTax: Money;
  /** What the shopper pays, tax included. */
  total: Money;
}

export interface Order {
  id: string;
  /** The number the shopper sees: NetSuite's otherRefNum. */
  number: string;
  /** The storefront's own status word ("processing"); connections gate on these. */
  status: string;
  /** ISO 4217 ("USD"). */
  currency: string;
  createdAtGmt: UtcTimestamp;
  /** The staleness clock: an update older than what was last written is skipped. */
  modifiedAtGmt: UtcTimestamp;
  /** Set once the storefront considers the order paid: the cue for a customer deposit. */
  paidAtGmt?: UtcTimestamp;
  completedAtGmt?: UtcTimestamp;
  /** The shopper as of this order (billing name, email, phone, addresses); ref says registered or guest. */
  customer: Customer;
  billingAddress?: Address;
  shippingAddress?: Address;
  lines: OrderLine[];
  shippingLines: ShippingLine[];
  feeLines: FeeLine[];
  discounts: Discount[];
  taxLines: TaxLine[];
  totals: OrderTotals;
  /** Whether the storefront's catalogue prices include tax; line amounts here are before tax either way. */
  pricesIncludeTax: boolean;
  paymentMethod?: { id: string; title: string };
  transactionId?: string;
  customerNote?: string;
  /** Newest first, as the storefront lists them. */
  refunds: RefundSummary[];
}
