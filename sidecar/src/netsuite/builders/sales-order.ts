/**
 * Sales order upsert bodies (spec §3.12 salesOrder, netsuite-gl.md "The connector's model" 2). The builder sends
 * what the storefront said and computes nothing but the exact sum of what it sends, for the caller to hold against
 * the storefront's total.
 */
import { z } from 'zod';
import { type AddressBody, AddressSchema, addressBody } from './address.ts';
import { attempt, BuildError, type Built } from './errors.ts';
import {
  fromCents,
  type Money,
  MoneySchema,
  moneyNumber,
  NegativeMoneySchema,
  NonNegativeMoneySchema,
  QuantitySchema,
  quantityNumber,
  RateSchema,
  rateNumber,
  toCents,
} from './money.ts';
import {
  type CustomValue,
  customFieldsSchema,
  defined,
  ExternalIdSchema,
  InternalIdSchema,
  type RecordRef,
  ref,
  type Sublist,
} from './references.ts';
import { TaxLineSchema, type TaxOverrideBody, taxCents, taxLinesFit, taxOverrideBody, taxReferenceOf } from './tax.ts';
import { type HeaderBody, HeaderSchema, headerBody, SegmentsSchema, segmentsBody } from './transaction.ts';

const ItemLineSchema = SegmentsSchema.extend({
  /** NetSuite's key of this line, once a read of the order told it: an update then changes the line in place. */
  line: z.number().int().positive().optional(),
  item: InternalIdSchema,
  quantity: QuantitySchema,
  /** The unit price the storefront showed; NetSuite derives one from amount ÷ quantity when absent. */
  rate: RateSchema.optional(),
  /** The line total the storefront charged, before tax. */
  amount: NonNegativeMoneySchema,
  description: z.string().max(999).optional(),
  customFields: customFieldsSchema('custcol').optional(),
});

const DiscountLineSchema = SegmentsSchema.extend({
  line: z.number().int().positive().optional(),
  /** The discount item the GL template names. */
  item: InternalIdSchema,
  /** Negative: what the discount takes off. */
  amount: NegativeMoneySchema,
  description: z.string().max(999).optional(),
});

const TaxSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('override'), lines: z.array(TaxLineSchema) }),
  /** NetSuite computes the tax; the caller compares NetSuite's total with the storefront's afterwards. */
  z.object({ mode: z.literal('netsuite') }),
]);

const SalesOrderInputSchema = HeaderSchema.extend({
  externalId: ExternalIdSchema,
  customer: InternalIdSchema,
  tranDate: HeaderSchema.shape.tranDate.unwrap(),
  /** The storefront's order number, e.g. "#12". */
  otherRefNum: z.string().max(45).optional(),
  /** The connector job that wrote the order, kept in the memo for whoever traces it back. */
  jobId: z.string().min(1),
  lines: z.array(ItemLineSchema).min(1),
  discounts: z.array(DiscountLineSchema).default([]),
  shipping: z.object({ method: InternalIdSchema, cost: NonNegativeMoneySchema }).optional(),
  tax: TaxSchema,
  billingAddress: AddressSchema.optional(),
  shippingAddress: AddressSchema.optional(),
  /** The storefront's order total: when given, a body summing to anything else is refused. */
  expectedTotal: MoneySchema.optional(),
  customFields: customFieldsSchema('custbody').optional(),
});

export type SalesOrderInput = z.input<typeof SalesOrderInputSchema>;

export type SalesOrderLineBody = {
  line?: number;
  item: RecordRef;
  quantity?: number;
  rate?: number;
  amount: number;
  description?: string;
  location?: RecordRef;
  department?: RecordRef;
  class?: RecordRef;
  taxDetailsReference?: string;
  [customField: `custcol${string}`]: CustomValue;
};

