import { Button, TextControl } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { releasedText } from '../components/MapSkuForm.tsx';
import { RemoteView } from '../components/RemoteView.tsx';
import { ResultNotice } from '../components/ResultNotice.tsx';
import { store } from '../store/index.ts';
import { ConnectionSettings } from './mappings/ConnectionSettings.tsx';

/**
 * The SKU ↔ NetSuite item table with a search, a form that adds or changes one mapping, and below them the store's
 * settings (subsidiary, locations, shipping, payment, tax, GL templates, order items).
 */
export function Mappings() {
  const remote = useSelect((select) => select(store).getSkuMappings(), []);
  const { loadSkuMappings, saveSkuMapping } = useDispatch(store);
  const [filter, setFilter] = useState('');
  const [sku, setSku] = useState('');
  const [itemId, setItemId] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void loadSkuMappings();
  }, [loadSkuMappings]);

  const save = async () => {
    const problems = (
      [
        sku.trim() === '' && __('Enter the storefront SKU.', 'ml-connector'),
        sku.trim().length > 255 && __('A SKU is at most 255 characters.', 'ml-connector'),
        !/^[0-9]{1,20}$/.test(itemId) && __('Choose a NetSuite item (its internal id is digits).', 'ml-connector'),
      ] as (string | false)[]
    ).filter((problem): problem is string => typeof problem === 'string');
    setErrors(problems);
    if (problems.length > 0) return;
    setSaving(true);
    setNotice(null);
    try {
      const saved = await saveSkuMapping(sku.trim(), itemId);
      setNotice({
        status: 'success',
        text: sprintf(
          /* translators: 1: a SKU, 2: a NetSuite item's internal id, 3: how many held orders were released, in words. */
          __('Saved: “%1$s” → #%2$s; %3$s.', 'ml-connector'),
          saved.sku,
          saved.netsuiteItemId,
          releasedText(saved.released),
        ),
      });
      setSku('');
      setItemId('');
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setSaving(false);
    }
  };

  const needle = filter.trim().toLowerCase();

  return (
    <div className="mlc-mappings">
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      <h2>{__('Map a SKU', 'ml-connector')}</h2>
      <TextControl __nextHasNoMarginBottom label={__('Storefront SKU', 'ml-connector')} value={sku} onChange={setSku} />
      <ItemPicker initialQuery="" value={itemId} onChange={setItemId} />
      {errors.map((problem) => (
        <p key={problem} className="mlc-error">
          {problem}
        </p>
      ))}
      <Button variant="primary" onClick={() => void save()} isBusy={saving} disabled={saving}>
        {__('Save mapping', 'ml-connector')}
      </Button>

      <h2>{__('SKU mappings', 'ml-connector')}</h2>
      <TextControl
        __nextHasNoMarginBottom
        label={__('Search SKUs', 'ml-connector')}
        value={filter}
        onChange={setFilter}
      />
      <RemoteView
        remote={remote}
        isEmpty={(items) => items.length === 0}
        empty={__(
          'No SKU is mapped yet. SKUs found in NetSuite by name are remembered here as orders arrive.',
          'ml-connector',
        )}
        onRetry={() => void loadSkuMappings()}
      >
        {(items) => {
          const shown = items.filter(
            (mapping) =>
              needle === '' || mapping.sku.toLowerCase().includes(needle) || mapping.netsuiteItemId === needle,
          );
          if (shown.length === 0)
            return (
              <p className="mlc-empty">
                {sprintf(
                  /* translators: %s: the search text. */ __('No mapping matches “%s”.', 'ml-connector'),
                  filter,
                )}
              </p>
            );
          return (
            <table className="widefat striped">
              <thead>
                <tr>
                  <th>{__('SKU', 'ml-connector')}</th>
                  <th>{__('NetSuite item', 'ml-connector')}</th>
                  <th>{__('Source', 'ml-connector')}</th>
                  <th>{__('Updated', 'ml-connector')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((mapping) => (
                  <tr key={`${mapping.sku}:${mapping.connectionId ?? ''}`}>
                    <td>{mapping.sku}</td>
                    <td>#{mapping.netsuiteItemId}</td>
                    <td>
                      {mapping.source === 'lookup'
                        ? __('Found in NetSuite', 'ml-connector')
                        : __('Mapped by hand', 'ml-connector')}
                    </td>
                    <td>{new Date(mapping.updatedAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </RemoteView>

      <h2>{__('Store settings', 'ml-connector')}</h2>
      <ConnectionSettings />
    </div>
  );
}
