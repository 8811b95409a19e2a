/** Journal entries (spec §3.12): subsidiary at header level, lines on any accounts, debits equal to credits. */
import type { NetSuiteSimulator } from '../simulator.ts';
import { dec, roundMoney } from './decimal.ts';
import type { Draft } from './draft.ts';
import {
  defaultTransactionHeader,
  isBlank,
  missingSubsidiary,
  NO_LINE_ITEMS,
  requireValues,
  userError,
} from './rules.ts';
import { linesOf } from './sublists.ts';

/** Invented wording: the spec marks NetSuite's text for an unbalanced entry UNCERTAIN. */
export const UNBALANCED =
  'Error while accessing a resource. The total of the debit lines must equal the total of the credit lines.';

export function prepareJournal(sim: NetSuiteSimulator, draft: Draft): void {
  const { fields } = draft;
  defaultTransactionHeader(sim, fields);
  requireValues(missingSubsidiary(sim, fields));
  const lines = linesOf(fields, 'line');
  if (lines.length === 0) throw userError(NO_LINE_ITEMS);
  let debits = 0n;
  let credits = 0n;
  lines.forEach((line, index) => {
    if (isBlank(line.account)) throw userError('Please enter value(s) for: Account.', `line.items[${index}].account`);
    const debit = roundMoney(dec(line.debit));
    const credit = roundMoney(dec(line.credit));
    if (debit !== 0n && credit !== 0n) {
      throw userError(
        'Error while accessing a resource. A journal line cannot carry both a debit and a credit.',
        `line.items[${index}]`,
      );
    }
    debits += debit;
    credits += credit;
  });
  if (debits !== credits) throw userError(UNBALANCED);
}
