/**
 * The pure part of the order flow: a canonical order plus what was looked up (customer, items, shipping item,
 * location) → the inputs of the NetSuite builders. No I/O here.
 */
import { type Address, fullName } from '../canonical/address.ts';
import type { Customer } from '../canonical/customer.ts';
import { isNegative, isZero, type Money, negate, subtract, sum } from '../canonical/money.ts';
import type { FeeLine, Order, OrderLine, TaxLine } from '../canonical/order.ts';
import { calendarDateIn } from '../canonical/time.ts';
import type { ConnectionSettings } from '../connections/connection-settings.ts';
import type {
  CanonicalAddress,
  CustomerDepositInput,
  CustomerInput,
  SalesOrderInput,
  TaxLineInput,
} from '../netsuite/builders/index.ts';

/** NetSuite's first and last name fields hold 32 characters. */
const NAME_LENGTH = 32;

export interface SalesOrderLookups {
  externalId: string;
  customerId: string;
  jobId: string;
  /** SKU → NetSuite item internal id, every SKU of the order present. */
  items: ReadonlyMap<string, string>;
  shippingItemId: string | undefined;
  locationId: string;
  /** Per order line, in line order: the department and class its GL template tags it with (none: untagged). */
  lineSegments?: readonly { department?: string; class?: string }[];
}

/** The builders' address, or none when the storefront's lacks what NetSuite requires (street, city, country). */
export function netsuiteAddressOf(address: Address | undefined): CanonicalAddress | undefined {
  if (!(address?.line1 && address.city && address.country)) return undefined;
  const addressee = fullName(address) ?? address.company;
  return {
    addr1: address.line1,
    city: address.city,
    country: address.country,
    ...(addressee ? { addressee } : {}),
    ...(address.company && addressee !== address.company ? { attention: address.company } : {}),
    ...(address.line2 ? { addr2: address.line2 } : {}),
    ...(address.state ? { state: address.state } : {}),
    ...(address.postalCode ? { zip: address.postalCode } : {}),
    ...(address.phone ? { phone: address.phone } : {}),
  };
}

const optionalAddresses = (billing: Address | undefined, shipping: Address | undefined) => {
  const billingAddress = netsuiteAddressOf(billing);
  const shippingAddress = netsuiteAddressOf(shipping);
  return { ...(billingAddress ? { billingAddress } : {}), ...(shippingAddress ? { shippingAddress } : {}) };
};

export function customerInputOf(customer: Customer, externalId: string, settings: ConnectionSettings): CustomerInput {
  const person = customer.firstName || customer.lastName;
  const names =
    !person && customer.company
      ? { kind: 'company' as const, companyName: customer.company }
      : {
          kind: 'person' as const,
          ...(customer.firstName ? { firstName: customer.firstName.slice(0, NAME_LENGTH) } : {}),
          ...(customer.lastName ? { lastName: customer.lastName.slice(0, NAME_LENGTH) } : {}),
          ...(customer.company ? { companyName: customer.company } : {}),
        };
  return {
    externalId,
    ...names,
    ...(customer.email ? { email: customer.email } : {}),
    ...(customer.phone ? { phone: customer.phone.slice(0, NAME_LENGTH) } : {}),
    oneWorld: settings.subsidiaryId !== null,
    ...(settings.subsidiaryId !== null ? { subsidiary: settings.subsidiaryId } : {}),
    ...optionalAddresses(customer.billingAddress, customer.shippingAddress),
  };
}

/** The first location rule matching the shipping (else billing) address; the master location when none does. */
export function locationFor(order: Order, settings: ConnectionSettings): string {
  const address = order.shippingAddress ?? order.billingAddress;
  const rule = settings.locationRules.find(
    (each) => each.country === address?.country && (each.state === undefined || each.state === address.state),
  );
  return rule?.locationId ?? settings.masterLocationId;
}

/** The NetSuite item a shipping method posts as: its own mapping, else the `*` one. */
export const shippingItemFor = (methodId: string, settings: ConnectionSettings): string | undefined =>
  settings.shippingItems[methodId] ?? settings.shippingItems['*'];

/** The NetSuite account a payment method's deposits go to; undefined: Undeposited Funds. */
export const depositAccountFor = (order: Order, settings: ConnectionSettings): string | undefined =>
  (settings.paymentMethods[order.paymentMethod?.id ?? ''] ?? settings.paymentMethods['*'])?.accountId;

/** A NetSuite tranDate: the calendar day the order was placed on, in the NetSuite account's time zone. */
const tranDateOf = (order: Order, settings: ConnectionSettings): string =>
  calendarDateIn(order.createdAtGmt, settings.netsuiteTimeZone);

/** Fees that add to the order (gift wrap, handling) become item lines; negative ones are discounts. */
export const chargedFees = (order: Order): FeeLine[] => order.feeLines.filter((fee) => !isNegative(fee.total));
export const creditedFees = (order: Order): FeeLine[] => order.feeLines.filter((fee) => isNegative(fee.total));

/** Percent of the storefront's tax rates a line was taxed at, added up (a state and a county rate: 6 + 2.25). */
function ratePercentOf(taxes: readonly { rateId: string }[], taxLines: readonly TaxLine[]): string {
  const percent = taxes.reduce(
    (total, share) => total + (taxLines.find((tax) => tax.rateId === share.rateId)?.ratePercent ?? 0),
    0,
  );
  return String(Number(percent.toFixed(8)));
}

