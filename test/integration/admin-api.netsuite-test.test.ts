import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestLog, type ServedSimulator, simControl, startSimulator } from '../simulators/netsuite/test-support.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const secret = () => randomBytes(24).toString('base64url');

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe.each(databaseKinds())('admin API: POST /netsuite-accounts/{id}/test [%s]', (kind) => {
  let harness: TestSidecar;
  const simulators: ServedSimulator[] = [];
  const integration = { clientId: `client-${secret()}`, certificateId: `cert-${secret()}` };
  const tba = { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };
  let privateKeyPem = '';
  let strangerKeyPem = '';

  const post = (path: string, body?: unknown) =>
    harness.call(path, { method: 'POST', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const testAccount = (id: string) => post(`/api/v1/netsuite-accounts/${id}/test`);

  /** One simulated NetSuite account per account id (the sidecar holds each NetSuite account once). */
  async function simulator(accountId: string, settings: Record<string, unknown> = {}): Promise<ServedSimulator> {
    const served = await startSimulator();
    simulators.push(served);
    await simControl(served.url, 'POST', '/__sim/reset', { accountId, ...settings });
    // The simulator's SuiteQL engine starts cold (seconds, unlike NetSuite): warm it before anything is timed.
    const warm = await served.ns('/services/rest/query/v1/suiteql', {
      method: 'POST',
      headers: { prefer: 'transient' },
      json: { q: 'SELECT id FROM currency' },
    });
    if (warm.status !== 200) throw new Error(`simulator warm-up: ${warm.status} ${await warm.text()}`);
    return served;
  }

  async function addAccount(body: Record<string, unknown>): Promise<string> {
    const response = await post('/api/v1/netsuite-accounts', body);
    if (response.status !== 201) throw new Error(`account refused: ${response.status} ${response.text}`);
    return response.json().id;
  }

  const m2m = (accountId: string, baseUrl: string, key = privateKeyPem) => ({
    accountId,
    baseUrl,
    auth: { type: 'm2m', ...integration, privateKeyPem: key },
  });

  /** Every secret handed to the sidecar; none may come back, in an answer, a log line or the audit trail. */
  const expectNoSecret = (text: string) => {
    const values = [
      ...Object.values(tba),
      ...[privateKeyPem, strangerKeyPem].flatMap((pem) => [pem, ...pem.split('\n').filter((line) => line.length > 40)]),
    ];
    for (const value of values) expect(text).not.toContain(value);
    expect(text).not.toMatch(/Bearer (?!realm)[A-Za-z0-9._~+/-]{16,}/);
    expect(text).not.toMatch(/oauth_signature="/);
  };

  beforeAll(async () => {
    const keys = await generateKeyPair('PS256', { modulusLength: 3072, extractable: true });
    privateKeyPem = await exportPKCS8(keys.privateKey);
    const stranger = await generateKeyPair('ES256', { extractable: true });
    strangerKeyPem = await exportPKCS8(stranger.privateKey);
    harness = await startTestSidecar(kind);

    const oneWorld = await simulator('TSTDRV1111111', { oneWorld: true });
    await simControl(oneWorld.url, 'POST', '/__sim/integrations', {
      ...integration,
      publicKeyPem: await exportSPKI(keys.publicKey),
    });
    await simControl(oneWorld.url, 'POST', '/__sim/seed', { subsidiaries: [{ name: 'Canada' }, { name: 'UK' }] });
  });
  afterAll(async () => {
    await harness?.close();
    for (const served of simulators) await served.close();
  });

  it('M2M: issues a token through the client and lists the subsidiaries', async () => {
    const served = simulators[0] as ServedSimulator;
    const id = await addAccount(m2m('TSTDRV1111111', served.url));
    const before = Date.now();
    const response = await testAccount(id);
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      ok: true,
      checkedAt: expect.any(String),
      latencyMs: expect.any(Number),
      accountId: id,
      authType: 'm2m',
      detail: 'Token issued; 3 subsidiaries readable',
      subsidiaries: [
        { id: '2', name: 'Parent Company' },
        { id: expect.any(String), name: 'Canada' },
        { id: expect.any(String), name: 'UK' },
      ],
    });
    expect(Date.parse(body.checkedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(body.latencyMs).toBeGreaterThanOrEqual(0);
    expectNoSecret(response.text);

    // Through the real client: the cap's governance look-up, then one read-only SuiteQL query (after the warm-up).
    const paths = (await requestLog(served.url)).slice(1).map((entry) => `${entry.method} ${entry.path}`);
    expect(paths).toEqual(['GET /services/rest/system/v1/governanceLimits', 'POST /services/rest/query/v1/suiteql']);
  });

  it('TBA: signs the request and passes on a non-OneWorld account with no subsidiaries', async () => {
    const served = await simulator('1234567_SB1');
    await simControl(served.url, 'POST', '/__sim/tba', tba);
    const id = await addAccount({ accountId: '1234567_SB1', baseUrl: served.url, auth: { type: 'tba', ...tba } });
    const response = await testAccount(id);
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      ok: true,
      accountId: id,
      authType: 'tba',
      detail: 'Signed request accepted; 0 subsidiaries readable',
      subsidiaries: [],
    });
    expectNoSecret(response.text);
  });

  it('bad TBA credentials: ok false with NETSUITE_AUTH_FAILED and NetSuite’s own words', async () => {
    const served = await simulator('1234567_SB2');
    await simControl(served.url, 'POST', '/__sim/tba', tba);
    const id = await addAccount({
      accountId: '1234567_SB2',
      baseUrl: served.url,
      auth: { type: 'tba', ...tba, tokenSecret: secret() },
    });
    const response = await testAccount(id);
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({
      ok: false,
      checkedAt: expect.any(String),
      latencyMs: expect.any(Number),
      accountId: id,
      authType: 'tba',
      error: { code: 'NETSUITE_AUTH_FAILED', message: expect.stringContaining('Invalid login attempt'), status: 401 },
    });
    expectNoSecret(response.text);
  });

  it('bad M2M credentials (a certificate NetSuite does not know): NETSUITE_AUTH_FAILED', async () => {
    const served = await simulator('TSTDRV2222222');
    const id = await addAccount(m2m('TSTDRV2222222', served.url, strangerKeyPem));
    const response = await testAccount(id);
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ ok: false, authType: 'm2m', error: { code: 'NETSUITE_AUTH_FAILED' } });
    expect(body.error.status).toBeGreaterThanOrEqual(400);
    expect(body.error.message).toMatch(/NetSuite refused the credentials/);
    expectNoSecret(response.text);
  });

  it('NetSuite unreachable: ok false with NETSUITE_UNREACHABLE, within seconds', async () => {
    const id = await addAccount(m2m('TSTDRV3333333', `http://127.0.0.1:${await closedPort()}`));
    const started = Date.now();
    const response = await testAccount(id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      ok: false,
      accountId: id,
      authType: 'm2m',
      error: { code: 'NETSUITE_UNREACHABLE', status: null, message: expect.stringContaining('ECONNREFUSED') },
    });
    expectNoSecret(response.text);
  });

  it('NetSuite failing with 503: one quick retry, then NETSUITE_UNAVAILABLE with the status', async () => {
    const served = await simulator('1234567_SB3');
    await simControl(served.url, 'POST', '/__sim/tba', tba);
    await simControl(served.url, 'PUT', '/__sim/governance', {
      faults: [{ kind: 503, every: 1, phase: 'before', path: 'suiteql' }],
    });
    const id = await addAccount({ accountId: '1234567_SB3', baseUrl: served.url, auth: { type: 'tba', ...tba } });
    const started = Date.now();
    const response = await testAccount(id);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(response.json()).toMatchObject({ ok: false, error: { code: 'NETSUITE_UNAVAILABLE', status: 503 } });
    const queries = (await requestLog(served.url)).slice(1).filter((entry) => entry.path.endsWith('/suiteql'));
    expect(queries).toHaveLength(2);
  });

  it('an unknown account is 404 NETSUITE_ACCOUNT_NOT_FOUND; a malformed id 400', async () => {
    const missing = await testAccount('01900000-0000-7000-8000-000000000000');
    expect({ status: missing.status, code: missing.json().error.code }).toEqual({
      status: 404,
      code: 'NETSUITE_ACCOUNT_NOT_FOUND',
    });
    expect((await testAccount('not-a-uuid')).status).toBe(400);
    expect(
      (await harness.call('/api/v1/netsuite-accounts/x/test', { method: 'POST', authorization: null })).status,
    ).toBe(401);
  });

  it('audits every test, and nothing secret reaches the audit trail or the logs', async () => {
    const audit = await harness.call('/api/v1/audit?type=netsuite_account.tested&limit=50');
    expect(audit.status).toBe(200);
    const events = audit.json().items as { message: string; data: { ok: boolean; error?: { code: string } } }[];
    expect(events).toHaveLength(6);
    expect(events.filter((event) => event.data.ok)).toHaveLength(2);
    expect(events.map((event) => event.data.error?.code).filter(Boolean)).toEqual(
      expect.arrayContaining(['NETSUITE_AUTH_FAILED', 'NETSUITE_UNREACHABLE', 'NETSUITE_UNAVAILABLE']),
    );
    expect(events.some((event) => event.message.includes('passed: Token issued; 3 subsidiaries readable'))).toBe(true);
    const everything = await harness.call('/api/v1/audit?limit=200');
    expectNoSecret(everything.text);
    expectNoSecret(harness.logLines.join('\n'));
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await harness.call('/api/v1/openapi.json')).json();
    expect(doc.paths['/netsuite-accounts/{id}/test'].post.responses['200']).toBeDefined();
  });
});
