import type { Context, MiddlewareHandler } from 'hono';
import { errorBody, MEDIA_TYPE } from '../responses.ts';
import type { NetSuiteSimulator } from '../simulator.ts';
import { addressedUrl, realmOf, TOKEN_PATH } from './account.ts';
import { readAuthorization } from './authorization-header.ts';
import { verifyBearer } from './bearer.ts';
import type { AuthRegistry, LoginAuditEntry } from './registry.ts';
import { verifyTba } from './tba.ts';

const INVALID_LOGIN =
  'Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at Setup > Users/Roles > User Management > View Login Audit Trail.';
const MALFORMED = 'The request could not be understood by the server due to malformed syntax.';

/**
 * Lets through requests carrying a live bearer token or a valid TBA signature; everything else gets NetSuite's
 * 401 INVALID_LOGIN (spec §2a "Bearer token rejected"), or 400 `invalid_request` for an unreadable header ([S46]).
 */
export function authenticate(sim: NetSuiteSimulator): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === TOKEN_PATH) return next();
    const registry = sim.auth;
    const now = sim.clock.now();
    const requestUri = c.req.url;
    const credentials = readAuthorization(c.req.header('authorization'));
    switch (credentials.scheme) {
      case 'malformed':
        return malformedAuthorization(c, sim);
      case 'bearer': {
        const outcome = verifyBearer(registry, credentials.token, now);
        recordLogin(registry, 'OAuth 2.0', outcome, requestUri, {
          clientId: outcome.ok ? outcome.issued.clientId : undefined,
        });
        return outcome.ok ? next() : invalidLogin(c, sim);
      }
      case 'oauth': {
        const outcome = verifyTba(registry, {
          method: c.req.method,
          url: addressedUrl(c.req.url, c.req.header('host')),
          params: credentials.params,
          formParams: await formParams(c),
          now,
          realm: realmOf(sim.settings.accountId),
        });
        recordLogin(registry, 'TBA', outcome, requestUri, {
          consumerKey: credentials.params.get('oauth_consumer_key'),
          tokenId: credentials.params.get('oauth_token'),
        });
        return outcome.ok ? next() : invalidLogin(c, sim);
      }
      default:
        return invalidLogin(c, sim);
    }
  };
}

/** Every login attempt goes to the Login Audit Trail, a failure with its reason as `detail` ([S50]). */
function recordLogin(
  registry: AuthRegistry,
  scheme: LoginAuditEntry['scheme'],
  outcome: { ok: true } | { ok: false; reason: string },
  requestUri: string,
  who: Partial<Record<'clientId' | 'consumerKey' | 'tokenId', string | undefined>>,
): void {
  const known = Object.fromEntries(Object.entries(who).filter(([, value]) => value)) as Record<string, string>;
  registry.audit({
    scheme,
    status: outcome.ok ? 'Success' : 'Failure',
    detail: outcome.ok ? '' : outcome.reason,
    requestUri,
    ...known,
  });
}

/** Only `application/x-www-form-urlencoded` bodies take part in the signature (spec §2b step 3). */
async function formParams(c: Context): Promise<[string, string][]> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return [];
  // HonoRequest caches the body, so the handler can still read it.
  return [...new URLSearchParams(await c.req.text())];
}

function invalidLogin(c: Context, sim: NetSuiteSimulator): Response {
  return c.body(JSON.stringify(errorBody(401, [{ detail: INVALID_LOGIN, 'o:errorCode': 'INVALID_LOGIN' }])), 401, {
    'Content-Type': MEDIA_TYPE.error,
    'WWW-Authenticate': `Bearer realm="${sim.settings.accountId}", error="invalid_token", error_description="Invalid login attempt."`,
  });
}

function malformedAuthorization(c: Context, sim: NetSuiteSimulator): Response {
  const body = errorBody(400, [
    { detail: MALFORMED, 'o:errorCode': 'INVALID_REQUEST', 'o:errorHeader': 'Authorization' },
  ]);
  return c.body(JSON.stringify(body), 400, {
    'Content-Type': MEDIA_TYPE.error,
    'WWW-Authenticate': `Bearer realm="${sim.settings.accountId}", error="invalid_request", error_description="${MALFORMED}"`,
  });
}
