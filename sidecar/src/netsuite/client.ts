import type { OutboundCalls } from '../audit/outbound-call.ts';
import type { Database } from '../db/client.ts';
import { type NetSuiteAccount, resolveAccount, tbaRealm } from './account.ts';
import {
  type Authenticator,
  M2mAuthenticator,
  type M2mAuthenticatorOptions,
  type SecretSink,
  TbaAuthenticator,
} from './auth/authenticator.ts';
import { type M2mCredentials, M2mTokenCache, TOKEN_PATH, tokenRequestForm } from './auth/m2m-token.ts';
import type { TbaCredentials } from './auth/tba-signature.ts';
import { type CapSettings, ConcurrencyCap, type GovernanceLimits } from './concurrency/cap.ts';
import { createNetSuitePermits, type NetSuitePermits } from './concurrency/permits.ts';
import {
  type CallOptions,
  type GetOptions,
  type NetSuiteRecord,
  type RecordBody,
  RecordService,
  type WriteOptions,
  type WriteResult,
} from './records.ts';
import { type SuiteQlOptions, type SuiteQlParam, type SuiteQlRow, suiteQlRows } from './suiteql.ts';
import { type AuthWatch, jsonOf, NetSuiteTransport, type RetryPolicy } from './transport.ts';

export type NetSuiteAuth = ({ kind: 'm2m' } & M2mCredentials) | ({ kind: 'tba' } & TbaCredentials);

/** One NetSuite account as a connection configures it. */
export interface NetSuiteConnection {
  /** As NetSuite prints it: `1234567`, `1234567_SB1`, `TSTDRV1234567`. */
  accountId: string;
  /** Default: the account's SuiteTalk origin (spec §1.1). A simulator or proxy: scheme, host and port only. */
  origin?: string | undefined;
  auth: NetSuiteAuth;
  /** Default: the cap governance leaves us (see `capFromGovernance`), 2 when it cannot be read. */
  concurrency?: CapSettings | undefined;
  /** Default `DEFAULT_RETRY_POLICY`: base 1 s, cap 30 s, 6 attempts. */
  retry?: Partial<RetryPolicy> | undefined;
  /** One attempt, in ms (default 60 000). */
  timeoutMs?: number | undefined;
  /** Longest wait for a concurrency permit, in ms (default 120 000). */
  acquireTimeoutMs?: number | undefined;
}

export interface NetSuiteClientsOptions {
  /** Decides where the cap lives: PostgreSQL (shared by every process) or memory (PGlite, one process). */
  database: Pick<Database, 'kind' | 'db'>;
  outbound: Pick<OutboundCalls, 'send'>;
  /** The sidecar's redactor: client assertions and access tokens are registered with it before they travel. */
  secrets: SecretSink;
  /** Told when NetSuite refuses or accepts an account's credentials (the `netsuite_credentials_failing` alert). */
  authWatch?: AuthWatch | undefined;
  /** Injectable for tests. */
  permits?: NetSuitePermits;
  tokens?: M2mTokenCache;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

/**
 * What one sidecar process shares between its NetSuite clients: the concurrency permits, the access tokens and
 * the caps read from governance. Build it once per process; `connect` is cheap and may run per job.
 */
export class NetSuiteClients {
  readonly permits: NetSuitePermits;
  readonly tokens: M2mTokenCache;
  readonly #options: NetSuiteClientsOptions;
  readonly #caps = new Map<string, ConcurrencyCap>();

  constructor(options: NetSuiteClientsOptions) {
    this.#options = options;
    this.permits = options.permits ?? createNetSuitePermits(options.database);
    this.tokens = options.tokens ?? new M2mTokenCache(options.now ? { now: options.now } : {});
  }

  connect(connection: NetSuiteConnection): NetSuiteClient {
    const { outbound, secrets, sleep, random, now } = this.#options;
    const account = resolveAccount(connection.accountId, connection.origin);
    const cap = this.#capOf(account.id, connection.concurrency ?? {});
    // The token request and the governance look-up go through the very transport they serve; both run only once a
    // request is under way, when `transport` and `client` exist.
    const authenticator = authenticatorOf(connection.auth, account, {
      cache: this.tokens,
      secrets,
      now,
      requestToken: async (assertion) => {
        const response = await transport.request({
          method: 'POST',
          path: TOKEN_PATH,
          form: tokenRequestForm(assertion),
          authenticate: false,
          underKnownCap: true,
        });
        return { body: response.body, request: `POST ${TOKEN_PATH}` };
      },
    });
    const transport = new NetSuiteTransport({
      account,
      outbound,
      authWatch: this.#options.authWatch,
      permits: this.permits,
      cap: () => cap.current(() => client.governanceLimits()),
      knownCap: () => cap.known(),
      authenticator,
      retry: connection.retry,
      timeoutMs: connection.timeoutMs,
      acquireTimeoutMs: connection.acquireTimeoutMs,
      sleep,
      random,
      now,
    });
    const client = new NetSuiteClient(transport);
    return client;
  }

