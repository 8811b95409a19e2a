import type { Row } from './tables.ts';

/** The rows of every SuiteQL table, derived from the store at one `version`, plus the custom columns they need. */
export class Snapshot {
  readonly rows = new Map<string, Row[]>();
  readonly customColumns = new Map<string, Set<string>>();

  add(table: string, row: Row, custom: [string, string | undefined][] = []): void {
    for (const [column, value] of custom) {
      row[column] = value;
      entry(this.customColumns, table, () => new Set<string>()).add(column);
    }
    entry(this.rows, table, (): Row[] => []).push(row);
  }

  customColumnsOf(table: string): string[] {
    return [...(this.customColumns.get(table) ?? [])].sort();
  }
}

function entry<V>(map: Map<string, V>, key: string, create: () => V): V {
  const existing = map.get(key);
  if (existing !== undefined) return existing;
  const created = create();
  map.set(key, created);
  return created;
}
