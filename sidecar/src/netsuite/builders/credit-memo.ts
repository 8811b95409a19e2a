/** Credit memos by transform from the invoice (netsuite-gl.md "Refunds", spec §3.9): refunds after billing. */
import type { z } from 'zod';
import type { ApplyLineBody } from './deposit-application.ts';
import { attempt, type Built } from './errors.ts';
import { type Money, moneyNumber, PositiveMoneySchema } from './money.ts';
import { DateSchema, defined, ExternalIdSchema, InternalIdSchema, ref, type Sublist } from './references.ts';
import {
  type RefundContentBody,
  RefundContentSchema,
  refundContentBody,
  refundReplace,
  refundTotal,
} from './refund-lines.ts';
import { MemoSchema, type TransformRequest } from './transaction.ts';

const CreditMemoInputSchema = RefundContentSchema.extend({
  externalId: ExternalIdSchema,
  invoice: InternalIdSchema,
  tranDate: DateSchema.optional(),
  memo: MemoSchema.optional(),
  /**
   * How much of the credit to set against the invoice. Absent: what is still open on it, which is nothing once the
   * deposit paid it; the credit then waits for the customer refund that pays it out.
   */
  applyAmount: PositiveMoneySchema.optional(),
});

export type CreditMemoInput = z.input<typeof CreditMemoInputSchema>;

export type CreditMemoBody = RefundContentBody & {
  externalId: string;
  tranDate?: string;
  memo?: string;
  apply: Sublist<ApplyLineBody>;
};

export type CreditMemoTransform = TransformRequest<'invoice', 'creditMemo', CreditMemoBody> & {
  /** Refunded lines + shipping + overridden tax: the credit memo's `total`, to the cent. */
  total: Money;
};

export function buildCreditMemo(input: CreditMemoInput): Built<CreditMemoTransform> {
  return attempt(() => {
    const memo = CreditMemoInputSchema.parse(input);
    const apply: ApplyLineBody = {
      doc: ref(memo.invoice),
      apply: true,
      ...defined({ amount: memo.applyAmount === undefined ? undefined : moneyNumber(memo.applyAmount) }),
    };
    return {
      fromType: 'invoice',
      fromId: memo.invoice,
      type: 'creditMemo',
      body: {
        externalId: memo.externalId,
        ...defined({ tranDate: memo.tranDate, memo: memo.memo }),
        ...refundContentBody(memo),
        apply: { items: [apply] },
      },
      options: { replace: refundReplace(memo) },
      total: refundTotal(memo),
    };
  });
}
