import { type KeyObject, randomBytes } from 'node:crypto';

/** What the registry needs of the simulator clock. */
export interface Clock {
  now(): number;
}

/** An integration record mapped for the client-credentials grant: client id + one certificate (spec §2a). */
export interface Integration {
  clientId: string;
  certificateId: string;
  publicKey: KeyObject;
}

/** Consumer (integration record) and token (user + role) credentials of Token-Based Authentication (spec §2b). */
export interface TbaCredentials {
  consumerKey: string;
  consumerSecret: string;
  tokenId: string;
  tokenSecret: string;
}

export interface IssuedToken {
  expiresAt: number;
  revoked: boolean;
  clientId: string | undefined;
}

/** One line of NetSuite's Login Audit Trail: `detail` carries the documented reason of a failure. */
export interface LoginAuditEntry {
  date: string;
  status: 'Success' | 'Failure';
  scheme: 'OAuth 2.0' | 'TBA';
  detail: string;
  requestUri: string;
  clientId?: string;
  consumerKey?: string;
  tokenId?: string;
}

/** Access tokens live 60 minutes (spec §2a). */
export const ACCESS_TOKEN_LIFETIME_S = 3600;
/** NetSuite allows only five active certificates per integration ([S45]). */
export const MAX_CERTIFICATES_PER_INTEGRATION = 5;
const MAX_AUDIT_ENTRIES = 10_000;
/** Long-expired tokens are forgotten so a long-running simulator does not grow without bound. */
const FORGET_EXPIRED_AFTER_MS = 24 * 3600 * 1000;

/** The account's credentials: integrations, TBA tokens, issued access tokens, used nonces, login audit trail. */
export class AuthRegistry {
  /** Wall time until `registerAuthRoutes` binds `sim.clock` (simulator.ts constructs the registry without it). */
  #clock: Clock = { now: () => Date.now() };
  /** By certificate id (the JWT `kid`). */
  readonly integrations = new Map<string, Integration>();
  /** By token id. */
  readonly tba = new Map<string, TbaCredentials>();
  readonly tokens = new Map<string, IssuedToken>();
  /** `tokenId nonce timestamp` → timestamp (s): NetSuite refuses a nonce+timestamp pair a user has sent before. */
  readonly usedNonces = new Map<string, number>();
  loginAudit: LoginAuditEntry[] = [];

  useClock(clock: Clock): void {
    this.#clock = clock;
  }

  reset(): void {
    this.integrations.clear();
    this.tba.clear();
    this.tokens.clear();
    this.usedNonces.clear();
    this.loginAudit = [];
  }

  /** Test convenience: a valid access token without the token endpoint (for record and SuiteQL tests). */
  issueAccessToken(clientId?: string): string {
    this.#forgetLongExpiredTokens();
    const token = randomBytes(32).toString('base64url');
    this.tokens.set(token, {
      expiresAt: this.#clock.now() + ACCESS_TOKEN_LIFETIME_S * 1000,
      revoked: false,
      clientId,
    });
    return token;
  }

  revokeAllTokens(): void {
    for (const token of this.tokens.values()) token.revoked = true;
  }

  certificatesOf(clientId: string): Integration[] {
    return [...this.integrations.values()].filter((integration) => integration.clientId === clientId);
  }

  audit(entry: Omit<LoginAuditEntry, 'date'>): void {
    this.loginAudit.push({ date: new Date(this.#clock.now()).toISOString(), ...entry });
    if (this.loginAudit.length > MAX_AUDIT_ENTRIES) this.loginAudit.shift();
  }

  #forgetLongExpiredTokens(): void {
    const horizon = this.#clock.now() - FORGET_EXPIRED_AFTER_MS;
    for (const [token, issued] of this.tokens) {
      if (issued.expiresAt < horizon) this.tokens.delete(token);
    }
  }
}
