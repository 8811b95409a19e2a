import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { DestinationStream } from 'pino';
import { loadOrCreateAdminToken } from './admin-token.ts';
import { NetSuiteCredentialsWatch } from './alerts/netsuite-credentials-alert.ts';
import { AuditLog } from './audit/audit-log.ts';
import { OutboundCalls } from './audit/outbound-call.ts';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { type DataDirLock, lockDataDir } from './db/data-dir-lock.ts';
import { migrate } from './db/migrate.ts';
import { createApp } from './http/app.ts';
import { KEEP_ALIVE_SERVER_OPTIONS } from './http/keep-alive.ts';
import type { JobHandlers } from './jobs/handler.ts';
import { Worker } from './jobs/worker.ts';
import { createLogger, type Logger } from './logger.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { NetSuiteClients } from './netsuite/client.ts';
import { WooCommerceStores } from './platforms/woocommerce/rest-client.ts';
import { Redactor } from './redact.ts';
import { ScheduleRunner } from './schedules/runner.ts';
import type { Schedule, ScheduleServices } from './schedules/schedule.ts';
import { agreeOnMasterKey, type CandidateKeys } from './vault/key-agreement.ts';
import { encodeMasterKey, loadOrCreateKeyFile, masterKeyFromBase64 } from './vault/master-key.ts';
import { Vault } from './vault/vault.ts';
import { ReceiverCache } from './webhooks/receiver-cache.ts';

/** What a flow's job handler may use; handlers are built once the sidecar has them. */
export interface JobServices {
  db: Database['db'];
  vault: Vault;
  outbound: OutboundCalls;
  audit: AuditLog;
  logger: Logger;
  /** This process's NetSuite clients (one account-wide cap, one token cache): `netsuite.connect({ accountId, auth })`. */
  netsuite: NetSuiteClients;
  /** WooCommerce REST clients: `woocommerce.connect(await wooCommerceStoreOf(db, vault, connection))`. */
  woocommerce: WooCommerceStores;
}

export interface SidecarOptions {
  /** Builds the job handlers by kind; the flows register theirs here. */
  handlers?: (services: JobServices) => JobHandlers;
  /** Builds the schedules this process runs (each once per period across all processes); production: `schedules/production.ts`. */
  schedules?: (services: ScheduleServices) => readonly Schedule[];
  /** Where log lines go (default stdout). */
  logDestination?: DestinationStream;
}

export interface Sidecar {
  url: string;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  vault: Vault;
  audit: AuditLog;
  outbound: OutboundCalls;
  redactor: Redactor;
  worker: Worker;
  schedules: ScheduleRunner;
  /** Stops taking requests and jobs, lets running jobs finish (or releases them), closes the database. */
  stop(): Promise<void>;
}

interface ResolvedKeys extends CandidateKeys {
  adminToken: string;
  /** What the operator must know about generated files: warnings. */
  warnings: string[];
  adminTokenFile?: string;
}

function resolveKeys(config: Config): ResolvedKeys {
  const warnings: string[] = [];
  let keys: CandidateKeys;
  if (config.masterKey) {
    keys = { current: masterKeyFromBase64(config.masterKey, 'MLC_MASTER_KEY') };
  } else {
    const file = loadOrCreateKeyFile(config.dataDir);
    keys = file.next ? { current: file.current, next: file.next } : { current: file.current };
    if (file.created) {
      warnings.push(
        `MLC_MASTER_KEY is not set: generated a master key into ${join(config.dataDir, 'master.key')} (0600). ` +
          'Back it up: without it the stored secrets cannot be read.',
      );
    }
  }
  if (config.adminToken) return { ...keys, adminToken: config.adminToken, warnings };
  const token = loadOrCreateAdminToken(config.dataDir);
  return { ...keys, adminToken: token.token, warnings, adminTokenFile: token.path };
}

