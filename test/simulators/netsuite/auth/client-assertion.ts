import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from 'jose';
import type { Integration } from './registry.ts';

/** Token-endpoint error codes (spec §2a table, [S46]). */
export type TokenErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope';

export class TokenError extends Error {
  readonly code: TokenErrorCode;

  constructor(code: TokenErrorCode, description: string) {
    super(description);
    this.code = code;
  }
}

/** Algorithms of the current docs ([S44]); RS256 only when the account switch allows it (spec §10 item 1). */
const DOCUMENTED_ALGORITHMS = ['PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512'];
/** "exp must be less than 60 minutes greater than iat" — the simulator allows exactly 60 (spec §2a, §10 item 2). */
const MAX_ASSERTION_LIFETIME_S = 3600;
const SCOPES = new Set(['restlets', 'rest_webservices', 'suite_analytics']);

export interface AssertionContext {
  findIntegration(certificateId: string): Integration | undefined;
  rejectRs256: boolean;
  /** Simulator clock, ms. */
  now: number;
  audiences: string[];
}

/** Verifies a client-assertion JWT (spec §2a); returns the integration it authenticates or throws a TokenError. */
export async function verifyClientAssertion(assertion: string, context: AssertionContext): Promise<Integration> {
  const header = protectedHeader(assertion);
  const algorithm = header.alg ?? '';
  if (algorithm === 'RS256' && context.rejectRs256) {
    throw new TokenError('invalid_request', 'RS256 is not supported: sign the assertion with PS256 or ES256.');
  }
  const accepted = context.rejectRs256 ? DOCUMENTED_ALGORITHMS : [...DOCUMENTED_ALGORITHMS, 'RS256'];
  if (!accepted.includes(algorithm)) throw new TokenError('invalid_request', `Unsupported algorithm ${algorithm}.`);
  if (typeof header.kid !== 'string' || header.kid === '') {
    throw new TokenError('invalid_request', 'The assertion header has no kid (certificate id).');
  }
  const integration = context.findIntegration(header.kid);
  if (!integration) throw new TokenError('invalid_client', 'Unknown certificate id.');

  const payload = await verifiedPayload(assertion, integration, algorithm, context.now);
  if (payload.iss !== integration.clientId) {
    throw new TokenError('invalid_client', 'The issuer is not the client of this certificate.');
  }
  checkLifetime(payload);
  checkAudience(payload, context.audiences);
  checkScope(payload);
  return integration;
}

function protectedHeader(assertion: string) {
  try {
    return decodeProtectedHeader(assertion);
  } catch {
    throw new TokenError('invalid_request', 'The client assertion is not a JWT.');
  }
}

async function verifiedPayload(
  assertion: string,
  integration: Integration,
  algorithm: string,
  now: number,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(assertion, integration.publicKey, {
      algorithms: [algorithm],
      currentDate: new Date(now),
      requiredClaims: ['iss', 'aud', 'iat', 'exp'],
    });
    return payload;
  } catch (error) {
    throw assertionError(error);
  }
}

function assertionError(error: unknown): TokenError {
  if (error instanceof errors.JWTExpired) return new TokenError('invalid_grant', 'The assertion has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.reason === 'missing'
      ? new TokenError('invalid_request', `The assertion has no ${error.claim} claim.`)
      : new TokenError('invalid_grant', `The assertion's ${error.claim} claim is invalid.`);
  }
  if (error instanceof errors.JWTInvalid || error instanceof errors.JWSInvalid) {
    return new TokenError('invalid_request', 'The client assertion is not a valid JWT.');
  }
  // Signature mismatch, or a key that cannot verify this algorithm: not the registered certificate.
  return new TokenError('invalid_client', 'The assertion signature does not match the certificate.');
}

function checkLifetime(payload: JWTPayload): void {
  const { iat = 0, exp = 0 } = payload;
  if (exp - iat > MAX_ASSERTION_LIFETIME_S) {
    throw new TokenError('invalid_grant', 'exp must be at most 60 minutes after iat.');
  }
}

function checkAudience(payload: JWTPayload, audiences: string[]): void {
  const named = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!named.some((audience) => typeof audience === 'string' && audiences.includes(audience))) {
    throw new TokenError('invalid_grant', 'The audience is not the token endpoint of this account.');
  }
}

/** Oracle's example carries an array, docs and clients a comma string: both are accepted (spec §2a). */
function checkScope(payload: JWTPayload): void {
  const raw = payload.scope;
  const scopes =
    typeof raw === 'string'
      ? raw.split(',').map((scope) => scope.trim())
      : Array.isArray(raw) && raw.every((scope) => typeof scope === 'string')
        ? raw
        : undefined;
  if (!scopes || scopes.some((scope) => !SCOPES.has(scope))) {
    throw new TokenError('invalid_scope', 'scope must list restlets, rest_webservices and/or suite_analytics.');
  }
  if (!scopes.includes('rest_webservices')) {
    throw new TokenError('invalid_scope', 'The rest_webservices scope is needed for REST web services.');
  }
}
