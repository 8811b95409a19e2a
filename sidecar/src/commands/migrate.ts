import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Config, loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { lockDataDir } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { runCommand } from './run-command.ts';

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

await runCommand('migrate', import.meta.filename, async () => {
  const run = await migrateDatabase(loadConfig());
  if (run.applied.length === 0) console.log(`Database is up to date: ${run.database}.`);
  else console.log(`Applied ${run.applied.length} migrations to ${run.database}: ${run.applied.join(', ')}.`);
});
