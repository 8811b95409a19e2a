import { Button, CheckboxControl } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, _n, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import type { ReviewQueueEntry } from '../api/types.ts';
import { MapSkuForm } from '../components/MapSkuForm.tsx';
import { RemoteView } from '../components/RemoteView.tsx';
import { ResultNotice } from '../components/ResultNotice.tsx';
import { store } from '../store/index.ts';
import { ReleaseFailures, ReleaseProgress } from './review-queue/ReleaseProgress.tsx';

/** Held orders with the reason in words, the missing SKU mapped inline, release one or many. */
export function ReviewQueue() {
  const remote = useSelect((select) => select(store).getReviewQueue(), []);
  const progress = useSelect((select) => select(store).getProgress(), []);
  const { loadReviewQueue, releaseReviewEntries } = useDispatch(store);
  const [selected, setSelected] = useState<string[]>([]);
  const [mapping, setMapping] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);
  const [failures, setFailures] = useState<{ id: string; name: string; message: string }[]>([]);

  useEffect(() => {
    void loadReviewQueue();
  }, [loadReviewQueue]);

  const release = async (ids: string[]) => {
    setNotice(null);
    setFailures([]);
    // Names the order, not the job, in the failures: the entry leaves the list once released.
    const names = new Map((remote.data ?? []).map((entry) => [entry.id, entry.order?.number ?? entry.jobId]));
    const { released, failed } = await releaseReviewEntries(ids);
    setSelected((current) => current.filter((id) => !released.includes(id)));
    setFailures(
      failed.map(({ id, error }: { id: string; error: ApiError }) => ({
        id,
        name: names.get(id) ?? id,
        message: error.message,
      })),
    );
    setNotice(
      released.length > 0
        ? {
            status: 'success',
            text: sprintf(
              /* translators: %d: how many orders were released. */
              _n('%d order released.', '%d orders released.', released.length, 'ml-connector'),
              released.length,
            ),
          }
        : null,
    );
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  return (
    <div className="mlc-review-queue">
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      {progress && <ReleaseProgress progress={progress} />}
      {failures.length > 0 && <ReleaseFailures failures={failures} onDismiss={() => setFailures([])} />}
      <RemoteView
        remote={remote}
        isEmpty={(items) => items.length === 0}
        empty={__('Nothing waits for you: no order is held.', 'ml-connector')}
        onRetry={() => void loadReviewQueue()}
      >
        {(items) => (
          <>
            <Button
              variant="primary"
              disabled={selected.length === 0 || progress !== null}
              onClick={() => void release(selected)}
            >
              {sprintf(
                /* translators: %d: how many orders are selected. */
                __('Release selected (%d)', 'ml-connector'),
                selected.length,
              )}
            </Button>
            <table className="widefat striped">
              <thead>
                <tr>
                  <th>
                    <span className="screen-reader-text">{__('Select', 'ml-connector')}</span>
                  </th>
                  <th>{__('Order', 'ml-connector')}</th>
                  <th>{__('Why it is held', 'ml-connector')}</th>
                  <th>{__('Held since', 'ml-connector')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((entry: ReviewQueueEntry) => (
                  <tr key={entry.id}>
                    <td>
                      <CheckboxControl
                        __nextHasNoMarginBottom
                        label={sprintf(
                          /* translators: %s: an order number or a job id. */
                          __('Select order %s', 'ml-connector'),
                          entry.order?.number ?? entry.jobId,
                        )}
                        checked={selected.includes(entry.id)}
                        onChange={(on) => toggle(entry.id, on)}
                      />
                    </td>
                    <td>
                      {entry.order ? `#${entry.order.number} (${entry.order.total})` : entry.kind}
                      <br />
                      <code>{entry.jobId}</code>
                    </td>
                    <td>
                      <p>{entry.reason}</p>
                      {entry.code === 'UNMAPPED_SKU' &&
                        entry.skus.map((sku) => (
                          <div key={sku}>
                            {mapping === `${entry.id}:${sku}` ? (
                              <MapSkuForm
                                sku={sku}
                                onSaved={(text) => {
                                  setMapping(null);
                                  setNotice({ status: 'success', text });
                                }}
                              />
                            ) : (
                              <Button variant="secondary" onClick={() => setMapping(`${entry.id}:${sku}`)}>
                                {sprintf(/* translators: %s: a SKU. */ __('Map SKU “%s”', 'ml-connector'), sku)}
                              </Button>
                            )}
                          </div>
                        ))}
                    </td>
                    <td>{new Date(entry.heldAt).toLocaleString()}</td>
                    <td>
                      <Button variant="secondary" disabled={progress !== null} onClick={() => void release([entry.id])}>
                        {__('Release', 'ml-connector')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </RemoteView>
    </div>
  );
}
