import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Call, deferred, mockApi } from '../../test/fetch-mock.ts';
import { findNotice, renderWithStore } from '../../test/render.tsx';
import type { NetSuiteAccount } from '../api/netsuite-accounts.ts';
import type { StoreConnection, ThisStore } from '../api/store-connection.ts';
import { Connection } from './Connection.tsx';

const CLASSIC = '?page=ml-connector&classic=1';
/** A throwaway PKCS#8 key made for this run with Web Crypto: no key material is committed. */
let PEM: string;
beforeAll(async () => {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
  const der = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const base64 = btoa(String.fromCharCode(...der)).replace(/.{64}/g, '$&\n');
  PEM = `-----BEGIN PRIVATE KEY-----\n${base64}\n-----END PRIVATE KEY-----\n`;
});

const account = (overrides: Partial<NetSuiteAccount> = {}): NetSuiteAccount => ({
  id: '0190a000-0000-7000-8000-0000000000a1',
  accountId: 'TSTDRV1234567',
  baseUrl: null,
  authType: 'm2m',
  clientId: 'client-abc',
  certificateId: 'cert-xyz',
  createdAt: '2026-11-01T10:00:00.000Z',
  ...overrides,
});

const tbaAccount = account({
  id: '0190a000-0000-7000-8000-0000000000a2',
  accountId: '7654321_SB1',
  authType: 'tba',
  clientId: null,
  certificateId: null,
});

const connection = (overrides: Partial<StoreConnection> = {}): StoreConnection => ({
  id: '0190a000-0000-7000-8000-0000000000c1',
  platform: 'woocommerce',
  name: 'Shop',
  storeUrl: 'http://shop.test',
  netsuiteAccountId: account().id,
  webhookUrl: 'http://sidecar.test/webhooks/woocommerce/0190a000-0000-7000-8000-0000000000c1',
  lastDeliveryAt: null,
  createdAt: '2026-11-02T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
  ...overrides,
});

const notConnected: ThisStore = {
  connected: false,
  connectionId: null,
  webhookUrl: null,
  connectedAt: null,
  incomplete: false,
  webhooks: [],
};

const connected: ThisStore = {
  connected: true,
  connectionId: connection().id,
  webhookUrl: connection().webhookUrl,
  connectedAt: '2026-11-02T10:00:00.000Z',
  incomplete: false,
  webhooks: [
    { id: 11, topic: 'order.created', status: 'active', failureCount: 0 },
    { id: 12, topic: 'order.updated', status: 'disabled', failureCount: 7 },
  ],
};

