/**
 * Customer refunds (netsuite-gl.md "Refunds"): pay out a credit memo's credit after billing, or a deposit before
 * billing.
 */
import { z } from 'zod';
import { attempt, type Built } from './errors.ts';
import { moneyNumber, PositiveMoneySchema } from './money.ts';
import {
  defined,
  ExternalIdSchema,
  InternalIdSchema,
  optionalRef,
  type RecordRef,
  ref,
  type Sublist,
} from './references.ts';
import { type CreateRequest, type HeaderBody, HeaderSchema, headerBody } from './transaction.ts';

const CustomerRefundInputSchema = HeaderSchema.extend({
  externalId: ExternalIdSchema,
  customer: InternalIdSchema,
  /** What is paid out: a credit memo's credit, or (before billing) a customer deposit. */
  from: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('creditMemo'), id: InternalIdSchema }),
    z.object({ kind: z.literal('deposit'), id: InternalIdSchema }),
  ]),
  amount: PositiveMoneySchema,
  /** The account the money leaves from (the payment method's account). */
  account: InternalIdSchema,
  paymentMethod: InternalIdSchema.optional(),
});

export type CustomerRefundInput = z.input<typeof CustomerRefundInputSchema>;

export type RefundApplyLineBody = { doc: RecordRef; apply: true; amount: number };

export type CustomerRefundBody = HeaderBody & {
  externalId: string;
  customer: RecordRef;
  account: RecordRef;
  paymentMethod?: RecordRef;
  apply?: Sublist<RefundApplyLineBody>;
  deposit?: Sublist<RefundApplyLineBody>;
};

export function buildCustomerRefund(
  input: CustomerRefundInput,
): Built<CreateRequest<'customerRefund', CustomerRefundBody>> {
  return attempt(() => {
    const refund = CustomerRefundInputSchema.parse(input);
    const line: RefundApplyLineBody = { doc: ref(refund.from.id), apply: true, amount: moneyNumber(refund.amount) };
    return {
      type: 'customerRefund',
      body: {
        externalId: refund.externalId,
        ...headerBody(refund),
        customer: ref(refund.customer),
        account: ref(refund.account),
        ...defined({ paymentMethod: optionalRef(refund.paymentMethod) }),
        ...(refund.from.kind === 'creditMemo' ? { apply: { items: [line] } } : { deposit: { items: [line] } }),
      },
    };
  });
}
