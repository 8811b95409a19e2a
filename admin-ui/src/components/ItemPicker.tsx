import { Button, SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import { type ApiError, request } from '../api/client.ts';
import type { NetSuiteItem } from '../api/types.ts';

interface Props {
  /** Prefills the search (the SKU being mapped: NetSuite item names often are the SKU). */
  initialQuery?: string;
  value: string;
  onChange: (netsuiteItemId: string) => void;
}

/** Searches NetSuite's items live through the sidecar (`netsuite/items?q=`) and picks one by internal id. */
export function ItemPicker({ initialQuery = '', value, onChange }: Props) {
  const [query, setQuery] = useState(initialQuery);
  const [items, setItems] = useState<NetSuiteItem[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const search = async () => {
    setLoading(true);
    setError(null);
    try {
      const found = (await request<{ items: NetSuiteItem[] }>('GET', 'netsuite/items', { query: { q: query } })).items;
      setItems(found);
      const [first] = found;
      if (first && found.length === 1) onChange(first.id);
    } catch (reason) {
      setError(reason as ApiError);
    } finally {
      setLoading(false);
    }
  };

  return (
    <div className="mlc-item-picker">
      <TextControl
        __nextHasNoMarginBottom
        label={__('Search NetSuite items', 'ml-connector')}
        value={query}
        onChange={setQuery}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            void search();
          }
        }}
      />
      <Button variant="secondary" onClick={() => void search()} isBusy={loading} disabled={loading}>
        {__('Search', 'ml-connector')}
      </Button>
      {error && <p className="mlc-error">{error.message}</p>}
      {items !== null && items.length === 0 && (
        <p>
          {sprintf(
            /* translators: %s: the search text. */ __('No active NetSuite item matches “%s”.', 'ml-connector'),
            query,
          )}
        </p>
      )}
      {items !== null && items.length > 0 && (
        <SelectControl
          __nextHasNoMarginBottom
          label={__('NetSuite item', 'ml-connector')}
          value={value}
          onChange={onChange}
          options={[
            { label: __('Choose an item…', 'ml-connector'), value: '' },
            ...items.map((item) => ({
              label: `${item.itemId}${item.displayName ? ` — ${item.displayName}` : ''} (${item.type}, #${item.id})`,
              value: item.id,
            })),
          ]}
        />
      )}
    </div>
  );
}
