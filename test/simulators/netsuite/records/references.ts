/** Which records a record points at, read through its schema (enum ids are not references). */
import type { SimRecord } from '../store.ts';
import type { Fields } from './field-defs.ts';
import { SCHEMAS } from './schema.ts';
import { refId } from './sublists.ts';

export function referencedIds(record: SimRecord): Set<string> {
  const ids = new Set<string>();
  collect(SCHEMAS[record.type], record.fields, ids);
  return ids;
}

function collect(schema: Fields, fields: Record<string, unknown>, ids: Set<string>): void {
  for (const [name, value] of Object.entries(fields)) {
    const def = schema[name];
    if (!def || value === undefined || value === null) continue;
    if (def.kind === 'ref') {
      const id = refId(value);
      if (id) ids.add(id);
    } else if (def.kind === 'subrecord') {
      collect(def.fields, value as Record<string, unknown>, ids);
    } else if (def.kind === 'sublist') {
      for (const line of (value as { items?: Record<string, unknown>[] }).items ?? []) collect(def.line, line, ids);
    }
  }
}
