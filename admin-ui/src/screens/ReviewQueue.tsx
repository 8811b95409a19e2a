import { Button, CheckboxControl, Notice } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import type { ReviewQueueEntry } from '../api/types.ts';
import { MapSkuForm } from '../components/MapSkuForm.tsx';
import { RemoteView } from '../components/RemoteView.tsx';
import { store } from '../store/index.ts';

/** Held orders with the reason in words, the missing SKU mapped inline, release one or many. */
export function ReviewQueue() {
  const remote = useSelect((select) => select(store).getReviewQueue(), []);
  const progress = useSelect((select) => select(store).getProgress(), []);
  const { loadReviewQueue, releaseReviewEntries } = useDispatch(store);
  const [selected, setSelected] = useState<string[]>([]);
  const [mapping, setMapping] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);

  useEffect(() => {
    void loadReviewQueue();
  }, [loadReviewQueue]);

  const release = async (ids: string[]) => {
    setNotice(null);
    const { released, failed } = await releaseReviewEntries(ids);
    setSelected((current) => current.filter((id) => !released.includes(id)));
    const text = [
      released.length > 0 && `${released.length} order${released.length === 1 ? '' : 's'} released.`,
      ...failed.map(({ error }: { error: ApiError }) => error.message),
    ]
      .filter(Boolean)
      .join(' ');
    setNotice({ status: failed.length > 0 ? 'error' : 'success', text });
  };

  const toggle = (id: string, on: boolean) =>
    setSelected((current) => (on ? [...current, id] : current.filter((other) => other !== id)));

  return (
    <div className="mlc-review-queue">
      {notice && (
        <Notice status={notice.status} onRemove={() => setNotice(null)}>
          {notice.text}
        </Notice>
      )}
      {progress && (
        <p role="status">
          Releasing {progress.done} of {progress.total}…
        </p>
      )}
      <RemoteView
        remote={remote}
        isEmpty={(items) => items.length === 0}
        empty="Nothing waits for you: no order is held."
        onRetry={() => void loadReviewQueue()}
      >
        {(items) => (
          <>
            <Button
              variant="primary"
              disabled={selected.length === 0 || progress !== null}
              onClick={() => void release(selected)}
            >
              Release selected ({selected.length})
            </Button>
            <table className="widefat striped">
              <thead>
                <tr>
                  <th>
                    <span className="screen-reader-text">Select</span>
                  </th>
                  <th>Order</th>
                  <th>Why it is held</th>
                  <th>Held since</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {items.map((entry: ReviewQueueEntry) => (
                  <tr key={entry.id}>
                    <td>
                      <CheckboxControl
                        __nextHasNoMarginBottom
                        label={`Select order ${entry.order?.number ?? entry.jobId}`}
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
                                Map SKU “{sku}”
                              </Button>
                            )}
                          </div>
                        ))}
                    </td>
                    <td>{new Date(entry.heldAt).toLocaleString()}</td>
                    <td>
                      <Button variant="secondary" disabled={progress !== null} onClick={() => void release([entry.id])}>
                        Release
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
