/**
 * Reclassification journals (netsuite-gl.md "GL templates"): NetSuite credits a billed line's revenue to its item's
 * income account, a setting of the item record; a GL template naming another revenue account moves it there with a
 * balanced journal entry per bill, and a refund's credit memo or cash refund, which mirrors the bill's lines onto the
 * same item accounts, has the move reversed for the lines it gives back.
 *
 * The journal's externalId derives from the record it follows (`WOO_RECLASS_INV_12_1` for invoice `WOO_INV_12_1`,
 * `WOO_RECLASS_REFUND_34` for refund `WOO_REFUND_34`) and is upserted, so a replay posts nothing twice; it is
 * looked up first, so a run that finds it posted writes nothing at all. Amounts are the record's own line amounts as
 * NetSuite holds them (coupons post on the discount item's lines, so an item line's amount is what its income
 * account received).
 */
import { add, compare, type Money, ZERO } from '../canonical/money.ts';
import type { JobContext } from '../jobs/handler.ts';
import { recordOf } from '../json-record.ts';
import { buildReclassification } from '../netsuite/builders/index.ts';
import type { NetSuiteClient } from '../netsuite/client.ts';
import type { NetSuiteRecord } from '../netsuite/records.ts';
import { built } from './flow-steps.ts';
import type { GlTemplate } from './gl-templates.ts';
import { moneyOf } from './refund-netsuite-state.ts';

/** The record a journal follows: a bill (revenue moved to the template) or a refund of one (moved back). */
export interface ReclassSource {
  type: 'invoice' | 'cashSale' | 'creditMemo' | 'cashRefund';
  id: string;
}

/** A billed or refunded line as the reclassification needs it. */
export interface PostedLine {
  itemId: string;
  amount: Money;
  location?: string;
}

export interface ReclassMove {
  fromAccount: string;
  toAccount: string;
  amount: Money;
  department?: string;
  class?: string;
  location?: string;
}

/**
 * The journal that follows a record the connector made: `{prefix}RECLASS_` and the record's externalId after the
 * prefix (`WOO_INV_12_1` → `WOO_RECLASS_INV_12_1`); undefined for a record not made by this connection.
 */
export const reclassExternalId = (prefix: string, recordExternalId: string): string | undefined =>
  recordExternalId.startsWith(prefix) ? `${prefix}RECLASS_${recordExternalId.slice(prefix.length)}` : undefined;

const REVERSING = new Set<ReclassSource['type']>(['creditMemo', 'cashRefund']);

const idOf = (value: unknown): string | undefined => {
  const id = recordOf(value).id;
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
};

/**
 * The moves a record's lines call for, one per (accounts, department, class, location), amounts added up. A line
 * moves when its item has a template naming a revenue account other than the item's income account; a refund
 * (`reverse`) moves it back. Lines of items no order line maps to (shipping, discount, fee, refund-adjustment items)
 * stay where NetSuite posted them.
 */
export function reclassMoves(
  lines: readonly PostedLine[],
  templates: ReadonlyMap<string, GlTemplate>,
  incomeAccounts: ReadonlyMap<string, string>,
  reverse: boolean,
): ReclassMove[] {
  const moves = new Map<string, ReclassMove>();
  for (const line of lines) {
    const template = templates.get(line.itemId);
    const income = incomeAccounts.get(line.itemId);
    const revenue = template?.revenueAccountId;
    if (!(template && income && revenue) || income === revenue) continue;
    const [fromAccount, toAccount] = reverse ? [revenue, income] : [income, revenue];
    const segments = {
      ...(template.departmentId ? { department: template.departmentId } : {}),
      ...(template.classId ? { class: template.classId } : {}),
      ...(line.location ? { location: line.location } : {}),
    };
    const key = JSON.stringify([fromAccount, toAccount, segments]);
    const move = moves.get(key) ?? { fromAccount, toAccount, amount: ZERO, ...segments };
    moves.set(key, { ...move, amount: add(move.amount, line.amount) });
  }
  return [...moves.values()].filter((move) => compare(move.amount, ZERO) > 0);
}