const taxCodeFor = (rateId: string, settings: ConnectionSettings): string | undefined =>
  settings.taxCodes[rateId] ?? settings.taxCodes['*'];

/** The storefront tax rates this order charged that have no NetSuite tax code in the settings. */
export function unmappedTaxRates(order: Order, settings: ConnectionSettings): string[] {
  const charged = [...order.lines, ...order.feeLines, ...order.shippingLines].filter((line) => !isZero(line.totalTax));
  const rates = new Set(charged.flatMap((line) => line.taxes.map((tax) => tax.rateId)));
  return [...rates].filter((rateId) => taxCodeFor(rateId, settings) === undefined);
}

/**
 * The storefront's tax as override lines, one per taxed line, each the amount WooCommerce rounded for that line,
 * under the NetSuite tax code mapped for its rate (`unmappedTaxRates` is checked first).
 */
function taxOverrideLines(order: Order, settings: ConnectionSettings): TaxLineInput[] {
  const taxLine = (
    charged: { totalTax: Money; total: Money; taxes: readonly { rateId: string }[] },
    line?: number,
  ): TaxLineInput[] => {
    const [first] = charged.taxes;
    if (isZero(charged.totalTax) || !first) return [];
    const rate = order.taxLines.find((tax) => tax.rateId === first.rateId);
    return [
      {
        ...(line === undefined ? {} : { line }),
        taxType: rate?.label || rate?.rateCode || 'Sales Tax',
        taxCode: taxCodeFor(first.rateId, settings) ?? '',
        taxBasis: charged.total,
        taxRate: ratePercentOf(charged.taxes, order.taxLines),
        taxAmount: charged.totalTax,
      },
    ];
  };
  const itemLines = [...order.lines, ...chargedFees(order)];
  return [
    ...itemLines.flatMap((line, index) => taxLine(line, index + 1)),
    ...[...creditedFees(order), ...order.shippingLines].flatMap((line) => taxLine(line)),
  ];
}

const itemLineOf = (
  line: OrderLine,
  items: ReadonlyMap<string, string>,
  location: string,
  segments: { department?: string; class?: string } = {},
) => ({
  item: items.get(line.sku ?? '') ?? '',
  quantity: String(line.quantity),
  /** Before coupons: coupons travel as discount lines of their own. */
  amount: line.subtotal,
  description: line.name.slice(0, 999),
  location,
  ...segments,
});

const feeLineOf = (fee: FeeLine, settings: ConnectionSettings, location: string) => ({
  item: settings.feeItemId ?? '',
  quantity: '1',
  amount: fee.total,
  description: fee.name.slice(0, 999),
  location,
});

const creditLineOf = (item: string, amount: Money, description: string, location: string) => ({
  item,
  amount: isNegative(amount) ? amount : negate(amount),
  description: description.slice(0, 999),
  location,
});

export function salesOrderInputOf(
  order: Order,
  lookups: SalesOrderLookups,
  settings: ConnectionSettings,
): SalesOrderInput {
  const shippingCost = order.shippingLines.map((line) => line.total);
  const currency = settings.currencyMap[order.currency];
  const overridden = settings.taxMode === 'override';
  return {
    externalId: lookups.externalId,
    customer: lookups.customerId,
    tranDate: tranDateOf(order, settings),
    otherRefNum: order.number,
    jobId: lookups.jobId,
    location: lookups.locationId,
    ...(settings.subsidiaryId !== null ? { subsidiary: settings.subsidiaryId } : {}),
    ...(currency ? { currency } : {}),
    lines: [
      ...order.lines.map((line, index) =>
        itemLineOf(line, lookups.items, lookups.locationId, lookups.lineSegments?.[index]),
      ),
      ...chargedFees(order).map((fee) => feeLineOf(fee, settings, lookups.locationId)),
    ],
    discounts: [
      ...order.discounts.map((discount) =>
        creditLineOf(
          settings.discountItemId ?? '',
          discount.amount,
          `Coupon ${discount.couponCode}`,
          lookups.locationId,
        ),
      ),
      ...creditedFees(order).map((fee) =>
        creditLineOf(settings.discountItemId ?? '', fee.total, fee.name, lookups.locationId),
      ),
    ],
    ...(lookups.shippingItemId && shippingCost.length > 0
      ? { shipping: { method: lookups.shippingItemId, cost: sum(shippingCost) } }
      : {}),
    tax: overridden ? { mode: 'override', lines: taxOverrideLines(order, settings) } : { mode: 'netsuite' },
    ...optionalAddresses(order.billingAddress, order.shippingAddress),
    /** With NetSuite computing tax the body holds everything but the tax. */
    expectedTotal: overridden ? order.totals.total : subtract(order.totals.total, order.totals.totalTax),
  };
}

export function customerDepositInputOf(
  order: Order,
  ids: { externalId: string; customerId: string; salesOrderId: string; jobId: string },
  settings: ConnectionSettings,
): CustomerDepositInput {
  const account = depositAccountFor(order, settings);
  const currency = settings.currencyMap[order.currency];
  return {
    externalId: ids.externalId,
    customer: ids.customerId,
    salesOrder: ids.salesOrderId,
    payment: order.totals.total,
    tranDate: calendarDateIn(order.paidAtGmt ?? order.createdAtGmt, settings.netsuiteTimeZone),
    memo: `Payment of order ${order.number}${order.transactionId ? ` (${order.transactionId})` : ''}`
      .slice(0, 960)
      .concat(` [job ${ids.jobId}]`),
    ...(account ? { account } : {}),
    ...(currency ? { currency } : {}),
  };
}
