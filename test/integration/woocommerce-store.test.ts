import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../sidecar/src/connections/config-error.ts';
import { connectionSecretName } from '../../sidecar/src/connections/connection-secrets.ts';
import type { Connection } from '../../sidecar/src/connections/connections.ts';
import { wooCommerceStoreOf } from '../../sidecar/src/connections/woocommerce-store.ts';
import { type Database, openDatabase } from '../../sidecar/src/db/client.ts';
import { migrate } from '../../sidecar/src/db/migrate.ts';
import { Redactor } from '../../sidecar/src/redact.ts';
import { generateMasterKey } from '../../sidecar/src/vault/master-key.ts';
import { Vault } from '../../sidecar/src/vault/vault.ts';

let database: Database;
let vault: Vault;

beforeAll(async () => {
  database = await openDatabase({});
  await migrate(database.db);
  vault = new Vault(database.db, generateMasterKey(), new Redactor());
});
afterAll(() => database.close());

const connection = (id: string, platform: Connection['platform'] = 'woocommerce') =>
  ({ id, platform, name: 'Main shop', storeUrl: 'https://shop.example.com' }) as Connection;

describe('wooCommerceStoreOf', () => {
  it('reads the REST API key of the connection from the vault', async () => {
    await vault.put(connectionSecretName.consumerKey('c-1'), 'ck_abc123abc123');
    await vault.put(connectionSecretName.consumerSecret('c-1'), 'cs_def456def456');
    expect(await wooCommerceStoreOf(database.db, vault, connection('c-1'))).toEqual({
      connectionId: 'c-1',
      storeUrl: 'https://shop.example.com',
      consumerKey: 'ck_abc123abc123',
      consumerSecret: 'cs_def456def456',
    });
  });

  it('names a missing key as WOOCOMMERCE_CREDENTIALS_MISSING, in words the merchant can act on', async () => {
    await vault.put(connectionSecretName.consumerKey('c-2'), 'ck_only_the_key');
    const error = await wooCommerceStoreOf(database.db, vault, connection('c-2')).catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error).toMatchObject({ code: 'WOOCOMMERCE_CREDENTIALS_MISSING', status: 409 });
    expect((error as Error).message).toContain('no REST API consumer secret');
  });

  it('refuses a connection of another platform', async () => {
    await expect(wooCommerceStoreOf(database.db, vault, connection('c-3', 'shopify'))).rejects.toMatchObject({
      code: 'CONNECTION_NOT_WOOCOMMERCE',
    });
  });
});
