import { randomBytes } from 'node:crypto';
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionSecretName } from '../../sidecar/src/connections/connection-secrets.ts';
import { netsuiteAccountSecretName, netsuiteConnectionOf } from '../../sidecar/src/connections/netsuite-accounts.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const secret = () => randomBytes(24).toString('base64url');
const PUBLIC_URL = 'https://connector.example.test';

describe.each(databaseKinds())('admin API: NetSuite accounts and connections [%s]', (kind) => {
  let harness: TestSidecar;
  let privateKeyPem = '';
  const tba = { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };
  const store = {
    webhookSecret: secret(),
    hookSecret: secret(),
    consumerKey: `ck_${secret()}`,
    consumerSecret: secret(),
  };
  let m2mId = '';
  let tbaId = '';
  let connectionId = '';

  const post = (path: string, body: unknown) => harness.call(path, { method: 'POST', body: JSON.stringify(body) });
  const patch = (path: string, body: unknown) => harness.call(path, { method: 'PATCH', body: JSON.stringify(body) });
  const remove = (path: string) => harness.call(path, { method: 'DELETE' });
  const m2mAccount = (overrides: Record<string, unknown> = {}) => ({
    accountId: 'TSTDRV1234567',
    baseUrl: 'http://127.0.0.1:8790',
    auth: { type: 'm2m', clientId: 'client-id-1', certificateId: 'cert-id-1', privateKeyPem },
    ...overrides,
  });
  const connectionInput = (overrides: Record<string, unknown> = {}) => ({
    platform: 'woocommerce',
    name: 'Main store',
    storeUrl: 'https://shop.example.com/',
    netsuiteAccountId: m2mId,
    webhookSecret: store.webhookSecret,
    webhookSecrets: { '17': store.hookSecret },
    credentials: { consumerKey: store.consumerKey, consumerSecret: store.consumerSecret },
    settings: { masterLocationId: '1' },
    ...overrides,
  });
  const expectError = (
    response: { status: number; json(): { error: { code: string } } },
    status: number,
    code: string,
  ) => {
    expect({ status: response.status, code: response.json().error.code }).toEqual({ status, code });
  };
  /** Every secret handed to the sidecar; none may ever come back. */
  const secretValues = () => [
    privateKeyPem,
    ...privateKeyPem.split('\n').filter((line) => line.length > 40),
    ...Object.values(tba),
    ...Object.values(store),
  ];
  const expectNoSecret = (text: string) => {
    for (const value of secretValues()) expect(text).not.toContain(value);
  };

  beforeAll(async () => {
    const { privateKey } = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
    privateKeyPem = await exportPKCS8(privateKey);
    harness = await startTestSidecar(kind, { env: { MLC_PUBLIC_URL: PUBLIC_URL } });
  });
  afterAll(() => harness.close());

  it('creates an M2M and a TBA account, answering only their ids', async () => {
    const m2m = await post('/api/v1/netsuite-accounts', m2mAccount());
    expect(m2m.status).toBe(201);
    m2mId = m2m.json().id;
    expect(m2m.json()).toEqual({ id: expect.any(String), accountId: 'TSTDRV1234567' });

    const created = await post('/api/v1/netsuite-accounts', {
      accountId: '1234567_sb1',
      auth: { type: 'tba', ...tba },
    });
    expect(created.status).toBe(201);
    tbaId = created.json().id;
    expect(created.json()).toEqual({ id: expect.any(String), accountId: '1234567_SB1' });
    expectNoSecret(m2m.text + created.text);
  });

  it('shows accounts without their credentials, which sit in the vault', async () => {
    const list = await harness.call('/api/v1/netsuite-accounts');
    expect(list.status).toBe(200);
    expect(list.json()).toEqual({
      items: [
        {
          id: tbaId,
          accountId: '1234567_SB1',
          baseUrl: null,
          authType: 'tba',
          clientId: null,
          certificateId: null,
          createdAt: expect.any(String),
        },
        {
          id: m2mId,
          accountId: 'TSTDRV1234567',
          baseUrl: 'http://127.0.0.1:8790',
          authType: 'm2m',
          clientId: 'client-id-1',
          certificateId: 'cert-id-1',
          createdAt: expect.any(String),
        },
      ],
      nextCursor: null,
    });
    const one = await harness.call(`/api/v1/netsuite-accounts/${m2mId}`);
    expect(one.json()).toMatchObject({ id: m2mId, authType: 'm2m' });
    expectNoSecret(list.text + one.text);
    expectError(
      await harness.call('/api/v1/netsuite-accounts/01900000-0000-7000-8000-000000000000'),
      404,
      'NETSUITE_ACCOUNT_NOT_FOUND',
    );

    const { vault } = harness.sidecar;
    expect(await vault.get(netsuiteAccountSecretName.privateKey(m2mId))).toBe(privateKeyPem.trim());
    expect(await vault.get(netsuiteAccountSecretName.consumerKey(tbaId))).toBe(tba.consumerKey);
    expect(await vault.get(netsuiteAccountSecretName.consumerSecret(tbaId))).toBe(tba.consumerSecret);
    expect(await vault.get(netsuiteAccountSecretName.tokenId(tbaId))).toBe(tba.tokenId);
    expect(await vault.get(netsuiteAccountSecretName.tokenSecret(tbaId))).toBe(tba.tokenSecret);
  });

  it('gives the NetSuite client its connection, credentials decrypted', async () => {
    const { database, vault } = harness.sidecar;
    expect(await netsuiteConnectionOf(database.db, vault, m2mId)).toEqual({
      accountId: 'TSTDRV1234567',
      origin: 'http://127.0.0.1:8790',
      auth: {
        kind: 'm2m',
        clientId: 'client-id-1',
        certificateId: 'cert-id-1',
        privateKey: privateKeyPem.trim(),
        algorithm: 'PS256',
      },
    });
    expect(await netsuiteConnectionOf(database.db, vault, tbaId)).toEqual({
      accountId: '1234567_SB1',
      origin: undefined,
      auth: { kind: 'tba', ...tba },
    });
  });

  it('refuses bad accounts with a code saying why', async () => {
    const accounts = '/api/v1/netsuite-accounts';
    expectError(await post(accounts, m2mAccount({ accountId: 'ACME-1' })), 400, 'INVALID_ACCOUNT_ID');
    expectError(await post(accounts, m2mAccount({ accountId: '123_XX1' })), 400, 'INVALID_ACCOUNT_ID');
    expectError(
      await post(accounts, m2mAccount({ baseUrl: 'http://127.0.0.1:8790/services' })),
      400,
      'INVALID_BASE_URL',
    );
    expectError(await post(accounts, m2mAccount({ baseUrl: 'ftp://127.0.0.1' })), 400, 'INVALID_BASE_URL');
    const notPem = { type: 'm2m', clientId: 'c', certificateId: 'k', privateKeyPem: 'not a key' };
    expectError(await post(accounts, m2mAccount({ accountId: '7654321', auth: notPem })), 400, 'INVALID_PRIVATE_KEY');
    const brokenPem = { ...notPem, privateKeyPem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----' };
    expectError(
      await post(accounts, m2mAccount({ accountId: '7654321', auth: brokenPem })),
      400,
      'INVALID_PRIVATE_KEY',
    );
    expectError(await post(accounts, m2mAccount({ auth: { type: 'tba', consumerKey: 'x' } })), 400, 'INVALID_REQUEST');
    expectError(await post(accounts, m2mAccount({ accountId: 'tstdrv1234567' })), 409, 'NETSUITE_ACCOUNT_EXISTS');
    const names = (await harness.sidecar.vault.list()).map((info) => info.name);
    expect(names.filter((name) => name.startsWith('netsuite-account:'))).toHaveLength(5);
  });

  it('connects a store: webhook URL on the public URL, secrets in the vault, defaults filled in', async () => {
    const created = await post('/api/v1/connections', connectionInput());
    expect(created.status).toBe(201);
    connectionId = created.json().id;
    expect(created.json()).toEqual({
      id: connectionId,
      webhookUrl: `${PUBLIC_URL}/webhooks/woocommerce/${connectionId}`,
    });

    const shown = await harness.call(`/api/v1/connections/${connectionId}`);
    expect(shown.json()).toEqual({
      id: connectionId,
      platform: 'woocommerce',
      name: 'Main store',
      storeUrl: 'https://shop.example.com',
      netsuiteAccountId: m2mId,
      webhookUrl: `${PUBLIC_URL}/webhooks/woocommerce/${connectionId}`,
      settings: {
        externalIdPrefix: 'WOO_',
        orderStatuses: ['processing', 'on-hold', 'completed'],
        subsidiaryId: null,
        masterLocationId: '1',
        locationRules: [],
        shippingItems: {},
        discountItemId: null,
        refundItemId: null,
        feeItemId: null,
        paymentMethods: {},
        taxMode: 'override',
        taxCodes: {},
        glTemplates: [],
        postingMode: 'invoice',
        currencyMap: {},
        priceLevelId: null,
        priceCurrencyId: null,
        goLiveAt: expect.any(String),
        netsuiteTimeZone: 'UTC',
      },
      lastDeliveryAt: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const { goLiveAt } = shown.json().settings;
    expect(Math.abs(Date.parse(goLiveAt) - Date.parse(shown.json().createdAt))).toBeLessThan(5000);

    const list = await harness.call('/api/v1/connections');
    expect(list.json()).toMatchObject({ items: [{ id: connectionId }], nextCursor: null });
    expectNoSecret(created.text + shown.text + list.text);

    const { vault } = harness.sidecar;
    expect(await vault.get(connectionSecretName.webhookSecret(connectionId))).toBe(store.webhookSecret);
    expect(await vault.get(connectionSecretName.webhookSecrets(connectionId))).toBe(
      JSON.stringify({ '17': store.hookSecret }),
    );
    expect(await vault.get(connectionSecretName.consumerKey(connectionId))).toBe(store.consumerKey);
    expect(await vault.get(connectionSecretName.consumerSecret(connectionId))).toBe(store.consumerSecret);
  });

  it('refuses bad connections with a code saying why', async () => {
    const connections = '/api/v1/connections';
    const shopify = await post(connections, connectionInput({ platform: 'shopify' }));
    expectError(shopify, 400, 'PLATFORM_NOT_SUPPORTED');
    expect(shopify.json().error.message).toMatch(/later/);
    const unknownAccount = connectionInput({ netsuiteAccountId: '01900000-0000-7000-8000-000000000000' });
    expectError(await post(connections, unknownAccount), 400, 'NETSUITE_ACCOUNT_NOT_FOUND');
    expectError(
      await post(connections, connectionInput({ netsuiteAccountId: 'TSTDRV1234567' })),
      400,
      'NETSUITE_ACCOUNT_NOT_FOUND',
    );
    expectError(await post(connections, connectionInput({ storeUrl: 'shop.example.com' })), 400, 'INVALID_STORE_URL');
    const noLocation = await post(connections, connectionInput({ settings: {} }));
    expectError(noLocation, 400, 'INVALID_REQUEST');
    expect(noLocation.json().error.message).toContain('settings.masterLocationId');
    const badSettings = { masterLocationId: '1', postingMode: 'journal', orderStatuses: [] };
    expectError(await post(connections, connectionInput({ settings: badSettings })), 400, 'INVALID_REQUEST');
    expectError(
      await post(connections, connectionInput({ settings: { masterLocationId: 'abc' } })),
      400,
      'INVALID_REQUEST',
    );
    expect((await harness.call(connections)).json().items).toHaveLength(1);
  });

  it('merges a settings PATCH into the current settings', async () => {
    const path = `/api/v1/connections/${connectionId}`;
    const before = (await harness.call(path)).json();
    const changed = await patch(path, {
      settings: {
        postingMode: 'off',
        subsidiaryId: '3',
        shippingItems: { flat_rate: '77', '*': '78' },
        paymentMethods: { stripe: { accountId: '120' } },
        locationRules: [{ country: 'US', state: 'CA', locationId: '5' }],
        glTemplates: [{ name: 'Gift cards', match: { category: 'gift-cards' }, revenueAccountId: '400' }],
      },
    });
    expect(changed.status).toBe(200);
    expect(changed.json().settings).toEqual({
      ...before.settings,
      postingMode: 'off',
      subsidiaryId: '3',
      shippingItems: { flat_rate: '77', '*': '78' },
      paymentMethods: { stripe: { accountId: '120' } },
      locationRules: [{ country: 'US', state: 'CA', locationId: '5' }],
      glTemplates: [{ name: 'Gift cards', match: { category: 'gift-cards' }, revenueAccountId: '400' }],
    });
    const again = await patch(path, { settings: { subsidiaryId: null, taxMode: 'netsuite' } });
    expect(again.json().settings).toMatchObject({ postingMode: 'off', subsidiaryId: null, taxMode: 'netsuite' });
    expect((await harness.call(path)).json().settings).toEqual(again.json().settings);

    expectError(await patch(path, { settings: { postingMode: 'journal' } }), 400, 'INVALID_REQUEST');
    expectError(await patch(path, { settings: { masterLocationID: '2' } }), 400, 'INVALID_REQUEST');
    expectError(
      await patch('/api/v1/connections/01900000-0000-7000-8000-000000000000', { settings: {} }),
      404,
      'CONNECTION_NOT_FOUND',
    );
  });

  it('keeps an account in use, and deletes a connection with its secrets', async () => {
    expectError(await remove(`/api/v1/netsuite-accounts/${m2mId}`), 409, 'NETSUITE_ACCOUNT_IN_USE');
    expect((await remove(`/api/v1/connections/${connectionId}`)).status).toBe(204);
    expectError(await remove(`/api/v1/connections/${connectionId}`), 404, 'CONNECTION_NOT_FOUND');
    const names = (await harness.sidecar.vault.list()).map((info) => info.name);
    expect(names.filter((name) => name.includes(connectionId))).toEqual([]);

    expect((await remove(`/api/v1/netsuite-accounts/${m2mId}`)).status).toBe(204);
    expect((await remove(`/api/v1/netsuite-accounts/${tbaId}`)).status).toBe(204);
    expectError(await remove(`/api/v1/netsuite-accounts/${tbaId}`), 404, 'NETSUITE_ACCOUNT_NOT_FOUND');
    const left = (await harness.sidecar.vault.list()).map((info) => info.name);
    expect(left.filter((name) => name.startsWith('netsuite-account:'))).toEqual([]);
  });

  it('describes every route in the OpenAPI document', async () => {
    const { paths } = (await harness.call('/api/v1/openapi.json')).json();
    expect(Object.keys(paths['/netsuite-accounts'])).toEqual(['post', 'get']);
    expect(Object.keys(paths['/netsuite-accounts/{id}'])).toEqual(['get', 'delete']);
    expect(Object.keys(paths['/connections'])).toEqual(['post', 'get']);
    expect(Object.keys(paths['/connections/{id}'])).toEqual(['get', 'patch', 'delete']);
  });

  it('never wrote a secret to the logs', () => {
    expectNoSecret(harness.logLines.join('\n'));
  });
});
