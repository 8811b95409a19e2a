import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import type { TbaCredentials } from './registry.ts';
import { createTbaCredentials, registerTba, type TbaSigningOptions, tbaAuthorization } from './testing.ts';

const ACCOUNT = '1234567_SB1';
const GOVERNANCE_LIMITS = '/services/rest/system/v1/governanceLimits';

let served: ServedSimulator;
let credentials: TbaCredentials;

beforeAll(async () => {
  served = await startSimulator({ accountId: ACCOUNT });
});
afterAll(() => served.close());
beforeEach(async () => {
  await fetch(`${served.url}/__sim/reset`, { method: 'POST', body: JSON.stringify({ accountId: ACCOUNT }) });
  credentials = createTbaCredentials();
  await registerTba(served.url, credentials);
});

function signedCall(
  path: string,
  options: Partial<TbaSigningOptions> & { method?: string; signAs?: TbaCredentials; body?: URLSearchParams } = {},
) {
  const { method = 'GET', signAs = credentials, body, ...signing } = options;
  const url = `${served.url}${path}`;
  const authorization = tbaAuthorization(method, url, signAs, {
    accountId: ACCOUNT,
    ...(body ? { formParams: [...body] } : {}),
    ...signing,
  });
  return fetch(url, {
    method,
    headers: {
      authorization,
      ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(body ? { body } : {}),
  });
}

async function expectRejected(response: Response, reason: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toMatch(/^Bearer realm="1234567_SB1", error="invalid_token"/);
  const body = (await response.json()) as { 'o:errorDetails': { 'o:errorCode': string }[] };
  expect(body['o:errorDetails'][0]?.['o:errorCode']).toBe('INVALID_LOGIN');
  expect(served.sim.auth.loginAudit.at(-1)).toMatchObject({ scheme: 'TBA', status: 'Failure', detail: reason });
}

describe('Token-Based Authentication at the REST resources (spec §2b)', () => {
  it('accepts a correctly signed request, query parameters included', async () => {
    const response = await signedCall(`${GOVERNANCE_LIMITS}?limit=5&q=a%20b`);
    expect(response.status).toBe(200);
    expect(served.sim.auth.loginAudit.at(-1)).toMatchObject({
      scheme: 'TBA',
      status: 'Success',
      tokenId: credentials.tokenId,
      consumerKey: credentials.consumerKey,
    });
  });

  it('signs form-urlencoded bodies (passes authentication, then meets no such route)', async () => {
    const body = new URLSearchParams({ a: 'x y', b: '1' });
    expect((await signedCall(GOVERNANCE_LIMITS, { method: 'POST', body })).status).toBe(404);
  });

  it('refuses a bad signature', async () => {
    await expectRejected(
      await signedCall(GOVERNANCE_LIMITS, { signAs: { ...credentials, tokenSecret: 'wrong' } }),
      'InvalidSignature',
    );
  });

  it('refuses a signature made over a different query string', async () => {
    const url = `${served.url}${GOVERNANCE_LIMITS}?limit=5`;
    const authorization = tbaAuthorization('GET', url, credentials, { accountId: ACCOUNT });
    await expectRejected(await fetch(`${url}0`, { headers: { authorization } }), 'InvalidSignature');
  });

  it('refuses a reused nonce and timestamp', async () => {
    const nonce = 'aUniqueNonce123';
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await signedCall(GOVERNANCE_LIMITS, { nonce, timestamp })).status).toBe(200);
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { nonce, timestamp }), 'NonceUsed');
  });

  it('refuses a nonce shorter than six characters', async () => {
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { nonce: 'abcde' }), 'nonce_rejected');
  });

  it('refuses a timestamp more than five minutes off the simulator clock', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { timestamp: now - 301 }), 'InvalidTimestamp');
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { timestamp: now + 301 }), 'InvalidTimestamp');
    expect((await signedCall(GOVERNANCE_LIMITS, { timestamp: now - 290 })).status).toBe(200);

    served.sim.clock.advance(600_000);
    await expectRejected(await signedCall(GOVERNANCE_LIMITS), 'InvalidTimestamp');
  });

  it('refuses HMAC-SHA1', async () => {
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { signatureMethod: 'HMAC-SHA1' }), 'UnknownAlgorithm');
  });

  it('refuses a realm that is not the account id upper-case with underscore', async () => {
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { realm: '1234567_sb1' }), 'InvalidRealm');
    await expectRejected(await signedCall(GOVERNANCE_LIMITS, { realm: '1234567-SB1' }), 'InvalidRealm');
  });

  it('refuses unknown tokens and consumers', async () => {
    await expectRejected(
      await signedCall(GOVERNANCE_LIMITS, { signAs: { ...credentials, tokenId: 'unknown' } }),
      'token_rejected',
    );
    await expectRejected(
      await signedCall(GOVERNANCE_LIMITS, { signAs: { ...credentials, consumerKey: 'unknown' } }),
      'consumer_key_unknown',
    );
  });

  it('refuses a header without the required parameters', async () => {
    const response = await fetch(`${served.url}${GOVERNANCE_LIMITS}`, {
      headers: { authorization: `OAuth realm="${ACCOUNT}",oauth_token="${credentials.tokenId}"` },
    });
    await expectRejected(response, 'MissingTokenPassportRequiredFields');
  });

  it('exposes the login audit trail to out-of-process tests', async () => {
    await signedCall(GOVERNANCE_LIMITS, { signatureMethod: 'HMAC-SHA1' });
    const audit = (await (await fetch(`${served.url}/__sim/login-audit`)).json()) as { items: { detail: string }[] };
    expect(audit.items.at(-1)?.detail).toBe('UnknownAlgorithm');
  });
});
