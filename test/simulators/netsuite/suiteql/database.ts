import { PGlite, types } from '@electric-sql/pglite';
import type { Snapshot } from './snapshot.ts';
import { setupSql } from './sql-functions.ts';
import { conform, createTableSql, quote, TABLES } from './tables.ts';

/**
 * One embedded PostgreSQL per process, shared by every simulator in it: starting PGlite takes seconds and hundreds of
 * megabytes, while reloading a simulator's rows takes milliseconds. Whoever runs next reloads if the rows loaded are
 * not theirs (`owner`) or are older than their store (`version`); all use is serialised. The state lives on
 * `globalThis` so that a test runner re-evaluating this module in the same process reuses the database too.
 */
interface Shared {
  instance: Promise<PGlite> | undefined;
  queue: Promise<unknown>;
  loaded: { owner: object; version: number; signature: string } | undefined;
}

const SHARED_KEY = Symbol.for('ml-connector.netsuite-simulator.suiteql');
const processWide = globalThis as Record<symbol, Shared | undefined>;
processWide[SHARED_KEY] ??= { instance: undefined, queue: Promise.resolve(), loaded: undefined };
const shared = processWide[SHARED_KEY];

/** Runs `work` alone on the shared database. */
export function exclusive<T>(work: (db: PGlite) => Promise<T>): Promise<T> {
  const run = shared.queue.then(async () => work(await database()));
  shared.queue = run.catch(() => undefined);
  return run;
}

function database(): Promise<PGlite> {
  shared.instance ??= (async () => {
    const db = new PGlite();
    await db.exec(setupSql());
    return db;
  })();
  return shared.instance;
}

export const isLoaded = (owner: object, version: number) =>
  shared.loaded?.owner === owner && shared.loaded.version === version;

export function forget(owner: object): void {
  if (shared.loaded?.owner === owner) shared.loaded = { ...shared.loaded, owner: {} };
}

/** Replaces every table's rows with the snapshot's, in one transaction; tables are recreated when custom columns change. */
export async function load(db: PGlite, owner: object, version: number, snapshot: Snapshot): Promise<void> {
  const signature = JSON.stringify(TABLES.map((table) => snapshot.customColumnsOf(table.name)));
  const statements =
    signature === shared.loaded?.signature
      ? [`TRUNCATE ${TABLES.map((table) => `public.${quote(table.name)}`).join(', ')}`]
      : TABLES.flatMap((table) => [
          `DROP TABLE IF EXISTS public.${quote(table.name)}`,
          createTableSql(table, snapshot.customColumnsOf(table.name)),
          ...indexes(table.name, Object.keys(table.columns)),
        ]);
  shared.loaded = undefined;
  await db.exec('BEGIN');
  try {
    await db.exec(statements.join(';\n'));
    for (const table of TABLES) {
      const rows = snapshot.rows.get(table.name);
      if (!rows?.length) continue;
      const target = `public.${quote(table.name)}`;
      await db.query(`INSERT INTO ${target} SELECT * FROM json_populate_recordset(NULL::${target}, $1)`, [
        JSON.stringify(rows.map((row) => conform(table, row))),
      ]);
    }
    await db.exec('COMMIT');
  } catch (error) {
    await db.exec('ROLLBACK');
    throw error;
  }
  shared.loaded = { owner, version, signature };
}

/** Keys the display functions and typical joins look rows up by. */
function indexes(table: string, columns: string[]): string[] {
  return ['id', 'transaction', 'item']
    .filter((column) => columns.includes(column))
    .map((column) => `CREATE INDEX ON public.${quote(table)} (${quote(column)})`);
}

/** Every value as PostgreSQL's text, so rendering (not the driver) decides how NetSuite would show it. */
const RAW_TEXT = Object.fromEntries(
  Object.keys(types.parsers)
    .filter((oid) => /^\d+$/.test(oid))
    .map((oid) => [Number(oid), (value: string) => value]),
);

export interface RawResult {
  fields: { name: string; dataTypeID: number }[];
  rows: (string | null)[][];
}

/** Runs one statement in a read-only transaction with SYSDATE at `now`, and rolls back whatever happens. */
export async function readOnly(db: PGlite, sql: string, params: unknown[], now: string): Promise<RawResult> {
  await db.exec('BEGIN READ ONLY');
  try {
    await db.query(`SELECT set_config('ns.now', $1, true)`, [now]);
    const result = await db.query<(string | null)[]>(sql, params, { rowMode: 'array', parsers: RAW_TEXT });
    return { fields: result.fields, rows: result.rows };
  } finally {
    await db.exec('ROLLBACK');
  }
}
