import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSPKI, generateKeyPair, importPKCS8 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ServedSimulator, startSimulator } from '../test-support.ts';
import { TOKEN_PATH } from './account.ts';
import {
  createM2mCredentials,
  type M2mCredentials,
  registerIntegration,
  requestToken,
  signClientAssertion,
} from './testing.ts';

const GOVERNANCE_LIMITS = '/services/rest/system/v1/governanceLimits';

let served: ServedSimulator;
let ps256: M2mCredentials;
let es256: M2mCredentials;

beforeAll(async () => {
  served = await startSimulator({ accountId: '1234567_SB1' });
  [ps256, es256] = await Promise.all([createM2mCredentials('PS256'), createM2mCredentials('ES256')]);
  await registerIntegration(served.url, ps256);
  await registerIntegration(served.url, es256);
});
afterAll(() => served.close());

async function tokenFor(credentials: M2mCredentials, options: Parameters<typeof signClientAssertion>[2] = {}) {
  return requestToken(served.url, await signClientAssertion(served.url, credentials, options));
}

async function expectTokenError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: string; error_description?: string };
  expect(body.error).toBe(error);
  return body;
}

describe('token endpoint: client credentials with a JWT assertion (spec §2a)', () => {
  it.each([
    ['PS256', () => ps256],
    ['ES256', () => es256],
  ])('issues a 60-minute bearer token for a %s assertion, usable on REST calls', async (_alg, credentials) => {
    const response = await tokenFor(credentials());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(body.expires_in).toBe(3600);
    expect(body.token_type).toBe('Bearer');
    expect(typeof body.access_token).toBe('string');

    const call = await fetch(`${served.url}${GOVERNANCE_LIMITS}`, {
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(call.status).toBe(200);
  });

  it('ignores unknown form fields such as client_id', async () => {
    const assertion = await signClientAssertion(served.url, ps256);
    const response = await requestToken(served.url, assertion, { client_id: ps256.clientId });
    expect(response.status).toBe(200);
  });

  it('accepts scope as an array and as a comma string, and needs rest_webservices', async () => {
    expect((await tokenFor(ps256, { scope: ['restlets', 'rest_webservices', 'suite_analytics'] })).status).toBe(200);
    expect((await tokenFor(ps256, { scope: 'rest_webservices,suite_analytics' })).status).toBe(200);
    expect((await tokenFor(ps256, { scope: 'rest_webservices' })).status).toBe(200);
    await expectTokenError(await tokenFor(ps256, { scope: ['restlets'] }), 400, 'invalid_scope');
    await expectTokenError(await tokenFor(ps256, { scope: 'rest_webservices,everything' }), 400, 'invalid_scope');
  });

  it('allows exp − iat of 3600 s and refuses 3601 s', async () => {
    expect((await tokenFor(ps256, { lifetimeS: 3600 })).status).toBe(200);
    await expectTokenError(await tokenFor(ps256, { lifetimeS: 3601 }), 400, 'invalid_grant');
  });

  it('refuses an expired assertion', async () => {
    const iat = Math.floor(Date.now() / 1000) - 400;
    await expectTokenError(await tokenFor(ps256, { iat, lifetimeS: 300 }), 400, 'invalid_grant');
  });

  it('accepts the production token URL on either host of the account, refuses any other audience', async () => {
    const suitetalk = `https://1234567-sb1.suitetalk.api.netsuite.com${TOKEN_PATH}`;
    const restlets = `https://1234567-sb1.restlets.api.netsuite.com${TOKEN_PATH}`;
    expect((await tokenFor(ps256, { aud: suitetalk })).status).toBe(200);
    expect((await tokenFor(ps256, { aud: restlets })).status).toBe(200);
    await expectTokenError(
      await tokenFor(ps256, { aud: `https://7654321.suitetalk.api.netsuite.com${TOKEN_PATH}` }),
      400,
      'invalid_grant',
    );
    await expectTokenError(
      await tokenFor(ps256, { aud: `https://1234567_SB1.suitetalk.api.netsuite.com${TOKEN_PATH}` }),
      400,
      'invalid_grant',
    );
    await expectTokenError(await tokenFor(ps256, { aud: `${served.url}/services/rest` }), 400, 'invalid_grant');
  });

  it('answers an unknown certificate id, a foreign issuer or a foreign signature with 401 invalid_client', async () => {
    const unknownKid = await tokenFor(ps256, { kid: 'no-such-certificate' });
    await expectTokenError(unknownKid, 401, 'invalid_client');
    expect(unknownKid.headers.get('www-authenticate')).toBe('Basic realm="1234567_SB1"');

    await expectTokenError(await tokenFor({ ...ps256, clientId: 'someone-else' }), 401, 'invalid_client');
    const stranger = await createM2mCredentials('ES256');
    await expectTokenError(await tokenFor({ ...stranger, certificateId: es256.certificateId }), 401, 'invalid_client');
  });

  it('refuses RS256 with 400 invalid_request while rejectRs256 is on (the default)', async () => {
    const rs256 = await createM2mCredentials('RS256');
    await registerIntegration(served.url, rs256);
    const body = await expectTokenError(await tokenFor(rs256), 400, 'invalid_request');
    expect(body.error_description).toMatch(/RS256/);
  });

  it('refuses algorithms outside the documented list with 400 invalid_request', async () => {
    const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    for (const alg of ['HS256', 'none']) {
      const header = segment({ typ: 'JWT', alg, kid: ps256.certificateId });
      const payload = segment({ iss: ps256.clientId, scope: 'rest_webservices', iat: now, exp: now + 300 });
      await expectTokenError(await requestToken(served.url, `${header}.${payload}.c2ln`), 400, 'invalid_request');
    }
  });

  it('answers malformed requests per the token-endpoint table', async () => {
    const assertion = await signClientAssertion(served.url, ps256);
    const post = (body: string, type = 'application/x-www-form-urlencoded') =>
      fetch(`${served.url}${TOKEN_PATH}`, { method: 'POST', headers: { 'content-type': type }, body });
    const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
    const jwtBearer = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

    await expectTokenError(
      await post(form({ grant_type: 'password', client_assertion_type: jwtBearer, client_assertion: assertion })),
      400,
      'unsupported_grant_type',
    );
    await expectTokenError(
      await post(form({ grant_type: 'client_credentials', client_assertion_type: jwtBearer })),
      400,
      'invalid_request',
    );
    await expectTokenError(
      await post(
        form({ grant_type: 'client_credentials', client_assertion_type: 'basic', client_assertion: assertion }),
      ),
      400,
      'invalid_request',
    );
    await expectTokenError(
      await post(
        form({ grant_type: 'client_credentials', client_assertion_type: jwtBearer, client_assertion: 'not.a.jwt' }),
      ),
      400,
      'invalid_request',
    );
    await expectTokenError(
      await post(
        JSON.stringify({
          grant_type: 'client_credentials',
          client_assertion_type: jwtBearer,
          client_assertion: assertion,
        }),
        'application/json',
      ),
      400,
      'invalid_request',
    );
  });

  it('is neither governed nor authenticated', async () => {
    await fetch(`${served.url}/__sim/requests`, { method: 'DELETE' });
    expect((await tokenFor(es256)).status).toBe(200);
    const log = (await (await fetch(`${served.url}/__sim/requests`)).json()) as { items: unknown[] };
    expect(log.items).toEqual([]);
  });
});

describe('RS256 with rejectRs256: false (spec §10 item 1)', () => {
  let lenient: ServedSimulator;
  beforeAll(async () => {
    lenient = await startSimulator({ rejectRs256: false });
  });
  afterAll(() => lenient.close());

  it('accepts an RS256 assertion', async () => {
    const rs256 = await createM2mCredentials('RS256');
    await registerIntegration(lenient.url, rs256);
    const response = await requestToken(lenient.url, await signClientAssertion(lenient.url, rs256));
    expect(response.status).toBe(200);
  });
});

describe('integration registration (spec §2a certificate requirements)', () => {
  let workDir: string;
  beforeAll(() => {
    workDir = mkdtempSync(join(tmpdir(), 'ns-sim-cert-'));
  });
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  const register = (body: unknown) =>
    fetch(`${served.url}/__sim/integrations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  function selfSigned(name: string, keyArgs: string[], days = 365) {
    const keyFile = join(workDir, `${name}.key.pem`);
    const certFile = join(workDir, `${name}.cert.pem`);
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        '-x509',
        ...keyArgs,
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-nodes',
        '-days',
        String(days),
        '-subj',
        '/CN=ml-connector',
      ],
      { stdio: 'pipe', timeout: 60_000 },
    );
    return { privateKeyPem: readFileSync(keyFile, 'utf8'), certificatePem: readFileSync(certFile, 'utf8') };
  }

  it('accepts an X.509 certificate made with Oracle’s openssl command (RSA, PSS self-signature) for PS256', async () => {
    const { privateKeyPem, certificatePem } = selfSigned('rsa', [
      '-newkey',
      'rsa:3072',
      '-sigopt',
      'rsa_padding_mode:pss',
      '-sha256',
      '-sigopt',
      'rsa_pss_saltlen:64',
    ]);
    const credentials: M2mCredentials = {
      clientId: 'cert-client-rsa',
      certificateId: 'cert-rsa',
      algorithm: 'PS256',
      privateKey: await importPKCS8(privateKeyPem, 'PS256'),
      publicKeyPem: certificatePem,
    };
    await registerIntegration(served.url, credentials);
    expect((await tokenFor(credentials)).status).toBe(200);
  });

  it('accepts an EC P-256 X.509 certificate for ES256', async () => {
    const { privateKeyPem, certificatePem } = selfSigned('ec', [
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
    ]);
    const credentials: M2mCredentials = {
      clientId: 'cert-client-ec',
      certificateId: 'cert-ec',
      algorithm: 'ES256',
      privateKey: await importPKCS8(privateKeyPem, 'ES256'),
      publicKeyPem: certificatePem,
    };
    await registerIntegration(served.url, credentials);
    expect((await tokenFor(credentials)).status).toBe(200);
  });

  it('refuses keys and certificates NetSuite would not accept', async () => {
    const small = await generateKeyPair('PS256', { modulusLength: 2048, extractable: true });
    const smallPem = await exportSPKI(small.publicKey);
    expect((await register({ clientId: 'c', certificateId: 'small', publicKeyPem: smallPem })).status).toBe(400);

    const { certificatePem } = selfSigned('long', ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 800);
    expect((await register({ clientId: 'c', certificateId: 'long', publicKeyPem: certificatePem })).status).toBe(400);

    expect((await register({ clientId: 'c', certificateId: 'junk', publicKeyPem: 'junk' })).status).toBe(400);
    expect((await register({ clientId: 'c' })).status).toBe(400);
  });

  it('keeps at most five certificates per integration', async () => {
    const pem = es256.publicKeyPem;
    for (let index = 0; index < 5; index++) {
      expect((await register({ clientId: 'five', certificateId: `five-${index}`, publicKeyPem: pem })).status).toBe(
        201,
      );
    }
    expect((await register({ clientId: 'five', certificateId: 'five-6', publicKeyPem: pem })).status).toBe(400);
  });
});
