import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { type Database, type DatabaseKind, openDatabase } from '../../sidecar/src/db/client.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';

export interface TestDatabase extends Database {
  /** PostgreSQL only: the URL of this test's own database (for child processes). */
  url?: string;
}

export const postgresServerUrl = (): string => inject('postgresUrl');

export function databaseKinds(): DatabaseKind[] {
  return postgresServerUrl() ? ['pglite', 'postgresql'] : ['pglite'];
}

/** A fresh PostgreSQL database on the test server, dropped on close. */
export async function createPostgresDatabase(options: { poolSize?: number; migrated?: boolean } = {}) {
  const serverUrl = postgresServerUrl();
  if (!serverUrl) throw new Error('No PostgreSQL server for this test run.');
  const name = `mlc_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({
    databaseUrl: url.toString(),
    ...(options.poolSize ? { poolSize: options.poolSize } : {}),
  });
  if (options.migrated !== false) await migrate(database.db);
  const close = async () => {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  return { ...database, url: url.toString(), close } satisfies TestDatabase;
}

/** A fresh, migrated database of the given kind: in-memory PGlite, or a new database on the PostgreSQL server. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'postgresql') return createPostgresDatabase();
  const database = await openDatabase({});
  await migrate(database.db);
  return database;
}

/** Runs the block once per database this run has, each with its own fresh database. */
export function describeOnEachDatabase(name: string, body: (database: () => TestDatabase) => void): void {
  describe.each(databaseKinds())(`${name} [%s]`, (kind) => {
    let database: TestDatabase | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(kind);
    });
    afterAll(async () => {
      await database?.close();
    });
    body(() => {
      if (!database) throw new Error('The test database is not open yet.');
      return database;
    });
  });
}
