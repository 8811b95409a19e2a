import type { Context } from 'hono';
import type { NetSuiteSimulator } from '../simulator.ts';
import { requestOrigin, tokenAudiences } from './account.ts';
import { TokenError, verifyClientAssertion } from './client-assertion.ts';
import { ACCESS_TOKEN_LIFETIME_S } from './registry.ts';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** `POST /services/rest/auth/oauth2/v1/token`: the client-credentials grant with a JWT assertion (spec §2a). */
export async function tokenEndpoint(c: Context, sim: NetSuiteSimulator): Promise<Response> {
  try {
    const form = await readForm(c);
    const grantType = single(form, 'grant_type');
    if (grantType !== 'client_credentials') {
      throw new TokenError('unsupported_grant_type', 'grant_type must be client_credentials.');
    }
    if (single(form, 'client_assertion_type') !== JWT_BEARER) {
      throw new TokenError('invalid_request', `client_assertion_type must be ${JWT_BEARER}.`);
    }
    const integration = await verifyClientAssertion(single(form, 'client_assertion'), {
      findIntegration: (certificateId) => sim.auth.integrations.get(certificateId),
      rejectRs256: sim.settings.rejectRs256,
      now: sim.clock.now(),
      audiences: tokenAudiences(sim.settings.accountId, requestOrigin(c.req.url, c.req.header('host'))),
    });
    const accessToken = sim.auth.issueAccessToken(integration.clientId);
    return c.json({ access_token: accessToken, expires_in: ACCESS_TOKEN_LIFETIME_S, token_type: 'Bearer' }, 200, {
      'Cache-Control': 'no-store',
    });
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    return tokenError(c, sim, error);
  }
}

async function readForm(c: Context): Promise<URLSearchParams> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw new TokenError('invalid_request', 'The request body must be application/x-www-form-urlencoded.');
  }
  return new URLSearchParams(await c.req.text());
}

/** A required parameter sent once (RFC 6749 §3.2: parameters must not be repeated); unknown ones are ignored. */
function single(form: URLSearchParams, name: string): string {
  const values = form.getAll(name);
  if (values.length !== 1 || values[0] === '') {
    throw new TokenError('invalid_request', `${name} must be sent exactly once.`);
  }
  return values[0] ?? '';
}

function tokenError(c: Context, sim: NetSuiteSimulator, error: TokenError): Response {
  const body = { error: error.code, error_description: error.message };
  if (error.code === 'invalid_client') {
    // NetSuite's token endpoint answers a failed client authentication with a Basic challenge ([S46]).
    return c.json(body, 401, {
      'WWW-Authenticate': `Basic realm="${sim.settings.accountId}"`,
      'Cache-Control': 'no-store',
    });
  }
  return c.json(body, 400, { 'Cache-Control': 'no-store' });
}
