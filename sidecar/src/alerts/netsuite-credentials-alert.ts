import type { Queryable } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { NetSuiteError } from '../netsuite/errors.ts';
import type { AuthWatch } from '../netsuite/transport.ts';
import { raiseAlert, resolveAlerts } from './alerts.ts';

export const NETSUITE_CREDENTIALS_FAILING = 'netsuite_credentials_failing';
export const credentialsAlertKey = (accountId: string) => `${NETSUITE_CREDENTIALS_FAILING}:${accountId}`;

/** How often an accepted call looks for an alert another process raised, per account, in ms (default 60 s). */
const RECHECK_MS = 60_000;

/**
 * Raises `netsuite_credentials_failing` (per NetSuite account) when NetSuite refuses the credentials, and resolves it
 * at the next call NetSuite answers (a job, a poll, a connection test). Writes run one after another, in the order
 * the calls ended, off the caller's path; an accepted call writes only after a refusal seen here, or once a minute.
 */
export class NetSuiteCredentialsWatch implements AuthWatch {
  readonly #db: Queryable;
  readonly #logger: Logger;
  readonly #suspect = new Set<string>();
  readonly #lastCheck = new Map<string, number>();
  #writes: Promise<void> = Promise.resolve();

  constructor(db: Queryable, logger: Logger) {
    this.#db = db;
    this.#logger = logger;
  }

  refused(accountId: string, error: NetSuiteError): void {
    this.#suspect.add(accountId);
    this.#write(() =>
      raiseAlert(this.#db, {
        kind: NETSUITE_CREDENTIALS_FAILING,
        severity: 'error',
        dedupeKey: credentialsAlertKey(accountId),
        message:
          `NETSUITE_AUTH: NetSuite account ${accountId} refused the connector's credentials (${error.message}). ` +
          'Orders, refunds and fulfillments wait until they are corrected under Connection → NetSuite; test the ' +
          'connection there.',
      }),
    );
  }

  accepted(accountId: string): void {
    const now = Date.now();
    if (!this.#suspect.has(accountId) && now - (this.#lastCheck.get(accountId) ?? 0) < RECHECK_MS) return;
    this.#suspect.delete(accountId);
    this.#lastCheck.set(accountId, now);
    this.#write(() => resolveAlerts(this.#db, [credentialsAlertKey(accountId)]));
  }

  /** Settles once every write started so far is done. */
  idle(): Promise<void> {
    return this.#writes;
  }

  #write(work: () => Promise<unknown>): void {
    this.#writes = this.#writes
      .then(work)
      .then(() => undefined)
      .catch((error) => this.#logger.warn({ err: error }, 'Could not record the NetSuite credentials alert'));
  }
}