/** A paired site whose sidecar knows `accounts` and `connections`; `routes` adds or overrides. */
function api(
  { accounts = [account()], connections = [] as StoreConnection[], store = notConnected } = {},
  routes: Parameters<typeof mockApi>[0] = {},
): Call[] {
  return mockApi({
    'GET pairing': { body: { sidecarUrl: 'http://sidecar.test', paired: true } },
    'GET netsuite-accounts': { body: { items: accounts, nextCursor: null } },
    'GET connections': { body: { items: connections, nextCursor: null } },
    'GET store': { body: store },
    ...routes,
  });
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
/** An account's row in the accounts table (its id also shows in the Connect form's picker). */
const findAccount = (accountId: string) => screen.findByText(accountId, { selector: '.mlc-accounts strong' });
const findTestResult = (text: RegExp) => screen.findByText(text, { selector: '.mlc-test-result p' });
const posts = (calls: Call[], route: string) =>
  calls.filter((call) => call.method !== 'GET' && call.url.pathname.endsWith(`/ml-connector/v1/${route}`));

describe('Connection screen', () => {
  it('asks for the pairing first, and calls nothing of the sidecar until there is one', async () => {
    const calls = mockApi({ 'GET pairing': { body: { sidecarUrl: '', paired: false } } });
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    expect(await findNotice(/Pair WordPress with the sidecar first/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'pairing page' }).getAttribute('href')).toBe(CLASSIC);
    expect(calls.map((call) => call.url.pathname)).toEqual(['/wp-json/ml-connector/v1/pairing']);
  });

  it('lists the NetSuite accounts and the connected stores, with a link to pair again', async () => {
    api({ accounts: [account(), tbaAccount], connections: [connection()], store: connected });
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    expect(await findAccount('7654321_SB1')).toBeTruthy();
    expect(screen.getByText('Client client-abc, certificate cert-xyz')).toBeTruthy();
    expect(screen.getByText('Token-based (TBA)')).toBeTruthy();
    expect(screen.getByRole('link', { name: /Pair again/ }).getAttribute('href')).toBe(CLASSIC);

    const stores = (await screen.findByText('http://shop.test')).closest('tr') as HTMLElement;
    expect(within(stores).getByText('WooCommerce')).toBeTruthy();
    // The account is named by NetSuite's id, not the sidecar's.
    expect(within(stores).getByText('TSTDRV1234567')).toBeTruthy();
    expect(within(stores).getByText(connection().webhookUrl)).toBeTruthy();
    expect(within(stores).getByRole('button', { name: 'Copy the webhook URL' })).toBeTruthy();
    // The store's own connection goes with Disconnect, not Delete.
    expect(within(stores).getByText('This store: use Disconnect')).toBeTruthy();
    expect(screen.getByText(/comes with the Shopify and Adobe Commerce flows/)).toBeTruthy();
  });

  it('shows empty states when the sidecar knows no account and no store', async () => {
    api({ accounts: [] });
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    expect(await screen.findByText(/No NetSuite account yet/)).toBeTruthy();
    expect(await screen.findByText('No store is connected to the sidecar yet.')).toBeTruthy();
    expect(screen.getByText(/Add a NetSuite account above first/)).toBeTruthy();
  });

  it('adds an M2M account with an uploaded key, sends exactly the schema, and clears every secret', async () => {
    let accounts = [tbaAccount];
    const calls = api(
      {},
      {
        'GET netsuite-accounts': () => ({ body: { items: accounts, nextCursor: null } }),
        'POST netsuite-accounts': () => {
          accounts = [account(), tbaAccount];
          return { status: 201, body: { id: account().id, accountId: 'TSTDRV1234567' } };
        },
      },
    );
    const { container } = renderWithStore(<Connection classicUrl={CLASSIC} />);
    await findAccount('7654321_SB1');

    type('NetSuite account ID', 'tstdrv1234567');
    type('Client ID', ' client-abc ');
    type('Certificate ID', 'cert-xyz');
    const upload = container.querySelector('input[type="file"]') as HTMLInputElement;
    fireEvent.change(upload, {
      target: { files: [new File([PEM], 'key-pkcs8.pem', { type: 'application/x-pem-file' })] },
    });
    expect(await screen.findByText('Key loaded from “key-pkcs8.pem”.')).toBeTruthy();
    // The uploaded key is not echoed into the page.
    expect(screen.queryByLabelText('…or paste the private key')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await findNotice(/NetSuite account TSTDRV1234567 added/)).toBeTruthy();
    expect(posts(calls, 'netsuite-accounts')[0]?.body).toEqual({
      accountId: 'tstdrv1234567',
      auth: { type: 'm2m', clientId: 'client-abc', certificateId: 'cert-xyz', privateKeyPem: PEM.trim() },
    });

    // Nothing of the secret stays: the fields are empty, the key's file forgotten, the paste area empty again.
    expect(field('NetSuite account ID').value).toBe('');
    expect(field('Client ID').value).toBe('');
    expect(field('Certificate ID').value).toBe('');
    expect(screen.queryByText(/Key loaded from/)).toBeNull();
    expect(field('…or paste the private key').value).toBe('');
    // The list was loaded again.
    expect(await screen.findByText('Client client-abc, certificate cert-xyz')).toBeTruthy();
  });

  it('adds a TBA account from password fields, with a base URL', async () => {
    const calls = api(
      {},
      { 'POST netsuite-accounts': { status: 201, body: { id: tbaAccount.id, accountId: '7654321_SB1' } } },
    );
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    await findAccount('TSTDRV1234567');
    type('NetSuite account ID', '7654321_SB1');
    fireEvent.click(screen.getByRole('button', { name: 'Advanced' }));
    type('Base URL (optional)', 'http://127.0.0.1:8790');
    fireEvent.click(screen.getByLabelText('Token-based authentication (TBA)'));
    for (const [label, value] of [
      ['Consumer key', 'ck'],
      ['Consumer secret', 'cs'],
      ['Token ID', 'ti'],
      ['Token secret', 'ts'],
    ]) {
      expect(field(label as string).type).toBe('password');
      type(label as string, value as string);
    }
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    await findNotice(/NetSuite account 7654321_SB1 added/);
    expect(posts(calls, 'netsuite-accounts')[0]?.body).toEqual({
      accountId: '7654321_SB1',
      baseUrl: 'http://127.0.0.1:8790',
      auth: { type: 'tba', consumerKey: 'ck', consumerSecret: 'cs', tokenId: 'ti', tokenSecret: 'ts' },
    });
    // The form starts over; choosing TBA again shows empty fields.
    fireEvent.click(screen.getByLabelText('Token-based authentication (TBA)'));
    for (const label of [
      'NetSuite account ID',
      'Base URL (optional)',
      'Consumer key',
      'Consumer secret',
      'Token ID',
      'Token secret',
    ]) {
      expect(field(label).value).toBe('');
    }
  });

  it('blocks a PKCS#1 key, an encrypted key and missing fields before anything is sent', async () => {
    const calls = api();
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    await findAccount('TSTDRV1234567');

    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(screen.getByText('Enter the NetSuite account ID.')).toBeTruthy();
    expect(screen.getByText('Enter the Client ID.')).toBeTruthy();
    expect(screen.getByText('Enter the Certificate ID.')).toBeTruthy();
    expect(screen.getByText(/Upload or paste the private key/)).toBeTruthy();

    type('NetSuite account ID', 'not-an-account');
    type('Client ID', 'client');
    type('Certificate ID', 'cert');
    type('…or paste the private key', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----');
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(screen.getByText(/A NetSuite account ID looks like 1234567/)).toBeTruthy();
    expect(
      screen.getByText(
        /older “RSA PRIVATE KEY” format.*openssl pkcs8 -topk8 -nocrypt -in key\.pem -out key-pkcs8\.pem/,
      ),
    ).toBeTruthy();

    type(
      '…or paste the private key',
      '-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIE\n-----END ENCRYPTED PRIVATE KEY-----',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(screen.getByText(/encrypted with a passphrase.*openssl pkey -in key\.pem -out key-pkcs8\.pem/)).toBeTruthy();

    expect(posts(calls, 'netsuite-accounts')).toEqual([]);
  });

  it('shows the sidecar’s refusal and keeps the form to fix it', async () => {
    api(
      {},
      {
        'POST netsuite-accounts': {
          status: 400,
          body: {
            error: {
              code: 'INVALID_PRIVATE_KEY',
              message: 'privateKeyPem does not parse as a PKCS#8 PEM private key.',
            },
          },
        },
      },
    );
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    await findAccount('TSTDRV1234567');
    type('NetSuite account ID', '1234567');
    type('Client ID', 'client');
    type('Certificate ID', 'cert');
    type('…or paste the private key', PEM);
    fireEvent.click(screen.getByRole('button', { name: 'Add account' }));
    expect(await findNotice('privateKeyPem does not parse as a PKCS#8 PEM private key.')).toBeTruthy();
    expect(field('NetSuite account ID').value).toBe('1234567');
  });

  it('tests a connection: busy while it runs, then what NetSuite answered, success or failure', async () => {
    const hold = deferred();
    const calls = api(
      { accounts: [account(), tbaAccount] },
      {
        [`POST netsuite-accounts/${account().id}/test`]: async () => {
          await hold.promise;
          return {
            body: {
              ok: true,
              checkedAt: '2026-11-03T10:00:00.000Z',
              latencyMs: 412,
              accountId: account().id,
              authType: 'm2m',
              detail: 'Token issued; 2 subsidiaries readable',
              subsidiaries: [
                { id: '1', name: 'Honeycomb Mfg.' },
                { id: '3', name: 'Honeycomb Europe' },
              ],
            },
          };
        },
        [`POST netsuite-accounts/${tbaAccount.id}/test`]: {
          body: {
            ok: false,
            checkedAt: '2026-11-03T10:00:01.000Z',
            latencyMs: 230,
            accountId: tbaAccount.id,
            authType: 'tba',
            error: { code: 'NETSUITE_AUTH_FAILED', message: 'Invalid login attempt.', status: 401 },
          },
        },
      },
    );
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    const [first, second] = (await screen.findAllByRole('button', { name: 'Test connection' })) as [
      HTMLElement,
      HTMLElement,
    ];

    fireEvent.click(first);
    const busy = await screen.findByRole('button', { name: 'Testing…' });
    expect((busy as HTMLButtonElement).disabled).toBe(true);
    hold.resolve();
    expect(
      await findTestResult(/TSTDRV1234567 answered in 412 ms.*Token issued; 2 subsidiaries readable/),
    ).toBeTruthy();
    expect(screen.getByText('Honeycomb Mfg. (#1)')).toBeTruthy();
    expect(screen.getByText('Honeycomb Europe (#3)')).toBeTruthy();

    fireEvent.click(second);
    expect(
      await findTestResult(/7654321_SB1: the test failed\. NETSUITE_AUTH_FAILED: Invalid login attempt\./),
    ).toBeTruthy();
    expect(await findTestResult(/NetSuite answered HTTP 401 \(after 230 ms/)).toBeTruthy();
    expect(posts(calls, `netsuite-accounts/${account().id}/test`)).toHaveLength(1);
  });

  it('deletes an account after asking, and says in words when a connection still uses it', async () => {
    const calls = api(
      { accounts: [account(), tbaAccount] },
      {
        [`DELETE netsuite-accounts/${account().id}`]: {
          status: 409,
          body: { error: { code: 'NETSUITE_ACCOUNT_IN_USE', message: 'NetSuite account … is used by a connection.' } },
        },
        [`DELETE netsuite-accounts/${tbaAccount.id}`]: { status: 204, body: undefined },
      },
    );
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    await findAccount('7654321_SB1');
    const rows = screen.getAllByRole('button', { name: 'Delete' });

    fireEvent.click(rows[0] as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(calls.filter((call) => call.method === 'DELETE')).toEqual([]);

    fireEvent.click(rows[0] as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete account' }));
    expect(await findNotice(/TSTDRV1234567 is still used by a store connection: disconnect or delete/)).toBeTruthy();

    fireEvent.click(rows[1] as HTMLElement);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete account' }));
    expect(await findNotice('NetSuite account 7654321_SB1 and its credentials were deleted.')).toBeTruthy();
  });

  it('connects this WooCommerce store through the plugin’s routes, re-enables a webhook, and disconnects', async () => {
    let store = notConnected;
    const calls = api(
      {},
      {
        'GET store': () => ({ body: store }),
        'POST store/connect': () => {
          store = connected;
          return { body: connected };
        },
        'POST store/webhooks/12/activate': {
          body: { ...connected, webhooks: connected.webhooks.map((hook) => ({ ...hook, status: 'active' })) },
        },
        'POST store/disconnect': () => {
          store = notConnected;
          return { body: notConnected };
        },
      },
    );
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    expect(await screen.findByText('This store is not connected to NetSuite yet.')).toBeTruthy();

    fireEvent.click(await screen.findByRole('button', { name: 'Connect in one click' }));
    expect(
      screen.getByText('Enter the internal id of the NetSuite location that fulfils orders (digits).'),
    ).toBeTruthy();
    expect(posts(calls, 'store/connect')).toEqual([]);

    // The only account is chosen already.
    expect((screen.getByLabelText('NetSuite account') as HTMLSelectElement).value).toBe(account().id);
    type('NetSuite location id', '7');
    fireEvent.click(screen.getByRole('button', { name: 'Connect in one click' }));
    expect(await findNotice(/Connected: WooCommerce now sends orders/)).toBeTruthy();
    expect(posts(calls, 'store/connect')[0]?.body).toEqual({ netsuiteAccountId: account().id, masterLocationId: '7' });
    expect(screen.getByText('order.updated')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Re-enable' }));
    expect(await findNotice('The webhook is active again.')).toBeTruthy();
    expect(posts(calls, 'store/webhooks/12/activate')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Re-enable' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Disconnect' }));
    expect(await findNotice(/Disconnected: the webhooks, the sidecar’s connection/)).toBeTruthy();
    expect(posts(calls, 'store/disconnect')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'Connect in one click' })).toBeTruthy();
    // The sidecar's list was loaded again after each change.
    await waitFor(() => expect(calls.filter((call) => call.url.pathname.endsWith('/connections'))).toHaveLength(3));
  });

  it('shows why Connect failed, and a failed load with Try again', async () => {
    let failing = true;
    api(
      {},
      {
        'POST store/connect': {
          status: 502,
          body: {
            error: {
              code: 'ml_connector_sidecar',
              message: 'The sidecar refused the connection: storeUrl is not http(s).',
            },
          },
        },
        'GET connections': () =>
          failing
            ? { status: 502, body: { error: { code: 'SIDECAR_UNREACHABLE', message: 'The sidecar does not answer.' } } }
            : { body: { items: [], nextCursor: null } },
      },
    );
    renderWithStore(<Connection classicUrl={CLASSIC} />);
    expect(await findNotice(/The sidecar does not answer\./)).toBeTruthy();
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('No store is connected to the sidecar yet.')).toBeTruthy();

    type('NetSuite location id', '7');
    fireEvent.click(screen.getByRole('button', { name: 'Connect in one click' }));
    expect(await findNotice('The sidecar refused the connection: storeUrl is not http(s).')).toBeTruthy();
  });
});
