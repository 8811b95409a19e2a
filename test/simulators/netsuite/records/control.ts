/**
 * Test-only control routes: `POST /__sim/seed` sets up an account's lists, accounts, items and stock in one call
 * (what an administrator would have set up; records are reused by name, number or item name), and
 * `GET /__sim/ledger` shows the GL lines posting transactions wrote.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { RecordType } from '../record-types.ts';
import { NsError } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { ensureAccount, ROOT_SUBSIDIARY_ID } from './account.ts';
import { canonical, dec, formatFixed, parseDecimal } from './decimal.ts';
import { setOnHand } from './inventory.ts';
import { BASE_PRICE_LEVEL } from './lines.ts';
import { ACCOUNT_TYPES } from './schema.ts';
import { saveDraft } from './service.ts';

const decimalText = z
  .union([z.string(), z.number()])
  .refine((value) => parseDecimal(value) !== undefined, 'not a decimal number')
  .transform((value) => canonical(parseDecimal(value) as bigint));

const accountType = z.string().transform((value, context) => {
  const lower = value.toLowerCase();
  const found = Object.entries(ACCOUNT_TYPES).find(
    ([id, label]) => id.toLowerCase() === lower || label.toLowerCase() === lower,
  );
  if (!found) {
    context.addIssue({ code: 'custom', message: `unknown account type ${value}` });
    return z.NEVER;
  }
  return found[0];
});

const SeedBody = z.object({
  subsidiaries: z.array(z.object({ name: z.string().min(1), externalId: z.string().min(1).optional() })).optional(),
  locations: z
    .array(
      z.object({
        name: z.string().min(1),
        subsidiary: z.string().min(1).optional(),
        externalId: z.string().min(1).optional(),
      }),
    )
    .optional(),
  accounts: z.array(z.object({ number: z.string().min(1), name: z.string().min(1), type: accountType })).optional(),
  items: z
    .array(
      z.object({
        itemId: z.string().min(1),
        type: z.enum(['inventoryItem', 'otherChargeItem']),
        displayName: z.string().optional(),
        externalId: z.string().min(1).optional(),
        incomeAccount: z.string().min(1).optional(),
        basePrice: decimalText.optional(),
        /** Unit cost, for the cost of goods sold a fulfilment posts. */
        cost: decimalText.optional(),
        stock: z.record(z.string(), z.number().nonnegative()).optional(),
      }),
    )
    .optional(),
});

type Seed = z.infer<typeof SeedBody>;

export function registerControlRoutes(app: Hono, sim: NetSuiteSimulator): void {
  app.post('/__sim/seed', async (c) => {
    const parsed = SeedBody.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400);
    ensureAccount(sim);
    try {
      return c.json(seed(sim, parsed.data));
    } catch (error) {
      if (error instanceof SeedError) return c.json({ error: error.message }, 400);
      if (error instanceof NsError) return c.json({ error: error.message, details: error.details }, 400);
      throw error;
    }
  });

  app.get('/__sim/ledger', (c) => {
    ensureAccount(sim);
    return c.json({ items: ledgerLines(sim, c) });
  });
}

class SeedError extends Error {}

function seed(sim: NetSuiteSimulator, body: Seed) {
  const subsidiaries = (body.subsidiaries ?? []).map((entry) => ({
    ...entry,
    id: upsert(
      sim,
      'subsidiary',
      (record) => record.type === 'subsidiary' && record.fields.name === entry.name,
      { name: entry.name },
      entry.externalId,
    ),
  }));
  const locations = (body.locations ?? []).map((entry) => {
    const fields: Record<string, unknown> = { name: entry.name };
    if (sim.settings.oneWorld)
      fields.subsidiary = { id: entry.subsidiary ? byName(sim, 'subsidiary', entry.subsidiary) : ROOT_SUBSIDIARY_ID };
    return {
      ...entry,
      id: upsert(
        sim,
        'location',
        (record) => record.type === 'location' && record.fields.name === entry.name,
        fields,
        entry.externalId,
      ),
    };
  });
  const accounts = (body.accounts ?? []).map((entry) => ({
    ...entry,
    id: upsert(sim, 'account', (record) => record.type === 'account' && record.fields.acctNumber === entry.number, {
      acctNumber: entry.number,
      acctName: entry.name,
      acctType: { id: entry.type },
    }),
  }));
  const items = (body.items ?? []).map((entry) => {
    const fields: Record<string, unknown> = { itemId: entry.itemId };
    if (entry.displayName !== undefined) fields.displayName = entry.displayName;
    if (entry.incomeAccount !== undefined) fields.incomeAccount = { id: accountByNumber(sim, entry.incomeAccount) };
    if (entry.basePrice !== undefined) {
      fields.price = {
        items: [{ priceLevel: { id: BASE_PRICE_LEVEL }, currencyPage: { id: '1' }, price: entry.basePrice }],
      };
    }
    if (entry.cost !== undefined) fields.cost = entry.cost;
    const isSame = (record: SimRecord) =>
      (record.type === 'inventoryItem' || record.type === 'otherChargeItem') && record.fields.itemId === entry.itemId;
    const id = upsert(sim, entry.type, isSame, fields, entry.externalId);
    for (const [locationName, quantity] of Object.entries(entry.stock ?? {})) {
      if (entry.type !== 'inventoryItem') throw new SeedError(`item ${entry.itemId}: only inventory items hold stock`);
      setOnHand(sim, id, byName(sim, 'location', locationName), dec(String(quantity)));
    }
    return { ...entry, id };
  });
  return { subsidiaries, locations, accounts, items };
}

function upsert(
  sim: NetSuiteSimulator,
  type: RecordType,
  isSame: (record: SimRecord) => boolean,
  fields: Record<string, unknown>,
  externalId?: string,
): string {
  const existing = sim.store.all().find(isSame);
  if (existing && existing.type !== type) throw new SeedError(`${existing.type} ${existing.id} already has that name`);
  const merged = { ...(existing ? structuredClone(existing.fields) : {}), ...fields };
  const record = saveDraft(sim, {
    type,
    previous: existing,
    fields: merged,
    externalId: externalId ?? existing?.externalId,
  });
  return record.id;
}

function byName(sim: NetSuiteSimulator, type: RecordType, name: string): string {
  const record = sim.store.all(type).find((candidate) => candidate.fields.name === name);
  if (!record) throw new SeedError(`no ${type} named ${name}`);
  return record.id;
}

function accountByNumber(sim: NetSuiteSimulator, number: string): string {
  const record = sim.store.all('account').find((candidate) => candidate.fields.acctNumber === number);
  if (!record) throw new SeedError(`no account numbered ${number}`);
  return record.id;
}

function ledgerLines(sim: NetSuiteSimulator, c: Context) {
  const wanted = c.req.query('transaction');
  return sim.store.gl
    .filter((line) => wanted === undefined || line.transactionId === wanted || line.externalId === wanted)
    .map((line) => ({
      transactionId: line.transactionId,
      transactionType: line.transactionType,
      externalId: line.externalId ?? null,
      account: { id: line.accountId, number: (sim.store.getAny(line.accountId)?.fields.acctNumber as string) ?? null },
      debit: formatFixed(dec(line.debit)),
      credit: formatFixed(dec(line.credit)),
      department: line.department ?? null,
      class: line.class ?? null,
      location: line.location ?? null,
      entity: line.entity ?? null,
      memo: line.memo ?? null,
    }));
}
