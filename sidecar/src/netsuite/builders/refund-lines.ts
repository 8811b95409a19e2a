/**
 * What a credit memo or cash refund gives back (netsuite-gl.md "Refunds"): the refunded lines of the sale, or an
 * amount-only refund on the template's refund-adjustment item; plus refunded shipping and tax. The transform
 * pre-fills every line, shipping and tax of the sale, so the body replaces them with exactly what was refunded.
 */
import { z } from 'zod';
import { BuildError } from './errors.ts';
import {
  fromCents,
  type Money,
  moneyNumber,
  NonNegativeMoneySchema,
  PositiveMoneySchema,
  QuantitySchema,
  quantityNumber,
  toCents,
} from './money.ts';
import { defined, InternalIdSchema, type RecordRef, ref, type Sublist } from './references.ts';
import { TaxLineSchema, type TaxOverrideBody, taxCents, taxOverrideBody } from './tax.ts';

const RefundedLineSchema = z.object({
  /**
   * The line of the invoice or cash sale being refunded. The simulator matches it on the pre-filled line's
   * `orderLine`, which holds the sale's line key (netsuite.md §3.9).
   */
  saleLine: z.number().int().positive(),
  quantity: QuantitySchema,
  /** What the storefront refunded for the line, before tax. */
  amount: NonNegativeMoneySchema,
});

export const RefundedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lines'), lines: z.array(RefundedLineSchema).min(1) }),
  z.object({
    kind: z.literal('amount'),
    /** The GL template's refund-adjustment item. */
    item: InternalIdSchema,
    amount: PositiveMoneySchema,
    description: z.string().max(999).optional(),
  }),
]);

export const RefundTaxSchema = z.discriminatedUnion('mode', [
  /** `line` of a tax line is the item line's position in the sales order input, as on the order. */
  z.object({ mode: z.literal('override'), lines: z.array(TaxLineSchema) }),
  z.object({ mode: z.literal('netsuite') }),
]);

export const RefundContentSchema = z.object({
  refunded: RefundedSchema,
  /** Refunded shipping; "0.00" when none, since the transform would otherwise refund the sale's shipping. */
  shippingCost: NonNegativeMoneySchema,
  tax: RefundTaxSchema,
});

export type RefundContentInput = z.input<typeof RefundContentSchema>;

export type RefundLineBody =
  | { orderLine: number; quantity: number; amount: number }
  | { item: RecordRef; quantity: 1; amount: number; description?: string };

export type RefundContentBody = Partial<TaxOverrideBody> & {
  item: Sublist<RefundLineBody>;
  shippingCost: number;
};

export function refundContentBody(content: z.output<typeof RefundContentSchema>): RefundContentBody {
  const { refunded } = content;
  const items: RefundLineBody[] =
    refunded.kind === 'lines'
      ? refunded.lines.map((line) => ({
          orderLine: line.saleLine,
          quantity: quantityNumber(line.quantity),
          amount: moneyNumber(line.amount),
        }))
      : [
          {
            item: ref(refunded.item),
            // NetSuite defaults an amount line to 1 unit, but a transform drops added lines of quantity zero before
            // that default applies (UNCERTAIN in netsuite.md; the simulator does): the one unit is said outright.
            quantity: 1,
            amount: moneyNumber(refunded.amount),
            ...defined({ description: refunded.description }),
          },
        ];
  if (refunded.kind === 'lines' && new Set(refunded.lines.map((line) => line.saleLine)).size !== items.length) {
    throw new BuildError('INVALID_INPUT', 'A sale line is refunded twice; give its refunded quantity once.');
  }
  return {
    item: { items },
    shippingCost: moneyNumber(content.shippingCost),
    ...(content.tax.mode === 'override' ? taxOverrideBody(content.tax.lines) : {}),
  };
}

/** Without `replace`, the sale's lines and tax lines not named would be refunded as well (spec §3.7). */
export const refundReplace = (content: z.output<typeof RefundContentSchema>): readonly string[] =>
  content.tax.mode === 'override' ? ['item', 'taxDetails'] : ['item'];

export function refundTotal(content: z.output<typeof RefundContentSchema>): Money {
  const { refunded } = content;
  const lines =
    refunded.kind === 'lines'
      ? refunded.lines.reduce((sum, line) => sum + toCents(line.amount), 0n)
      : toCents(refunded.amount);
  const tax = content.tax.mode === 'override' ? taxCents(content.tax.lines) : 0n;
  return fromCents(lines + toCents(content.shippingCost) + tax);
}
