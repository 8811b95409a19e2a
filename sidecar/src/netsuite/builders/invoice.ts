/**
 * Invoices by transform from the sales order (netsuite-gl.md "Billing"). Without lines NetSuite bills everything
 * fulfilled and not yet billed; with lines, only those order lines and quantities.
 */
import { z } from 'zod';
import { attempt, type Built } from './errors.ts';
import { QuantitySchema, quantityNumber } from './money.ts';
import { DateSchema, defined, ExternalIdSchema, InternalIdSchema, type Sublist } from './references.ts';
import { MemoSchema, type TransformRequest } from './transaction.ts';

export const BillLineSchema = z.object({
  /** The sales order's `line` key (spec §3.9). */
  orderLine: z.number().int().positive(),
  quantity: QuantitySchema,
});

export const BillInputSchema = z.object({
  externalId: ExternalIdSchema,
  salesOrder: InternalIdSchema,
  tranDate: DateSchema.optional(),
  memo: MemoSchema.optional(),
  lines: z.array(BillLineSchema).min(1).optional(),
});

export type InvoiceInput = z.input<typeof BillInputSchema>;

export type BillLineBody = { orderLine: number; quantity: number };

export type InvoiceBody = {
  externalId: string;
  tranDate?: string;
  memo?: string;
  item?: Sublist<BillLineBody>;
};

export function billBody(bill: z.output<typeof BillInputSchema>): InvoiceBody & { externalId: string } {
  return {
    externalId: bill.externalId,
    ...defined({ tranDate: bill.tranDate, memo: bill.memo }),
    ...(bill.lines
      ? {
          item: {
            items: bill.lines.map((line) => ({ orderLine: line.orderLine, quantity: quantityNumber(line.quantity) })),
          },
        }
      : {}),
  };
}

/** With lines, `replace=item` drops the order lines not named, which NetSuite would otherwise bill too (spec §3.7). */
export const billOptions = (bill: z.output<typeof BillInputSchema>) => (bill.lines ? { replace: ['item'] } : {});

export function buildInvoice(input: InvoiceInput): Built<TransformRequest<'salesOrder', 'invoice', InvoiceBody>> {
  return attempt(() => {
    const bill = BillInputSchema.parse(input);
    return {
      fromType: 'salesOrder',
      fromId: bill.salesOrder,
      type: 'invoice',
      body: billBody(bill),
      options: billOptions(bill),
    };
  });
}
