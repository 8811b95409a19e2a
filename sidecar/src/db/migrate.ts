import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, rowsOf } from './client.ts';

const migrationsDir = new URL('./migrations/', import.meta.url);

const journalSchema = z.object({
  entries: z.array(z.object({ idx: z.number(), tag: z.string() })),
});

/** Any fixed number: every sidecar process takes this advisory lock to migrate, so replicas starting together queue. */
const MIGRATION_LOCK_ID = 7_263_400_001;

export async function migrationTags(): Promise<string[]> {
  const journal = journalSchema.parse(JSON.parse(await readFile(new URL('meta/_journal.json', migrationsDir), 'utf8')));
  return journal.entries.sort((a, b) => a.idx - b.idx).map((entry) => entry.tag);
}

/**
 * Applies drizzle-kit's migrations in journal order, each in its own transaction under an advisory lock, and
 * records them in `schema_migrations`. Safe to run from several processes at once. Returns the tags it applied.
 */
export async function migrate(db: Db): Promise<string[]> {
  const applied: string[] = [];
  await db.execute(sql`create table if not exists schema_migrations (
    tag text primary key, applied_at timestamptz not null default now())`);
  for (const tag of await migrationTags()) {
    const body = await readFile(new URL(`${tag}.sql`, migrationsDir), 'utf8');
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_ID})`);
      const done = rowsOf(await tx.execute(sql`select 1 from schema_migrations where tag = ${tag}`));
      if (done.length > 0) return;
      for (const statement of body.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into schema_migrations (tag) values (${tag})`);
      applied.push(tag);
    });
  }
  return applied;
}

/** Tags in the journal that the database has not applied yet (empty when ready). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const exists = rowsOf<{ present: boolean }>(
    await db.execute(sql`select to_regclass('schema_migrations') is not null as present`),
  );
  if (!exists[0]?.present) return migrationTags();
  const rows = rowsOf<{ tag: string }>(await db.execute(sql`select tag from schema_migrations`));
  const applied = new Set(rows.map((row) => row.tag));
  return (await migrationTags()).filter((tag) => !applied.has(tag));
}
