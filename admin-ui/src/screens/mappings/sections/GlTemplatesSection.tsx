import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ConnectionSettings, GlTemplate } from '../../../api/types.ts';
import { TextField } from '../fields.tsx';
import { RowButtons, SettingsSection } from '../SettingsSection.tsx';
import { checkOptionalId, type FieldErrors, messages, move, rowKey } from '../validate.ts';

const IDS = ['revenueAccountId', 'departmentId', 'classId'] as const;
type IdField = (typeof IDS)[number];

type Row = { row: number; name: string; category: string } & Record<IdField, string>;

const labels: Record<IdField, () => string> = {
  revenueAccountId: () => __('Revenue account id', 'ml-connector'),
  departmentId: () => __('Department id', 'ml-connector'),
  classId: () => __('Class id', 'ml-connector'),
};

const toRow = (template: GlTemplate): Row => ({
  row: rowKey(),
  name: template.name,
  category: template.match.category ?? '',
  revenueAccountId: template.revenueAccountId ?? '',
  departmentId: template.departmentId ?? '',
  classId: template.classId ?? '',
});

const blank = (): Row => toRow({ name: '', match: {} });

/** How lines post to the GL: the first template whose category matches a line applies; fields left empty keep the item's. */
export function GlTemplatesSection({ connectionId, settings }: { connectionId: string; settings: ConnectionSettings }) {
  const [rows, setRows] = useState<Row[]>(() => settings.glTemplates.map(toRow));
  const [errors, setErrors] = useState<FieldErrors>({});
  const set = (index: number, change: Partial<Row>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...change } : row)));

  const validate = () => {
    const found: FieldErrors = {};
    const glTemplates = rows.map((row, index): GlTemplate => {
      const name = row.name.trim();
      if (name === '') found[`glTemplates.${index}.name`] = messages.required();
      const category = row.category.trim();
      const template: GlTemplate = { name, match: category ? { category } : {} };
      for (const field of IDS) {
        const id = checkOptionalId(found, `glTemplates.${index}.${field}`, row[field]);
        if (id !== null) template[field] = id;
      }
      return template;
    });
    setErrors(found);
    return Object.keys(found).length > 0 ? null : { glTemplates };
  };

  return (
    <SettingsSection
      title={__('GL templates', 'ml-connector')}
      description={__(
        'The first template whose category (slug or name) matches a line’s product applies; one without a category matches every line. A revenue account other than the item’s is reached by a reclassification journal on billing; empty ids keep what the item gives.',
        'ml-connector',
      )}
      connectionId={connectionId}
      validate={validate}
    >
      {rows.length === 0 && (
        <p className="mlc-empty">{__('No template: lines post as their items do.', 'ml-connector')}</p>
      )}
      {rows.map((row, index) => {
        const label = sprintf(
          /* translators: %d: the template's position. */ __('template %d', 'ml-connector'),
          index + 1,
        );
        return (
          <fieldset className="mlc-settings-row" key={row.row}>
            <legend className="screen-reader-text">{label}</legend>
            <TextField
              label={__('Name', 'ml-connector')}
              value={row.name}
              onChange={(name) => set(index, { name })}
              error={errors[`glTemplates.${index}.name`]}
            />
            <TextField
              label={__('Product category', 'ml-connector')}
              value={row.category}
              onChange={(category) => set(index, { category })}
            />
            {IDS.map((field) => (
              <TextField
                key={field}
                label={labels[field]()}
                value={row[field]}
                onChange={(value) => set(index, { [field]: value })}
                error={errors[`glTemplates.${index}.${field}`]}
              />
            ))}
            <RowButtons
              label={label}
              index={index}
              count={rows.length}
              onMove={(by) => setRows(move(rows, index, by))}
              onRemove={() => setRows(rows.filter((_, at) => at !== index))}
            />
          </fieldset>
        );
      })}
      <Button variant="secondary" onClick={() => setRows([...rows, blank()])}>
        {__('Add a template', 'ml-connector')}
      </Button>
    </SettingsSection>
  );
}
