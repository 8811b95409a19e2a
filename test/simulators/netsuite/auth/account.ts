/** How NetSuite writes one account id in different places (spec §1.1). */

/** TBA `realm`: the account id upper-cased, underscore kept (`1234567_SB1`). */
export function realmOf(accountId: string): string {
  return accountId.toUpperCase();
}

/** Host slug: the account id lower-cased with `_` → `-` (`1234567-sb1`). */
export function hostSlugOf(accountId: string): string {
  return accountId.toLowerCase().replaceAll('_', '-');
}

export const TOKEN_PATH = '/services/rest/auth/oauth2/v1/token';

/**
 * Token-endpoint URLs a client assertion may name as `aud`: the URL the client actually called, and the production
 * form on either account host (Oracle's own example assertion used the restlets host, spec §2a).
 */
export function tokenAudiences(accountId: string, requestOrigin: string): string[] {
  const slug = hostSlugOf(accountId);
  return [
    `${requestOrigin}${TOKEN_PATH}`,
    `https://${slug}.suitetalk.api.netsuite.com${TOKEN_PATH}`,
    `https://${slug}.restlets.api.netsuite.com${TOKEN_PATH}`,
  ];
}

/** `scheme://host[:port]` as the client addressed the simulator: its Host header and the connection's scheme. */
export function requestOrigin(requestUrl: string, hostHeader: string | undefined): string {
  const url = new URL(requestUrl);
  return `${url.protocol}//${(hostHeader ?? url.host).toLowerCase()}`;
}

/** The full URL as the client addressed it, for the TBA signature (spec §2b: base URI from scheme and host). */
export function addressedUrl(requestUrl: string, hostHeader: string | undefined): string {
  const url = new URL(requestUrl);
  return `${requestOrigin(requestUrl, hostHeader)}${url.pathname}${url.search}`;
}
