import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import type { ConnectionSettings } from '../../../api/types.ts';
import { TextField } from '../fields.tsx';
import { SettingsSection } from '../SettingsSection.tsx';
import { checkOptionalId, type FieldErrors } from '../validate.ts';

/** OneWorld accounts: the subsidiary customers and transactions belong to; empty for an account without any. */
export function SubsidiarySection({ connectionId, settings }: { connectionId: string; settings: ConnectionSettings }) {
  const [value, setValue] = useState(settings.subsidiaryId ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <SettingsSection
      title={__('Subsidiary', 'ml-connector')}
      connectionId={connectionId}
      validate={() => {
        const found: FieldErrors = {};
        const subsidiaryId = checkOptionalId(found, 'subsidiaryId', value);
        setErrors(found);
        return Object.keys(found).length > 0 ? null : { subsidiaryId };
      }}
    >
      <TextField
        label={__('Subsidiary id', 'ml-connector')}
        help={__('Leave empty when the NetSuite account has no subsidiaries (not OneWorld).', 'ml-connector')}
        value={value}
        onChange={setValue}
        error={errors.subsidiaryId}
      />
    </SettingsSection>
  );
}
