import { Button } from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { type ReactNode, useId, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import type { ConnectionSettingsPatch } from '../../api/types.ts';
import { ResultNotice } from '../../components/ResultNotice.tsx';
import { store } from '../../store/index.ts';

interface Props {
  title: string;
  description?: string;
  connectionId: string;
  /** Checks the section's fields (showing their errors) and answers the settings it owns, or null to send nothing. */
  validate: () => ConnectionSettingsPatch | null;
  children: ReactNode;
}

/**
 * One settings section: its fields, a Save that sends only the settings it owns (`PATCH connections/{id}`), and what
 * came back — a success notice, or the sidecar's refusal in its own words.
 */
export function SettingsSection({ title, description, connectionId, validate, children }: Props) {
  const { saveConnectionSettings } = useDispatch(store);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);
  const headingId = useId();

  const save = async () => {
    setNotice(null);
    const patch = validate();
    if (!patch) {
      setNotice({ status: 'error', text: __('Nothing was saved: correct the fields marked below.', 'ml-connector') });
      return;
    }
    setSaving(true);
    try {
      await saveConnectionSettings(connectionId, patch);
      setNotice({ status: 'success', text: __('Saved.', 'ml-connector') });
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="mlc-settings-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {description && <p className="description">{description}</p>}
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      {children}
      <div className="mlc-settings-save">
        <Button variant="primary" onClick={() => void save()} isBusy={saving} disabled={saving}>
          {__('Save', 'ml-connector')}
        </Button>
      </div>
    </section>
  );
}

/** Remove, up and down for one row of an ordered list. */
export function RowButtons({
  label,
  index,
  count,
  onMove,
  onRemove,
}: {
  label: string;
  index: number;
  count: number;
  onMove?: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <span className="mlc-row-buttons">
      {onMove && (
        <>
          <Button
            size="small"
            icon="arrow-up-alt2"
            label={sprintf(/* translators: %s: the row. */ __('Move up: %s', 'ml-connector'), label)}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          />
          <Button
            size="small"
            icon="arrow-down-alt2"
            label={sprintf(/* translators: %s: the row. */ __('Move down: %s', 'ml-connector'), label)}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          />
        </>
      )}
      <Button size="small" variant="link" isDestructive onClick={onRemove}>
        {__('Remove', 'ml-connector')}
        <span className="screen-reader-text"> {label}</span>
      </Button>
    </span>
  );
}
