/** Deposit applications (netsuite-gl.md "Billing"): a customer deposit set against the invoice it paid for. */
import { z } from 'zod';
import { attempt, type Built } from './errors.ts';
import { moneyNumber, PositiveMoneySchema } from './money.ts';
import {
  DateSchema,
  defined,
  ExternalIdSchema,
  InternalIdSchema,
  type RecordRef,
  ref,
  type Sublist,
} from './references.ts';
import { MemoSchema, type TransformRequest } from './transaction.ts';

const DepositApplicationInputSchema = z.object({
  externalId: ExternalIdSchema,
  deposit: InternalIdSchema,
  invoice: InternalIdSchema,
  /**
   * What the deposit pays of the invoice: the lesser of the two, as the storefront's payment says. Absent: the apply
   * line carries no amount and NetSuite applies the lesser of the invoice's amount due and what the deposit has left,
   * as its form does when a line is ticked (UNCERTAIN over REST; the simulator does so).
   */
  amount: PositiveMoneySchema.optional(),
  tranDate: DateSchema.optional(),
  memo: MemoSchema.optional(),
});

export type DepositApplicationInput = z.input<typeof DepositApplicationInputSchema>;

export type ApplyLineBody = { doc: RecordRef; apply: true; amount?: number };

export type DepositApplicationBody = {
  externalId: string;
  tranDate?: string;
  memo?: string;
  apply: Sublist<ApplyLineBody>;
};

/** `client.transform('customerDeposit', deposit, 'depositApplication', body)`. */
export function buildDepositApplication(
  input: DepositApplicationInput,
): Built<TransformRequest<'customerDeposit', 'depositApplication', DepositApplicationBody>> {
  return attempt(() => {
    const application = DepositApplicationInputSchema.parse(input);
    return {
      fromType: 'customerDeposit',
      fromId: application.deposit,
      type: 'depositApplication',
      body: {
        externalId: application.externalId,
        ...defined({ tranDate: application.tranDate, memo: application.memo }),
        apply: {
          items: [
            {
              doc: ref(application.invoice),
              apply: true,
              ...(application.amount === undefined ? {} : { amount: moneyNumber(application.amount) }),
            },
          ],
        },
      },
      options: {},
    };
  });
}