export async function startSidecar(config: Config, options: SidecarOptions = {}): Promise<Sidecar> {
  const redactor = new Redactor();
  const logger = createLogger({
    level: config.logLevel,
    redactor,
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });
  const embedded = !config.databaseUrl;
  let lock: DataDirLock | undefined;
  let database: Database | undefined;
  try {
    if (embedded || !config.adminToken || !config.masterKey) mkdirSync(config.dataDir, { recursive: true });
    if (embedded) lock = lockDataDir(config.dataDir, 'sidecar');
    const keys = resolveKeys(config);
    redactor.addSecret(keys.adminToken);
    redactor.addSecret(encodeMasterKey(keys.current));
    if (keys.next) redactor.addSecret(encodeMasterKey(keys.next));
    for (const warning of keys.warnings) logger.warn(warning);

    database = await openDatabase({
      databaseUrl: config.databaseUrl,
      pgliteDir: join(config.dataDir, 'pglite'),
      poolSize: config.dbPoolSize,
    });
    const applied = await migrate(database.db);
    if (applied.length > 0) logger.info({ migrations: applied }, 'Applied database migrations');
    const masterKey = await agreeOnMasterKey(database.db, config.dataDir, keys);

    const { db } = database;
    const audit = new AuditLog(redactor);
    const vault = new Vault(db, masterKey, redactor);
    const metrics = createMetrics(db);
    const outbound = new OutboundCalls(db, audit, metrics);
    const netsuite = new NetSuiteClients({
      database,
      outbound,
      secrets: redactor,
      authWatch: new NetSuiteCredentialsWatch(db, logger),
    });
    const woocommerce = new WooCommerceStores(outbound, { secrets: redactor });
    const services: JobServices = { db, vault, outbound, audit, logger, netsuite, woocommerce };
    const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
    const worker = new Worker({
      db,
      audit,
      handlers: options.handlers?.(services) ?? new Map(),
      logger,
      metrics,
      redactor,
      workerId,
      concurrency: config.worker.concurrency,
      pollMs: config.worker.pollMs,
      leaseMs: config.worker.leaseMs,
      backoff: config.worker.backoff,
    });
    const scheduleServices: ScheduleServices = {
      ...services,
      jobMaxAttempts: config.worker.maxAttempts,
      onJobsQueued: () => worker.nudge(),
    };
    const schedules = new ScheduleRunner({
      db,
      services: scheduleServices,
      schedules: options.schedules?.(scheduleServices) ?? [],
      cadences: config.scheduleCadences,
      logger,
      redactor,
      runnerId: workerId,
      leaseMs: config.worker.leaseMs,
      pollMs: config.worker.pollMs,
    });
    await schedules.register();
    // Known once the server listens (PORT=0 binds any free port); the app reads it per request.
    let publicUrl = config.publicUrl ?? '';
    const app = createApp({
      db,
      audit,
      vault,
      redactor,
      metrics,
      logger,
      netsuite,
      woocommerce,
      adminToken: keys.adminToken,
      get publicUrl() {
        return publicUrl;
      },
      bodyLimitBytes: config.bodyLimitBytes,
      jobMaxAttempts: config.worker.maxAttempts,
      receivers: new ReceiverCache(db, vault),
      schedules,
      onJobsQueued: () => worker.nudge(),
    });
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve(
        { fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: KEEP_ALIVE_SERVER_OPTIONS },
        () => resolve(started),
      );
      started.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    publicUrl = config.publicUrl ?? `http://127.0.0.1:${port}`;
    worker.start();
    // A process with no workers serves HTTP only: no background work of any kind (a run asked for by API still runs).
    if (config.worker.concurrency > 0) schedules.start();
    logger.info(
      {
        url,
        database: `${database.kind} (${database.location})`,
        webhooks: `${publicUrl}/webhooks/{woocommerce|shopify|adobe-commerce}/{connectionId}`,
        adminApi: `${publicUrl}/api/v1`,
        adminToken: keys.adminTokenFile ?? 'MLC_ADMIN_TOKEN',
        masterKeyId: masterKey.id,
      },
      `ml-connector sidecar listening on ${url}; webhooks at ${publicUrl}/webhooks/…, admin API at ${publicUrl}/api/v1 ` +
        `(admin token: ${keys.adminTokenFile ?? 'the MLC_ADMIN_TOKEN variable'})`,
    );

    const openDatabaseHandle = database;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        logger.info('Shutting down: no new requests or jobs; running jobs get their grace period');
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await Promise.all([worker.stop(config.shutdownGraceMs), schedules.stop(config.shutdownGraceMs)]);
        if ('closeIdleConnections' in server) server.closeIdleConnections();
        await closed;
        await openDatabaseHandle.close();
        lock?.release();
        logger.info('Stopped');
        logger.flush();
      })();
      return stopping;
    };
    return { url, database, logger, metrics, vault, audit, outbound, redactor, worker, schedules, stop };
  } catch (error) {
    await database?.close().catch(() => {});
    lock?.release();
    throw error;
  }
}
