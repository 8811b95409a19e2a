/**
 * Where one NetSuite account answers (spec §1.1): the account id as NetSuite prints it (`1234567`, `1234567_SB1`,
 * `TSTDRV1234567`) gives the REST host (lower case, `_` → `-`) and the TBA realm (upper case, `_` kept).
 */
export interface NetSuiteAccount {
  /** As NetSuite prints it; also the key of the account-wide concurrency cap. */
  id: string;
  /** Scheme, host and port, no path: `https://1234567-sb1.suitetalk.api.netsuite.com`. */
  origin: string;
}

const ACCOUNT_ID = /^[A-Za-z0-9]+(?:_[A-Za-z0-9]+)*$/;

export function assertAccountId(accountId: string): void {
  if (!ACCOUNT_ID.test(accountId)) {
    throw new Error(`"${accountId}" is not a NetSuite account id (letters and digits, e.g. 1234567 or 1234567_SB1).`);
  }
}

export function hostSlug(accountId: string): string {
  assertAccountId(accountId);
  return accountId.toLowerCase().replaceAll('_', '-');
}

export function tbaRealm(accountId: string): string {
  assertAccountId(accountId);
  return accountId.toUpperCase();
}

export function suiteTalkOrigin(accountId: string): string {
  return `https://${hostSlug(accountId)}.suitetalk.api.netsuite.com`;
}

/**
 * The account, at its SuiteTalk origin or at an explicit one (a simulator, a proxy). An explicit origin keeps its
 * scheme, host and port only: every path the client calls starts at `/services/rest`.
 */
export function resolveAccount(accountId: string, explicitOrigin?: string): NetSuiteAccount {
  assertAccountId(accountId);
  if (!explicitOrigin) return { id: accountId, origin: suiteTalkOrigin(accountId) };
  const url = new URL(explicitOrigin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`NetSuite origin "${explicitOrigin}" must be an http(s) URL.`);
  }
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`NetSuite origin "${explicitOrigin}" must have no path: give scheme, host and port only.`);
  }
  return { id: accountId, origin: url.origin };
}
