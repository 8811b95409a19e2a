import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseDuration } from './schedules/duration.ts';

/** The repository root: relative data folders resolve from here, whatever folder npm was started in. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

const integer = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

const environmentSchema = z.object({
  /** HTTP port (default 8787). */
  PORT: integer(8787, 0).pipe(z.number().max(65535)),
  /** Bind address (default 127.0.0.1; 0.0.0.0 in a container). */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** PostgreSQL connection string; unset or empty → embedded PGlite in the data folder. */
  DATABASE_URL: z.string().optional(),
  /** PGlite data and generated files (default ./.data, from the repository root). */
  MLC_DATA_DIR: z.string().min(1).default('.data'),
  /** Bearer token of the admin API; unset → generated once into the data folder. Required with DATABASE_URL. */
  MLC_ADMIN_TOKEN: z.string().optional(),
  /** base64 of 32 bytes; unset → key file generated in the data folder. Required with DATABASE_URL. */
  MLC_MASTER_KEY: z.string().optional(),
  /** The URL storefronts reach the sidecar at (default http://127.0.0.1:$PORT). */
  MLC_PUBLIC_URL: z.url().optional(),
  /** pino level (default info). */
  MLC_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest request body accepted, in bytes (default 2 MiB: a large WooCommerce order is ~100 KiB). */
  MLC_BODY_LIMIT_BYTES: integer(2 * 1024 * 1024, 1024),
  /** PostgreSQL pool size per process (default 10). */
  MLC_DB_POOL_SIZE: integer(10, 1),
  /** Jobs one process runs at once (default 4). */
  MLC_WORKER_CONCURRENCY: integer(4, 0),
  /** How often an idle worker looks for due jobs, in ms (default 1000). */
  MLC_JOB_POLL_MS: integer(1000, 10),
  /** A running job's lease, in ms; renewed while it runs, taken over by another worker once expired (default 60000). */
  MLC_JOB_LEASE_MS: integer(60_000, 100),
  /** Starts of a job before it is dead (default 10). */
  MLC_JOB_MAX_ATTEMPTS: integer(10, 1),
  /** Backoff base, in ms: retry n waits a uniform random time in [0, min(cap, base·2^(n−1))] (default 10000). */
  MLC_JOB_BACKOFF_BASE_MS: integer(10_000, 1),
  /** Backoff cap, in ms (default 3600000, one hour). */
  MLC_JOB_BACKOFF_CAP_MS: integer(3_600_000, 1),
  /** On SIGTERM, how long running jobs may finish before they are released to another worker, in ms (default 20000). */
  MLC_SHUTDOWN_GRACE_MS: integer(20_000, 0),
  /** Days a delivery body is kept after it arrives; then, once its job is settled, it is cleared, the row kept (default 30). */
  MLC_DELIVERY_RETENTION_DAYS: integer(30, 1),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminToken: string | undefined;
  masterKey: string | undefined;
  /** Set by MLC_PUBLIC_URL; otherwise http://127.0.0.1:<the port actually bound>. */
  publicUrl: string | undefined;
  logLevel: Environment['MLC_LOG_LEVEL'];
  bodyLimitBytes: number;
  dbPoolSize: number;
  worker: {
    concurrency: number;
    pollMs: number;
    leaseMs: number;
    maxAttempts: number;
    backoff: { baseMs: number; capMs: number };
  };
  shutdownGraceMs: number;
  /** Days a settled delivery's body is kept (personal data: see `personal-data/retention.ts`). */
  deliveryRetentionDays: number;
  /** `MLC_SCHEDULE_<NAME>_EVERY`, in ms, by `<NAME>` (`WOOCOMMERCE_BACKFILL`): overrides a schedule's default cadence. */
  scheduleCadences: Record<string, number>;
}

const SCHEDULE_EVERY = /^MLC_SCHEDULE_([A-Z0-9_]+)_EVERY$/;

/** Schedule names are not known here; every `MLC_SCHEDULE_<NAME>_EVERY` is read, and the runner warns about strays. */
function scheduleCadencesOf(env: NodeJS.ProcessEnv): { cadences: Record<string, number>; problems: string[] } {
  const cadences: Record<string, number> = {};
  const problems: string[] = [];
  for (const [variable, value] of Object.entries(env)) {
    const name = SCHEDULE_EVERY.exec(variable)?.[1];
    if (!name || value === undefined || value.trim() === '') continue;
    const ms = parseDuration(value);
    if (ms === undefined || ms < 10) {
      problems.push(`${variable}: "${value}" is not a duration such as 30s, 15m, 1h or 1d (at least 10ms)`);
    } else {
      cadences[name] = ms;
    }
  }
  return { cadences, problems };
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(env);
  const schedules = scheduleCadencesOf(env);
  if (!parsed.success || schedules.problems.length > 0) {
    const lines = [
      ...(parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? []),
      ...schedules.problems,
    ];
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const databaseUrl = e.DATABASE_URL?.trim() || undefined;
  if (databaseUrl) {
    // Replicas on one PostgreSQL must share these; a generated one would differ per process.
    const missing = (['MLC_MASTER_KEY', 'MLC_ADMIN_TOKEN'] as const).filter((name) => !e[name]);
    if (missing.length > 0) {
      throw new ConfigError(
        `DATABASE_URL is set, so ${missing.join(' and ')} must be set too: every sidecar process on one ` +
          'database has to share them (MLC_MASTER_KEY: `openssl rand -base64 32`; MLC_ADMIN_TOKEN: `openssl rand -hex 32`).',
      );
    }
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl,
    dataDir: isAbsolute(e.MLC_DATA_DIR) ? e.MLC_DATA_DIR : resolve(repositoryRoot, e.MLC_DATA_DIR),
    adminToken: e.MLC_ADMIN_TOKEN || undefined,
    masterKey: e.MLC_MASTER_KEY || undefined,
    publicUrl: e.MLC_PUBLIC_URL?.replace(/\/+$/, ''),
    logLevel: e.MLC_LOG_LEVEL,
    bodyLimitBytes: e.MLC_BODY_LIMIT_BYTES,
    dbPoolSize: e.MLC_DB_POOL_SIZE,
    worker: {
      concurrency: e.MLC_WORKER_CONCURRENCY,
      pollMs: e.MLC_JOB_POLL_MS,
      leaseMs: e.MLC_JOB_LEASE_MS,
      maxAttempts: e.MLC_JOB_MAX_ATTEMPTS,
      backoff: { baseMs: e.MLC_JOB_BACKOFF_BASE_MS, capMs: e.MLC_JOB_BACKOFF_CAP_MS },
    },
    shutdownGraceMs: e.MLC_SHUTDOWN_GRACE_MS,
    deliveryRetentionDays: e.MLC_DELIVERY_RETENTION_DAYS,
    scheduleCadences: schedules.cadences,
  };
}
