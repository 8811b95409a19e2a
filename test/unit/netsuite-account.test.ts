import { describe, expect, it } from 'vitest';
import { hostSlug, resolveAccount, suiteTalkOrigin, tbaRealm } from '../../sidecar/src/netsuite/account.ts';

describe('NetSuite account ids (spec §1.1)', () => {
  it.each([
    ['1234567', '1234567', '1234567'],
    ['1234567_SB1', '1234567-sb1', '1234567_SB1'],
    ['1234567_SB2', '1234567-sb2', '1234567_SB2'],
    ['1234567_RP', '1234567-rp', '1234567_RP'],
    ['1234567_RP1', '1234567-rp1', '1234567_RP1'],
    ['TSTDRV1234567', 'tstdrv1234567', 'TSTDRV1234567'],
    ['5256042_sb1', '5256042-sb1', '5256042_SB1'],
  ])('%s → host %s, realm %s', (accountId, host, realm) => {
    expect(hostSlug(accountId)).toBe(host);
    expect(tbaRealm(accountId)).toBe(realm);
    expect(suiteTalkOrigin(accountId)).toBe(`https://${host}.suitetalk.api.netsuite.com`);
  });

  it('resolves the SuiteTalk origin, or an explicit one without its path', () => {
    expect(resolveAccount('1234567_SB1')).toEqual({
      id: '1234567_SB1',
      origin: 'https://1234567-sb1.suitetalk.api.netsuite.com',
    });
    expect(resolveAccount('TSTDRV1234567', 'http://127.0.0.1:8790')).toEqual({
      id: 'TSTDRV1234567',
      origin: 'http://127.0.0.1:8790',
    });
    expect(resolveAccount('1', 'http://127.0.0.1:8790/').origin).toBe('http://127.0.0.1:8790');
  });

  it('refuses what is not an account id or an origin', () => {
    expect(() => resolveAccount('1234567-sb1')).toThrow(/not a NetSuite account id/);
    expect(() => resolveAccount('12 34')).toThrow(/not a NetSuite account id/);
    expect(() => resolveAccount('1234567', 'http://127.0.0.1:8790/services/rest')).toThrow(/no path/);
    expect(() => resolveAccount('1234567', 'ftp://x')).toThrow(/http/);
  });
});
