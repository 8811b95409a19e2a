/**
 * Client-side helpers for tests that authenticate against the simulator the way a connector would: register an
 * integration (M2M certificate) or TBA token through `/__sim`, sign client assertions, sign TBA requests.
 */
import { randomBytes } from 'node:crypto';
import { type CryptoKey, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { realmOf, TOKEN_PATH } from './account.ts';
import { hmacSha256Signature, oauthHeader, signatureBaseString } from './oauth1.ts';
import type { TbaCredentials } from './registry.ts';

export interface M2mCredentials {
  clientId: string;
  certificateId: string;
  algorithm: string;
  privateKey: CryptoKey;
  publicKeyPem: string;
}

/** A fresh key pair for `algorithm`; RSA keys get 3072 bits, the smallest NetSuite accepts ([S45]). */
export async function createM2mCredentials(algorithm = 'PS256', name = 'connector'): Promise<M2mCredentials> {
  const { privateKey, publicKey } = await generateKeyPair(algorithm, { modulusLength: 3072, extractable: true });
  return {
    clientId: `${name}-client-${randomBytes(4).toString('hex')}`,
    certificateId: `${name}-cert-${randomBytes(4).toString('hex')}`,
    algorithm,
    privateKey,
    publicKeyPem: await exportSPKI(publicKey),
  };
}

/** `POST /__sim/integrations` for these credentials; throws unless the simulator answers 201. */
export async function registerIntegration(baseUrl: string, credentials: M2mCredentials): Promise<void> {
  const { clientId, certificateId, publicKeyPem } = credentials;
  const response = await fetch(`${baseUrl}/__sim/integrations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientId, certificateId, publicKeyPem }),
  });
  if (response.status !== 201)
    throw new Error(`registering the integration: ${response.status} ${await response.text()}`);
}

export interface AssertionOptions {
  /** Defaults to the token URL on the simulator's own origin. */
  aud?: string | string[];
  scope?: string | string[];
  /** Seconds since the epoch; defaults to now (wall clock: move it when the simulator clock was advanced). */
  iat?: number;
  /** Seconds after `iat`; 300 by default, as the spec recommends clients do. */
  lifetimeS?: number;
  /** Overrides of the header algorithm or kid, to build refused assertions. */
  alg?: string;
  kid?: string;
  extraClaims?: JWTPayload;
}

/** A client-assertion JWT as spec §2a describes it. */
export async function signClientAssertion(
  baseUrl: string,
  credentials: M2mCredentials,
  options: AssertionOptions = {},
): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  return new SignJWT({ scope: options.scope ?? ['restlets', 'rest_webservices'], ...options.extraClaims })
    .setProtectedHeader({
      typ: 'JWT',
      alg: options.alg ?? credentials.algorithm,
      kid: options.kid ?? credentials.certificateId,
    })
    .setIssuer(credentials.clientId)
    .setAudience(options.aud ?? `${baseUrl}${TOKEN_PATH}`)
    .setIssuedAt(iat)
    .setExpirationTime(iat + (options.lifetimeS ?? 300))
    .setJti(randomBytes(12).toString('base64url'))
    .sign(credentials.privateKey);
}

/** Posts the client-credentials grant; returns the raw response. */
export function requestToken(baseUrl: string, assertion: string, extraFields: Record<string, string> = {}) {
  return fetch(`${baseUrl}${TOKEN_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
      ...extraFields,
    }),
  });
}

/** Registers fresh credentials and returns a bearer token obtained through the token endpoint. */
export async function obtainAccessToken(baseUrl: string, algorithm = 'PS256'): Promise<string> {
  const credentials = await createM2mCredentials(algorithm);
  await registerIntegration(baseUrl, credentials);
  const response = await requestToken(baseUrl, await signClientAssertion(baseUrl, credentials));
  if (response.status !== 200) throw new Error(`token endpoint: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export function createTbaCredentials(): TbaCredentials {
  const hex = () => randomBytes(32).toString('hex');
  return { consumerKey: hex(), consumerSecret: hex(), tokenId: hex(), tokenSecret: hex() };
}

export async function registerTba(baseUrl: string, credentials: TbaCredentials): Promise<void> {
  const response = await fetch(`${baseUrl}/__sim/tba`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(credentials),
  });
  if (response.status !== 201)
    throw new Error(`registering TBA credentials: ${response.status} ${await response.text()}`);
}

export interface TbaSigningOptions {
  accountId: string;
  nonce?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
  signatureMethod?: string;
  realm?: string;
  formParams?: [string, string][];
}

/** An `Authorization: OAuth …` value for one request (spec §2b). */
export function tbaAuthorization(
  method: string,
  url: string,
  credentials: TbaCredentials,
  options: TbaSigningOptions,
): string {
  const oauthParams: [string, string][] = [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_token', credentials.tokenId],
    ['oauth_nonce', options.nonce ?? randomBytes(15).toString('base64url')],
    ['oauth_timestamp', String(options.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_signature_method', options.signatureMethod ?? 'HMAC-SHA256'],
    ['oauth_version', '1.0'],
  ];
  const baseString = signatureBaseString({ method, url, oauthParams, formParams: options.formParams ?? [] });
  const signature = hmacSha256Signature(baseString, credentials.consumerSecret, credentials.tokenSecret);
  return oauthHeader([
    ['realm', options.realm ?? realmOf(options.accountId)],
    ...oauthParams,
    ['oauth_signature', signature],
  ]);
}
