/**
 * "Test connection" for a stored NetSuite account: its own credentials, through the client every flow uses (token,
 * account-wide cap, audit), then one cheap read. It answers within seconds: few retries, short timeouts, a deadline.
 */
import type { AuditLog } from '../audit/audit-log.ts';
import type { Db } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { NetSuiteClient, NetSuiteClients, NetSuiteConnection } from '../netsuite/client.ts';
import { NetSuiteError, type NetSuiteErrorCode } from '../netsuite/errors.ts';
import type { Redactor } from '../redact.ts';
import type { Vault } from '../vault/vault.ts';
import { ConfigError } from './config-error.ts';
import { getNetSuiteAccount, netsuiteConnectionOf } from './netsuite-accounts.ts';

export interface Subsidiary {
  id: string;
  name: string;
}

interface TestOutcomeCommon {
  checkedAt: string;
  latencyMs: number;
  /** Our id of the account (the path's `id`). */
  accountId: string;
  authType: 'm2m' | 'tba';
}

export type NetSuiteAccountTestResult =
  | (TestOutcomeCommon & { ok: true; detail: string; subsidiaries: Subsidiary[] })
  | (TestOutcomeCommon & { ok: false; error: { code: string; message: string; status: number | null } });

export interface NetSuiteAccountTestDeps {
  db: Db;
  vault: Vault;
  audit: AuditLog;
  netsuite: NetSuiteClients;
  redactor: Pick<Redactor, 'scrub'>;
  logger: Logger;
}

export interface NetSuiteAccountTestOptions {
  /** The whole test, token and governance look-up included, in ms (default 15 000). */
  deadlineMs?: number;
  /** One attempt, in ms (default 8 000). */
  attemptTimeoutMs?: number;
}

/** One retry, soon: a passing 429 or reset should not fail the test, but nobody waits half a minute on a button. */
const TEST_RETRY = { maxAttempts: 2, baseMs: 250, capMs: 1_000 };
/** Longest wait for a slot under the account-wide cap, which the flows may be using. */
const ACQUIRE_TIMEOUT_MS = 5_000;
/** The subsidiaries shown: OneWorld accounts rarely have more; the count says when there are. */
const MAX_SUBSIDIARIES = 1000;

const SUBSIDIARIES_QUERY = 'SELECT id, name FROM subsidiary ORDER BY id';

class DeadlinePassed extends Error {
  readonly deadlineMs: number;

  constructor(deadlineMs: number) {
    super(`NetSuite did not answer within ${Math.round(deadlineMs / 1000)} s.`);
    this.name = 'DeadlinePassed';
    this.deadlineMs = deadlineMs;
  }
}

/** Undefined when no account has the id. Never throws for what NetSuite answered: that is `ok: false`. */
export async function testNetSuiteAccount(
  deps: NetSuiteAccountTestDeps,
  id: string,
  options: NetSuiteAccountTestOptions = {},
): Promise<NetSuiteAccountTestResult | undefined> {
  const account = await getNetSuiteAccount(deps.db, id);
  if (!account) return undefined;
  const started = performance.now();
  const common = () => ({
    checkedAt: new Date().toISOString(),
    latencyMs: Math.round(performance.now() - started),
    accountId: account.id,
    authType: account.authType,
  });
  let result: NetSuiteAccountTestResult;
  try {
    const connection = await netsuiteConnectionOf(deps.db, deps.vault, id);
    const subsidiaries = await withDeadline(options.deadlineMs ?? 15_000, (signal) =>
      readSubsidiaries(deps.netsuite.connect(forTest(connection, options)), signal),
    );
    result = {
      ok: true,
      ...common(),
      detail: detailOf(account.authType, subsidiaries),
      subsidiaries: subsidiaries ?? [],
    };
  } catch (error) {
    const failure = failureOf(error);
    if (failure.code === 'NETSUITE_TEST_FAILED') deps.logger.warn({ err: error }, 'NetSuite account test failed');
    result = { ok: false, ...common(), error: { ...failure, message: deps.redactor.scrub(failure.message) } };
  }
  await deps.audit.record(deps.db, auditEventOf(account.accountId, result));
  return result;
}

function forTest(connection: NetSuiteConnection, options: NetSuiteAccountTestOptions): NetSuiteConnection {
  // `concurrency` is left as the flows have it, so the test draws on the very same account-wide cap.
  return {
    ...connection,
    retry: TEST_RETRY,
    timeoutMs: options.attemptTimeoutMs ?? 8_000,
    acquireTimeoutMs: ACQUIRE_TIMEOUT_MS,
  };
}

/**
 * The account's subsidiaries, or undefined when it has none to list: a non-OneWorld account has no subsidiary table
 * and NetSuite refuses the query as an unknown identifier (spec §4.2, §7).
 */
async function readSubsidiaries(client: NetSuiteClient, signal: AbortSignal): Promise<Subsidiary[] | undefined> {
  const subsidiaries: Subsidiary[] = [];
  try {
    for await (const row of client.suiteql(SUBSIDIARIES_QUERY, [], { signal })) {
      subsidiaries.push({ id: row.id ?? '', name: row.name ?? '' });
      if (subsidiaries.length >= MAX_SUBSIDIARIES) break;
    }
  } catch (error) {
    if (error instanceof NetSuiteError && error.status === 400 && /unknown identifier/i.test(error.detail)) {
      return undefined;
    }
    throw error;
  }
  return subsidiaries;
}

