import { z } from '@hono/zod-openapi';
import { ConfigError } from './config-error.ts';

/** NetSuite internal ids travel as strings of digits (`"12"`), never as numbers. */
const internalId = z.string().regex(/^[0-9]+$/, 'a NetSuite internal id (digits only)');

export const WOOCOMMERCE_ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
] as const;

const LocationRuleSchema = z.strictObject({
  country: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, upper case'),
  /** WooCommerce's state code for the country (`CA`, `NSW`); absent → any state of the country. */
  state: z.string().min(1).optional(),
  locationId: internalId,
});

/**
 * How lines of one kind post to the GL: the first template whose `match` fits a line applies, and a field it leaves
 * out keeps what the item or the connection gives. It names no item: the SKU mapping decides a line's item, which is
 * what commits and fulfils stock; a revenue account other than the item's is reached by a reclassification journal.
 */
const GlTemplateSchema = z.strictObject({
  name: z.string().min(1),
  match: z.strictObject({ category: z.string().min(1).optional() }),
  revenueAccountId: internalId.optional(),
  departmentId: internalId.optional(),
  classId: internalId.optional(),
});

const isTimeZone = (name: string): boolean => Intl.supportedValuesOf('timeZone').includes(name) || name === 'UTC';

/** Every setting without its default: what a PATCH may name (a default here would reset what the PATCH left out). */
const settingFields = {
  /** Prepended to the storefront's order number to form the NetSuite externalId (idempotency key of every write). */
  externalIdPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, _ and - (at most 32)'),
  /** Orders reaching one of these statuses are sent to NetSuite. */
  orderStatuses: z.array(z.enum(WOOCOMMERCE_ORDER_STATUSES)).min(1),
  /** OneWorld accounts: the subsidiary customers and transactions belong to; null when the account has none. */
  subsidiaryId: internalId.nullable(),
  /** Fulfils every line no location rule claims. */
  masterLocationId: internalId,
  /** First rule matching the shipping address (country, then state if given) picks the location. */
  locationRules: z.array(LocationRuleSchema),
  /** WooCommerce shipping `method_id` (or `*` for any other) → the NetSuite item its charge posts as. */
  shippingItems: z.record(z.string().min(1), internalId),
  /** The item coupon discounts post as; null until set (an order with a discount cannot post without it). */
  discountItemId: internalId.nullable(),
  /** The item refunds post as; null until set (a refund cannot post without it). */
  refundItemId: internalId.nullable(),
  /** The item positive fee lines (gift wrap, handling) post as; null until set. Negative fees post as discounts. */
  feeItemId: internalId.nullable(),
  /** WooCommerce `payment_method` (or `*`) → the NetSuite account payments are deposited to. */
  paymentMethods: z.record(z.string().min(1), z.strictObject({ accountId: internalId })),
  /** `override`: the storefront's tax amounts are written as they are; `netsuite`: NetSuite computes tax. */
  taxMode: z.enum(['override', 'netsuite']),
  /** WooCommerce tax rate id (or `*` for any other) → the NetSuite tax code its amounts are written under (override). */
  taxCodes: z.record(z.string().min(1), internalId),
  glTemplates: z.array(GlTemplateSchema),
  /** `off`: NetSuite only gets sales orders, for merchants who bill from NetSuite itself. */
  postingMode: z.enum(['invoice', 'cash_sale', 'off']),
  /** ISO 4217 code of an order's currency → the NetSuite currency internal id. */
  currencyMap: z.record(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, upper case'), internalId),
  /**
   * The NetSuite price level whose unit price becomes the WooCommerce regular price (`1` is Base Price in a standard
   * account); null: prices stay the store's and the price sync writes nothing.
   */
  priceLevelId: internalId.nullable(),
  /**
   * Multi-currency accounts: the NetSuite currency (the store's) whose prices are taken; null: the account keeps one
   * currency (an item priced in several is then not written).
   */
  priceCurrencyId: internalId.nullable(),
  /** Orders created before this instant are never sent (history stays where it is). */
  goLiveAt: z.iso.datetime({ offset: true }),
  /** The NetSuite account's time zone (Setup → Company → General Preferences): dates are its calendar days. */
  netsuiteTimeZone: z.string().refine(isTimeZone, 'an IANA time zone such as "America/Los_Angeles"'),
};

const f = settingFields;

export const ConnectionSettingsSchema = z
  .strictObject({
    externalIdPrefix: f.externalIdPrefix.default('WOO_'),
    orderStatuses: f.orderStatuses.default(['processing', 'on-hold', 'completed']),
    subsidiaryId: f.subsidiaryId.default(null),
    masterLocationId: f.masterLocationId,
    locationRules: f.locationRules.default([]),
    shippingItems: f.shippingItems.default({}),
    discountItemId: f.discountItemId.default(null),
    refundItemId: f.refundItemId.default(null),
    feeItemId: f.feeItemId.default(null),
    paymentMethods: f.paymentMethods.default({}),
    taxMode: f.taxMode.default('override'),
    taxCodes: f.taxCodes.default({}),
    glTemplates: f.glTemplates.default([]),
    postingMode: f.postingMode.default('invoice'),
    currencyMap: f.currencyMap.default({}),
    priceLevelId: f.priceLevelId.default(null),
    priceCurrencyId: f.priceCurrencyId.default(null),
    goLiveAt: f.goLiveAt.default(() => new Date().toISOString()),
    netsuiteTimeZone: f.netsuiteTimeZone.default('UTC'),
  })
  .openapi('ConnectionSettings');

/** A PATCH: each setting it names replaces the current value whole (maps and lists are not merged key by key). */
export const ConnectionSettingsPatchSchema = z.strictObject(settingFields).partial().openapi('ConnectionSettingsPatch');

export type ConnectionSettings = z.output<typeof ConnectionSettingsSchema>;
export type ConnectionSettingsInput = z.input<typeof ConnectionSettingsSchema>;
export type ConnectionSettingsPatch = z.input<typeof ConnectionSettingsPatchSchema>;

function parsed<T>(result: z.ZodSafeParseResult<T>): T {
  if (result.success) return result.data;
  const message = result.error.issues.map((issue) => `settings.${issue.path.join('.')}: ${issue.message}`).join('; ');
  throw new ConfigError(400, 'INVALID_SETTINGS', message);
}

/** Settings as given at creation (or as stored), with every default filled in. */
export function parseSettings(input: unknown): ConnectionSettings {
  return parsed(ConnectionSettingsSchema.safeParse(input));
}

export function mergeSettings(current: ConnectionSettings, patch: unknown): ConnectionSettings {
  const changes = parsed(ConnectionSettingsPatchSchema.safeParse(patch));
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return parseSettings({ ...current, ...defined });
}
