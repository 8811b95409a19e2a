import { Button } from '@wordpress/components';
import { useDispatch } from '@wordpress/data';
import { __, _n, sprintf } from '@wordpress/i18n';
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
      setError(
        sprintf(/* translators: %s: a SKU. */ __('Choose the NetSuite item SKU “%s” sells as.', 'ml-connector'), sku),
      );
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await saveSkuMapping(sku, itemId);
      onSaved(
        sprintf(
          /* translators: 1: a SKU, 2: a NetSuite item's internal id, 3: how many held orders were released, in words. */
          __('SKU “%1$s” mapped to NetSuite item #%2$s; %3$s.', 'ml-connector'),
          sku,
          itemId,
          releasedText(saved.released),
        ),
      );
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
        {sprintf(/* translators: %s: a SKU. */ __('Map “%s”', 'ml-connector'), sku)}
      </Button>
    </div>
  );
}

export const releasedText = (released: number) =>
  released === 0
    ? __('no held order was waiting for it', 'ml-connector')
    : sprintf(
        /* translators: %d: how many held orders were released. */
        _n('%d held order released', '%d held orders released', released, 'ml-connector'),
        released,
      );