/** The income account of each item (SuiteQL `item.incomeaccount`), in one query. */
export async function incomeAccountsOf(
  client: NetSuiteClient,
  itemIds: readonly string[],
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const accounts = new Map<string, string>();
  const ids = [...new Set(itemIds)];
  if (ids.length === 0) return accounts;
  const query = `SELECT id, incomeaccount FROM item WHERE id IN (${ids.map(() => '?').join(', ')})`;
  for await (const row of client.suiteql(query, ids, { signal })) {
    if (row.id && row.incomeaccount) accounts.set(row.id, row.incomeaccount);
  }
  return accounts;
}

function postedLinesOf(record: NetSuiteRecord): PostedLine[] {
  const items = recordOf(record.item).items;
  const header = idOf(record.location);
  return (Array.isArray(items) ? items : []).flatMap((value) => {
    const line = recordOf(value);
    const itemId = idOf(line.item);
    const location = idOf(line.location) ?? header;
    return itemId === undefined ? [] : [{ itemId, amount: moneyOf(line.amount), ...(location ? { location } : {}) }];
  });
}

export interface Reclassification {
  client: NetSuiteClient;
  context: JobContext;
  jobId: string;
  /** The journal's externalId. */
  externalId: string;
  source: ReclassSource;
  /** What the journal's memo names the source by (`invoice WOO_INV_12_1`). */
  sourceName: string;
  /** The order's templates by NetSuite item; read only when the journal is not there yet. */
  templates: () => Promise<ReadonlyMap<string, GlTemplate>>;
  /** The connection's externalId prefix: a refund's bill's journal is named from it. */
  prefix: string;
}

/** The bill a credit memo or cash refund was made from, and whether a reclassification journal followed it. */
async function billWasReclassified(reclass: Reclassification, record: NetSuiteRecord): Promise<boolean> {
  const { client, context } = reclass;
  const billId = idOf(record.createdFrom);
  if (billId === undefined) return false;
  const billType = reclass.source.type === 'creditMemo' ? 'invoice' : 'cashSale';
  const bill = await client.get(billType, billId, { fields: ['externalId'], signal: context.signal });
  const journal = typeof bill.externalId === 'string' ? reclassExternalId(reclass.prefix, bill.externalId) : undefined;
  if (journal === undefined) return false;
  return (
    (await client.getByExternalId('journalEntry', journal, { fields: ['id'], signal: context.signal })) !== undefined
  );
}

/** Posts the journal `source` calls for, unless it is posted already or no line of it moves. */
export async function postReclassification(reclass: Reclassification): Promise<void> {
  const { client, context, externalId, source, sourceName } = reclass;
  const { signal } = context;
  const existing = await client.getByExternalId('journalEntry', externalId, { fields: ['id'], signal });
  if (existing) {
    await context.note({
      message: `Reclassification journal ${externalId} of ${sourceName} is posted already (NetSuite ${String(existing.id)}).`,
      externalId,
    });
    return;
  }
  const record = await client.get(source.type, source.id, { expandSubResources: true, signal });
  // A refund moves back only what its bill's journal moved: a bill posted before the templates were set had none.
  if (REVERSING.has(source.type) && !(await billWasReclassified(reclass, record))) {
    await context.note({ message: `The bill ${sourceName} was made from had no reclassification: none to reverse.` });
    return;
  }
  const lines = postedLinesOf(record);
  const templates = await reclass.templates();
  const accounts = await incomeAccountsOf(
    client,
    lines.map((line) => line.itemId).filter((item) => templates.get(item)?.revenueAccountId !== undefined),
    signal,
  );
  const moves = reclassMoves(lines, templates, accounts, REVERSING.has(source.type));
  if (moves.length === 0) {
    await context.note({ message: `No line of ${sourceName} has a GL template moving its revenue: no journal.` });
    return;
  }
  const customer = idOf(record.entity);
  const subsidiary = idOf(record.subsidiary);
  const currency = idOf(record.currency);
  const journal = built(
    buildReclassification({
      externalId,
      tranDate: String(record.tranDate),
      memo: `GL templates: revenue of ${sourceName} (ml-connector job ${reclass.jobId})`,
      moves,
      ...(customer ? { customer } : {}),
      ...(subsidiary ? { subsidiary } : {}),
      ...(currency ? { currency } : {}),
    }),
    'reclassification journal',
  );
  const { id } = await client.upsert(journal.type, externalId, journal.body, { signal });
  await context.note({
    message: `Reclassification journal ${externalId} posted for ${sourceName}: ${journal.total} moved by GL template (NetSuite ${id}).`,
    externalId,
  });
}
