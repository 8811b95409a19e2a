import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import type { ConnectionSettings } from '../../../api/types.ts';
import { TextField } from '../fields.tsx';
import { SettingsSection } from '../SettingsSection.tsx';
import { checkOptionalId, type FieldErrors } from '../validate.ts';

/**
 * Where the store's regular prices come from: a NetSuite price level (and, in a multi-currency account, the
 * currency of the store's prices), or, left empty, the store itself: nothing is overwritten.
 */
export function PricesSection({ connectionId, settings }: { connectionId: string; settings: ConnectionSettings }) {
  const [values, setValues] = useState(() => ({
    priceLevelId: settings.priceLevelId ?? '',
    priceCurrencyId: settings.priceCurrencyId ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <SettingsSection
      title={__('Prices', 'ml-connector')}
      connectionId={connectionId}
      validate={() => {
        const found: FieldErrors = {};
        const patch = {
          priceLevelId: checkOptionalId(found, 'priceLevelId', values.priceLevelId),
          priceCurrencyId: checkOptionalId(found, 'priceCurrencyId', values.priceCurrencyId),
        };
        setErrors(found);
        return Object.keys(found).length > 0 ? null : patch;
      }}
    >
      <TextField
        label={__('Price level', 'ml-connector')}
        help={__(
          'The NetSuite price level id whose unit price becomes the regular price in WooCommerce (1 is Base Price in a standard account), read on the netsuite-prices schedule (hourly by default). Leave empty to manage prices in WooCommerce: nothing is overwritten.',
          'ml-connector',
        )}
        value={values.priceLevelId}
        onChange={(value) => setValues((current) => ({ ...current, priceLevelId: value }))}
        error={errors.priceLevelId}
      />
      <TextField
        label={__('Price currency id', 'ml-connector')}
        help={__(
          'Multi-currency accounts: the NetSuite currency id of the store’s prices. Leave empty when the account has one currency.',
          'ml-connector',
        )}
        value={values.priceCurrencyId}
        onChange={(value) => setValues((current) => ({ ...current, priceCurrencyId: value }))}
        error={errors.priceCurrencyId}
      />
    </SettingsSection>
  );
}
