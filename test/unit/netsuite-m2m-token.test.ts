import { decodeProtectedHeader, exportPKCS8, generateKeyPair, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  M2mTokenCache,
  parseTokenResponse,
  signClientAssertion,
  tokenRequestForm,
} from '../../sidecar/src/netsuite/auth/m2m-token.ts';
import { NetSuiteError } from '../../sidecar/src/netsuite/errors.ts';

const origin = 'https://1234567-sb1.suitetalk.api.netsuite.com';
const tokenUrl = `${origin}/services/rest/auth/oauth2/v1/token`;

describe('signClientAssertion', () => {
  it.each(['PS256', 'ES256'] as const)('signs a %s assertion NetSuite can verify with the certificate', async (alg) => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const pem = await exportPKCS8(privateKey);
    const now = Date.UTC(2026, 0, 5, 12, 0, 0);
    const assertion = await signClientAssertion(
      { clientId: 'client-abc', certificateId: 'cert-123', privateKey: pem, algorithm: alg },
      origin,
      now,
    );
    expect(decodeProtectedHeader(assertion)).toEqual({ typ: 'JWT', alg, kid: 'cert-123' });
    const { payload } = await jwtVerify(assertion, publicKey, {
      algorithms: [alg],
      issuer: 'client-abc',
      audience: tokenUrl,
      currentDate: new Date(now),
    });
    expect(payload.scope).toEqual(['rest_webservices']);
    expect(payload.iat).toBe(now / 1000);
    expect(payload.exp).toBe(now / 1000 + 300);
    expect(payload.jti).toMatch(/^[\w-]{20,}$/);
  });

  it('defaults to PS256, accepts an imported key, and never reuses a jti', async () => {
    const { privateKey } = await generateKeyPair('PS256');
    const credentials = { clientId: 'c', certificateId: 'k', privateKey };
    const [a, b] = await Promise.all([
      signClientAssertion(credentials, origin),
      signClientAssertion(credentials, origin),
    ]);
    expect(decodeProtectedHeader(a ?? '').alg).toBe('PS256');
    const jti = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()).jti;
    expect(jti(a ?? '')).not.toBe(jti(b ?? ''));
  });

  it('posts exactly the three documented form fields', () => {
    expect(tokenRequestForm('jwt')).toEqual({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: 'jwt',
    });
  });
});

describe('parseTokenResponse', () => {
  const now = 1_000_000;

  it('accepts token_type in any case and expires_in as a number or a string', () => {
    expect(parseTokenResponse('{"access_token":"a","expires_in":3600,"token_type":"Bearer"}', 'r', now)).toEqual({
      value: 'a',
      expiresAt: now + 3_600_000,
    });
    expect(parseTokenResponse('{"access_token":"b","expires_in":"1800","token_type":"bearer"}', 'r', now)).toEqual({
      value: 'b',
      expiresAt: now + 1_800_000,
    });
  });

  it.each([
    ['not json', 'not JSON'],
    ['{"expires_in":3600,"token_type":"Bearer"}', 'no access_token'],
    ['{"access_token":"a","token_type":"mac"}', 'not bearer'],
    ['{"access_token":"a","token_type":"Bearer","expires_in":"soon"}', 'expires_in'],
  ])('refuses %s', (body, why) => {
    let thrown: unknown;
    try {
      parseTokenResponse(body, 'POST /token', now);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(NetSuiteError);
    expect((thrown as NetSuiteError).code).toBe('NETSUITE_BAD_RESPONSE');
    expect((thrown as NetSuiteError).message).toContain(why);
  });
});

describe('M2mTokenCache', () => {
  const key = M2mTokenCache.keyOf('1234567_SB1', { clientId: 'c', certificateId: 'k' });

  function setup() {
    let now = 0;
    let issued = 0;
    const cache = new M2mTokenCache({ now: () => now });
    const fetchToken = async () => {
      issued++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { value: `token-${issued}`, expiresAt: now + 3_600_000 };
    };
    const advance = (ms: number) => {
      now += ms;
    };
    return { cache, fetchToken, issued: () => issued, advance };
  }

  it('fetches once for many concurrent callers and keeps the token until 55 minutes have passed', async () => {
    const { cache, fetchToken, issued, advance } = setup();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => cache.token(key, fetchToken)));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    advance(54 * 60_000);
    expect(await cache.token(key, fetchToken)).toBe('token-1');
    advance(60_001);
    const renewed = await Promise.all(Array.from({ length: 5 }, () => cache.token(key, fetchToken)));
    expect(new Set(renewed)).toEqual(new Set(['token-2']));
    expect(issued()).toBe(2);
  });

  it('drops a refused token, but not one another caller has already replaced', async () => {
    const { cache, fetchToken, issued } = setup();
    const first = await cache.token(key, fetchToken);
    cache.invalidate(key, first);
    const second = await cache.token(key, fetchToken);
    expect(second).toBe('token-2');
    cache.invalidate(key, first);
    expect(await cache.token(key, fetchToken)).toBe('token-2');
    expect(issued()).toBe(2);
  });

  it('lets every waiter see a failed fetch, and tries again on the next call', async () => {
    const cache = new M2mTokenCache();
    const failing = async () => {
      throw new Error('token endpoint down');
    };
    const results = await Promise.allSettled([cache.token(key, failing), cache.token(key, failing)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await cache.token(key, async () => ({ value: 'ok', expiresAt: Date.now() + 3_600_000 }))).toBe('ok');
  });

  it('keys tokens by account, client and certificate', () => {
    expect(M2mTokenCache.keyOf('A', { clientId: 'c', certificateId: 'k' })).not.toBe(
      M2mTokenCache.keyOf('A', { clientId: 'c', certificateId: 'k2' }),
    );
  });
});
