import { Notice } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, _n, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { ReviewQueueEntry } from '../api/types.ts';
import { MapSkuForm } from '../components/MapSkuForm.tsx';
import { RemoteView } from '../components/RemoteView.tsx';
import { store } from '../store/index.ts';

/** Unmapped SKUs with how many held orders wait for each, most waited-for first. */
export function unmappedSkus(entries: ReviewQueueEntry[]): { sku: string; orders: number }[] {
  const counts = new Map<string, number>();
  for (const entry of entries) {
    if (entry.code !== 'UNMAPPED_SKU') continue;
    for (const sku of entry.skus) counts.set(sku, (counts.get(sku) ?? 0) + 1);
  }
  return [...counts].map(([sku, orders]) => ({ sku, orders })).sort((a, b) => b.orders - a.orders);
}

/** The WordPress dashboard's widget: orders held for unmapped SKUs, each SKU mapped in place. */
export function DashboardWidget({ reviewQueueUrl }: { reviewQueueUrl: string }) {
  const remote = useSelect((select) => select(store).getReviewQueue(), []);
  const { loadReviewQueue } = useDispatch(store);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    void loadReviewQueue();
  }, [loadReviewQueue]);

  return (
    <div className="mlc-dashboard-widget">
      {notice && (
        <Notice status="success" onRemove={() => setNotice(null)}>
          {notice}
        </Notice>
      )}
      <RemoteView
        remote={remote}
        isEmpty={(entries) => unmappedSkus(entries).length === 0}
        empty={__('No order waits for a SKU mapping.', 'ml-connector')}
        onRetry={() => void loadReviewQueue()}
      >
        {(entries) => (
          <ul>
            {unmappedSkus(entries).map(({ sku, orders }) => (
              <li key={sku}>
                <strong>{sku}</strong>:{' '}
                {sprintf(
                  /* translators: %d: how many held orders wait for the SKU. */
                  _n('%d held order', '%d held orders', orders, 'ml-connector'),
                  orders,
                )}
                <MapSkuForm sku={sku} onSaved={setNotice} />
              </li>
            ))}
          </ul>
        )}
      </RemoteView>
      <p>
        <a href={reviewQueueUrl}>{__('Open the review queue', 'ml-connector')}</a>
      </p>
    </div>
  );
}
