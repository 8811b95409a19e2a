/** Cash sales by transform from the sales order (netsuite-gl.md model 4, `cash_sale` mode): billed and paid at once. */
import { z } from 'zod';
import { attempt, type Built } from './errors.ts';
import { BillInputSchema, billBody, billOptions, type InvoiceBody } from './invoice.ts';
import { defined, InternalIdSchema, optionalRef, type RecordRef } from './references.ts';
import type { TransformRequest } from './transaction.ts';

export const PaymentTargetSchema = z.object({
  /** The payment method's account; absent: Undeposited Funds. */
  account: InternalIdSchema.optional(),
  paymentMethod: InternalIdSchema.optional(),
});

export type PaymentTargetBody = { undepFunds: { id: 'T' | 'F' }; account?: RecordRef; paymentMethod?: RecordRef };

export const paymentTargetBody = (target: z.output<typeof PaymentTargetSchema>): PaymentTargetBody => ({
  undepFunds: { id: target.account === undefined ? 'T' : 'F' },
  ...defined({ account: optionalRef(target.account), paymentMethod: optionalRef(target.paymentMethod) }),
});

const CashSaleInputSchema = BillInputSchema.extend(PaymentTargetSchema.shape);

export type CashSaleInput = z.input<typeof CashSaleInputSchema>;

export type CashSaleBody = InvoiceBody & PaymentTargetBody;

export function buildCashSale(input: CashSaleInput): Built<TransformRequest<'salesOrder', 'cashSale', CashSaleBody>> {
  return attempt(() => {
    const sale = CashSaleInputSchema.parse(input);
    return {
      fromType: 'salesOrder',
      fromId: sale.salesOrder,
      type: 'cashSale',
      body: { ...billBody(sale), ...paymentTargetBody(sale) },
      options: billOptions(sale),
    };
  });
}
