import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PostgreSQL server the database tests create their databases on; empty when none is reachable. */
    postgresUrl: string;
  }
}

const DEFAULT_URL = 'postgres://127.0.0.1:5432/test';

async function reachable(url: string): Promise<string | undefined> {
  const client = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const [row] = await client`select version() as version`;
    return String(row?.version).split(' on ')[0];
  } catch {
    return undefined;
  } finally {
    await client.end({ timeout: 1 });
  }
}

/** Says which databases the suite runs on: PGlite always, PostgreSQL when one answers. */
export default async function setup(project: TestProject): Promise<void> {
  const url = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_URL;
  const shown = url.replace(/\/\/[^@/]*@/, '//***@');
  const version = await reachable(url);
  if (version) {
    console.log(`\n[databases] PGlite (embedded) and ${version} at ${shown}: every database test runs on both.\n`);
  } else if (process.env.CI) {
    throw new Error(`[databases] CI needs PostgreSQL at ${shown} and it does not answer.`);
  } else {
    console.log(`\n[databases] PGlite only: no PostgreSQL answers at ${shown}; PostgreSQL tests are skipped.\n`);
  }
  project.provide('postgresUrl', version ? url : '');
}
