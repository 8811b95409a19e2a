import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ConnectionSettings, LocationRule } from '../../../api/types.ts';
import { TextField } from '../fields.tsx';
import { RowButtons, SettingsSection } from '../SettingsSection.tsx';
import { checkId, type FieldErrors, isCountry, messages, move, rowKey } from '../validate.ts';

interface Row {
  row: number;
  country: string;
  state: string;
  locationId: string;
}

/**
 * Which NetSuite location fulfils an order: the first rule matching the shipping address (country, then state if
 * given), else the master location. Rules are ordered, so they can be moved.
 */
export function LocationRoutingSection({
  connectionId,
  settings,
}: {
  connectionId: string;
  settings: ConnectionSettings;
}) {
  const [master, setMaster] = useState(settings.masterLocationId);
  const [rows, setRows] = useState<Row[]>(() =>
    settings.locationRules.map((rule) => ({ row: rowKey(), ...rule, state: rule.state ?? '' })),
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (index: number, change: Partial<Row>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));

  const validate = () => {
    const found: FieldErrors = {};
    const masterLocationId = checkId(found, 'masterLocationId', master);
    const locationRules = rows.map((row, index): LocationRule => {
      const country = row.country.trim();
      if (!isCountry(country)) found[`locationRules.${index}.country`] = messages.country();
      const state = row.state.trim();
      const locationId = checkId(found, `locationRules.${index}.locationId`, row.locationId);
      return state ? { country, state, locationId } : { country, locationId };
    });
    setErrors(found);
    return Object.keys(found).length > 0 ? null : { masterLocationId, locationRules };
  };

  return (
    <SettingsSection title={__('Location routing', 'ml-connector')} connectionId={connectionId} validate={validate}>
      <TextField
        label={__('Master location id', 'ml-connector')}
        help={__('Fulfils every order no rule below claims.', 'ml-connector')}
        value={master}
        onChange={setMaster}
        error={errors.masterLocationId}
      />
      <h4>{__('Rules, first match wins', 'ml-connector')}</h4>
      {rows.length === 0 && (
        <p className="mlc-empty">{__('No rule: the master location fulfils every order.', 'ml-connector')}</p>
      )}
      {rows.map((row, index) => {
        const label = sprintf(/* translators: %d: the rule's position. */ __('rule %d', 'ml-connector'), index + 1);
        return (
          <div className="mlc-settings-row" key={row.row}>
            <TextField
              label={__('Country', 'ml-connector')}
              value={row.country}
              onChange={(country) => set(index, { country })}
              error={errors[`locationRules.${index}.country`]}
            />
            <TextField
              label={__('State (optional)', 'ml-connector')}
              value={row.state}
              onChange={(state) => set(index, { state })}
            />
            <TextField
              label={__('Location id', 'ml-connector')}
              value={row.locationId}
              onChange={(locationId) => set(index, { locationId })}
              error={errors[`locationRules.${index}.locationId`]}
            />
            <RowButtons
              label={label}
              index={index}
              count={rows.length}
              onMove={(by) => setRows(move(rows, index, by))}
              onRemove={() => setRows(rows.filter((_, at) => at !== index))}
            />
          </div>
        );
      })}
      <Button
        variant="secondary"
        onClick={() => setRows([...rows, { row: rowKey(), country: '', state: '', locationId: '' }])}
      >
        {__('Add a rule', 'ml-connector')}
      </Button>
    </SettingsSection>
  );
}
