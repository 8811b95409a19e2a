import type { AuthRegistry, IssuedToken } from './registry.ts';

/**
 * Login Audit Trail details of rejected OAuth 2.0 access tokens (subsect_158324637123): `AccessTokenExpired` for an
 * expired token, `InvalidSignature` for one NetSuite did not sign. Oracle lists no detail for a revoked token;
 * `TokenRejected` (its detail for a token that may not be used for access) is the simulator's choice.
 */
export type BearerFailure = 'AccessTokenExpired' | 'InvalidSignature' | 'TokenRejected';

export type BearerOutcome = { ok: true; issued: IssuedToken } | { ok: false; reason: BearerFailure };

export function verifyBearer(registry: AuthRegistry, token: string, now: number): BearerOutcome {
  const issued = registry.tokens.get(token);
  if (!issued) return { ok: false, reason: 'InvalidSignature' };
  if (issued.revoked) return { ok: false, reason: 'TokenRejected' };
  if (now >= issued.expiresAt) return { ok: false, reason: 'AccessTokenExpired' };
  return { ok: true, issued };
}
