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

const ReclassificationInputSchema = SegmentsSchema.extend({
  externalId: ExternalIdSchema,
  tranDate: DateSchema,
  subsidiary: InternalIdSchema.optional(),
  currency: InternalIdSchema.optional(),
  memo: z.string().max(999).optional(),
  /** The item's income account, where the invoice credited the revenue. */
  fromAccount: InternalIdSchema,
  /** The GL template's revenue account. */
  toAccount: InternalIdSchema,
  amount: PositiveMoneySchema,
  customer: InternalIdSchema.optional(),
});

export type ReclassificationInput = z.input<typeof ReclassificationInputSchema>;

/** Revenue moved: debit the item's income account, credit the template's revenue account, both tagged alike. */
export function buildReclassification(input: ReclassificationInput): Built<JournalEntryCreate> {
  const parsed = attempt(() => ReclassificationInputSchema.parse(input));
  if (!parsed.ok) return parsed;
  const { fromAccount, toAccount, amount, customer, department, class: classId, location, ...header } = parsed.value;
  const segments = { department, class: classId, location, entity: customer, amount };
  return buildJournalEntry({
    ...header,
    lines: [
      { ...segments, account: fromAccount, side: 'debit', memo: 'Reclassified from the item income account' },
      { ...segments, account: toAccount, side: 'credit', memo: 'Reclassified to the template revenue account' },
    ],
  });
}
