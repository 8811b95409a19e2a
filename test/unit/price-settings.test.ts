/** The price settings of a connection: off by default, NetSuite internal ids only. */
import { describe, expect, it } from 'vitest';
import { mergeSettings, parseSettings } from '../../sidecar/src/connections/connection-settings.ts';

describe('connection settings: prices', () => {
  const settings = parseSettings({ masterLocationId: '1' });

  it('leaves prices to the store by default', () => {
    expect(settings).toMatchObject({ priceLevelId: null, priceCurrencyId: null });
  });

  it('takes a price level and a currency as internal ids, and null to turn prices off again', () => {
    const on = mergeSettings(settings, { priceLevelId: '1', priceCurrencyId: '2' });
    expect(on).toMatchObject({ priceLevelId: '1', priceCurrencyId: '2', masterLocationId: '1' });
    expect(mergeSettings(on, { priceLevelId: null })).toMatchObject({ priceLevelId: null, priceCurrencyId: '2' });
  });

  it('refuses a price level that is not an internal id, saying which setting', () => {
    for (const priceLevelId of ['Base Price', 1, '']) {
      expect(() => mergeSettings(settings, { priceLevelId })).toThrow(
        expect.objectContaining({
          code: 'INVALID_SETTINGS',
          message: expect.stringContaining('settings.priceLevelId'),
        }),
      );
    }
    expect(() => mergeSettings(settings, { priceCurrencyId: 'USD' })).toThrow(
      expect.objectContaining({
        code: 'INVALID_SETTINGS',
        message: expect.stringContaining('settings.priceCurrencyId'),
      }),
    );
  });
});
