import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../sidecar/src/db/schema.ts';
import { type ServedSimulator, simControl, startSimulator } from '../simulators/netsuite/test-support.ts';
import { registerNetSuiteAccount, unusedNetSuiteAccount } from '../support/connector-setup.ts';
import { databaseKinds } from '../support/databases.ts';
import { startTestSidecar, type TestSidecar } from '../support/sidecar-harness.ts';

const secret = () => randomBytes(24).toString('base64url');
const HOUR_MS = 3600 * 1000;

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Health {
  accountId: string;
  netsuiteAccountId: string;
  authType: string;
  calls: number;
  failed: number;
  throttled: number;
  serverErrors: number;
  authFailures: number;
  lastSuccessAt: string | null;
  lastFailure: { at: string; status: number | null; message: string } | null;
  lastTest: { at: string; ok: boolean; code?: string } | null;
  state: string;
}

describe.each(databaseKinds())('admin API: GET /netsuite/health [%s]', (kind) => {
  let harness: TestSidecar;
  const simulators: ServedSimulator[] = [];
  const tba = { consumerKey: secret(), consumerSecret: secret(), tokenId: secret(), tokenSecret: secret() };
  const ids: Record<string, string> = {};
  let body: { items: Health[]; hours: number };

  const health = (query = '') => harness.call(`/api/v1/netsuite/health${query}`);
  const itemOf = (name: string) => body.items.find((item) => item.accountId === ids[name]) as Health;

  /** Real calls through the sidecar's NetSuite client: the Test connection button (governance, then SuiteQL). */
  async function testAccount(id: string): Promise<void> {
    const response = await harness.call(`/api/v1/netsuite-accounts/${id}/test`, { method: 'POST' });
    if (response.status !== 200) throw new Error(`test: ${response.status} ${response.text}`);
  }

  /** A simulated TBA account, warmed up, with `faults` set afterwards; answers our id of it. */
  async function tbaAccount(accountId: string, faults: unknown[] = [], tokenSecret = tba.tokenSecret) {
    const served = await startSimulator();
    simulators.push(served);
    await simControl(served.url, 'POST', '/__sim/reset', { accountId });
    await simControl(served.url, 'POST', '/__sim/tba', tba);
    // The simulator's SuiteQL engine starts cold: warm it, then count faults from here.
    const warm = await served.ns('/services/rest/query/v1/suiteql', {
      method: 'POST',
      headers: { prefer: 'transient' },
      json: { q: 'SELECT id FROM currency' },
    });
    if (warm.status !== 200) throw new Error(`simulator warm-up: ${warm.status} ${await warm.text()}`);
    if (faults.length > 0) await simControl(served.url, 'PUT', '/__sim/governance', { faults });
    const response = await harness.call('/api/v1/netsuite-accounts', {
      method: 'POST',
      body: JSON.stringify({ accountId, baseUrl: served.url, auth: { type: 'tba', ...tba, tokenSecret } }),
    });
    if (response.status !== 201) throw new Error(`account refused: ${response.status} ${response.text}`);
    return response.json().id as string;
  }

  beforeAll(async () => {
    harness = await startTestSidecar(kind);
    // One simulator per account, started and warmed side by side (each SuiteQL engine takes seconds to warm).
    [ids.healthy, ids.throttled, ids.down, ids.refused] = await Promise.all([
      tbaAccount('1234567_SB1'),
      // Every second SuiteQL query is throttled: the second test's query gets a 429, its retry goes through.
      tbaAccount('1234567_SB2', [{ kind: 429, every: 2, phase: 'before', path: 'suiteql' }]),
      // Every SuiteQL query fails: two tests, two attempts each, the last three calls all failed.
      tbaAccount('1234567_SB3', [{ kind: 503, every: 1, phase: 'before', path: 'suiteql' }]),
      tbaAccount('1234567_SB4', [], secret()),
    ]);
    const testTwice = async (id: string) => {
      await testAccount(id);
      await testAccount(id);
    };
    await Promise.all([
      testAccount(ids.healthy),
      testTwice(ids.throttled),
      testTwice(ids.down),
      testAccount(ids.refused),
    ]);

    const unreachable = await harness.call('/api/v1/netsuite-accounts', {
      method: 'POST',
      body: JSON.stringify({
        accountId: '1234567_SB5',
        baseUrl: `http://127.0.0.1:${await closedPort()}`,
        auth: { type: 'tba', ...tba },
      }),
    });
    ids.unreachable = unreachable.json().id as string;
    await testAccount(ids.unreachable);

    ids.idle = await registerNetSuiteAccount(harness, unusedNetSuiteAccount('TSTDRV7777777'));
    // A call 30 hours ago: outside the default window, inside a 48-hour one.
    await harness.sidecar.database.db.insert(auditEvents).values({
      id: uuidv7(),
      at: new Date(Date.now() - 30 * HOUR_MS),
      type: 'outbound.call',
      message: 'GET … → 503',
      data: {
        target: 'netsuite',
        netsuiteAccountId: 'TSTDRV7777777',
        request: { method: 'GET', url: 'https://tstdrv7777777.suitetalk.api.netsuite.com/services/rest/x' },
        response: { status: 503, headers: {}, body: 'down' },
        durationMs: 5,
      },
    });

    const response = await health();
    expect(response.status).toBe(200);
    body = response.json();
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    for (const served of simulators) await served.close();
  });

  it('lists every account, by NetSuite account id, for the last 24 hours by default', () => {
    expect(body.hours).toBe(24);
    expect(body.items.map((item) => item.netsuiteAccountId)).toEqual([
      '1234567_SB1',
      '1234567_SB2',
      '1234567_SB3',
      '1234567_SB4',
      '1234567_SB5',
      'TSTDRV7777777',
    ]);
  });

  it('ok: every call answered, the passing test shown', () => {
    const item = itemOf('healthy');
    expect(item).toEqual({
      accountId: ids.healthy,
      netsuiteAccountId: '1234567_SB1',
      authType: 'tba',
      calls: 2, // the governance look-up and one SuiteQL query
      failed: 0,
      throttled: 0,
      serverErrors: 0,
      authFailures: 0,
      lastSuccessAt: expect.any(String),
      lastFailure: null,
      lastTest: { at: expect.any(String), ok: true },
      state: 'ok',
    });
    expect(Date.now() - Date.parse(item.lastSuccessAt as string)).toBeLessThan(5 * 60_000);
  });

  it('degraded: a 429 in the window, but the last call went through', () => {
    const item = itemOf('throttled');
    expect(item).toMatchObject({ throttled: 1, failed: 1, serverErrors: 0, authFailures: 0, state: 'degraded' });
    expect(item.lastFailure).toMatchObject({ status: 429, message: expect.stringContaining('POST /services/rest/') });
    expect(Date.parse(item.lastSuccessAt as string)).toBeGreaterThan(Date.parse(item.lastFailure?.at as string));
    expect(item.lastTest).toMatchObject({ ok: true });
  });

  it('failing: the last three calls were 503s', () => {
    const item = itemOf('down');
    expect(item).toMatchObject({ serverErrors: 4, failed: 4, throttled: 0, authFailures: 0, state: 'failing' });
    expect(item.calls).toBeGreaterThanOrEqual(5); // the governance look-up succeeded
    expect(item.lastFailure?.status).toBe(503);
    expect(item.lastTest).toEqual({ at: expect.any(String), ok: false, code: 'NETSUITE_UNAVAILABLE' });
  });

  it('failing: NetSuite refused the credentials, with its own words', () => {
    const item = itemOf('refused');
    expect(item.authFailures).toBeGreaterThanOrEqual(1);
    expect(item).toMatchObject({ lastSuccessAt: null, state: 'failing' });
    expect(item.lastFailure).toMatchObject({ status: 401, message: expect.stringMatching(/Invalid login attempt/) });
    expect(item.lastTest).toMatchObject({ ok: false, code: 'NETSUITE_AUTH_FAILED' });
  });

  it('failing: NetSuite never answered (status null)', () => {
    const item = itemOf('unreachable');
    expect(item.calls).toBe(item.failed);
    expect(item).toMatchObject({ state: 'failing', serverErrors: 0, throttled: 0, authFailures: 0 });
    expect(item.lastFailure).toMatchObject({
      status: null,
      message: expect.stringMatching(/: no answer from NetSuite/),
    });
    expect(item.lastTest).toMatchObject({ ok: false, code: 'NETSUITE_UNREACHABLE' });
  });

  it('idle: no call in the window; a wider window finds the older one', async () => {
    expect(itemOf('idle')).toEqual({
      accountId: ids.idle,
      netsuiteAccountId: 'TSTDRV7777777',
      authType: 'm2m',
      calls: 0,
      failed: 0,
      throttled: 0,
      serverErrors: 0,
      authFailures: 0,
      lastSuccessAt: null,
      lastFailure: null,
      lastTest: null,
      state: 'idle',
    });
    const wide = await health('?hours=48');
    expect(wide.json().hours).toBe(48);
    const item = (wide.json().items as Health[]).find((entry) => entry.accountId === ids.idle);
    expect(item).toMatchObject({ calls: 1, failed: 1, serverErrors: 1, state: 'failing' });
    expect(item?.lastFailure).toMatchObject({ status: 503, message: 'GET /services/rest/x: HTTP 503' });
  });

  it('refuses hours outside 1..168 with 400, and answers only with the admin token', async () => {
    for (const hours of ['0', '169', '-1', '1.5', 'x']) {
      const response = await health(`?hours=${hours}`);
      expect({ hours, status: response.status, code: response.json().error.code }).toEqual({
        hours,
        status: 400,
        code: 'INVALID_REQUEST',
      });
    }
    expect((await health('?hours=1')).status).toBe(200);
    expect((await health('?hours=168')).status).toBe(200);
    expect((await harness.call('/api/v1/netsuite/health', { authorization: null })).status).toBe(401);
  });

  it('never carries a credential', async () => {
    const text = (await health('?hours=168')).text;
    for (const value of Object.values(tba)) expect(text).not.toContain(value);
    expect(text).not.toMatch(/oauth_signature|authorization|Bearer /i);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await harness.call('/api/v1/openapi.json')).json();
    const operation = doc.paths['/netsuite/health'].get;
    expect(operation.responses['200']).toBeDefined();
    expect(operation.description).toMatch(/`failing` when the last call/);
  });
});
