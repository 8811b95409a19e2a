import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import type { ConnectionSettings } from '../../../api/types.ts';
import { ItemIdField } from '../fields.tsx';
import { SettingsSection } from '../SettingsSection.tsx';
import { checkOptionalId, type FieldErrors } from '../validate.ts';

const FIELDS = ['discountItemId', 'feeItemId', 'refundItemId'] as const;

const labels = {
  discountItemId: () => __('Discount item id', 'ml-connector'),
  feeItemId: () => __('Fee item id', 'ml-connector'),
  refundItemId: () => __('Refund item id', 'ml-connector'),
};

const helps = {
  discountItemId: () => __('Coupon discounts and negative fees post as this item.', 'ml-connector'),
  feeItemId: () => __('Positive fee lines (gift wrap, handling) post as this item.', 'ml-connector'),
  refundItemId: () => __('Refunds post as this item.', 'ml-connector'),
};

/** The items discounts, fees and refunds post as; empty until set (such orders cannot post without them). */
export function OrderItemsSection({ connectionId, settings }: { connectionId: string; settings: ConnectionSettings }) {
  const [values, setValues] = useState(() => ({
    discountItemId: settings.discountItemId ?? '',
    feeItemId: settings.feeItemId ?? '',
    refundItemId: settings.refundItemId ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <SettingsSection
      title={__('Order items', 'ml-connector')}
      connectionId={connectionId}
      validate={() => {
        const found: FieldErrors = {};
        const patch = {
          discountItemId: checkOptionalId(found, 'discountItemId', values.discountItemId),
          feeItemId: checkOptionalId(found, 'feeItemId', values.feeItemId),
          refundItemId: checkOptionalId(found, 'refundItemId', values.refundItemId),
        };
        setErrors(found);
        return Object.keys(found).length > 0 ? null : patch;
      }}
    >
      {FIELDS.map((field) => (
        <ItemIdField
          key={field}
          label={labels[field]()}
          help={helps[field]()}
          value={values[field]}
          onChange={(value) => setValues((current) => ({ ...current, [field]: value }))}
          error={errors[field]}
        />
      ))}
    </SettingsSection>
  );
}