export type SalesOrderBody = HeaderBody &
  Partial<TaxOverrideBody> & {
    entity: RecordRef;
    tranDate: string;
    memo: string;
    otherRefNum?: string;
    /** B, Pending Fulfillment: the order commits stock as soon as it is saved (spec §3.12). */
    orderStatus: { id: 'B' };
    shipMethod?: RecordRef;
    shippingCost?: number;
    billingAddress?: AddressBody;
    shippingAddress?: AddressBody;
    item: Sublist<SalesOrderLineBody>;
    [customField: `custbody${string}`]: CustomValue;
  };

export type SalesOrderUpsert = {
  type: 'salesOrder';
  externalId: string;
  body: SalesOrderBody;
  /**
   * Pass to `client.upsert`. Item lines the storefront sends carry no NetSuite key and tax lines have none at all, so
   * a repeated upsert must replace those sublists rather than add the lines again (spec §3.7).
   */
  options: { replace: readonly string[] };
  /** Lines + discounts + shipping + overridden tax: NetSuite's `total` for this body, to the cent. */
  total: Money;
  /** With tax mode `netsuite` NetSuite adds its own tax, so its total is `total` plus that. */
  taxComputedByNetSuite: boolean;
};

export function buildSalesOrder(input: SalesOrderInput): Built<SalesOrderUpsert> {
  return attempt(() => {
    const order = SalesOrderInputSchema.parse(input);
    const override = order.tax.mode === 'override' ? order.tax.lines : undefined;
    if (override && !taxLinesFit(override, order.lines.length)) {
      throw new BuildError('INVALID_INPUT', 'A tax line names an item line the order does not have.');
    }
    const taxed = new Set(override?.map((tax) => tax.line));
    const items = [
      ...order.lines.map((line, index) => itemLine(line, taxed.has(index + 1) ? taxReferenceOf(index + 1) : undefined)),
      ...order.discounts.map(discountLine),
    ];
    const body: SalesOrderBody = {
      ...headerBody(order),
      entity: ref(order.customer),
      tranDate: order.tranDate,
      memo: order.memo ? `${order.memo} [job ${order.jobId}]` : `[job ${order.jobId}]`,
      ...defined({ otherRefNum: order.otherRefNum }),
      orderStatus: { id: 'B' },
      ...(order.shipping
        ? { shipMethod: ref(order.shipping.method), shippingCost: moneyNumber(order.shipping.cost) }
        : {}),
      ...(override ? taxOverrideBody(override) : {}),
      ...defined({
        billingAddress: order.billingAddress && addressBody(order.billingAddress),
        shippingAddress: order.shippingAddress && addressBody(order.shippingAddress),
      }),
      item: { items },
      ...order.customFields,
    };
    const total = fromCents(
      [...order.lines, ...order.discounts].reduce((sum, line) => sum + toCents(line.amount), 0n) +
        (order.shipping ? toCents(order.shipping.cost) : 0n) +
        (override ? taxCents(override) : 0n),
    );
    if (order.expectedTotal !== undefined && toCents(order.expectedTotal) !== toCents(total)) {
      throw new BuildError(
        'TOTAL_MISMATCH',
        `The order's lines, shipping and tax add up to ${total}, not the storefront's total ${order.expectedTotal}.`,
      );
    }
    return {
      type: 'salesOrder',
      externalId: order.externalId,
      body,
      options: { replace: override ? ['item', 'taxDetails'] : ['item'] },
      total,
      taxComputedByNetSuite: !override,
    };
  });
}

function itemLine(line: z.output<typeof ItemLineSchema>, taxDetailsReference: string | undefined): SalesOrderLineBody {
  return {
    ...defined({ line: line.line }),
    item: ref(line.item),
    quantity: quantityNumber(line.quantity),
    ...defined({ rate: line.rate === undefined ? undefined : rateNumber(line.rate) }),
    amount: moneyNumber(line.amount),
    ...segmentsBody(line),
    ...defined({ description: line.description, taxDetailsReference }),
    ...line.customFields,
  };
}

function discountLine(line: z.output<typeof DiscountLineSchema>): SalesOrderLineBody {
  return {
    ...defined({ line: line.line }),
    item: ref(line.item),
    amount: moneyNumber(line.amount),
    ...segmentsBody(line),
    ...defined({ description: line.description }),
  };
}
