import { sql } from 'drizzle-orm';
import { type Queryable, rowsOf } from '../db/client.ts';
import { TOKEN_PATH } from '../netsuite/auth/m2m-token.ts';

export type NetSuiteHealthState = 'ok' | 'degraded' | 'failing' | 'idle';

export interface NetSuiteAccountHealth {
  /** Our id of the account. */
  accountId: string;
  /** As NetSuite prints it: `TSTDRV1234567`. */
  netsuiteAccountId: string;
  authType: 'm2m' | 'tba';
  /** HTTP attempts to NetSuite in the window (retries and token requests included). */
  calls: number;
  /** Attempts that got no answer, an auth refusal, a 429 or a 5xx. */
  failed: number;
  throttled: number;
  serverErrors: number;
  authFailures: number;
  /** The last 2xx answer in the window. */
  lastSuccessAt: string | null;
  lastFailure: { at: string; status: number | null; message: string } | null;
  /** The last connection test, within `LAST_TEST_DAYS`. */
  lastTest: { at: string; ok: boolean; code?: string } | null;
  state: NetSuiteHealthState;
}

/** The last calls that, all failed, make an account `failing` (fewer when the window holds fewer). */
export const FAILING_AFTER_CALLS = 3;
/**
 * How far back the last connection test is looked for (default 30 days): the audit trail is indexed by time only,
 * so an account never tested would otherwise have the whole trail read for it.
 */
export const LAST_TEST_DAYS = 30;
/** NetSuite's words kept for the last failure, in characters. */
const MESSAGE_LIMIT = 500;

interface Row {
  id: string;
  netsuite_account_id: string;
  auth_type: 'm2m' | 'tba';
  calls: string | number | null;
  failed: string | number | null;
  throttled: string | number | null;
  server_errors: string | number | null;
  auth_failures: string | number | null;
  last_success_ms: string | number | null;
  last_failure: { ms: number; status: number | null; method: string; url: string; detail: string | null } | null;
  last_call_auth_failure: boolean | null;
  recent_all_failed: boolean | null;
  test_ms: string | number | null;
  test_ok: string | null;
  test_code: string | null;
}

/**
 * Every NetSuite account with what its calls of the last `hours` went through, read from the `outbound.call` events
 * (each names its account in `data.netsuiteAccountId`) and its last `netsuite_account.tested` event. A failure is a
 * call NetSuite did not answer (network error, timeout), refused as unauthenticated or forbidden (401, 403, or the
 * token endpoint refusing the credentials with any 4xx), throttled (429) or failed on (5xx). Any other 4xx is NetSuite
 * answering about the record (not found, a validation error): that is the job's concern, not the account's health.
 *
 * `state`: `idle` without a call in the window; `failing` when the last call was an auth failure or the last
 * `FAILING_AFTER_CALLS` calls all failed; `degraded` when a failure was seen in the window but the account is not
 * failing; `ok` otherwise.
 */
