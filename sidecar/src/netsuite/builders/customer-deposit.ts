/** Customer deposits (netsuite-gl.md "Payment"): money the storefront took, linked to its sales order. */
import type { z } from 'zod';
import { attempt, type Built } from './errors.ts';
import { moneyNumber, PositiveMoneySchema } from './money.ts';
import { defined, ExternalIdSchema, InternalIdSchema, optionalRef, type RecordRef, ref } from './references.ts';
import { type CreateRequest, type HeaderBody, HeaderSchema, headerBody } from './transaction.ts';

const CustomerDepositInputSchema = HeaderSchema.extend({
  externalId: ExternalIdSchema,
  customer: InternalIdSchema,
  salesOrder: InternalIdSchema,
  payment: PositiveMoneySchema,
  /** The payment method's account; absent: Undeposited Funds. */
  account: InternalIdSchema.optional(),
  paymentMethod: InternalIdSchema.optional(),
});

export type CustomerDepositInput = z.input<typeof CustomerDepositInputSchema>;

export type CustomerDepositBody = HeaderBody & {
  externalId: string;
  customer: RecordRef;
  salesOrder: RecordRef;
  payment: number;
  /** T: Undeposited Funds; F: the `account` named. */
  undepFunds: { id: 'T' | 'F' };
  account?: RecordRef;
  paymentMethod?: RecordRef;
};

export function buildCustomerDeposit(
  input: CustomerDepositInput,
): Built<CreateRequest<'customerDeposit', CustomerDepositBody>> {
  return attempt(() => {
    const deposit = CustomerDepositInputSchema.parse(input);
    return {
      type: 'customerDeposit',
      body: {
        externalId: deposit.externalId,
        ...headerBody(deposit),
        customer: ref(deposit.customer),
        salesOrder: ref(deposit.salesOrder),
        payment: moneyNumber(deposit.payment),
        undepFunds: { id: deposit.account === undefined ? 'T' : 'F' },
        ...defined({ account: optionalRef(deposit.account), paymentMethod: optionalRef(deposit.paymentMethod) }),
      },
    };
  });
}
