import { describe, expect, it } from 'vitest';
import { hmacSha256Signature, oauthHeader, parseOAuthParams, percentEncode, signatureBaseString } from './oauth1.ts';

/** Oracle's TBA example credentials (spec §2b). */
const CONSUMER_KEY = 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4';
const CONSUMER_SECRET = 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5';
const TOKEN_ID = '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc';
const TOKEN_SECRET = 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295';

const ORACLE_PARAMS: [string, string][] = [
  ['realm', '123456'],
  ['oauth_token', TOKEN_ID],
  ['oauth_consumer_key', CONSUMER_KEY],
  ['oauth_nonce', 'fjaLirsIcCGVZWzBX0pg'],
  ['oauth_timestamp', '1508242306'],
  ['oauth_signature_method', 'HMAC-SHA256'],
  ['oauth_version', '1.0'],
];

describe('TBA signature (spec §2b test vectors)', () => {
  it('signs the REST web services vector byte-exact', () => {
    const baseString = signatureBaseString({
      method: 'GET',
      url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
      oauthParams: ORACLE_PARAMS,
    });
    expect(baseString).toBe(
      'GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0',
    );
    const signature = hmacSha256Signature(baseString, CONSUMER_SECRET, TOKEN_SECRET);
    expect(signature).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
    expect(percentEncode(signature)).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D');
  });

  it('signs the RESTlet vector byte-exact, query parameters merged and sorted, not in the base URI', () => {
    const baseString = signatureBaseString({
      method: 'POST',
      url: 'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
      oauthParams: ORACLE_PARAMS,
    });
    expect(baseString).toBe(
      'POST&https%3A%2F%2F123456.restlets.api.netsuite.com%2Fapp%2Fsite%2Fhosting%2Frestlet.nl&customParam%3DsomeValue%26deploy%3D1%26oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0%26script%3D6%26testParam%3DsomeOtherValue',
    );
    expect(hmacSha256Signature(baseString, CONSUMER_SECRET, TOKEN_SECRET)).toBe(
      '+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=',
    );
  });

  it('lower-cases scheme and host, drops the default port, keeps other ports', () => {
    const sign = (url: string) => signatureBaseString({ method: 'get', url, oauthParams: [] });
    expect(sign('HTTPS://123456.SuiteTalk.api.netsuite.com:443/services/rest/x')).toBe(
      'GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Fx&',
    );
    expect(sign('http://127.0.0.1:8790/services/rest/x')).toBe(
      'GET&http%3A%2F%2F127.0.0.1%3A8790%2Fservices%2Frest%2Fx&',
    );
  });

  it('encodes with the RFC 3986 unreserved set (space as %20, never +) and signs form bodies', () => {
    expect(percentEncode("a b+c*!'()~._-")).toBe('a%20b%2Bc%2A%21%27%28%29~._-');
    const baseString = signatureBaseString({
      method: 'POST',
      url: 'https://h.example/p?q=a+b&q=a',
      oauthParams: [['oauth_nonce', 'n0nce!']],
      formParams: [
        ['z', 'last'],
        ['a', 'x y'],
      ],
    });
    expect(baseString).toBe(
      'POST&https%3A%2F%2Fh.example%2Fp&a%3Dx%2520y%26oauth_nonce%3Dn0nce%2521%26q%3Da%26q%3Da%2520b%26z%3Dlast',
    );
  });
});

describe('OAuth Authorization header', () => {
  it('parses what it writes, decoding values', () => {
    const header = oauthHeader([...ORACLE_PARAMS, ['oauth_signature', 'B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=']]);
    expect(header).toContain('oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"');
    const params = parseOAuthParams(header.slice('OAuth '.length));
    expect(params?.get('realm')).toBe('123456');
    expect(params?.get('oauth_signature')).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
  });

  it('accepts spaces after commas and refuses broken syntax or repeated parameters', () => {
    expect(parseOAuthParams('realm="1", oauth_nonce="abc"')?.get('oauth_nonce')).toBe('abc');
    expect(parseOAuthParams('realm=1')).toBeUndefined();
    expect(parseOAuthParams('realm="1" oauth_nonce="x"')).toBeUndefined();
    expect(parseOAuthParams('oauth_nonce="a",oauth_nonce="b"')).toBeUndefined();
    expect(parseOAuthParams('')).toBeUndefined();
  });
});
