import { call } from './call.ts';

/** Shapes and calls of the sidecar's `netsuite-accounts` routes, through the plugin's proxy. */

export type AuthType = 'm2m' | 'tba';

/** A NetSuite account as the sidecar lists it; its credentials are write-only and never come back. */
export interface NetSuiteAccount {
  id: string;
  accountId: string;
  baseUrl: string | null;
  authType: AuthType;
  clientId: string | null;
  certificateId: string | null;
  createdAt: string;
}

export interface M2mAuth {
  type: 'm2m';
  clientId: string;
  certificateId: string;
  /** Unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). */
  privateKeyPem: string;
}

export interface TbaAuth {
  type: 'tba';
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

/** The body of `POST netsuite-accounts` (the sidecar's NetSuiteAccountInput). */
export interface NetSuiteAccountInput {
  accountId: string;
  baseUrl?: string;
  auth: M2mAuth | TbaAuth;
}

/** The sidecar's limits on each field (its zod schema): every text is at least 1 character. */
export const LIMITS = { accountId: 64, baseUrl: 2048, text: 1024, privateKeyPem: 16 * 1024 } as const;

interface TestCommon {
  checkedAt: string;
  /** The whole test, token and look-ups included. */
  latencyMs: number;
  /** The sidecar's id of the account (the path's id), not NetSuite's. */
  accountId: string;
  authType: AuthType;
}

/** What `POST netsuite-accounts/{id}/test` answers (200 either way; 404 for an unknown account). */
export type ConnectionTest =
  | (TestCommon & { ok: true; detail: string; subsidiaries: { id: string; name: string }[] })
  | (TestCommon & { ok: false; error: { code: string; message: string; status: number | null } });

export const listNetSuiteAccounts = async () =>
  (await call<{ items: NetSuiteAccount[] }>('GET', 'netsuite-accounts')).items;

export const createNetSuiteAccount = (input: NetSuiteAccountInput) =>
  call<{ id: string; accountId: string }>('POST', 'netsuite-accounts', input);

export const deleteNetSuiteAccount = (id: string) =>
  call<null>('DELETE', `netsuite-accounts/${encodeURIComponent(id)}`);

export const testNetSuiteAccount = (id: string) =>
  call<ConnectionTest>('POST', `netsuite-accounts/${encodeURIComponent(id)}/test`);
