import type { RecordType } from '../record-types.ts';
import type { SimRecord } from '../store.ts';

/** A record on its way to the store: its merged fields in normal form, and what was stored before (on update). */
export interface Draft {
  type: RecordType;
  previous: SimRecord | undefined;
  fields: Record<string, unknown>;
  externalId: string | undefined;
}
