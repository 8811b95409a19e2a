import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { FieldError, ItemIdField, TextField } from '../fields.tsx';
import { RowButtons } from '../SettingsSection.tsx';
import { type FieldErrors, type KeyedRow, rowKey } from '../validate.ts';

interface Props {
  rows: KeyedRow[];
  onChange: (rows: KeyedRow[]) => void;
  /** Where the rows' errors are (`shippingItems` → `shippingItems.0.key`). */
  path: string;
  errors: FieldErrors;
  keyLabel: string;
  idLabel: string;
  /** The ids are NetSuite items: offer the item search. */
  items?: boolean;
  addLabel: string;
}

/** Rows of storefront key (or `*` for any other) → NetSuite internal id, added and removed. */
export function KeyedRowsEditor({ rows, onChange, path, errors, keyLabel, idLabel, items, addLabel }: Props) {
  const set = (index: number, change: Partial<KeyedRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));
  const IdField = items ? ItemIdField : TextField;
  return (
    <>
      {rows.length === 0 && <p className="mlc-empty">{__('None yet.', 'ml-connector')}</p>}
      {rows.map((row, index) => (
        <div className="mlc-settings-row" key={row.row}>
          <TextField
            label={keyLabel}
            value={row.key}
            onChange={(key) => set(index, { key })}
            error={errors[`${path}.${index}.key`]}
          />
          <IdField
            label={idLabel}
            value={row.id}
            onChange={(id) => set(index, { id })}
            error={errors[`${path}.${index}.id`]}
          />
          <RowButtons
            label={sprintf(/* translators: 1: row number. */ __('row %d', 'ml-connector'), index + 1)}
            index={index}
            count={rows.length}
            onRemove={() => onChange(rows.filter((_, at) => at !== index))}
          />
        </div>
      ))}
      <FieldError error={errors[path]} />
      <Button variant="secondary" onClick={() => onChange([...rows, { row: rowKey(), key: '', id: '' }])}>
        {addLabel}
      </Button>
    </>
  );
}
