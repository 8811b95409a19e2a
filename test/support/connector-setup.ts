/**
 * What a merchant sets up before anything syncs, as tests set it up: a NetSuite account with an M2M integration (in
 * the NetSuite simulator and registered in the sidecar) and a WooCommerce connection to it.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { type ServedSimulator, simControl, startSimulator } from '../simulators/netsuite/test-support.ts';
import type { TestSidecar } from './sidecar-harness.ts';

/** A NetSuite account as `POST /api/v1/netsuite-accounts` takes it, with M2M credentials. */
export interface NetSuiteAccount {
  accountId: string;
  /** Where the sidecar calls NetSuite; absent → NetSuite's own URL for the account (for tests that never call it). */
  baseUrl?: string;
  integration: { clientId: string; certificateId: string };
  privateKeyPem: string;
}

/**
 * A NetSuite simulator holding account `accountId` with the M2M integration registered: its certificate a 3072-bit
 * RSA key (the smallest NetSuite accepts), whose private half the sidecar signs its token requests with.
 */
export async function startNetSuiteAccount(
  accountId: string,
  integration: NetSuiteAccount['integration'],
): Promise<{ served: ServedSimulator; account: NetSuiteAccount }> {
  const keys = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
  const served = await startSimulator();
  await simControl(served.url, 'POST', '/__sim/reset', { accountId });
  await simControl(served.url, 'POST', '/__sim/integrations', {
    ...integration,
    publicKeyPem: await exportSPKI(keys.publicKey),
  });
  const privateKeyPem = await exportPKCS8(keys.privateKey);
  return { served, account: { accountId, baseUrl: served.url, integration, privateKeyPem } };
}

/** The internal ids of what `/__sim/seed` made, list by list, in the order it was given them. */
export interface SeededIds {
  locations: string[];
  accounts: string[];
  items: string[];
}

/** Seeds the simulator's account with locations, accounts and items (`POST /__sim/seed`). */
export async function seedNetSuite(served: ServedSimulator, seed: Record<string, unknown[]>): Promise<SeededIds> {
  const seeded = (await (await simControl(served.url, 'POST', '/__sim/seed', seed)).json()) as Record<
    string,
    { id: string }[] | undefined
  >;
  const ids = (list: keyof SeededIds) => (seeded[list] ?? []).map((record) => record.id);
  return { locations: ids('locations'), accounts: ids('accounts'), items: ids('items') };
}

/** An account the sidecar holds but the test never calls: no base URL, a throwaway key. */
export function unusedNetSuiteAccount(accountId = 'TSTDRV1234567'): NetSuiteAccount {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    accountId,
    integration: { clientId: 'client', certificateId: 'cert' },
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** Registers the account in the sidecar; answers the sidecar's id for it. */
export async function registerNetSuiteAccount(sidecar: TestSidecar, account: NetSuiteAccount): Promise<string> {
  const response = await sidecar.call('/api/v1/netsuite-accounts', {
    method: 'POST',
    body: JSON.stringify({
      accountId: account.accountId,
      ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
      auth: { type: 'm2m', ...account.integration, privateKeyPem: account.privateKeyPem },
    }),
  });
  if (response.status !== 201) throw new Error(`The NetSuite account was refused: ${response.status} ${response.text}`);
  return response.json().id as string;
}

export interface WooCommerceConnectionInput {
  name: string;
  storeUrl: string;
  netsuiteAccountId: string;
  settings: Record<string, unknown>;
  /** Default: a random one. */
  webhookSecret?: string;
  /** The store's REST key; default: a random one, for a store the sidecar never calls. */
  credentials?: { consumerKey: string; consumerSecret: string };
}

export interface WooCommerceConnection {
  connectionId: string;
  /** Where the store's webhooks deliver: `<sidecar>/webhooks/woocommerce/<connectionId>`. */
  webhookUrl: string;
  webhookSecret: string;
}

/** Creates a WooCommerce connection (`POST /api/v1/connections`). */
export async function createWooCommerceConnection(
  sidecar: TestSidecar,
  input: WooCommerceConnectionInput,
): Promise<WooCommerceConnection> {
  const secret = () => randomBytes(24).toString('base64url');
  const webhookSecret = input.webhookSecret ?? secret();
  const response = await sidecar.call('/api/v1/connections', {
    method: 'POST',
    body: JSON.stringify({
      platform: 'woocommerce',
      name: input.name,
      storeUrl: input.storeUrl,
      netsuiteAccountId: input.netsuiteAccountId,
      webhookSecret,
      credentials: input.credentials ?? { consumerKey: `ck_${secret()}`, consumerSecret: `cs_${secret()}` },
      settings: input.settings,
    }),
  });
  if (response.status !== 201) throw new Error(`The connection was refused: ${response.status} ${response.text}`);
  const { id, webhookUrl } = response.json() as { id: string; webhookUrl: string };
  return { connectionId: id, webhookUrl, webhookSecret };
}

/** Registers the NetSuite account, then a WooCommerce connection to it: the merchant's setup in one call. */
export async function connectStore(
  sidecar: TestSidecar,
  account: NetSuiteAccount,
  connection: Omit<WooCommerceConnectionInput, 'netsuiteAccountId'>,
): Promise<WooCommerceConnection> {
  const netsuiteAccountId = await registerNetSuiteAccount(sidecar, account);
  return createWooCommerceConnection(sidecar, { ...connection, netsuiteAccountId });
}
