import { Button, Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import {
  getStockDrift,
  getStockRun,
  isActiveRun,
  type StockDrift,
  type StockRun,
  startStockSync,
} from '../../api/stock.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { type NoticeState, ResultNotice } from '../../components/ResultNotice.tsx';
import { StoreChooser } from '../../components/StoreChooser.tsx';
import { useRemote } from '../connection/use-remote.ts';

interface Props {
  /** How often a run's progress is read again while it goes on; default 2 s. */
  pollMs?: number;
  /** How many times at most, so a run that never ends does not poll for ever; default 150 (5 minutes at 2 s). */
  maxPolls?: number;
}

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The run's counts in a sentence. */
const countsText = (run: StockRun) =>
  sprintf(
    /* translators: 1: SKUs checked, 2: SKUs whose stock was changed, 3: product batches sent to WooCommerce. */
    __('%1$d SKUs checked, %2$d changed, %3$d batches sent', 'ml-connector'),
    run.skusChecked,
    run.skusChanged,
    run.batchesSent,
  );

/** The latest run in words, for a merchant. */
export function runText(run: StockRun): string {
  switch (run.state) {
    case 'idle':
      return __('No stock run yet for this store.', 'ml-connector');
    case 'queued':
      return __('Queued: the stock run starts shortly.', 'ml-connector');
    case 'running':
      return sprintf(
        /* translators: 1: when the run started, 2: its counts so far. */
        __('Running since %1$s: %2$s so far.', 'ml-connector'),
        when(run.startedAt),
        countsText(run),
      );
    case 'succeeded':
      return sprintf(
        /* translators: 1: when the run finished, 2: its counts. */
        __('Last run finished %1$s: %2$s.', 'ml-connector'),
        when(run.finishedAt ?? run.startedAt),
        countsText(run),
      );
    case 'failed':
      return sprintf(
        /* translators: 1: when the run stopped, 2: its counts, 3: the error. */
        __('Last run failed %1$s (%2$s): %3$s', 'ml-connector'),
        when(run.finishedAt ?? run.startedAt),
        countsText(run),
        run.error ? `${run.error.message} (${run.error.code})` : __('no message', 'ml-connector'),
      );
    case 'superseded':
      return __('The last run was replaced by a newer one before it started.', 'ml-connector');
  }
}

/** How a run that was watched here ended, as a notice. */
function endNotice(run: StockRun): NoticeState {
  if (run.state === 'failed') {
    return {
      status: 'error',
      text: sprintf(
        /* translators: %s: the run's error. */
        __('Stock sync failed: %s', 'ml-connector'),
        run.error?.message ?? __('no message', 'ml-connector'),
      ),
    };
  }
  if (run.state === 'succeeded') {
    return {
      status: 'success',
      text: sprintf(
        /* translators: %s: the run's counts. */ __('Stock sync done: %s.', 'ml-connector'),
        countsText(run),
      ),
    };
  }
  return { status: 'warning', text: runText(run) };
}

/**
 * Stock from NetSuite to each WooCommerce store: the latest run's progress, Sync stock now (its progress read again
 * every few seconds, a bounded number of times, until it ends) and Check drift (the SKUs whose store stock differs
 * from what NetSuite allows). A picker when there are several stores.
 */
export function StockSync({ pollMs = 2000, maxPolls = 150 }: Props) {
  return (
    <div className="mlc-stock">
      <StoreChooser
        platform="woocommerce"
        empty={__('No WooCommerce store is connected yet: connect one on the Connection tab.', 'ml-connector')}
        describeOnly={(only) =>
          sprintf(
            /* translators: 1: a store's name, 2: its URL. */ __('Stock of %1$s (%2$s).', 'ml-connector'),
            only.name,
            only.storeUrl,
          )
        }
      >
        {(connection) => <StockPanel connectionId={connection.id} pollMs={pollMs} maxPolls={maxPolls} />}
      </StoreChooser>
    </div>
  );
}

function StockPanel({ connectionId, pollMs, maxPolls }: { connectionId: string } & Required<Props>) {
  const load = useCallback(() => getStockRun(connectionId), [connectionId]);
  const run = useRemote(load);
  const setRun = run.set;
  const [starting, setStarting] = useState(false);
  const [watching, setWatching] = useState(false);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [drift, setDrift] = useState<StockDrift | null>(null);
  const [checking, setChecking] = useState(false);
  const [driftError, setDriftError] = useState<string | null>(null);

  // A run found going when the panel opens (the schedule's, or one started elsewhere) is watched too, once.
  const looked = useRef(false);
  useEffect(() => {
    if (looked.current || run.status !== 'ready' || !run.data) return;
    looked.current = true;
    if (isActiveRun(run.data)) setWatching(true);
  }, [run.status, run.data]);

  // One read at a time, every pollMs, until the run ends or maxPolls reads have been made.
  useEffect(() => {
    if (!watching) return;
    let cancelled = false;
    let polls = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      polls += 1;
      try {
        const latest = await getStockRun(connectionId);
        if (cancelled) return;
        setRun(latest);
        if (!isActiveRun(latest)) {
          setWatching(false);
          setNotice(endNotice(latest));
          return;
        }
      } catch (reason) {
        if (cancelled) return;
        setWatching(false);
        setNotice({ status: 'error', text: (reason as ApiError).message });
        return;
      }
      if (polls >= maxPolls) {
        setWatching(false);
        setNotice({
          status: 'warning',
          text: __('The stock run is still going: reload the page later to see how it ended.', 'ml-connector'),
        });
        return;
      }
      timer = setTimeout(() => void poll(), pollMs);
    };
    timer = setTimeout(() => void poll(), pollMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [watching, connectionId, pollMs, maxPolls, setRun]);

  const syncNow = async () => {
    setNotice(null);
    setDrift(null);
    setStarting(true);
    try {
      const queued = await startStockSync(connectionId);
      setRun(queued);
      if (isActiveRun(queued)) setWatching(true);
      else setNotice(endNotice(queued));
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    } finally {
      setStarting(false);
    }
  };

  const checkDrift = async () => {
    setDriftError(null);
    setChecking(true);
    try {
      setDrift(await getStockDrift(connectionId));
    } catch (reason) {
      setDrift(null);
      setDriftError((reason as ApiError).message);
    } finally {
      setChecking(false);
    }
  };

  const busy = starting || watching;

  return (
    <div className="mlc-stock-store">
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      <RemoteView remote={run} empty="" onRetry={() => void run.reload()}>
        {(data) => (
          <p className="mlc-stock-run">
            {busy ? (
              <span role="status">
                <Spinner /> {runText(data)}
              </span>
            ) : (
              runText(data)
            )}
            {data.state === 'succeeded' && data.drifting > 0 && (
              <>
                {' '}
                {sprintf(
                  /* translators: %d: how many SKUs. */
                  __('%d SKUs still differ from what NetSuite allows.', 'ml-connector'),
                  data.drifting,
                )}
              </>
            )}
            {data.state === 'succeeded' && data.skusNotInStore > 0 && (
              <>
                {' '}
                {sprintf(
                  /* translators: 1: how many mapped SKUs, 2: the first of them. */
                  __(
                    '%1$d mapped SKUs have no product in this store (%2$s): their stock is written once a product has the SKU again.',
                    'ml-connector',
                  ),
                  data.skusNotInStore,
                  data.notInStore.join(', ') + (data.notInStore.length < data.skusNotInStore ? ', …' : ''),
                )}
              </>
            )}
          </p>
        )}
      </RemoteView>
      <p>
        <Button variant="primary" onClick={() => void syncNow()} isBusy={busy} disabled={busy}>
          {__('Sync stock now', 'ml-connector')}
        </Button>{' '}
        <Button variant="secondary" onClick={() => void checkDrift()} isBusy={checking} disabled={checking}>
          {__('Check drift', 'ml-connector')}
        </Button>
      </p>
      {checking && (
        <p className="mlc-loading">
          <Spinner /> {__('Comparing the store’s stock with NetSuite…', 'ml-connector')}
        </p>
      )}
      {driftError && (
        <Notice status="error" onRemove={() => setDriftError(null)}>
          {driftError}
        </Notice>
      )}
      {drift && !checking && <DriftList drift={drift} />}
    </div>
  );
}

function DriftList({ drift }: { drift: StockDrift }) {
  if (drift.differences.length === 0) {
    return (
      <p className="mlc-empty">
        {sprintf(
          /* translators: 1: how many SKUs were checked, 2: when. */
          __('No difference: the %1$d SKUs checked match what NetSuite allows (%2$s).', 'ml-connector'),
          drift.skusChecked,
          when(drift.checkedAt),
        )}
      </p>
    );
  }
  return (
    <>
      <p>
        {sprintf(
          /* translators: 1: how many SKUs differ, 2: how many were checked, 3: when. */
          __('%1$d of %2$d SKUs differ from what NetSuite allows (%3$s).', 'ml-connector'),
          drift.differences.length,
          drift.skusChecked,
          when(drift.checkedAt),
        )}
      </p>
      <table className="widefat striped mlc-stock-drift">
        <thead>
          <tr>
            <th>{__('SKU', 'ml-connector')}</th>
            <th>{__('Store stock', 'ml-connector')}</th>
            <th>{__('NetSuite allows', 'ml-connector')}</th>
          </tr>
        </thead>
        <tbody>
          {drift.differences.map((difference) => (
            <tr key={difference.sku}>
              <td>{difference.sku}</td>
              <td>{difference.storefront ?? __('Not managed', 'ml-connector')}</td>
              <td>{difference.computed}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
