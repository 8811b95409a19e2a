import { Button, Notice } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { RemoteView } from '../components/RemoteView.tsx';
import { store } from '../store/index.ts';
import { COUNTED_STATES } from '../store/state.ts';

/** Sidecar health, webhook health with re-enable, jobs by state, open alerts and the last dead jobs. */
export function Overview() {
  const { pairing, storeState, counts, lastErrors, alerts } = useSelect(
    (select) => ({
      pairing: select(store).getPairing(),
      storeState: select(store).getStore(),
      counts: select(store).getJobCounts(),
      lastErrors: select(store).getLastErrors(),
      alerts: select(store).getAlerts(),
    }),
    [],
  );
  const actions = useDispatch(store);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void actions.loadPairing();
    void actions.loadStore();
    void actions.loadJobCounts();
    void actions.loadLastErrors();
    void actions.loadAlerts();
  }, [actions]);

  const reenable = async (id: number) => {
    setError(null);
    try {
      await actions.activateWebhook(id);
    } catch (reason) {
      setError((reason as ApiError).message);
    }
  };

  // The job counts come through the proxy from the sidecar: when they load, the sidecar answers.
  const sidecar =
    counts.status === 'error'
      ? { status: 'error' as const, text: `The sidecar does not answer: ${counts.error?.message ?? ''}` }
      : counts.status === 'ready'
        ? { status: 'success' as const, text: 'The sidecar answers.' }
        : null;

  return (
    <div className="mlc-overview">
      <h2>Sidecar</h2>
      <RemoteView remote={pairing} empty="" onRetry={() => void actions.loadPairing()}>
        {(data) =>
          data.paired ? (
            <p>
              Paired with <code>{data.sidecarUrl}</code>.
            </p>
          ) : (
            <Notice status="warning" isDismissible={false}>
              Not paired with a sidecar yet: open the Connection tab.
            </Notice>
          )
        }
      </RemoteView>
      {sidecar && (
        <Notice status={sidecar.status} isDismissible={false}>
          {sidecar.text}
        </Notice>
      )}

      <h2>WooCommerce webhooks</h2>
      {error && (
        <Notice status="error" onRemove={() => setError(null)}>
          {error}
        </Notice>
      )}
      <RemoteView
        remote={storeState}
        isEmpty={(data) => data.webhooks.length === 0}
        empty="This store is not connected yet: no webhook delivers to the sidecar."
        onRetry={() => void actions.loadStore()}
      >
        {(data) => (
          <table className="widefat striped">
            <thead>
              <tr>
                <th>Topic</th>
                <th>Status</th>
                <th>Failed deliveries in a row</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {data.webhooks.map((webhook) => (
                <tr key={webhook.id}>
                  <td>{webhook.topic || `#${webhook.id}`}</td>
                  <td>{webhook.status}</td>
                  <td>{webhook.failureCount}</td>
                  <td>
                    {webhook.status !== 'active' && webhook.status !== 'missing' && (
                      <Button variant="secondary" onClick={() => void reenable(webhook.id)}>
                        Re-enable
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </RemoteView>

      <h2>Jobs by state</h2>
      <RemoteView remote={counts} empty="" onRetry={() => void actions.loadJobCounts()}>
        {(data) => (
          <ul className="mlc-counts">
            {COUNTED_STATES.map((state) => (
              <li key={state}>
                {state}: {data[state]?.count ?? 0}
                {data[state]?.more ? '+' : ''}
              </li>
            ))}
          </ul>
        )}
      </RemoteView>

      <h2>Open alerts</h2>
      <RemoteView
        remote={alerts}
        isEmpty={(items) => items.length === 0}
        empty="No open alert."
        onRetry={() => void actions.loadAlerts()}
      >
        {(items) => (
          <ul>
            {items.map((alert) => (
              <li key={alert.id}>
                [{alert.severity}] {alert.message} ({alert.count}×, last {new Date(alert.lastSeen).toLocaleString()}){' '}
                {!alert.acknowledged && (
                  <Button variant="link" onClick={() => void actions.acknowledgeAlert(alert.id)}>
                    Acknowledge
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </RemoteView>

      <h2>Last errors</h2>
      <RemoteView
        remote={lastErrors}
        isEmpty={(items) => items.length === 0}
        empty="No job has failed for good."
        onRetry={() => void actions.loadLastErrors()}
      >
        {(items) => (
          <ul>
            {items.map((job) => (
              <li key={job.id}>
                <code>{job.id}</code> {job.kind} {job.entityKey}: {job.lastError?.message ?? 'no message'}
              </li>
            ))}
          </ul>
        )}
      </RemoteView>
    </div>
  );
}
