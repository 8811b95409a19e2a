import { RECORD_TYPES } from '../record-types.ts';
import type { RecordStore } from '../store.ts';
import {
  projectAccount,
  projectAccountingLines,
  projectCurrency,
  projectCustomer,
  projectItem,
  projectLocation,
  projectStock,
  projectSubsidiary,
} from './project-lists.ts';
import { projectTransaction } from './project-transactions.ts';
import { Snapshot } from './snapshot.ts';

/** Every SuiteQL row the store implies right now. */
export function projectStore(store: RecordStore): Snapshot {
  const snapshot = new Snapshot();
  for (const record of store.all()) {
    const kind = RECORD_TYPES[record.type].kind;
    if (kind === 'transaction') projectTransaction(record, store, snapshot);
    else if (kind === 'item') projectItem(record, snapshot);
    else if (kind === 'entity') projectCustomer(record, snapshot);
    else if (record.type === 'location') projectLocation(record, store, snapshot);
    else if (record.type === 'subsidiary') projectSubsidiary(record, store, snapshot);
    else if (record.type === 'currency') projectCurrency(record, snapshot);
    else if (record.type === 'account') projectAccount(record, snapshot);
  }
  projectStock(store, snapshot);
  projectAccountingLines(store, snapshot);
  return snapshot;
}
