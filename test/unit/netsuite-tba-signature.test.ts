import { describe, expect, it } from 'vitest';
import {
  percentEncode,
  type TbaCredentials,
  tbaAuthorizationHeader,
  tbaBaseString,
  tbaNonce,
  tbaSignature,
} from '../../sidecar/src/netsuite/auth/tba-signature.ts';

/** Oracle's example credentials (spec §2b). */
const credentials: TbaCredentials = {
  consumerKey: 'ef40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4',
  consumerSecret: 'd26ad321a4b2f23b0741c8d38392ce01c3e23e109df6c96eac6d099e9ab9e8b5',
  tokenId: '2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc',
  tokenSecret: 'c29a677df7d5439a458c063654187e3d678d73aca8e3c9d8bea1478a3eb0d295',
};
const signing = { realm: '123456', nonce: 'fjaLirsIcCGVZWzBX0pg', timestamp: 1508242306 };

describe('TBA signature (spec §2b vectors)', () => {
  const employee = {
    ...signing,
    method: 'GET',
    url: 'https://123456.suitetalk.api.netsuite.com/services/rest/record/v1/employee/40',
  };

  it('builds the record-service base string byte for byte', () => {
    expect(tbaBaseString(credentials, employee)).toBe(
      'GET&https%3A%2F%2F123456.suitetalk.api.netsuite.com%2Fservices%2Frest%2Frecord%2Fv1%2Femployee%2F40&' +
        'oauth_consumer_key%3Def40afdd8abaac111b13825dd5e5e2ddddb44f86d5a0dd6dcf38c20aae6b67e4%26' +
        'oauth_nonce%3DfjaLirsIcCGVZWzBX0pg%26oauth_signature_method%3DHMAC-SHA256%26oauth_timestamp%3D1508242306%26' +
        'oauth_token%3D2b0ce516420110bcbd36b69e99196d1b7f6de3c6234c5afb799b73d87569f5cc%26oauth_version%3D1.0',
    );
  });

  it('signs the record-service vector', () => {
    expect(tbaSignature(credentials, employee)).toBe('B5OIWznZ2YP0OB7VrJrGkYsTh+8H+5T9Hag+o92q0zY=');
    const header = tbaAuthorizationHeader(credentials, employee);
    expect(header).toMatch(/^OAuth realm="123456",/);
    expect(header).toContain('oauth_signature="B5OIWznZ2YP0OB7VrJrGkYsTh%2B8H%2B5T9Hag%2Bo92q0zY%3D"');
    expect(header).toContain(`oauth_token="${credentials.tokenId}"`);
    expect(header).toContain(`oauth_consumer_key="${credentials.consumerKey}"`);
    expect(header).toContain('oauth_nonce="fjaLirsIcCGVZWzBX0pg"');
    expect(header).toContain('oauth_timestamp="1508242306"');
    expect(header).toContain('oauth_signature_method="HMAC-SHA256"');
    expect(header).toContain('oauth_version="1.0"');
    expect(header).not.toContain(credentials.consumerSecret);
    expect(header).not.toContain(credentials.tokenSecret);
  });

  it('signs the RESTlet vector, query parameters merged and sorted with the oauth ones', () => {
    const restlet = {
      ...signing,
      method: 'POST',
      url: 'https://123456.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=6&deploy=1&customParam=someValue&testParam=someOtherValue',
    };
    expect(tbaSignature(credentials, restlet)).toBe('+KK4SKNgz4ZiILGLwOMtfYlgcXSy1eis8ldE9X90azQ=');
    expect(tbaBaseString(credentials, restlet)).toMatch(
      /^POST&https%3A%2F%2F123456\.restlets\.api\.netsuite\.com%2Fapp%2Fsite%2Fhosting%2Frestlet\.nl&customParam%3DsomeValue%26deploy%3D1%26oauth_consumer_key/,
    );
  });

  it('signs query values decoded and re-encoded by RFC 3986 (space as %20, never +)', () => {
    const plus = { ...signing, method: 'GET', url: 'https://a.example/x?q=email+START_WITH+b%21' };
    const percent = { ...signing, method: 'GET', url: 'https://a.example/x?q=email%20START_WITH%20b!' };
    expect(tbaBaseString(credentials, plus)).toContain('q%3Demail%2520START_WITH%2520b%2521');
    expect(tbaSignature(credentials, plus)).toBe(tbaSignature(credentials, percent));
    expect(percentEncode("a b+c*!'()~")).toBe('a%20b%2Bc%2A%21%27%28%29~');
  });

  it('signs form parameters but not the host case or default port', () => {
    const base = { ...signing, method: 'post', url: 'HTTPS://123456.Suitetalk.API.netsuite.com:443/p' };
    expect(tbaBaseString(credentials, base)).toMatch(/^POST&https%3A%2F%2F123456\.suitetalk\.api\.netsuite\.com%2Fp&/);
    const withForm = tbaBaseString(credentials, { ...base, formParams: [['a', '1']] });
    expect(withForm).toContain('&a%3D1%26oauth_consumer_key');
  });

  it('draws fresh 20-character alphanumeric nonces', () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => tbaNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});
