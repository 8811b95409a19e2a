import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { obtainAccessToken } from './testing.ts';

const GOVERNANCE_LIMITS = '/services/rest/system/v1/governanceLimits';
const INVALID_LOGIN_BODY = {
  type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.2',
  title: 'Unauthorized',
  status: 401,
  'o:errorDetails': [
    {
      detail:
        'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.',
      'o:errorCode': 'INVALID_LOGIN',
    },
  ],
};

let served: ServedSimulator;
beforeAll(async () => {
  served = await startSimulator({ accountId: '1234567_SB1' });
});
afterAll(() => served.close());
beforeEach(async () => {
  await fetch(`${served.url}/__sim/reset`, { method: 'POST', body: JSON.stringify({ accountId: '1234567_SB1' }) });
});

const call = (authorization?: string) =>
  fetch(`${served.url}${GOVERNANCE_LIMITS}`, authorization ? { headers: { authorization } } : {});

async function expectInvalidLogin(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe(
    'Bearer realm="1234567_SB1", error="invalid_token", error_description="Invalid login attempt."',
  );
  expect(response.headers.get('content-type')).toBe('application/vnd.oracle.resource+json; type=error; charset=UTF-8');
  expect(await response.json()).toEqual(INVALID_LOGIN_BODY);
}

const lastAuditDetail = () => served.sim.auth.loginAudit.at(-1)?.detail;

describe('bearer tokens at the REST resources (spec §2a)', () => {
  it('accepts a token from the token endpoint until it expires on the simulator clock', async () => {
    const token = await obtainAccessToken(served.url);
    expect((await call(`Bearer ${token}`)).status).toBe(200);
    expect(served.sim.auth.loginAudit.at(-1)).toMatchObject({ scheme: 'OAuth 2.0', status: 'Success' });

    const advance = await fetch(`${served.url}/__sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 3_601_000 }),
    });
    expect(advance.status).toBe(204);
    await expectInvalidLogin(await call(`Bearer ${token}`));
    expect(lastAuditDetail()).toBe('AccessTokenExpired');
  });

  it('stops accepting every issued token after /__sim/tokens/revoke, and a new token works', async () => {
    const token = await obtainAccessToken(served.url, 'ES256');
    const convenience = served.sim.auth.issueAccessToken();
    expect((await call(`Bearer ${token}`)).status).toBe(200);

    expect((await fetch(`${served.url}/__sim/tokens/revoke`, { method: 'POST' })).status).toBe(204);
    await expectInvalidLogin(await call(`Bearer ${token}`));
    await expectInvalidLogin(await call(`Bearer ${convenience}`));
    expect(lastAuditDetail()).toBe('TokenRejected');

    expect((await served.ns(GOVERNANCE_LIMITS)).status).toBe(200);
  });

  it('gives issueAccessToken() tokens the same 3600 s life on the simulator clock', async () => {
    const token = served.sim.auth.issueAccessToken();
    served.sim.clock.advance(3_599_000);
    expect((await call(`Bearer ${token}`)).status).toBe(200);
    served.sim.clock.advance(1_000);
    await expectInvalidLogin(await call(`Bearer ${token}`));
  });

  it('answers a missing header, an unknown token or another scheme with 401 INVALID_LOGIN', async () => {
    await expectInvalidLogin(await call());
    await expectInvalidLogin(await call('Bearer not-a-token-we-issued'));
    expect(lastAuditDetail()).toBe('InvalidSignature');
    await expectInvalidLogin(await call('Basic dXNlcjpwYXNz'));
  });

  it('answers a malformed Authorization header with 400 invalid_request', async () => {
    for (const header of [
      'Bearer',
      'Bearer two tokens',
      'Bearer "quoted"',
      'OAuth realm=unquoted',
      '"quoted" scheme',
    ]) {
      const response = await call(header);
      expect(response.status, header).toBe(400);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="1234567_SB1", error="invalid_request"/);
      const body = (await response.json()) as { 'o:errorDetails': { 'o:errorCode': string }[] };
      expect(body['o:errorDetails'][0]?.['o:errorCode']).toBe('INVALID_REQUEST');
    }
  });

  it('accepts the scheme name in any case', async () => {
    expect((await call(`bearer ${served.sim.auth.issueAccessToken()}`)).status).toBe(200);
  });

  it('refuses a bad /__sim/clock body', async () => {
    for (const body of [{}, { advanceMs: -1 }, { advanceMs: 'soon' }]) {
      const response = await fetch(`${served.url}/__sim/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
    }
  });
});
