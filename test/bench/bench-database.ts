import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { type Database, openDatabase } from '../../sidecar/src/db/client.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';
import type { BenchmarkReport } from './run.ts';

/** The PostgreSQL server benchmarks create their throw-away databases on. */
export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || 'postgres://127.0.0.1:5432/test';
}

/** A maintenance connection to the benchmark server. */
export function benchAdmin(serverUrl: string): postgres.Sql {
  return postgres(serverUrl, { max: 1, connect_timeout: 5, onnotice: () => {} });
}

export function measuredSeconds(defaultSeconds: number): number {
  const raw = process.env.BENCH_SECONDS;
  if (!raw) return defaultSeconds;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`BENCH_SECONDS must be a positive number, not ${raw}.`);
  }
  return seconds;
}

export async function whyUnreachable(admin: postgres.Sql): Promise<string | undefined> {
  try {
    await admin`select 1`;
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export async function serverVersion(admin: postgres.Sql): Promise<string> {
  const [row] = await admin`show server_version`;
  return String(row?.server_version ?? 'unknown').split(' ')[0] ?? 'unknown';
}

export function withoutCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** A fresh, migrated database for this run alone, dropped afterwards whether the run succeeded or not. */
export async function withThrowawayDatabase<T>(
  admin: postgres.Sql,
  serverUrl: string,
  options: { name: string; poolSize: number },
  body: (database: Database, databaseUrl: string) => Promise<T>,
): Promise<T> {
  const name = `mlc_bench_${randomBytes(6).toString('hex')}`;
  const drop = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  };
  await admin.unsafe(`create database ${name}`);
  const releaseGuard = dropOnAbort(options.name, name, drop);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: url.toString(), poolSize: options.poolSize });
    try {
      await migrate(database.db);
      return await body(database, url.toString());
    } finally {
      await database.close();
    }
  } finally {
    releaseGuard();
    await drop();
  }
}

/**
 * The finally above never runs after Ctrl-C, nor when the driver throws outside any promise (postgres-js does when
 * the server ends its connections mid-write), and a benchmark must not leave its database behind on a shared server.
 */
function dropOnAbort(benchmark: string, name: string, drop: () => Promise<void>): () => void {
  let aborting = false;
  const abort = (reason: unknown) => {
    // Further errors from the dying pool are expected once one has surfaced; the first says why.
    if (aborting) return;
    aborting = true;
    console.error(`ERROR ${benchmark}: aborted, dropping ${name}:`, reason);
    setTimeout(() => process.exit(1), 10_000).unref();
    drop()
      .catch((error: unknown) => console.error(`ERROR ${benchmark}: could not drop ${name}:`, error))
      .finally(() => process.exit(1));
  };
  process.on('SIGINT', abort);
  process.on('SIGTERM', abort);
  process.on('uncaughtException', abort);
  return () => {
    process.off('SIGINT', abort);
    process.off('SIGTERM', abort);
    process.off('uncaughtException', abort);
  };
}

/** What a benchmark on PostgreSQL gets: its own migrated database, that database's URL, and the server's version. */
export interface BenchDatabase {
  database: Database;
  url: string;
  version: string;
}

/**
 * Runs `body` on a throw-away database of the benchmark server, or reports the benchmark skipped when no PostgreSQL
 * answers there.
 */
export async function onBenchDatabase(
  options: { name: string; poolSize: number },
  body: (bench: BenchDatabase) => Promise<BenchmarkReport>,
): Promise<BenchmarkReport> {
  const serverUrl = benchServerUrl();
  const admin = benchAdmin(serverUrl);
  try {
    const unreachable = await whyUnreachable(admin);
    if (unreachable) {
      return {
        status: 'skipped',
        reason: `no PostgreSQL answers at ${withoutCredentials(serverUrl)} (${unreachable})`,
      };
    }
    const version = await serverVersion(admin);
    return await withThrowawayDatabase(admin, serverUrl, options, (database, url) => body({ database, url, version }));
  } finally {
    await admin.end();
  }
}
