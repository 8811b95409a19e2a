import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';

export interface MigrationRun {
  /** Tags applied by this run, in order (empty: the database was up to date). */
  applied: string[];
  /** The database, without credentials. */
  database: string;
}

/** Applies pending migrations; on PGlite only while no sidecar holds the data folder. */
export async function migrateDatabase(config: Config): Promise<MigrationRun> {
  const embedded = !config.databaseUrl;
  if (embedded) mkdirSync(config.dataDir, { recursive: true });
  const lock = embedded ? lockDataDir(config.dataDir, 'migrate') : undefined;
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: join(config.dataDir, 'pglite'),
      poolSize: 1,
    });
    try {
      return { applied: await migrate(database.db), database: `${database.kind} (${database.location})` };
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}

/** Errors whose message tells the operator what to do; anything else also gets its stack. */
const OPERATOR_ERRORS = new Set(['CONFIG_INVALID', 'DATA_DIR_LOCKED']);

async function main(): Promise<number> {
  try {
    const run = await migrateDatabase(loadConfig());
    if (run.applied.length === 0) console.log(`Database is up to date: ${run.database}.`);
    else console.log(`Applied ${run.applied.length} migrations to ${run.database}: ${run.applied.join(', ')}.`);
    return 0;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && OPERATOR_ERRORS.has(code)) console.error(`migrate: ${(error as Error).message}`);
    else console.error('migrate failed:', error);
    return 1;
  }
}

function runAsScript(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === import.meta.filename;
  } catch {
    return false;
  }
}

if (runAsScript()) process.exitCode = await main();
