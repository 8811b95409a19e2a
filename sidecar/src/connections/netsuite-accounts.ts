import { createPrivateKey, type KeyObject } from 'node:crypto';
import { count, desc, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Db, Queryable } from '../db/client.ts';
import { isUniqueViolation, sqlState } from '../db/errors.ts';
import { connections, netsuiteAccounts } from '../db/schema.ts';
import type { M2mAlgorithm } from '../netsuite/auth/m2m-token.ts';
import type { NetSuiteConnection } from '../netsuite/client.ts';
import type { Vault } from '../vault/vault.ts';
import { ConfigError, isUuid } from './config-error.ts';

export type NetSuiteAccountRow = typeof netsuiteAccounts.$inferSelect;

export type NetSuiteAccountAuthInput =
  | { type: 'm2m'; clientId: string; certificateId: string; privateKeyPem: string }
  | { type: 'tba'; consumerKey: string; consumerSecret: string; tokenId: string; tokenSecret: string };

export interface NetSuiteAccountInput {
  accountId: string;
  baseUrl?: string | undefined;
  auth: NetSuiteAccountAuthInput;
}

/** Where an account's credentials live in the vault; the row keeps only what may be shown back. */
export const netsuiteAccountSecretName = {
  privateKey: (id: string) => `netsuite-account:${id}:private-key`,
  consumerKey: (id: string) => `netsuite-account:${id}:consumer-key`,
  consumerSecret: (id: string) => `netsuite-account:${id}:consumer-secret`,
  tokenId: (id: string) => `netsuite-account:${id}:token-id`,
  tokenSecret: (id: string) => `netsuite-account:${id}:token-secret`,
} as const;

/** Production `1234567`, sandbox `1234567_SB1`, release preview `1234567_RP`, test drive `TSTDRV1234567`. */
const ACCOUNT_ID = /^(?:[0-9]+(?:_(?:SB|RP)[0-9]*)?|TSTDRV[0-9]+)$/i;

/** NetSuite prints account ids in upper case; storing them so makes `tstdrv1` and `TSTDRV1` the same account. */
export function normaliseAccountId(accountId: string): string {
  if (!ACCOUNT_ID.test(accountId)) {
    throw new ConfigError(
      400,
      'INVALID_ACCOUNT_ID',
      `"${accountId}" is not a NetSuite account id: expected 1234567, 1234567_SB1, 1234567_RP or TSTDRV1234567.`,
    );
  }
  return accountId.toUpperCase();
}

/** The client calls `{origin}/services/rest/…` itself, so a path here would silently be dropped: refuse it instead. */
export function normaliseBaseUrl(baseUrl: string): string {
  const refuse = (why: string) =>
    new ConfigError(400, 'INVALID_BASE_URL', `baseUrl "${baseUrl}" ${why}: give scheme, host and port only.`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw refuse('is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refuse('is not http(s)');
  if (url.username || url.password) throw refuse('carries credentials');
  if (url.pathname !== '/' || url.search || url.hash) throw refuse('has a path, query or fragment');
  return url.origin;
}

const PKCS8_LABEL = 'PRIVATE KEY';

const CURVE_ALGORITHMS: Record<string, M2mAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };

/** What NetSuite accepts for an M2M certificate: RSA (signed PS256) or EC P-256/384/521. */
function algorithmOf(key: KeyObject): M2mAlgorithm | undefined {
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') return 'PS256';
  if (key.asymmetricKeyType === 'ec') return CURVE_ALGORITHMS[key.asymmetricKeyDetails?.namedCurve ?? ''];
  return undefined;
}

/** The token request imports the key with `importPKCS8`: a PKCS#1, SEC1 or encrypted PEM would fail only then. */
export function m2mAlgorithmOf(privateKeyPem: string): M2mAlgorithm {
  const refuse = (why: string) => new ConfigError(400, 'INVALID_PRIVATE_KEY', `privateKeyPem ${why}.`);
  const pem = privateKeyPem.trim();
  // PKCS#8 unencrypted is the label "PRIVATE KEY"; "RSA PRIVATE KEY" (PKCS#1), "EC PRIVATE KEY" (SEC1) and
  // "ENCRYPTED PRIVATE KEY" parse in Node but not in importPKCS8.
  const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(pem)?.[1];
  if (label !== PKCS8_LABEL) {
    throw refuse(`must be an unencrypted PKCS#8 PEM (label "${PKCS8_LABEL}", not "${label ?? 'none'}")`);
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw refuse('does not parse as a PKCS#8 PEM private key');
  }
  const algorithm = algorithmOf(key);
  if (!algorithm) throw refuse('must be an RSA or EC (P-256, P-384, P-521) key');
  return algorithm;
}

function secretsOf(id: string, auth: NetSuiteAccountAuthInput): [name: string, value: string][] {
  const name = netsuiteAccountSecretName;
  if (auth.type === 'm2m') return [[name.privateKey(id), auth.privateKeyPem.trim()]];
  return [
    [name.consumerKey(id), auth.consumerKey],
    [name.consumerSecret(id), auth.consumerSecret],
    [name.tokenId(id), auth.tokenId],
    [name.tokenSecret(id), auth.tokenSecret],
  ];
}

export async function createNetSuiteAccount(db: Db, vault: Vault, input: NetSuiteAccountInput) {
  const accountId = normaliseAccountId(input.accountId);
  const baseUrl = input.baseUrl === undefined ? null : normaliseBaseUrl(input.baseUrl);
  const { auth } = input;
  if (auth.type === 'm2m') m2mAlgorithmOf(auth.privateKeyPem);
  const id = uuidv7();
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(netsuiteAccounts)
        .values({
          id,
          accountId,
          baseUrl,
          authType: auth.type,
          clientId: auth.type === 'm2m' ? auth.clientId : null,
          certificateId: auth.type === 'm2m' ? auth.certificateId : null,
        })
        .returning();
      for (const [name, value] of secretsOf(id, auth)) await vault.put(name, value, tx);
      return row as NetSuiteAccountRow;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new ConfigError(409, 'NETSUITE_ACCOUNT_EXISTS', `NetSuite account ${accountId} is already configured.`);
    }
    throw error;
  }
}

