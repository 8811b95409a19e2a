import { Button, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';
import { useState } from 'react';
import { ItemPicker } from '../../components/ItemPicker.tsx';

/** A field's error under it, in the colour of errors. */
export function FieldError({ error }: { error?: string | undefined }) {
  return error ? <p className="mlc-error">{error}</p> : null;
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string | undefined;
  help?: string;
}

/** A text field with its error; the label names it for screen readers and tests. */
export function TextField({ label, value, onChange, error, help }: TextFieldProps) {
  return (
    <div className="mlc-field">
      <TextControl __nextHasNoMarginBottom label={label} value={value} onChange={onChange} help={help} />
      <FieldError error={error} />
    </div>
  );
}

/** A NetSuite item's internal id typed in, or found by name with the live item picker. */
export function ItemIdField(props: TextFieldProps) {
  const [finding, setFinding] = useState(false);
  return (
    <div className="mlc-field">
      <TextField {...props} />
      <Button variant="link" onClick={() => setFinding(!finding)}>
        {finding ? __('Close the item search', 'ml-connector') : __('Find the item in NetSuite', 'ml-connector')}
      </Button>
      {finding && (
        <ItemPicker
          value={props.value}
          onChange={(id) => {
            props.onChange(id);
            if (id) setFinding(false);
          }}
        />
      )}
    </div>
  );
}
