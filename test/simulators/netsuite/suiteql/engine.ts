import type { RecordStore } from '../store.ts';
import { exclusive, forget, isLoaded, load, type RawResult, readOnly } from './database.ts';
import { prepare } from './dialect.ts';
import { translateDatabaseError, unsupportedSearch } from './errors.ts';
import { UnsupportedQuery } from './guard.ts';
import { datetime } from './normal-form.ts';
import { projectStore } from './project.ts';
import { renderValue } from './render.ts';

/** One result row as NetSuite sends it: `links` first, then lower-case columns; NULL columns are left out. */
export type SuiteQlRow = { links: [] } & Record<string, string | []>;

export interface QueryResult {
  totalResults: number;
  /** Rendered rows `[offset, offset + limit)`. */
  items(offset: number, limit: number): SuiteQlRow[];
}

const DEFAULTS = { maxResults: 100_000, requireAlignedOffset: true, datetimeWithTime: false };

/**
 * Runs SuiteQL as real SQL over tables built from the record store (rebuilt whenever `store.version` moves). The
 * public fields are switches for behaviours the spec leaves UNCERTAIN (§10 item 7); `reset()` restores them.
 */
export class SuiteQlEngine {
  readonly #store: RecordStore;
  /** Rows a query can page through (spec §6.1: 100,000 via REST); a page starting at or past it is refused. */
  maxResults = DEFAULTS.maxResults;
  /** Refuse an `offset` that is not a multiple of `limit`, as the record collections do (spec §3.6). */
  requireAlignedOffset = DEFAULTS.requireAlignedOffset;
  /** Render datetimes with their time of day ("3/4/2025 6:22 pm") instead of the date alone. */
  datetimeWithTime = DEFAULTS.datetimeWithTime;

  constructor(store: RecordStore) {
    this.#store = store;
  }

  async reset(): Promise<void> {
    Object.assign(this, DEFAULTS);
    forget(this);
  }

  /** `now`: simulator clock (ms), the value of SYSDATE. */
  async execute(suiteql: string, params: readonly (string | number)[], now: number): Promise<QueryResult> {
    const prepared = prepareOrRefuse(suiteql);
    if (prepared.parameterCount !== params.length) throw unsupportedSearch();
    const raw = await exclusive(async (db) => {
      const version = this.#store.version;
      if (!isLoaded(this, version)) await load(db, this, version, projectStore(this.#store));
      try {
        return await readOnly(db, prepared.sql, [...params], datetime(now) ?? '');
      } catch (error) {
        throw translateDatabaseError(error, prepared.aliases) ?? error;
      }
    });
    const names = columnNames(raw, prepared.columnNames);
    const options = { datetimeWithTime: this.datetimeWithTime };
    return {
      totalResults: raw.rows.length,
      items: (offset, limit) =>
        raw.rows.slice(offset, offset + limit).map((values) => {
          const row: SuiteQlRow = { links: [] };
          values.forEach((value, i) => {
            const rendered = renderValue(value, raw.fields[i]?.dataTypeID ?? 0, options);
            if (rendered !== undefined) row[names[i] as string] = rendered;
          });
          return row;
        }),
    };
  }
}

function prepareOrRefuse(suiteql: string) {
  try {
    return prepare(suiteql);
  } catch (error) {
    if (error instanceof UnsupportedQuery) throw unsupportedSearch();
    throw error;
  }
}

/** NetSuite's names when the select list decides them, else the database's; always lower case. */
function columnNames(raw: RawResult, fromQuery: string[] | undefined): string[] {
  if (fromQuery && fromQuery.length === raw.fields.length) return fromQuery;
  return raw.fields.map((field) => field.name.toLowerCase());
}