/**
 * Runs `work` with a signal that aborts at the deadline, and answers by then whatever `work` does: an M2M token
 * request is shared with every caller and takes no caller's signal, so it may finish (or not) after we have answered.
 */
async function withDeadline<T>(deadlineMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const reason = new DeadlinePassed(deadlineMs);
      controller.abort(reason);
      reject(reason);
    }, deadlineMs);
  });
  const running = work(controller.signal);
  running.catch(() => {}); // Past the deadline nobody listens; its outcome is in the audit trail.
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function detailOf(authType: 'm2m' | 'tba', subsidiaries: Subsidiary[] | undefined): string {
  const auth = authType === 'm2m' ? 'Token issued' : 'Signed request accepted';
  if (subsidiaries === undefined) return `${auth}; SuiteQL readable (not a OneWorld account: no subsidiaries)`;
  const count = subsidiaries.length;
  return `${auth}; ${count} ${count === 1 ? 'subsidiary' : 'subsidiaries'} readable`;
}

interface Failure {
  code: string;
  message: string;
  status: number | null;
}

const CODE_OF: Record<NetSuiteErrorCode, string> = {
  NETSUITE_AUTH: 'NETSUITE_AUTH_FAILED',
  NETSUITE_FORBIDDEN: 'NETSUITE_PERMISSION_DENIED',
  NETSUITE_CONNECTION: 'NETSUITE_UNREACHABLE',
  NETSUITE_TIMEOUT: 'NETSUITE_UNREACHABLE',
  NETSUITE_RATE_LIMITED: 'NETSUITE_BUSY',
  NETSUITE_BUSY: 'NETSUITE_BUSY',
  NETSUITE_UNAVAILABLE: 'NETSUITE_UNAVAILABLE',
  NETSUITE_NOT_FOUND: 'NETSUITE_NOT_FOUND',
  NETSUITE_REJECTED: 'NETSUITE_REJECTED',
  NETSUITE_BAD_RESPONSE: 'NETSUITE_BAD_RESPONSE',
};

/** What the merchant should do, by our code; NetSuite's own words follow it. */
const ADVICE: Record<string, string> = {
  NETSUITE_AUTH_FAILED:
    "NetSuite refused the credentials. Check the integration's client id, the certificate id and its private key " +
    '(OAuth 2.0), or the consumer key and secret and the token id and secret (TBA), and that the integration and ' +
    'the role are enabled in NetSuite.',
  NETSUITE_PERMISSION_DENIED:
    "Signed in, but the integration's role lacks a permission: give it REST Web Services, SuiteAnalytics Workbook " +
    '(for SuiteQL) and Lists > Subsidiaries (view).',
  NETSUITE_UNREACHABLE:
    "NetSuite could not be reached. Check the account id and base URL, and that this server's network can reach it.",
  NETSUITE_BUSY:
    'NetSuite is at its concurrency limit for this account (other integrations or our own syncs); try again shortly.',
  NETSUITE_UNAVAILABLE: 'NetSuite answered with a server error; try again shortly.',
  NETSUITE_NOT_FOUND: 'NetSuite does not know this address. Check the account id and the base URL.',
  NETSUITE_REJECTED: 'NetSuite refused the test query.',
  NETSUITE_BAD_RESPONSE: 'The base URL answered, but not as NetSuite does. Check the base URL.',
};

function failureOf(error: unknown): Failure {
  if (error instanceof DeadlinePassed || (error instanceof Error && error.name === 'AbortError')) {
    return { code: 'NETSUITE_UNREACHABLE', message: `${ADVICE.NETSUITE_UNREACHABLE} ${error.message}`, status: null };
  }
  if (error instanceof NetSuiteError) {
    const code = CODE_OF[error.code];
    // Without an HTTP answer the detail is the network's (ECONNREFUSED), not NetSuite's words.
    const said =
      error.code === 'NETSUITE_TIMEOUT'
        ? ' The request timed out.'
        : error.detail && error.status === undefined
          ? ` (${error.detail})`
          : error.detail
            ? ` NetSuite said: ${error.detail}`
            : '';
    return { code, message: `${ADVICE[code] ?? error.message}${said}`, status: error.status ?? null };
  }
  if (error instanceof ConfigError) {
    return { code: 'NETSUITE_CREDENTIALS_INVALID', message: error.message, status: null };
  }
  if (error instanceof Error && /The vault has no secret/.test(error.message)) {
    return {
      code: 'NETSUITE_CREDENTIALS_MISSING',
      message: "The account's stored credentials are incomplete: add the account again with its credentials.",
      status: null,
    };
  }
  return {
    code: 'NETSUITE_TEST_FAILED',
    message: 'The test could not be run; the request id is in the logs.',
    status: null,
  };
}

function auditEventOf(netsuiteAccountId: string, result: NetSuiteAccountTestResult): Parameters<AuditLog['record']>[1] {
  const outcome = result.ok ? `passed: ${result.detail}` : `failed: ${result.error.code}`;
  return {
    type: 'netsuite_account.tested',
    message: `Connection test of NetSuite account ${netsuiteAccountId} ${outcome} (${result.latencyMs} ms).`,
    data: {
      accountId: result.accountId,
      netsuiteAccountId,
      authType: result.authType,
      ok: result.ok,
      latencyMs: result.latencyMs,
      ...(result.ok
        ? { subsidiaries: result.subsidiaries.length }
        : { error: { code: result.error.code, status: result.error.status } }),
    },
  };
}
