import { Button, Notice } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, sprintf } from '@wordpress/i18n';
import { useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import { RemoteView } from '../../components/RemoteView.tsx';
import { ResultNotice } from '../../components/ResultNotice.tsx';
import { store } from '../../store/index.ts';
import { AuditTable } from './AuditTable.tsx';

const REPLAYABLE = new Set(['dead', 'succeeded']);

/**
 * The job opened from the activity: its state, last error, timeline (what was sent and what came back, each body's
 * first 2 KB with Show full body), Replay.
 */
export function JobDetail() {
  const job = useSelect((select) => select(store).getJob(), []);
  const { loadJob, loadAuditEvent, replayJob } = useDispatch(store);
  const [notice, setNotice] = useState<{ status: 'success' | 'error'; text: string } | null>(null);

  const replay = async (id: string) => {
    setNotice(null);
    try {
      await replayJob(id);
      setNotice({
        status: 'success',
        text: __('The job runs again with the same id: NetSuite records are updated, not doubled.', 'ml-connector'),
      });
    } catch (reason) {
      setNotice({ status: 'error', text: (reason as ApiError).message });
    }
  };

  if (job.status === 'idle') return null;
  return (
    <>
      <h2>{__('Job', 'ml-connector')}</h2>
      <ResultNotice notice={notice} onRemove={() => setNotice(null)} />
      <RemoteView remote={job} empty="" onRetry={() => job.data && void loadJob(job.data.id)}>
        {(data) => (
          <div className="mlc-job">
            <p>
              <code>{data.id}</code> {data.kind} · {data.entityKey} · <strong>{data.state}</strong> ·{' '}
              {sprintf(
                /* translators: 1: the attempt, 2: how many attempts are allowed. */
                __('attempt %1$d of %2$d', 'ml-connector'),
                data.attempts,
                data.maxAttempts,
              )}
              {data.replays > 0
                ? ` · ${sprintf(/* translators: %d: how many times the job was replayed. */ __('replayed %d×', 'ml-connector'), data.replays)}`
                : ''}
            </p>
            {data.lastError?.message && (
              <Notice status="error" isDismissible={false}>
                {data.lastError.message}
              </Notice>
            )}
            {REPLAYABLE.has(data.state) && (
              <Button variant="secondary" onClick={() => void replay(data.id)}>
                {__('Replay', 'ml-connector')}
              </Button>
            )}
            <h3>{__('Timeline', 'ml-connector')}</h3>
            <AuditTable events={data.timeline} onShowWhole={loadAuditEvent} />
          </div>
        )}
      </RemoteView>
    </>
  );
}
