/**
 * The record service's writes: body → normal form → merged with what is stored → type rules (validation, sourced
 * and computed fields) → stored → consequences (stock, linked records, GL). Everything that can refuse a request
 * runs before anything is written, and nothing here awaits, so a write is atomic.
 */
import type { RecordType } from '../record-types.ts';
import { isTransactionType } from '../record-types.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import type { SimRecord } from '../store.ts';
import { ensureAccount, nextTranId } from './account.ts';
import type { Draft } from './draft.ts';
import { afterWrite } from './effects.ts';
import { prepareCustomer, prepareListRecord } from './entities.ts';
import { prepareFulfillment } from './fulfillment.ts';
import { prepareJournal } from './journal.ts';
import { type NormalizeOptions, normalizeBody } from './normalize.ts';
import { isApplicationFor, prepareDeposit, prepareDepositApplication, prepareRefund } from './payments.ts';
import { referencedIds } from './references.ts';
import { userError } from './rules.ts';
import { prepareSale } from './sales.ts';
import { SCHEMAS } from './schema.ts';
import { mergeInto } from './sublists.ts';

export interface WriteOptions extends NormalizeOptions {
  /** `?replace=` sublists, lower-cased (spec §3.7). */
  replace: ReadonlySet<string>;
}

export function createRecord(
  sim: NetSuiteSimulator,
  type: RecordType,
  body: unknown,
  options: WriteOptions,
  externalIdFromUrl?: string,
): SimRecord {
  const normalized = normalizeBody(sim, type, body, options);
  const fields: Record<string, unknown> = {};
  mergeInto(SCHEMAS[type], fields, normalized.fields, { replace: options.replace });
  const externalId = externalIdFromUrl ?? normalized.externalId ?? undefined;
  return saveDraft(sim, { type, previous: undefined, fields, externalId });
}

export function updateRecord(
  sim: NetSuiteSimulator,
  record: SimRecord,
  body: unknown,
  options: WriteOptions,
): SimRecord {
  const normalized = normalizeBody(sim, record.type, body, options);
  const fields = structuredClone(record.fields);
  mergeInto(SCHEMAS[record.type], fields, normalized.fields, { replace: options.replace });
  const externalId = normalized.externalId === undefined ? record.externalId : (normalized.externalId ?? undefined);
  return saveDraft(sim, { type: record.type, previous: record, fields, externalId });
}

export function saveDraft(sim: NetSuiteSimulator, draft: Draft): SimRecord {
  ensureAccount(sim);
  refuseDuplicateExternalId(sim, draft);
  prepare(sim, draft);
  if (isTransactionType(draft.type) && draft.fields.tranId === undefined) {
    const tranId = nextTranId(sim, draft.type);
    if (tranId) draft.fields.tranId = tranId;
  }
  const now = sim.clock.now();
  const record: SimRecord = {
    type: draft.type,
    id: draft.previous?.id ?? sim.store.nextId(),
    externalId: draft.externalId,
    fields: draft.fields,
    createdAt: draft.previous?.createdAt ?? now,
    lastModified: now,
  };
  sim.store.put(record);
  afterWrite(sim, draft.previous, record);
  return record;
}

export function deleteRecord(sim: NetSuiteSimulator, record: SimRecord): void {
  ensureAccount(sim);
  // A refund's own deposit applications go with it; anything else pointing here blocks the delete.
  const ownApplications =
    record.type === 'customerRefund'
      ? sim.store.all('depositApplication').filter((application) => isApplicationFor(application, record.id))
      : [];
  const owned = new Set(ownApplications.map((application) => application.id));
  const dependent =
    sim.store
      .all()
      .some((other) => !owned.has(other.id) && other.id !== record.id && referencedIds(other).has(record.id)) ||
    sim.store.gl.some((line) => line.accountId === record.id);
  if (dependent) throw userError('This record cannot be deleted because it has dependent records.');
  for (const application of ownApplications) removeRecord(sim, application);
  removeRecord(sim, record);
}

/** Deletes without the dependency check (for records whose owner is going too). */
export function removeRecord(sim: NetSuiteSimulator, record: SimRecord): void {
  sim.store.delete(record.id);
  afterWrite(sim, record, undefined);
}

function refuseDuplicateExternalId(sim: NetSuiteSimulator, draft: Draft): void {
  if (draft.externalId === undefined) return;
  const holder = sim.store.getByExternalId(draft.type, draft.externalId);
  if (holder && holder.id !== draft.previous?.id) {
    // Spec §3.3: the REST body is UNCERTAIN; this is the simulator default it prescribes.
    throw userError(
      `Error while accessing a resource. A record with the external ID '${draft.externalId}' already exists.`,
    );
  }
}

function prepare(sim: NetSuiteSimulator, draft: Draft): void {
  switch (draft.type) {
    case 'customer':
      prepareCustomer(sim, draft.fields);
      break;
    case 'salesOrder':
    case 'invoice':
    case 'cashSale':
    case 'creditMemo':
    case 'cashRefund':
      prepareSale(sim, draft);
      break;
    case 'itemFulfillment':
      prepareFulfillment(sim, draft);
      break;
    case 'customerDeposit':
      prepareDeposit(sim, draft);
      break;
    case 'depositApplication':
      prepareDepositApplication(sim, draft);
      break;
    case 'customerRefund':
      prepareRefund(sim, draft);
      break;
    case 'journalEntry':
      prepareJournal(sim, draft);
      break;
    default:
      prepareListRecord(draft.type, draft.fields);
  }
}