export async function netsuiteHealth(db: Queryable, hours: number): Promise<NetSuiteAccountHealth[]> {
  const rows = rowsOf<Row>(
    await db.execute(sql`
      with calls as (
        select upper(a.data->>'netsuiteAccountId') as account, a.at,
               (a.data->'response'->>'status')::int as status,
               a.data->'request'->>'method' as method,
               a.data->'request'->>'url' as url,
               coalesce(
                 a.data->'response'->'body'->'o:errorDetails'->0->>'detail',
                 a.data->'response'->'body'->>'error_description',
                 a.data->'response'->'body'->>'title',
                 a.data->'response'->'body'->>'error',
                 a.data->>'error'
               ) as detail
          from audit_events a
         where a.type = 'outbound.call'
           and a.at >= now() - make_interval(hours => ${hours}::int)
           and a.data->>'target' = 'netsuite'
           and a.data->>'netsuiteAccountId' is not null
      ),
      classified as (
        select c.*,
               coalesce(c.status in (401, 403)
                 or (c.status between 400 and 499 and c.status <> 429 and c.url like ${`%${TOKEN_PATH}`}), false)
                 as auth_failure
          from calls c
      ),
      judged as (
        select c.*,
               (c.status is null or c.auth_failure or c.status = 429 or c.status >= 500) as failed,
               row_number() over (partition by c.account order by c.at desc) as recency
          from classified c
      ),
      per_account as (
        select j.account,
               count(*) as calls,
               count(*) filter (where j.failed) as failed,
               count(*) filter (where j.status = 429) as throttled,
               count(*) filter (where j.status >= 500) as server_errors,
               count(*) filter (where j.auth_failure) as auth_failures,
               max(extract(epoch from j.at) * 1000) filter (where j.status between 200 and 299) as last_success_ms,
               (array_agg(json_build_object(
                  'ms', extract(epoch from j.at) * 1000, 'status', j.status, 'method', j.method, 'url', j.url,
                  'detail', j.detail
                ) order by j.at desc) filter (where j.failed))[1] as last_failure,
               bool_or(j.auth_failure) filter (where j.recency = 1) as last_call_auth_failure,
               bool_and(j.failed) filter (where j.recency <= ${FAILING_AFTER_CALLS}) as recent_all_failed
          from judged j
         group by j.account
      )
      select n.id, n.account_id as netsuite_account_id, n.auth_type,
             p.calls, p.failed, p.throttled, p.server_errors, p.auth_failures, p.last_success_ms, p.last_failure,
             p.last_call_auth_failure, p.recent_all_failed,
             t.ms as test_ms, t.ok as test_ok, t.code as test_code
        from netsuite_accounts n
        left join per_account p on p.account = upper(n.account_id)
        left join lateral (
          select extract(epoch from e.at) * 1000 as ms, e.data->>'ok' as ok, e.data->'error'->>'code' as code
            from audit_events e
           where e.type = 'netsuite_account.tested'
             and e.at >= now() - make_interval(days => ${LAST_TEST_DAYS}::int)
             and e.data->>'accountId' = n.id::text
           order by e.at desc
           limit 1
        ) t on true
       order by n.account_id`),
  );
  return rows.map(healthOf);
}

function healthOf(row: Row): NetSuiteAccountHealth {
  const calls = Number(row.calls ?? 0);
  const failed = Number(row.failed ?? 0);
  const failure = typeof row.last_failure === 'string' ? JSON.parse(row.last_failure) : row.last_failure;
  return {
    accountId: row.id,
    netsuiteAccountId: row.netsuite_account_id,
    authType: row.auth_type,
    calls,
    failed,
    throttled: Number(row.throttled ?? 0),
    serverErrors: Number(row.server_errors ?? 0),
    authFailures: Number(row.auth_failures ?? 0),
    lastSuccessAt: row.last_success_ms === null ? null : isoOf(row.last_success_ms),
    lastFailure: failure
      ? { at: isoOf(failure.ms), status: failure.status ?? null, message: messageOf(failure) }
      : null,
    lastTest:
      row.test_ms === null
        ? null
        : {
            at: isoOf(row.test_ms),
            ok: row.test_ok === 'true',
            ...(row.test_code ? { code: row.test_code } : {}),
          },
    state:
      calls === 0
        ? 'idle'
        : row.last_call_auth_failure || row.recent_all_failed
          ? 'failing'
          : failed > 0
            ? 'degraded'
            : 'ok',
  };
}

const isoOf = (ms: string | number) => new Date(Math.floor(Number(ms))).toISOString();

/** `GET /services/rest/record/v1/customer/7: detail`: the path, not the host or query, and NetSuite's words. */
function messageOf(failure: { status: number | null; method: string; url: string; detail: string | null }): string {
  let path = failure.url;
  try {
    path = new URL(failure.url).pathname;
  } catch {
    // Kept as audited.
  }
  // Without an answer the detail is the network's (`fetch failed`), not NetSuite's words.
  const detail =
    failure.status === null
      ? `no answer from NetSuite${failure.detail ? ` (${failure.detail})` : ''}`
      : (failure.detail ?? `HTTP ${failure.status}`);
  const message = `${failure.method} ${path}: ${detail}`;
  return message.length > MESSAGE_LIMIT ? `${message.slice(0, MESSAGE_LIMIT)}…` : message;
}
