/**
 * Journal entries (spec §3.12 journalEntry), chiefly the reclassification of netsuite-gl.md "GL templates": revenue
 * moved from the item's income account to the template's. Unbalanced input is refused here, before NetSuite.
 */
import { z } from 'zod';
import { attempt, BuildError, type Built } from './errors.ts';
import { fromCents, type Money, moneyNumber, PositiveMoneySchema, toCents } from './money.ts';
import {
  DateSchema,
  defined,
  ExternalIdSchema,
  InternalIdSchema,
  optionalRef,
  type RecordRef,
  ref,
  type Sublist,
} from './references.ts';
import {
  type CreateRequest,
  type HeaderBody,
  HeaderSchema,
  headerBody,
  SegmentsSchema,
  segmentsBody,
} from './transaction.ts';

const JournalLineSchema = SegmentsSchema.extend({
  account: InternalIdSchema,
  side: z.enum(['debit', 'credit']),
  amount: PositiveMoneySchema,
  memo: z.string().max(999).optional(),
  /** The customer the line concerns. */
  entity: InternalIdSchema.optional(),
});

const JournalEntryInputSchema = HeaderSchema.omit({ location: true, department: true, class: true }).extend({
  externalId: ExternalIdSchema,
  tranDate: HeaderSchema.shape.tranDate.unwrap(),
  lines: z.array(JournalLineSchema).min(2),
});

export type JournalEntryInput = z.input<typeof JournalEntryInputSchema>;

export type JournalLineBody = {
  account: RecordRef;
  debit?: number;
  credit?: number;
  memo?: string;
  entity?: RecordRef;
  department?: RecordRef;
  class?: RecordRef;
  location?: RecordRef;
};

export type JournalEntryBody = HeaderBody & { externalId: string; tranDate: string; line: Sublist<JournalLineBody> };

export type JournalEntryCreate = CreateRequest<'journalEntry', JournalEntryBody> & {
  /** The sum of the debits, equal to the sum of the credits. */
  total: Money;
};

export function buildJournalEntry(input: JournalEntryInput): Built<JournalEntryCreate> {
  return attempt(() => {
    const entry = JournalEntryInputSchema.parse(input);
    const sideTotal = (side: 'debit' | 'credit') =>
      entry.lines.filter((line) => line.side === side).reduce((sum, line) => sum + toCents(line.amount), 0n);
    const [debits, credits] = [sideTotal('debit'), sideTotal('credit')];
    if (debits !== credits) {
      throw new BuildError(
        'UNBALANCED_JOURNAL',
        `The journal entry's debits (${fromCents(debits)}) do not equal its credits (${fromCents(credits)}).`,
      );
    }
    return {
      type: 'journalEntry',
      body: {
        externalId: entry.externalId,
        ...headerBody(entry),
        tranDate: entry.tranDate,
        line: { items: entry.lines.map(journalLine) },
      },
      total: fromCents(debits),
    };
  });
}

function journalLine(line: z.output<typeof JournalLineSchema>): JournalLineBody {
  return {
    account: ref(line.account),
    [line.side]: moneyNumber(line.amount),
    ...defined({ memo: line.memo, entity: optionalRef(line.entity) }),
    ...segmentsBody(line),
  };
}

const MoveSchema = SegmentsSchema.extend({
  /** Where the revenue was posted: the item's income account on billing, the template's account on a refund. */
  fromAccount: InternalIdSchema,
  /** Where it belongs. */
  toAccount: InternalIdSchema,
  amount: PositiveMoneySchema,
});

const ReclassificationInputSchema = z.object({
  externalId: ExternalIdSchema,
  tranDate: DateSchema,
  subsidiary: InternalIdSchema.optional(),
  currency: InternalIdSchema.optional(),
  memo: z.string().max(999).optional(),
  moves: z.array(MoveSchema).min(1),
  customer: InternalIdSchema.optional(),
});

export type ReclassificationInput = z.input<typeof ReclassificationInputSchema>;

/**
 * Revenue moved between income accounts: per move, a debit of `fromAccount` and a credit of `toAccount` for the same
 * amount, both tagged with the move's segments and the customer, so the entry balances by construction.
 */
export function buildReclassification(input: ReclassificationInput): Built<JournalEntryCreate> {
  const parsed = attempt(() => ReclassificationInputSchema.parse(input));
  if (!parsed.ok) return parsed;
  const { moves, customer, ...header } = parsed.value;
  return buildJournalEntry({
    ...header,
    lines: moves.flatMap(({ fromAccount, toAccount, ...move }) => {
      const tagged = { ...move, entity: customer };
      return [
        { ...tagged, account: fromAccount, side: 'debit' as const, memo: `Reclassified to account ${toAccount}` },
        { ...tagged, account: toAccount, side: 'credit' as const, memo: `Reclassified from account ${fromAccount}` },
      ];
    }),
  });
}
