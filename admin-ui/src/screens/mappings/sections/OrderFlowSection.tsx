import { CheckboxControl, SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import { type ConnectionSettings, ORDER_STATUSES, type OrderStatus } from '../../../api/types.ts';
import { FieldError, TextField } from '../fields.tsx';
import { SettingsSection } from '../SettingsSection.tsx';
import { type FieldErrors, isTimeZone, messages } from '../validate.ts';

/** Which orders are sent (statuses), what NetSuite gets besides the sales order, and whose calendar days count. */
export function OrderFlowSection({ connectionId, settings }: { connectionId: string; settings: ConnectionSettings }) {
  const [statuses, setStatuses] = useState<OrderStatus[]>(settings.orderStatuses);
  const [postingMode, setPostingMode] = useState(settings.postingMode);
  const [timeZone, setTimeZone] = useState(settings.netsuiteTimeZone);
  const [errors, setErrors] = useState<FieldErrors>({});

  const validate = () => {
    const found: FieldErrors = {};
    if (statuses.length === 0) found.orderStatuses = messages.statuses();
    const netsuiteTimeZone = timeZone.trim();
    if (!isTimeZone(netsuiteTimeZone)) found.netsuiteTimeZone = messages.timeZone();
    setErrors(found);
    // In the order WooCommerce lists them, whatever order they were ticked in.
    const orderStatuses = ORDER_STATUSES.filter((status) => statuses.includes(status));
    return Object.keys(found).length > 0 ? null : { orderStatuses, postingMode, netsuiteTimeZone };
  };

  return (
    <SettingsSection
      title={__('Orders sent and posting', 'ml-connector')}
      connectionId={connectionId}
      validate={validate}
    >
      <fieldset>
        <legend>{__('Send orders that reach these statuses', 'ml-connector')}</legend>
        {ORDER_STATUSES.map((status) => (
          <CheckboxControl
            __nextHasNoMarginBottom
            key={status}
            label={status}
            checked={statuses.includes(status)}
            onChange={(on) =>
              setStatuses((current) => (on ? [...current, status] : current.filter((other) => other !== status)))
            }
          />
        ))}
        <FieldError error={errors.orderStatuses} />
      </fieldset>
      <SelectControl
        __nextHasNoMarginBottom
        label={__('Posting mode', 'ml-connector')}
        value={postingMode}
        onChange={setPostingMode}
        options={[
          { value: 'invoice' as const, label: __('Sales order, then invoice and payment', 'ml-connector') },
          { value: 'cash_sale' as const, label: __('Sales order, then cash sale', 'ml-connector') },
          { value: 'off' as const, label: __('Sales order only (billing in NetSuite)', 'ml-connector') },
        ]}
      />
      <TextField
        label={__('NetSuite time zone', 'ml-connector')}
        help={__('As in NetSuite: Setup → Company → General Preferences.', 'ml-connector')}
        value={timeZone}
        onChange={setTimeZone}
        error={errors.netsuiteTimeZone}
      />
    </SettingsSection>
  );
}
