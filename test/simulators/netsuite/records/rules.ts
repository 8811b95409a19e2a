/** Business-rule errors as NetSuite words them (spec §4.2) and header defaults every transaction gets. */
import { NsError } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { BASE_CURRENCY_ID } from './account.ts';

/** Real text (spec §3.12, [T2]). */
export const NO_LINE_ITEMS =
  'Error while accessing a resource. You must enter at least one line item for this transaction.';

export function userError(detail: string, path?: string): NsError {
  return new NsError(400, 'USER_ERROR', detail, path ? { 'o:errorPath': path } : {});
}

/** "Please enter value(s) for: First Name, Last Name." (real text, spec §4.2), listing every missing field. */
export function requireValues(missing: string[]): void {
  if (missing.length > 0) throw userError(`Please enter value(s) for: ${missing.join(', ')}.`);
}

export const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

/** Header fields NetSuite fills when a transaction is entered: today's date, the base currency. */
export function defaultTransactionHeader(sim: NetSuiteSimulator, fields: Record<string, unknown>): void {
  if (fields.tranDate === undefined) fields.tranDate = today(sim);
  if (fields.currency === undefined) fields.currency = { id: BASE_CURRENCY_ID };
}

/** The account's date (its time zone is UTC in the simulator). */
export const today = (sim: NetSuiteSimulator): string => new Date(sim.clock.now()).toISOString().slice(0, 10);

/** Transactions in a OneWorld account carry their subsidiary at header level (spec §7). */
export function missingSubsidiary(sim: NetSuiteSimulator, fields: Record<string, unknown>): string[] {
  return sim.settings.oneWorld && isBlank(fields.subsidiary) ? ['Subsidiary'] : [];
}
