import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import type { ConnectionSettings } from '../../../api/types.ts';
import { SettingsSection } from '../SettingsSection.tsx';
import { checkKeyedRows, type FieldErrors, toRows } from '../validate.ts';
import { KeyedRowsEditor } from './KeyedRowsEditor.tsx';

interface Props {
  connectionId: string;
  settings: ConnectionSettings;
}

const ANY = () => __('“*” stands for any other.', 'ml-connector');

/** WooCommerce shipping method_id (or `*`) → the NetSuite item its charge posts as (`shippingItems`). */
export function ShippingSection({ connectionId, settings }: Props) {
  const [rows, setRows] = useState(() => toRows(settings.shippingItems));
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <SettingsSection
      title={__('Shipping methods', 'ml-connector')}
      description={`${__('The NetSuite item each WooCommerce shipping method’s charge posts as.', 'ml-connector')} ${ANY()}`}
      connectionId={connectionId}
      validate={() => {
        const found: FieldErrors = {};
        const shippingItems = checkKeyedRows(found, 'shippingItems', rows);
        setErrors(found);
        return Object.keys(found).length > 0 ? null : { shippingItems };
      }}
    >
      <KeyedRowsEditor
        rows={rows}
        onChange={setRows}
        path="shippingItems"
        errors={errors}
        keyLabel={__('Shipping method id', 'ml-connector')}
        idLabel={__('NetSuite item id', 'ml-connector')}
        items
        addLabel={__('Add a shipping method', 'ml-connector')}
      />
    </SettingsSection>
  );
}

/** WooCommerce payment_method (or `*`) → the NetSuite account payments are deposited to (`paymentMethods`). */
export function PaymentSection({ connectionId, settings }: Props) {
  const [rows, setRows] = useState(() =>
    toRows(Object.fromEntries(Object.entries(settings.paymentMethods).map(([key, { accountId }]) => [key, accountId]))),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <SettingsSection
      title={__('Payment methods', 'ml-connector')}
      description={`${__('The NetSuite account each WooCommerce payment method is deposited to.', 'ml-connector')} ${ANY()}`}
      connectionId={connectionId}
      validate={() => {
        const found: FieldErrors = {};
        const ids = checkKeyedRows(found, 'paymentMethods', rows);
        setErrors(found);
        if (Object.keys(found).length > 0) return null;
        const paymentMethods = Object.fromEntries(Object.entries(ids).map(([key, accountId]) => [key, { accountId }]));
        return { paymentMethods };
      }}
    >
      <KeyedRowsEditor
        rows={rows}
        onChange={setRows}
        path="paymentMethods"
        errors={errors}
        keyLabel={__('Payment method', 'ml-connector')}
        idLabel={__('Deposit account id', 'ml-connector')}
        addLabel={__('Add a payment method', 'ml-connector')}
      />
    </SettingsSection>
  );
}

/** Who computes tax (`taxMode`) and, when WooCommerce's amounts are kept, the tax code per rate (`taxCodes`). */
export function TaxSection({ connectionId, settings }: Props) {
  const [taxMode, setTaxMode] = useState(settings.taxMode);
  const [rows, setRows] = useState(() => toRows(settings.taxCodes));
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <SettingsSection
      title={__('Tax', 'ml-connector')}
      connectionId={connectionId}
      validate={() => {
        const found: FieldErrors = {};
        const taxCodes = checkKeyedRows(found, 'taxCodes', rows);
        setErrors(found);
        return Object.keys(found).length > 0 ? null : { taxMode, taxCodes };
      }}
    >
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Tax amounts', 'ml-connector')}
        value={taxMode}
        onChange={setTaxMode}
        options={[
          { value: 'override' as const, label: __('As WooCommerce computed them (override)', 'ml-connector') },
          { value: 'netsuite' as const, label: __('NetSuite computes them', 'ml-connector') },
        ]}
      />
      <p>{`${__('WooCommerce tax rate id → NetSuite tax code id.', 'ml-connector')} ${ANY()}`}</p>
      <KeyedRowsEditor
        rows={rows}
        onChange={setRows}
        path="taxCodes"
        errors={errors}
        keyLabel={__('Tax rate id', 'ml-connector')}
        idLabel={__('Tax code id', 'ml-connector')}
        addLabel={__('Add a tax rate', 'ml-connector')}
      />
    </SettingsSection>
  );
}
