import { Button, Notice } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useEffect, useState } from 'react';
import type { ApiError } from '../api/client.ts';
import { RemoteView } from '../components/RemoteView.tsx';
import { StoreWebhooks } from '../components/StoreWebhooks.tsx';
import { store } from '../store/index.ts';
import { COUNTED_STATES } from '../store/state.ts';
import { AlertChannels } from './overview/AlertChannels.tsx';
import { DeliveryHealth } from './overview/DeliveryHealth.tsx';
import { ExceptionReport } from './overview/ExceptionReport.tsx';
import { NetSuiteHealth } from './overview/NetSuiteHealth.tsx';
import { OrdersPerDayChart } from './overview/OrdersPerDayChart.tsx';
import { Schedules } from './overview/Schedules.tsx';
import { StockSync } from './overview/StockSync.tsx';

/**
 * Sidecar health, NetSuite accounts' health (last 24 h), webhook health with re-enable (the plugin's view, then the
 * sidecar's: last delivery, silence, re-enable with backfill), jobs by state, orders per day, schedules with Run now,
 * open alerts and the last dead jobs.
 */
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

  const [reenabling, setReenabling] = useState<number | null>(null);
  const reenable = async (id: number) => {
    setError(null);
    setReenabling(id);
    try {
      await actions.activateWebhook(id);
    } catch (reason) {
      setError((reason as ApiError).message);
    } finally {
      setReenabling(null);
    }
  };

  // The job counts come through the proxy from the sidecar: when they load, the sidecar answers.
  const sidecar =
    counts.status === 'error'
      ? {
          status: 'error' as const,
          text: sprintf(
            /* translators: %s: the error message. */
            __('The sidecar does not answer: %s', 'ml-connector'),
            counts.error?.message ?? '',
          ),
        }
      : counts.status === 'ready'
        ? { status: 'success' as const, text: __('The sidecar answers.', 'ml-connector') }
        : null;

  return (
    <div className="mlc-overview">
      <h2>{__('Sidecar', 'ml-connector')}</h2>
      <RemoteView remote={pairing} empty="" onRetry={() => void actions.loadPairing()}>
        {(data) =>
          data.paired ? (
            <p>
              {__('Paired with', 'ml-connector')} <code>{data.sidecarUrl}</code>.
            </p>
          ) : (
            <Notice status="warning" isDismissible={false}>
              {__('Not paired with a sidecar yet: open the Connection tab.', 'ml-connector')}
            </Notice>
          )
        }
      </RemoteView>
      {sidecar && (
        <Notice status={sidecar.status} isDismissible={false}>
          {sidecar.text}
        </Notice>
      )}

      <h2>{__('NetSuite', 'ml-connector')}</h2>
      <NetSuiteHealth />

      <h2>{__('WooCommerce webhooks', 'ml-connector')}</h2>
      {error && (
        <Notice status="error" onRemove={() => setError(null)}>
          {error}
        </Notice>
      )}
      <RemoteView
        remote={storeState}
        isEmpty={(data) => data.webhooks.length === 0}
        empty={__('This store is not connected yet: no webhook delivers to the sidecar.', 'ml-connector')}
        onRetry={() => void actions.loadStore()}
      >
        {(data) => <StoreWebhooks webhooks={data.webhooks} onReenable={reenable} busyId={reenabling} />}
      </RemoteView>
      <DeliveryHealth />

      <h2>{__('Jobs by state', 'ml-connector')}</h2>
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

      <h2>{__('Orders per day', 'ml-connector')}</h2>
      <OrdersPerDayChart />

      <h2>{__('Schedules and backfill', 'ml-connector')}</h2>
      <Schedules />

      <h2>{__('Stock', 'ml-connector')}</h2>
      <StockSync />

      <h2>{__('Open alerts', 'ml-connector')}</h2>
      <RemoteView
        remote={alerts}
        isEmpty={(items) => items.length === 0}
        empty={__('No open alert.', 'ml-connector')}
        onRetry={() => void actions.loadAlerts()}
      >
        {(items) => (
          <ul>
            {items.map((alert) => (
              <li key={alert.id}>
                {sprintf(
                  /* translators: 1: severity, 2: the alert's message, 3: how many times it was seen, 4: when it was last seen. */
                  __('[%1$s] %2$s (%3$d×, last %4$s)', 'ml-connector'),
                  alert.severity,
                  alert.message,
                  alert.count,
                  new Date(alert.lastSeen).toLocaleString(),
                )}{' '}
                {!alert.acknowledged && (
                  <Button variant="link" onClick={() => void actions.acknowledgeAlert(alert.id)}>
                    {__('Acknowledge', 'ml-connector')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </RemoteView>

      <ExceptionReport />

      <AlertChannels />

      <h2>{__('Last errors', 'ml-connector')}</h2>
      <RemoteView
        remote={lastErrors}
        isEmpty={(items) => items.length === 0}
        empty={__('No job has failed for good.', 'ml-connector')}
        onRetry={() => void actions.loadLastErrors()}
      >
        {(items) => (
          <ul>
            {items.map((job) => (
              <li key={job.id}>
                <code>{job.id}</code> {job.kind} {job.entityKey}:{' '}
                {job.lastError?.message ?? __('no message', 'ml-connector')}
              </li>
            ))}
          </ul>
        )}
      </RemoteView>
    </div>
  );
}