export async function getNetSuiteAccount(db: Queryable, id: string): Promise<NetSuiteAccountRow | undefined> {
  if (!isUuid(id)) return undefined;
  const [row] = await db.select().from(netsuiteAccounts).where(eq(netsuiteAccounts.id, id));
  return row;
}

export async function listNetSuiteAccounts(db: Queryable): Promise<NetSuiteAccountRow[]> {
  return db.select().from(netsuiteAccounts).orderBy(desc(netsuiteAccounts.id));
}

const inUse = (id: string) =>
  new ConfigError(409, 'NETSUITE_ACCOUNT_IN_USE', `NetSuite account ${id} is used by a connection: delete it first.`);

/** Removes the account and its credentials; false when there was none. Refused while a connection uses it. */
export async function deleteNetSuiteAccount(db: Db, vault: Vault, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  try {
    return await db.transaction(async (tx) => {
      const [users] = await tx.select({ n: count() }).from(connections).where(eq(connections.netsuiteAccountId, id));
      if (users && users.n > 0) throw inUse(id);
      const deleted = await tx.delete(netsuiteAccounts).where(eq(netsuiteAccounts.id, id)).returning();
      for (const name of Object.values(netsuiteAccountSecretName)) await vault.delete(name(id), tx);
      return deleted.length > 0;
    });
  } catch (error) {
    // A connection created while this ran: the foreign key refuses what the count could not see.
    if (sqlState(error) === '23503') throw inUse(id);
    throw error;
  }
}

async function required(vault: Vault, name: string, db: Queryable): Promise<string> {
  const value = await vault.get(name, db);
  if (value === undefined) throw new Error(`The vault has no secret ${name}; store the account's credentials again.`);
  return value;
}

/** The account as the NetSuite client takes it, credentials decrypted. Keep it in memory only, never log it. */
export async function netsuiteConnectionOf(db: Queryable, vault: Vault, id: string): Promise<NetSuiteConnection> {
  const account = await getNetSuiteAccount(db, id);
  if (!account) throw new ConfigError(404, 'NETSUITE_ACCOUNT_NOT_FOUND', `No NetSuite account has the id ${id}.`);
  const name = netsuiteAccountSecretName;
  const origin = account.baseUrl ?? undefined;
  if (account.authType === 'm2m') {
    const privateKey = await required(vault, name.privateKey(id), db);
    return {
      accountId: account.accountId,
      origin,
      auth: {
        kind: 'm2m',
        clientId: account.clientId ?? '',
        certificateId: account.certificateId ?? '',
        privateKey,
        algorithm: m2mAlgorithmOf(privateKey),
      },
    };
  }
  return {
    accountId: account.accountId,
    origin,
    auth: {
      kind: 'tba',
      consumerKey: await required(vault, name.consumerKey(id), db),
      consumerSecret: await required(vault, name.consumerSecret(id), db),
      tokenId: await required(vault, name.tokenId(id), db),
      tokenSecret: await required(vault, name.tokenSecret(id), db),
    },
  };
}