  #capOf(accountId: string, settings: CapSettings): ConcurrencyCap {
    const key = JSON.stringify([accountId, settings]);
    let cap = this.#caps.get(key);
    if (!cap) {
      cap = new ConcurrencyCap(settings, this.#options.now);
      this.#caps.set(key, cap);
    }
    return cap;
  }
}

interface AuthWiring {
  cache: M2mTokenCache;
  secrets: SecretSink;
  now: (() => number) | undefined;
  requestToken: M2mAuthenticatorOptions['requestToken'];
}

function authenticatorOf(auth: NetSuiteAuth, account: NetSuiteAccount, wiring: AuthWiring): Authenticator {
  if (auth.kind === 'tba') {
    const { kind: _kind, ...credentials } = auth;
    return new TbaAuthenticator({
      realm: tbaRealm(account.id),
      credentials,
      secrets: wiring.secrets,
      ...(wiring.now ? { now: wiring.now } : {}),
    });
  }
  const { kind: _kind, ...credentials } = auth;
  return new M2mAuthenticator({
    accountId: account.id,
    origin: account.origin,
    credentials,
    cache: wiring.cache,
    requestToken: wiring.requestToken,
  });
}

/**
 * NetSuite's REST record service and SuiteQL for one account. Every call is authenticated, capped account-wide,
 * retried with backoff, and audited; see `NetSuiteTransport` and `RecordService` for the rules.
 */
export class NetSuiteClient {
  readonly #transport: NetSuiteTransport;
  readonly #records: RecordService;

  constructor(transport: NetSuiteTransport) {
    this.#transport = transport;
    this.#records = new RecordService(transport);
  }

  get accountId(): string {
    return this.#transport.account.id;
  }

  /** `body.externalId` is required. A lost answer is recovered by looking the externalId up, never by re-posting. */
  create(type: string, body: RecordBody, options?: WriteOptions): Promise<WriteResult> {
    return this.#records.create(type, body, options);
  }

  get(type: string, id: string, options?: GetOptions): Promise<NetSuiteRecord> {
    return this.#records.get(type, id, options);
  }

  getByExternalId(type: string, externalId: string, options?: GetOptions): Promise<NetSuiteRecord | undefined> {
    return this.#records.getByExternalId(type, externalId, options);
  }

  patch(type: string, id: string, body: RecordBody, options?: WriteOptions): Promise<void> {
    return this.#records.patch(type, id, body, options);
  }

  upsert(type: string, externalId: string, body: RecordBody, options?: WriteOptions): Promise<{ id: string }> {
    return this.#records.upsert(type, externalId, body, options);
  }

  delete(type: string, id: string, options?: CallOptions): Promise<boolean> {
    return this.#records.delete(type, id, options);
  }

  /** `body.externalId` is required, as for `create`; the look-up is on `toType`. */
  transform(
    fromType: string,
    fromId: string,
    toType: string,
    body: RecordBody,
    options?: WriteOptions,
  ): Promise<WriteResult> {
    return this.#records.transform(fromType, fromId, toType, body, options);
  }

  suiteql(query: string, params?: readonly SuiteQlParam[], options?: SuiteQlOptions): AsyncGenerator<SuiteQlRow> {
    return suiteQlRows(this.#transport, query, params, options);
  }

  /** Runs under the last known cap (1 at first): it is how the cap itself is found. */
  async governanceLimits(options: CallOptions = {}): Promise<GovernanceLimits> {
    const path = '/services/rest/system/v1/governanceLimits';
    const response = await this.#transport.request({
      method: 'GET',
      path,
      underKnownCap: true,
      signal: options.signal,
    });
    return jsonOf<GovernanceLimits>(response, `GET ${path}`);
  }
}
