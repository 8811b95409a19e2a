import { Button, Notice, TextControl } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { ItemPicker } from '../components/ItemPicker.tsx';
import { releasedText } from '../components/MapSkuForm.tsx';
import { RemoteView } from '../components/RemoteView.tsx';
import { store } from '../store/index.ts';

/** The SKU ↔ NetSuite item table with a search, and a form that adds or changes one mapping. */
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
    const problems = [
      sku.trim() === '' && 'Enter the storefront SKU.',
      sku.trim().length > 255 && 'A SKU is at most 255 characters.',
      !/^[0-9]{1,20}$/.test(itemId) && 'Choose a NetSuite item (its internal id is digits).',
    ].filter((problem): problem is string => typeof problem === 'string');
    setErrors(problems);
    if (problems.length > 0) return;
    setSaving(true);
    setNotice(null);
    try {
      const saved = await saveSkuMapping(sku.trim(), itemId);
      setNotice({
        status: 'success',
        text: `Saved: “${saved.sku}” → #${saved.netsuiteItemId}; ${releasedText(saved.released)}.`,
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
      {notice && (
        <Notice status={notice.status} onRemove={() => setNotice(null)}>
          {notice.text}
        </Notice>
      )}
      <h2>Map a SKU</h2>
      <TextControl __nextHasNoMarginBottom label="Storefront SKU" value={sku} onChange={setSku} />
      <ItemPicker initialQuery="" value={itemId} onChange={setItemId} />
      {errors.map((problem) => (
        <p key={problem} className="mlc-error">
          {problem}
        </p>
      ))}
      <Button variant="primary" onClick={() => void save()} isBusy={saving} disabled={saving}>
        Save mapping
      </Button>

      <h2>SKU mappings</h2>
      <TextControl __nextHasNoMarginBottom label="Search SKUs" value={filter} onChange={setFilter} />
      <RemoteView
        remote={remote}
        isEmpty={(items) => items.length === 0}
        empty="No SKU is mapped yet. SKUs found in NetSuite by name are remembered here as orders arrive."
        onRetry={() => void loadSkuMappings()}
      >
        {(items) => {
          const shown = items.filter(
            (mapping) =>
              needle === '' || mapping.sku.toLowerCase().includes(needle) || mapping.netsuiteItemId === needle,
          );
          if (shown.length === 0) return <p className="mlc-empty">No mapping matches “{filter}”.</p>;
          return (
            <table className="widefat striped">
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>NetSuite item</th>
                  <th>Source</th>
                  <th>Updated</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((mapping) => (
                  <tr key={`${mapping.sku}:${mapping.connectionId ?? ''}`}>
                    <td>{mapping.sku}</td>
                    <td>#{mapping.netsuiteItemId}</td>
                    <td>{mapping.source === 'lookup' ? 'Found in NetSuite' : 'Mapped by hand'}</td>
                    <td>{new Date(mapping.updatedAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </RemoteView>
    </div>
  );
}
