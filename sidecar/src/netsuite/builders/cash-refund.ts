/** Cash refunds by transform from the cash sale (netsuite-gl.md "Refunds", `cash_sale` mode). */
import type { z } from 'zod';
import { type PaymentTargetBody, PaymentTargetSchema, paymentTargetBody } from './cash-sale.ts';
import { attempt, type Built } from './errors.ts';
import type { Money } from './money.ts';
import { DateSchema, defined, ExternalIdSchema, InternalIdSchema } from './references.ts';
import {
  type RefundContentBody,
  RefundContentSchema,
  refundContentBody,
  refundReplace,
  refundTotal,
} from './refund-lines.ts';
import { MemoSchema, type TransformRequest } from './transaction.ts';

const CashRefundInputSchema = RefundContentSchema.extend({
  ...PaymentTargetSchema.shape,
  externalId: ExternalIdSchema,
  cashSale: InternalIdSchema,
  tranDate: DateSchema.optional(),
  memo: MemoSchema.optional(),
});

export type CashRefundInput = z.input<typeof CashRefundInputSchema>;

export type CashRefundBody = RefundContentBody &
  PaymentTargetBody & { externalId: string; tranDate?: string; memo?: string };

export type CashRefundTransform = TransformRequest<'cashSale', 'cashRefund', CashRefundBody> & { total: Money };

export function buildCashRefund(input: CashRefundInput): Built<CashRefundTransform> {
  return attempt(() => {
    const refund = CashRefundInputSchema.parse(input);
    return {
      fromType: 'cashSale',
      fromId: refund.cashSale,
      type: 'cashRefund',
      body: {
        externalId: refund.externalId,
        ...defined({ tranDate: refund.tranDate, memo: refund.memo }),
        ...refundContentBody(refund),
        ...paymentTargetBody(refund),
      },
      options: { replace: refundReplace(refund) },
      total: refundTotal(refund),
    };
  });
}
