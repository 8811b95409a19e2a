import { Button } from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { store } from '../store/index.ts';
import { ItemPicker } from './ItemPicker.tsx';

interface Props {
  sku: string;
  onSaved: (message: string) => void;
}

/** Maps one SKU inline; saving releases the orders held only for it. */
export function MapSkuForm({ sku, onSaved }: Props) {
  const { saveSkuMapping } = useDispatch(store);
  const [itemId, setItemId] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const save = async () => {
    if (!/^[0-9]+$/.test(itemId)) {
      setError(`Choose the NetSuite item SKU “${sku}” sells as.`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await saveSkuMapping(sku, itemId);
      onSaved(`SKU “${sku}” mapped to NetSuite item #${itemId}; ${releasedText(saved.released)}.`);
    } catch (reason) {
      setError((reason as ApiError).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="mlc-map-sku">
      <ItemPicker initialQuery={sku} value={itemId} onChange={setItemId} />
      {error && <p className="mlc-error">{error}</p>}
      <Button variant="primary" onClick={() => void save()} isBusy={saving} disabled={saving}>
        Map “{sku}”
      </Button>
    </div>
  );
}

export const releasedText = (released: number) =>
  released === 0 ? 'no held order was waiting for it' : `${released} held order${released === 1 ? '' : 's'} released`;
